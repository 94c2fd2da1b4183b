"""Every row of the credential format table: a positive and a near miss."""

from __future__ import annotations

import zlib

import pytest
from tests.detectors.credentials.format_examples import FORMAT_EXAMPLES

from mantlet import Engine
from mantlet.detectors.secrets import FORMATS
from mantlet.detectors.secrets.checksums import base62
from mantlet.patterns import hyperscan_available


def _labels(engine: Engine, text: str) -> set[str]:
    return {f.label for f in engine.scan(text).findings}


def test_the_table_holds_at_least_80_formats_and_each_has_examples() -> None:
    assert len(FORMATS) >= 80
    assert len(FORMAT_EXAMPLES) >= len(FORMATS)
    assert {f.label for f in FORMATS} == {label for label, _, _ in FORMAT_EXAMPLES}


@pytest.mark.parametrize(("label", "positive", "negative"), FORMAT_EXAMPLES)
def test_format_positive_and_near_miss(
    secrets_engine: Engine, label: str, positive: str, negative: str
) -> None:
    assert label in _labels(secrets_engine, positive)
    assert label not in _labels(secrets_engine, negative)


def test_every_prefixed_format_declares_keywords() -> None:
    for fmt in FORMATS:
        if fmt.label in {"ATLASSIAN_PAT", "DISCORD_BOT_TOKEN", "MAILGUN_API_KEY", "NKEY_SEED"}:
            continue  # no literal that every match contains: checked by a validator instead
        assert fmt.keywords, fmt.label


def _github(prefix: str, random: str) -> str:
    return prefix + random + base62(zlib.crc32(random.encode()), 6)


def test_github_token_needs_its_crc32_checksum(secrets_engine: Engine) -> None:
    good = _github("ghp_", "EXAMPLE0q7Lm2Zx9Pw4Rt8Ks3Vb6Nd1")
    bad = good[:-1] + ("A" if good[-1] != "A" else "B")
    assert "GITHUB_TOKEN" in _labels(secrets_engine, f"GH_TOKEN={good}")
    assert "GITHUB_TOKEN" not in _labels(secrets_engine, f"see {bad}")


def test_npm_token_needs_its_crc32_checksum(secrets_engine: Engine) -> None:
    good = _github("npm_", "EXAMPLE1h5Tc8Wy2Qj7Fm3Gr9Xp4Lz")
    bad = good[:-2] + "zz"
    assert "NPM_TOKEN" in _labels(secrets_engine, f"//registry.npmjs.org/:_authToken={good}")
    assert "NPM_TOKEN" not in _labels(secrets_engine, f"x {bad}")


def test_age_key_needs_its_bech32_checksum(secrets_engine: Engine) -> None:
    key = "AGE-SECRET-KEY-1G4VYZN2SF3ZJ6MN0WSKKZTTJV4SKCTTPVAJJ66M90YKNZV3NXSSSLGCN3F"
    assert "AGE_SECRET_KEY" in _labels(secrets_engine, key)
    assert "AGE_SECRET_KEY" not in _labels(secrets_engine, key[:-1] + "Q")


def test_typed_in_fillers_are_not_reported(secrets_engine: Engine) -> None:
    assert not secrets_engine.scan("sk_live_1234567890abcdefEXAMPLE1").findings
    assert not secrets_engine.scan("figd_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx").findings


def test_evidence_is_masked_and_span_is_the_token(secrets_engine: Engine) -> None:
    text = "export AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE # dev"
    (finding,) = secrets_engine.scan(text).findings
    assert text[finding.start : finding.end] == "AKIAIOSFODNN7EXAMPLE"
    assert finding.evidence == "AKIA…MPLE"
    assert "AKIAIOSFODNN7EXAMPLE" not in repr(finding)


def test_a_token_inside_a_hostname_is_not_a_token(secrets_engine: Engine) -> None:
    assert not secrets_engine.scan("akab-h5stbzeswb3v4kj3-tblc7jkffv3wfxh3.example.net").findings


@pytest.mark.skipif(not hyperscan_available(), reason="no hyperscan wheel")
def test_hyperscan_and_python_agree_on_every_example(secrets_engine: Engine) -> None:
    from mantlet.detectors.secrets import SecretsDetector

    fast = Engine([SecretsDetector()], backend="hyperscan")
    for _, positive, negative in FORMAT_EXAMPLES:
        for text in (positive, negative):
            assert fast.scan(text).findings == secrets_engine.scan(text).findings
