"""Software-as-a-service tools: Atlassian-adjacent trackers, observability, hosting,
databases-as-a-service, design and productivity tools."""

from __future__ import annotations

from mantlet.detectors.secrets.checksums import mixed_alnum, not_repetitive
from mantlet.detectors.secrets.format import LEFT, RIGHT, SecretFormat, in_context, prefixed

_UUID = r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"

SAAS: tuple[SecretFormat, ...] = (
    prefixed("LINEAR_API_KEY", "linear", "lin_api_", r"[A-Za-z0-9]{40}"),
    prefixed("LINEAR_API_KEY", "linear", "lin_oauth_", r"[a-f0-9]{64}"),
    prefixed("NOTION_TOKEN", "notion", "secret_", r"[A-Za-z0-9]{43}", validator=mixed_alnum),
    prefixed("NOTION_TOKEN", "notion", "ntn_", r"[A-Za-z0-9]{46}", validator=mixed_alnum),
    in_context(
        "OKTA_API_TOKEN",
        "okta",
        r"okta[A-Za-z0-9_.\-]*?(?:api)?[_\-]?(?:token|key)",
        r"00[A-Za-z0-9_\-]{40}",
        ("okta",),
    ),
    in_context(
        "DATADOG_API_KEY",
        "datadog",
        r"(?:datadog|dd)[_\-]?(?:api|app|application)[_\-]?key",
        r"[a-f0-9]{32}(?:[a-f0-9]{8})?",
        ("datadog", "dd"),
        validator=mixed_alnum,
    ),
    SecretFormat(
        "NEW_RELIC_KEY",
        LEFT + r"NR(?:AK|II|JS|BR|AA)-[A-Za-z0-9_\-]{19,32}" + RIGHT,
        ("nrak-", "nrii-", "nrjs-", "nrbr-", "nraa-"),
        "newrelic",
        not_repetitive,
    ),
    SecretFormat(
        "NEW_RELIC_KEY",
        LEFT + r"(?:eu01x[a-f0-9]{31}|[a-f0-9]{36})NRAL" + RIGHT,
        ("nral",),
        "newrelic",
        mixed_alnum,
    ),
    SecretFormat(
        "SENTRY_DSN",
        r"https?://(?P<secret>[a-f0-9]{32})(?::[a-f0-9]{32})?@[A-Za-z0-9_.\-]*(?:sentry\.io|ingest\.[A-Za-z0-9_.\-]+)/\d+",
        ("sentry", "ingest"),
        "sentry",
        mixed_alnum,
        score=0.8,
    ),
    prefixed("SENTRY_AUTH_TOKEN", "sentry", "sntrys_", r"eyJ[A-Za-z0-9+/=_\-]{60,}"),
    prefixed("SENTRY_AUTH_TOKEN", "sentry", "sntryu_", r"[a-f0-9]{64}"),
    SecretFormat(
        "VERCEL_TOKEN",
        LEFT + r"vc[pikar]_[A-Za-z0-9]{40,60}" + RIGHT,
        ("vcp_", "vci_", "vck_", "vca_", "vcr_"),
        "vercel",
        mixed_alnum,
    ),
    prefixed("NETLIFY_TOKEN", "netlify", "nfp_", r"[A-Za-z0-9]{36}"),
    SecretFormat(
        "PLANETSCALE_TOKEN",
        LEFT + r"pscale_(?:tkn|pw|oauth)_[A-Za-z0-9_\-.]{32,64}" + RIGHT,
        ("pscale_",),
        "planetscale",
    ),
    SecretFormat(
        "SUPABASE_TOKEN",
        LEFT + r"(?:sbp_(?:v0_)?[a-f0-9]{40}|sb_secret_[A-Za-z0-9_\-]{31})" + RIGHT,
        ("sbp_", "sb_secret_"),
        "supabase",
    ),
    SecretFormat(
        "POSTHOG_API_KEY",
        LEFT + r"ph[xsra]_[A-Za-z0-9]{40,64}" + RIGHT,
        ("phx_", "phs_", "phr_", "pha_"),
        "posthog",
        mixed_alnum,
    ),
    prefixed("FIGMA_TOKEN", "figma", "figd_", r"[A-Za-z0-9_\-]{40}"),
    prefixed("DYNATRACE_TOKEN", "dynatrace", "dt0c01.", r"[A-Z0-9]{24}\.[A-Z0-9]{64}"),
    prefixed("DROPBOX_TOKEN", "dropbox", "sl.", r"[A-Za-z0-9_\-]{130,}"),
    SecretFormat(
        "DROPBOX_TOKEN",
        LEFT + r"[A-Za-z0-9]{11}AAAAAAAAAA[A-Za-z0-9_\-]{43}" + RIGHT,
        ("aaaaaaaaaa",),
        "dropbox",
        mixed_alnum,
    ),
    SecretFormat(
        "SALESFORCE_TOKEN",
        LEFT + r"00D[A-Za-z0-9]{12}![A-Za-z0-9_.]{90,}" + RIGHT,
        ("00d",),
        "salesforce",
    ),
    prefixed("AIRTABLE_TOKEN", "airtable", "pat", r"[A-Za-z0-9]{14}\.[a-f0-9]{64}"),
    prefixed("TYPEFORM_TOKEN", "typeform", "tfp_", r"[A-Za-z0-9_\-.=]{59}"),
    prefixed(
        "CONTENTFUL_TOKEN", "contentful", "CFPAT-", r"[A-Za-z0-9_\-]{43}", keywords=("cfpat-",)
    ),
    prefixed(
        "MAPBOX_SECRET_TOKEN",
        "mapbox",
        "sk.eyJ",
        r"[A-Za-z0-9_\-]{50,}\.[A-Za-z0-9_\-]{20,}",
        keywords=("sk.eyj",),
    ),
    prefixed("AKAMAI_CLIENT_TOKEN", "akamai", "akab-", r"[a-z0-9]{16}-[a-z0-9]{16}"),
    in_context(
        "ALGOLIA_ADMIN_KEY",
        "algolia",
        r"algolia[A-Za-z0-9_.\-]*?(?:admin|api|write)[_\-]?key",
        r"[a-f0-9]{32}",
        ("algolia",),
        validator=mixed_alnum,
    ),
    in_context(
        "PAGERDUTY_API_KEY",
        "pagerduty",
        r"pagerduty[A-Za-z0-9_.\-]*?(?:api)?[_\-]?(?:key|token)",
        r"[A-Za-z0-9_+\-]{20}",
        ("pagerduty",),
        validator=mixed_alnum,
    ),
    in_context(
        "HUBSPOT_API_KEY",
        "hubspot",
        r"hubspot[A-Za-z0-9_.\-]*?(?:api)?[_\-]?(?:key|token)",
        r"(?:pat-(?:na|eu)1-)?" + _UUID,
        ("hubspot",),
    ),
    prefixed("ASANA_TOKEN", "asana", "2/", r"\d{16}/\d{16}:[a-f0-9]{32}"),
    in_context(
        "ZENDESK_API_TOKEN",
        "zendesk",
        r"zendesk[A-Za-z0-9_.\-]*?(?:api)?[_\-]?(?:token|key)",
        r"[A-Za-z0-9]{40}",
        ("zendesk",),
        validator=mixed_alnum,
    ),
    prefixed("FRAMEIO_TOKEN", "frame.io", "fio-u-", r"[A-Za-z0-9_\-=]{64}"),
)
