"""`mantlet redact` and `mantlet restore`: sanitized text or JSON lines on stdout.

Fails closed: when a detector fails on some text, that text is never written unredacted;
the run stops (or, with `--errors skip|replace` on JSON lines, an error object takes the
line's place).
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Callable
from pathlib import Path
from typing import Annotated

import typer

from mantlet.cli.app import app
from mantlet.cli.common import EXIT_ERROR, bad_line, engine_for, progress_bar, want_progress
from mantlet.cli.io import (
    BadInput,
    ErrorPolicy,
    dump_json_line,
    expand_paths,
    input_size,
    inputs_or_stdin,
    path_label,
    read_json_lines,
    read_text_blocks,
    warn,
    write_out,
)
from mantlet.cli.scan import ErrorsOpt, FieldOpt, JsonlOpt, OnlyOpt, PathsArg, ProgressOpt
from mantlet.errors import ConfigError
from mantlet.transforms import Mode, Pseudonymizer, apply
from mantlet.vault import SQLiteStore, Vault, VaultError, derive_key, load_or_create_key

ModeOpt = Annotated[
    Mode, typer.Option("--mode", "-m", help="mask, redact, hash, pseudonymize or strip.")
]
KeyFileOpt = Annotated[
    Path | None,
    typer.Option("--key-file", help="Key for hash and pseudonymize (default: MANTLET_HOME/key)."),
]
VaultOpt = Annotated[
    Path | None,
    typer.Option("--vault", help="Pseudonym vault, SQLite (default: MANTLET_HOME/vault.db)."),
]
ConversationOpt = Annotated[
    str | None,
    typer.Option("--conversation", help="Pseudonyms are consistent within one conversation id."),
]


def mantlet_home() -> Path:
    """Where keys and the vault live: $MANTLET_HOME, else the XDG data folder."""
    if os.environ.get("MANTLET_HOME"):
        return Path(os.environ["MANTLET_HOME"])
    data = os.environ.get("XDG_DATA_HOME") or os.path.join(Path.home(), ".local", "share")
    return Path(data) / "mantlet"


@app.command()
def redact(
    paths: PathsArg = None,
    mode: ModeOpt = "redact",
    only: OnlyOpt = None,
    jsonl: JsonlOpt = False,
    field: FieldOpt = None,
    errors: ErrorsOpt = ErrorPolicy.FAIL,
    progress: ProgressOpt = None,
    key_file: KeyFileOpt = None,
    vault: VaultOpt = None,
    conversation: ConversationOpt = None,
) -> None:
    """Write the input with what the detectors find masked, redacted, hashed or pseudonymized."""
    engine = engine_for(only)
    key: bytes | None = None
    pseudonymizer: Pseudonymizer | None = None
    try:
        if mode == "hash":
            key = derive_key(_load_key(key_file, create=True), "mantlet hash transform")
        if mode == "pseudonymize":
            pseudonymizer = Pseudonymizer(_open_vault(vault, key_file, create=True))
            if conversation is None:
                conversation = secrets.token_hex(8)
                warn(f"pseudonyms kept under conversation {conversation}")
    except ConfigError as exc:
        warn(str(exc))
        raise typer.Exit(EXIT_ERROR) from None

    def transform(text: str, where: str) -> str | None:
        result = engine.scan(text)
        if result.failures:
            names = ", ".join(sorted({f.detector for f in result.failures}))
            warn(f"{where}: detector {names} failed; text withheld, not written unredacted")
            return None
        return apply(
            text,
            result.findings,
            mode,
            key=key,
            pseudonymizer=pseudonymizer,
            conversation=conversation,
        )

    _rewrite_inputs(inputs_or_stdin(paths), jsonl, field, errors, progress, transform)


@app.command()
def restore(
    paths: PathsArg = None,
    conversation: Annotated[
        str, typer.Option("--conversation", help="The conversation the tokens belong to.")
    ] = "",
    jsonl: JsonlOpt = False,
    field: FieldOpt = None,
    errors: ErrorsOpt = ErrorPolicy.FAIL,
    key_file: KeyFileOpt = None,
    vault: VaultOpt = None,
) -> None:
    """Turn one conversation's pseudonym tokens back into their values."""
    if not conversation:
        raise typer.BadParameter("name the conversation", param_hint="--conversation")
    try:
        pseudonymizer = Pseudonymizer(_open_vault(vault, key_file, create=False))
    except ConfigError as exc:
        warn(str(exc))
        raise typer.Exit(EXIT_ERROR) from None

    def transform(text: str, where: str) -> str | None:
        try:
            return pseudonymizer.restore(text, conversation)
        except VaultError as exc:
            warn(f"{where}: {exc}")
            raise typer.Exit(EXIT_ERROR) from None

    _rewrite_inputs(inputs_or_stdin(paths), jsonl, field, errors, False, transform)


def _load_key(key_file: Path | None, *, create: bool) -> bytes:
    path = key_file or mantlet_home() / "key"
    if not create and not path.exists():
        raise ConfigError(f"no key file at {path}")
    return load_or_create_key(path)


def _open_vault(vault: Path | None, key_file: Path | None, *, create: bool) -> Vault:
    path = vault or mantlet_home() / "vault.db"
    if not create and not path.exists():
        raise ConfigError(f"no vault at {path}")
    return Vault(SQLiteStore(path), _load_key(key_file, create=create))


def _rewrite_inputs(
    paths: list[str],
    jsonl: bool,
    field: str | None,
    policy: ErrorPolicy,
    progress: bool | None,
    transform: Callable[[str, str], str | None],
) -> None:
    """Stream every input through `transform`, text blocks or one JSON field per line."""
    if jsonl and field is None:
        raise typer.BadParameter("--jsonl needs --field FIELD", param_hint="--field")
    if not jsonl and field is not None:
        raise typer.BadParameter("--field only applies with --jsonl", param_hint="--field")
    files = list(expand_paths(paths))
    total = sum(input_size(path) or 0 for path, _ in files)
    failed = False  # a file could not be opened, or a detector failed: exit 2 at the end
    show = want_progress(progress, total, len(files))
    with progress_bar(show, total or None, "redacting") as advance:
        for path, named in files:
            label = path_label(path)
            try:
                if jsonl and field is not None:
                    for item in read_json_lines(path, field, policy):
                        advance(item.size)
                        where = f"{label}:{item.line}"
                        if item.record is None or item.text is None:
                            bad_line(item.error or f"{where}: unusable line", policy)
                            continue
                        out = transform(item.text, where)
                        if out is None:
                            failed = True
                            bad_line(f"{where}: line withheld", policy)
                            continue
                        write_out(dump_json_line({**item.record, field: out}))
                else:
                    for block in read_text_blocks(path, policy):
                        out = transform(block.text, f"{label}:{block.first_line}")
                        if out is None:
                            raise typer.Exit(EXIT_ERROR)
                        write_out(out)
                        advance(block.size)
            except BadInput as exc:
                if not named and exc.problem.startswith("binary"):
                    continue
                warn(str(exc))
                if policy is ErrorPolicy.FAIL:
                    raise typer.Exit(EXIT_ERROR) from None
                failed = failed or exc.line is None
    if failed:
        raise typer.Exit(EXIT_ERROR)
