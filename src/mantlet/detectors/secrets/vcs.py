"""Version control hosting: GitHub, GitLab, Bitbucket and Atlassian tokens."""

from __future__ import annotations

from mantlet.detectors.secrets.checksums import (
    atlassian_pat,
    crc32_base62_tail,
    mixed_alnum,
    not_repetitive,
)
from mantlet.detectors.secrets.format import LEFT, RIGHT, SecretFormat, in_context, prefixed

_GITHUB_BODY = r"[A-Za-z0-9]{36,38}"

VCS: tuple[SecretFormat, ...] = (
    prefixed("GITHUB_TOKEN", "github", "ghp_", _GITHUB_BODY, validator=crc32_base62_tail),
    prefixed("GITHUB_OAUTH_TOKEN", "github", "gho_", _GITHUB_BODY, validator=crc32_base62_tail),
    prefixed("GITHUB_APP_TOKEN", "github", "ghu_", _GITHUB_BODY, validator=crc32_base62_tail),
    prefixed("GITHUB_APP_TOKEN", "github", "ghs_", _GITHUB_BODY, validator=crc32_base62_tail),
    # Newer installation tokens: `ghs_<date>_<JWT>`.
    prefixed(
        "GITHUB_APP_TOKEN",
        "github",
        "ghs_",
        r"\d{8}_eyJ[A-Za-z0-9_\-]{10,}\.[A-Za-z0-9_\-.]{20,}",
        keywords=("ghs_",),
    ),
    prefixed(
        "GITHUB_REFRESH_TOKEN", "github", "ghr_", r"[A-Za-z0-9]{36,76}", validator=not_repetitive
    ),
    prefixed(
        "GITHUB_FINE_GRAINED_TOKEN", "github", "github_pat_", r"[A-Za-z0-9]{22}_[A-Za-z0-9]{59}"
    ),
    in_context(
        "GITHUB_TOKEN",
        "github",
        r"github[A-Za-z0-9_.\-]*?(?:token|pat|secret|key)",
        r"[a-f0-9]{40}",
        ("github",),
        validator=mixed_alnum,
    ),
    prefixed("GITLAB_TOKEN", "gitlab", "glpat-", r"[A-Za-z0-9_\-]{20}(?:\.[A-Za-z0-9_.\-]{2,})?"),
    SecretFormat(
        "GITLAB_TOKEN",
        LEFT
        + r"gl(?:dt|rt|rtr|ft|soat|cbt|imt|agent|wt|oas|ptt|ffct|mt)-[A-Za-z0-9_\-]{20,}"
        + RIGHT,
        (
            "gldt-",
            "glrt",
            "glft-",
            "glsoat-",
            "glcbt-",
            "glimt-",
            "glagent-",
            "glwt-",
            "gloas-",
            "glptt-",
            "glffct-",
            "glmt-",
        ),
        "gitlab",
        not_repetitive,
    ),
    prefixed(
        "GITLAB_RUNNER_TOKEN", "gitlab", "GR1348941", r"[A-Za-z0-9_\-]{20}", keywords=("gr1348941",)
    ),
    SecretFormat(
        "GITLAB_SESSION_COOKIE",
        r"_gitlab_session=(?P<secret>[0-9a-z]{32})" + RIGHT,
        ("_gitlab_session=",),
        "gitlab",
        mixed_alnum,
    ),
    prefixed(
        "BITBUCKET_APP_PASSWORD", "bitbucket", "ATBB", r"[A-Za-z0-9_=.\-]{28,}", keywords=("atbb",)
    ),
    prefixed(
        "BITBUCKET_ACCESS_TOKEN",
        "bitbucket",
        "ATCTT3xFfGN0",
        r"[A-Za-z0-9_=.\-]{100,}",
        keywords=("atctt3xffgn0",),
    ),
    prefixed(
        "BITBUCKET_HTTP_ACCESS_TOKEN",
        "bitbucket",
        "BBDC-",
        r"[A-Za-z0-9+/@_\-]{44}",
        keywords=("bbdc-",),
    ),
    SecretFormat(
        "ATLASSIAN_API_TOKEN",
        LEFT + r"ATATT3xFfGF0[A-Za-z0-9_\-]{150,}(?:=|\\=|%3[Dd])[A-F0-9]{8}" + RIGHT,
        ("atatt3xffgf0",),
        "atlassian",
    ),
    in_context(
        "ATLASSIAN_API_TOKEN",
        "atlassian",
        r"(?:atlassian|jira|confluence)[A-Za-z0-9_.\-]*?(?:api)?[_\-]?(?:token|key|pat)",
        r"[A-Za-z0-9]{24}",
        ("atlassian", "jira", "confluence"),
        validator=mixed_alnum,
    ),
    # Jira / Confluence Data Center PATs: base64 of "<12-digit id>:<random bytes>". Four
    # groups of `[MNO][DTjz]..`, the first written out so that `lead_first` moves the
    # look-behind after its letters, which `re` then skips to.
    SecretFormat(
        "ATLASSIAN_PAT",
        r"(?<![A-Za-z0-9+_\-])[MNO][DTjz][A-Za-z0-9]{2}(?:[MNO][DTjz][A-Za-z0-9]{2}){3}"
        r"[A-Za-z0-9]{28}" + RIGHT,
        (),
        "atlassian",
        atlassian_pat,
    ),
)
