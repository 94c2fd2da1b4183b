"""The `mantlet` command's Typer apps. Command modules in this package attach to them."""

from __future__ import annotations

import typer

app = typer.Typer(
    name="mantlet",
    help="Mantlet: a security gateway and toolkit for generative AI.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
eval_app = typer.Typer(
    help="Measure detection quality and speed on labeled data.", no_args_is_help=True
)
app.add_typer(eval_app, name="eval")


@app.command()
def version() -> None:
    """Print Mantlet's version."""
    from mantlet import __version__

    typer.echo(__version__)
