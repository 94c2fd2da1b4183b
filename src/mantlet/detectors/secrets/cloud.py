"""Cloud providers: AWS, Google Cloud, Azure, Alibaba, Tencent, DigitalOcean, IBM and others."""

from __future__ import annotations

from mantlet.detectors.secrets.checksums import mixed_alnum, not_repetitive
from mantlet.detectors.secrets.format import LEFT, RIGHT, SecretFormat, in_context, prefixed

_B64 = r"[A-Za-z0-9+/]"

CLOUD: tuple[SecretFormat, ...] = (
    SecretFormat(
        "AWS_ACCESS_KEY",
        LEFT + r"(?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}" + RIGHT,
        ("a3t", "akia", "asia", "abia", "acca"),
        "aws",
        not_repetitive,
    ),
    in_context(
        "AWS_SECRET_KEY",
        "aws",
        r"(?:aws|amazon)[A-Za-z0-9_.\-]*?(?:secret|sk|private)",
        _B64 + r"{40}",
        ("aws", "amazon"),
        validator=mixed_alnum,
        score=0.9,
    ),
    in_context(
        "AWS_SECRET_KEY",
        "aws",
        r"secret_?access_?key",
        _B64 + r"{40}",
        ("secretaccesskey", "secret_access_key"),
        validator=mixed_alnum,
        score=0.9,
    ),
    SecretFormat(
        "AWS_SESSION_TOKEN",
        LEFT + r"(?:FwoGZXIvYXdzE|IQoJb3JpZ2luX2Vj|IQoJb3JpZ2lu)" + r"[A-Za-z0-9+/=]{100,}",
        ("fwogzxivyxdze", "iqojb3jpz2lu"),
        "aws",
    ),
    prefixed(
        "AWS_MWS_KEY",
        "aws",
        "amzn.mws.",
        r"[0-9a-z]{8}-[0-9a-z]{4}-[0-9a-z]{4}-[0-9a-z]{4}-[0-9a-z]{12}",
    ),
    prefixed("AWS_BEDROCK_API_KEY", "aws", "ABSK", _B64 + r"{100,}={0,2}", keywords=("absk",)),
    prefixed("AWS_BEDROCK_API_KEY", "aws", "bedrock-api-key-", r"[A-Za-z0-9+/=_\-]{32,}"),
    prefixed("AWS_APPSYNC_API_KEY", "aws", "da2-", r"[a-z0-9]{26}", validator=mixed_alnum),
    prefixed("GCP_API_KEY", "google", "AIza", r"[0-9A-Za-z_\-]{35}", keywords=("aiza",)),
    SecretFormat(
        "GCP_SERVICE_ACCOUNT_KEY",
        r"\"private_key_id\"\s*:\s*\"(?P<secret>[0-9a-f]{40})\"",
        ("private_key_id",),
        "google",
        not_repetitive,
    ),
    prefixed("GOOGLE_OAUTH_CLIENT_SECRET", "google", "GOCSPX-", r"[A-Za-z0-9_\-]{28}"),
    prefixed("GOOGLE_OAUTH_ACCESS_TOKEN", "google", "ya29.", r"[0-9A-Za-z_\-]{30,}"),
    prefixed("GOOGLE_OAUTH_REFRESH_TOKEN", "google", "1//0", r"[0-9A-Za-z_\-]{40,}"),
    SecretFormat(
        "AZURE_STORAGE_KEY",
        r"(?i:AccountKey)\s*=\s*(?P<secret>" + _B64 + r"{86}==)",
        ("accountkey",),
        "azure",
    ),
    SecretFormat(
        "AZURE_STORAGE_KEY",
        LEFT + r"[A-Za-z0-9+/]{52}JQQJ99[A-Za-z0-9+/]{26}={0,2}",
        ("jqqj99",),
        "azure",
        not_repetitive,
    ),
    SecretFormat(
        "AZURE_SHARED_ACCESS_KEY",
        r"(?i:SharedAccessKey)\s*=\s*(?P<secret>" + _B64 + r"{43}=)",
        ("sharedaccesskey",),
        "azure",
    ),
    SecretFormat(
        "AZURE_SAS_TOKEN",
        r"(?i)[?&]sv=\d{4}-\d\d-\d\d[A-Za-z0-9_%&=:.+/\-]*?[?&]sig=(?P<secret>[A-Za-z0-9%+/]{40,}(?:=|%3D)*)",
        ("sv=",),
        "azure",
    ),
    SecretFormat(
        "AZURE_CLIENT_SECRET",
        LEFT + r"[A-Za-z0-9_~.]{3}\dQ~[A-Za-z0-9_~.\-]{31,34}" + RIGHT,
        ("q~",),
        "azure",
        mixed_alnum,
    ),
    prefixed("ALIBABA_ACCESS_KEY", "alibaba", "LTAI", r"[A-Za-z0-9]{12,20}", validator=mixed_alnum),
    prefixed("TENCENT_SECRET_ID", "tencent", "AKID", r"[A-Za-z0-9]{32}", validator=mixed_alnum),
    SecretFormat(
        "DIGITALOCEAN_TOKEN",
        LEFT + r"do[opr]_v1_[a-f0-9]{64}" + RIGHT,
        ("dop_v1_", "doo_v1_", "dor_v1_"),
        "digitalocean",
    ),
    in_context(
        "IBM_CLOUD_API_KEY",
        "ibm",
        r"ibm[A-Za-z0-9_.\-]*?(?:api)?[_\-]?key",
        r"[A-Za-z0-9_\-]{44}",
        ("ibm",),
    ),
    in_context(
        "ORACLE_CLOUD_API_KEY",
        "oracle",
        r"(?:oci|oracle)[A-Za-z0-9_.\-]*?(?:auth_?token|api_?key|secret)",
        r"[A-Za-z0-9_\-+/.:;<>()\[\]{}#]{20,}",
        ("oci", "oracle"),
        validator=mixed_alnum,
    ),
    SecretFormat(
        "CLOUDFLARE_API_TOKEN",
        LEFT + r"cf(?:at|ut|k)_[A-Za-z0-9]{40,}" + RIGHT,
        ("cfat_", "cfut_", "cfk_"),
        "cloudflare",
    ),
    prefixed("CLOUDFLARE_ORIGIN_CA_KEY", "cloudflare", "v1.0-", r"[a-f0-9]{24}-[a-f0-9]{146}"),
    prefixed("HEROKU_API_KEY", "heroku", "HRKU-", r"[A-Za-z0-9_\-]{36,64}", keywords=("hrku-",)),
    in_context(
        "HEROKU_API_KEY",
        "heroku",
        r"heroku[A-Za-z0-9_.\-]*?(?:api)?[_\-]?(?:key|token)",
        r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}",
        ("heroku",),
    ),
    SecretFormat(
        "DATABRICKS_TOKEN",
        LEFT + r"dapi[a-f0-9]{32}(?:-\d)?" + RIGHT,
        ("dapi",),
        "databricks",
        mixed_alnum,
    ),
    prefixed("FLY_IO_TOKEN", "fly.io", "fo1_", r"[A-Za-z0-9_\-]{43}"),
    prefixed(
        "SCALEWAY_SECRET_KEY",
        "scaleway",
        "SCW",
        r"[A-Z0-9]{17}",
        validator=mixed_alnum,
        keywords=("scw",),
    ),
)
