"""CI services, package registries and infrastructure tooling: npm, PyPI, NuGet, RubyGems,
Docker, CircleCI, JFrog, HashiCorp, Doppler, 1Password, Grafana and others."""

from __future__ import annotations

from mantlet.detectors.secrets.checksums import (
    bech32_checksum,
    crc32_base62_tail,
    mixed_alnum,
    not_repetitive,
)
from mantlet.detectors.secrets.format import LEFT, RIGHT, SecretFormat, in_context, prefixed

CI: tuple[SecretFormat, ...] = (
    prefixed("NPM_TOKEN", "npm", "npm_", r"[A-Za-z0-9]{36}", validator=crc32_base62_tail),
    # The macaroon's first bytes name its location: pypi.org or test.pypi.org.
    SecretFormat(
        "PYPI_TOKEN",
        LEFT + r"pypi-(?:AgEIcHlwaS5vcmc|AgENdGVzdC5weXBpLm9yZw)[A-Za-z0-9_\-]{50,}",
        ("pypi-ageichlwas5vcmc", "pypi-agendgvzdc5wexbplm9yzw"),
        "pypi",
    ),
    prefixed("NUGET_API_KEY", "nuget", "oy2", r"[a-z0-9]{43}", validator=mixed_alnum),
    prefixed("RUBYGEMS_API_KEY", "rubygems", "rubygems_", r"[a-f0-9]{48}"),
    prefixed(
        "CLOJARS_DEPLOY_TOKEN", "clojars", "CLOJARS_", r"[a-z0-9]{60}", keywords=("clojars_",)
    ),
    SecretFormat(
        "DOCKER_HUB_TOKEN",
        LEFT + r"dckr_(?:pat|oat)_[A-Za-z0-9_\-]{27,32}" + RIGHT,
        ("dckr_pat_", "dckr_oat_"),
        "docker",
    ),
    prefixed(
        "DOCKER_SWARM_TOKEN",
        "docker",
        "SWMTKN-1-",
        r"[a-z0-9]{50}-[a-z0-9]{25}",
        keywords=("swmtkn-1-",),
    ),
    prefixed(
        "DOCKER_SWARM_KEY", "docker", "SWMKEY-1-", r"[A-Za-z0-9+/]{43}", keywords=("swmkey-1-",)
    ),
    prefixed(
        "CIRCLECI_TOKEN",
        "circleci",
        "CCIPAT_",
        r"[A-Za-z0-9]{22}_[a-f0-9]{40}",
        keywords=("ccipat_",),
    ),
    prefixed(
        "CIRCLECI_TOKEN",
        "circleci",
        "CCIPRJ_",
        r"[A-Za-z0-9]{22}_[a-f0-9]{40}",
        keywords=("cciprj_",),
    ),
    in_context(
        "TRAVIS_CI_TOKEN",
        "travis",
        r"travis[A-Za-z0-9_.\-]*?(?:api)?[_\-]?token",
        r"[A-Za-z0-9_\-]{22}",
        ("travis",),
        validator=mixed_alnum,
    ),
    prefixed("JFROG_API_KEY", "jfrog", "AKCp", r"[A-Za-z0-9]{69}", keywords=("akcp",)),
    # base64 of "reftkn:01:": a JFrog identity (reference) token.
    prefixed(
        "JFROG_IDENTITY_TOKEN",
        "jfrog",
        "cmVmdGtuOjAxOj",
        r"[A-Za-z0-9]{30,}",
        keywords=("cmvmdgtuojaxoj",),
    ),
    SecretFormat(
        "TERRAFORM_CLOUD_TOKEN",
        LEFT + r"[A-Za-z0-9]{14}\.atlasv1\.[A-Za-z0-9_=\-]{60,70}" + RIGHT,
        (".atlasv1.",),
        "hashicorp",
    ),
    SecretFormat(
        "VAULT_TOKEN",
        LEFT + r"(?:hvs|hvb|hvr)\.[A-Za-z0-9_\-]{24,}" + RIGHT,
        ("hvs.", "hvb.", "hvr."),
        "hashicorp",
        not_repetitive,
    ),
    SecretFormat(
        "DOPPLER_TOKEN",
        LEFT + r"dp\.(?:pt|st|sa|scim|audit|ct)\.[A-Za-z0-9]{40,44}" + RIGHT,
        ("dp.",),
        "doppler",
    ),
    prefixed(
        "ONEPASSWORD_SERVICE_TOKEN",
        "1password",
        "ops_eyJ",
        r"[A-Za-z0-9+/_\-]{200,}={0,2}",
        keywords=("ops_eyj",),
    ),
    SecretFormat(
        "ONEPASSWORD_SECRET_KEY",
        LEFT
        + r"A3-[A-Z0-9]{6}-(?:[A-Z0-9]{11}|[A-Z0-9]{6}-[A-Z0-9]{5})-[A-Z0-9]{5}-[A-Z0-9]{5}-[A-Z0-9]{5}"
        + RIGHT,
        ("a3-",),
        "1password",
    ),
    prefixed("GRAFANA_CLOUD_TOKEN", "grafana", "glc_", r"[A-Za-z0-9+/]{32,400}={0,2}"),
    prefixed(
        "GRAFANA_SERVICE_ACCOUNT_TOKEN", "grafana", "glsa_", r"[A-Za-z0-9]{32}_[A-Fa-f0-9]{8}"
    ),
    prefixed(
        "GRAFANA_API_KEY",
        "grafana",
        "eyJrIjoi",
        r"[A-Za-z0-9]{50,400}={0,2}",
        keywords=("eyjrijoi",),
    ),
    prefixed("PULUMI_TOKEN", "pulumi", "pul-", r"[a-f0-9]{40}"),
    prefixed(
        "POSTMAN_API_KEY", "postman", "PMAK-", r"[a-f0-9]{24}-[a-f0-9]{34}", keywords=("pmak-",)
    ),
    prefixed(
        "POSTMAN_API_KEY",
        "postman",
        "PMAT-",
        r"[A-Z0-9]{26}",
        keywords=("pmat-",),
        validator=mixed_alnum,
    ),
    SecretFormat(
        "SONARQUBE_TOKEN",
        LEFT + r"(?:squ|sqp|sqa)_[a-f0-9]{40}" + RIGHT,
        ("squ_", "sqp_", "sqa_"),
        "sonarqube",
    ),
    prefixed("BUILDKITE_TOKEN", "buildkite", "bkua_", r"[a-f0-9]{40}"),
    prefixed(
        "AGE_SECRET_KEY",
        "age",
        "AGE-SECRET-KEY-1",
        r"[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58}",
        keywords=("age-secret-key-1",),
        validator=bech32_checksum,
    ),
    # NATS nkey seeds: 'S' + the key type, base32.
    SecretFormat(
        "NKEY_SEED",
        LEFT + r"S[UAONCX][A-Z2-7]{56}" + RIGHT,
        (),
        "nats",
        mixed_alnum,
    ),
    prefixed(
        "DEFINED_NETWORKING_API_KEY",
        "defined",
        "dnkey-",
        r"[A-Za-z0-9=_\-]{26}-[A-Za-z0-9=_\-]{52}",
    ),
    prefixed("PREFECT_API_KEY", "prefect", "pnu_", r"[A-Za-z0-9]{36}"),
    prefixed("README_API_KEY", "readme", "rdme_", r"[a-z0-9]{70}"),
    prefixed("WUNDERGRAPH_API_KEY", "wundergraph", "cosmo_", r"[a-f0-9]{32}"),
)
