"""`mantlet policy check|schema|default`: validate a policy file, export its JSON schema,
print the built-in policy."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from mantlet.cli.app import app

policy_app = typer.Typer(help="Check, explain and export gateway policies.", no_args_is_help=True)
app.add_typer(policy_app, name="policy")


@policy_app.command("check")
def check(file: Annotated[Path, typer.Argument(help="policy YAML file")]) -> None:
    """Validate a policy file; each error names the field and the line. Exit 1 if invalid."""
    from mantlet.policy import CompiledPolicy, PolicyError, load_policy

    try:
        policy = load_policy(file)
    except PolicyError as exc:
        for issue in exc.issues:
            typer.echo(f"{file}: {issue}", err=True)
        raise typer.Exit(1) from None
    compiled = CompiledPolicy(policy)
    roles = ", ".join(policy.roles) or "none"
    typer.echo(f"ok: policy {policy.name!r} version {compiled.version} (roles: {roles})")


@policy_app.command("schema")
def schema() -> None:
    """Print the policy file's JSON schema (for editors and CI checks)."""
    from mantlet.policy import Policy

    typer.echo(json.dumps(Policy.model_json_schema(), indent=2))


@policy_app.command("default")
def default() -> None:
    """Print the built-in default policy, a starting point for your own."""
    from mantlet.policy import DEFAULT_POLICY_YAML

    typer.echo(DEFAULT_POLICY_YAML, nl=False)
