from __future__ import annotations

import asyncio
import json
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

import mantlet.cli.audit  # noqa: F401  (registers `mantlet audit`)
from mantlet.audit import AuditLog, open_audit_store
from mantlet.cli.app import app

runner = CliRunner()


async def write_events(target: str, count: int, schema: str = "mantlet") -> list[str]:
    log = AuditLog(await open_audit_store(target, schema=schema))
    ids = [await log.append({"who": "key:1", "model": "m", "n": n}) for n in range(count)]
    await log.aclose()
    return ids


def test_verify_ok_then_broken_after_an_edit(tmp_path: Path) -> None:
    db = str(tmp_path / "audit.sqlite3")
    ids = asyncio.run(write_events(db, 4))
    ok = runner.invoke(app, ["audit", "verify", "--db", db])
    assert ok.exit_code == 0 and "OK: 4 events" in ok.output
    conn = sqlite3.connect(db, isolation_level=None)
    conn.execute("DROP TRIGGER audit_events_no_update")
    conn.execute("""UPDATE audit_events SET body = replace(body, '"n":2', '"n":7') WHERE seq = 3""")
    conn.close()
    broken = runner.invoke(app, ["audit", "verify", "--db", db])
    assert broken.exit_code == 1
    assert f"BROKEN at seq 3 (event {ids[2]})" in broken.output


def test_default_db_is_in_mantlet_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MANTLET_HOME", str(tmp_path))
    monkeypatch.delenv("MANTLET_AUDIT_DB", raising=False)
    asyncio.run(write_events(str(tmp_path / "audit.sqlite3"), 2))
    assert "OK: 2 events" in runner.invoke(app, ["audit", "verify"]).output


def test_export_writes_jsonl(tmp_path: Path) -> None:
    db = str(tmp_path / "audit.sqlite3")
    ids = asyncio.run(write_events(db, 3))
    out = tmp_path / "events.jsonl"
    result = runner.invoke(
        app, ["audit", "export", "--since", "2000-01-01", "--db", db, "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in out.read_text().splitlines()]
    assert [line["id"] for line in lines] == ids
    assert [line["chain"]["seq"] for line in lines] == [1, 2, 3]
    none = runner.invoke(
        app, ["audit", "export", "--since", "2000-01-01", "--until", "2000-01-02", "--db", db]
    )
    assert none.exit_code == 0 and "exported 0 events" in none.output


def test_export_refuses_a_bad_date(tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["audit", "export", "--since", "last tuesday", "--db", str(tmp_path / "a.db")]
    )
    assert result.exit_code == 2 and "invalid date" in result.output


def test_verify_in_postgres(postgres_dsn: str, pg_schema: str) -> None:
    asyncio.run(write_events(postgres_dsn, 3, schema=pg_schema))
    result = runner.invoke(app, ["audit", "verify", "--db", postgres_dsn, "--schema", pg_schema])
    assert result.exit_code == 0 and "OK: 3 events" in result.output


def test_unreachable_store_exits_2() -> None:
    result = runner.invoke(app, ["audit", "verify", "--db", "postgresql://nobody@127.0.0.1:1/none"])
    assert result.exit_code == 2 and "error:" in result.output


def test_a_missing_log_is_an_error_not_an_empty_ok(tmp_path: Path) -> None:
    missing = tmp_path / "gone.sqlite3"
    result = runner.invoke(app, ["audit", "verify", "--db", str(missing)])
    assert result.exit_code == 2 and "no audit log" in result.output
    assert not missing.exists()


def test_a_missing_postgres_schema_is_an_error(postgres_dsn: str, pg_schema: str) -> None:
    result = runner.invoke(app, ["audit", "verify", "--db", postgres_dsn, "--schema", pg_schema])
    assert result.exit_code == 2 and "no audit log" in result.output


def test_an_anchor_exposes_a_chain_rewritten_whole(tmp_path: Path) -> None:
    original, forged, short = (str(tmp_path / f"{n}.sqlite3") for n in ("a", "b", "c"))
    asyncio.run(write_events(original, 3))
    ok = runner.invoke(app, ["audit", "verify", "--db", original])
    anchor = ok.output.split("anchor ")[1].strip()
    assert anchor.startswith("3:")
    assert (
        runner.invoke(app, ["audit", "verify", "--db", original, "--anchor", anchor]).exit_code == 0
    )
    # An attacker who rebuilds the whole log (valid links, new hashes) is caught by the anchor.
    asyncio.run(write_events(forged, 3))
    assert runner.invoke(app, ["audit", "verify", "--db", forged]).exit_code == 0
    rewritten = runner.invoke(app, ["audit", "verify", "--db", forged, "--anchor", anchor])
    assert rewritten.exit_code == 1 and "chain rewritten" in rewritten.output
    asyncio.run(write_events(short, 2))
    truncated = runner.invoke(app, ["audit", "verify", "--db", short, "--anchor", anchor])
    assert truncated.exit_code == 1 and "anchored event is missing" in truncated.output
    bad = runner.invoke(app, ["audit", "verify", "--db", original, "--anchor", "3:abc"])
    assert bad.exit_code == 2
