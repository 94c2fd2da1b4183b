"""Direct and indirect injection: who wrote the text decides how it is judged.

A user's own prompt (`direct`) may legitimately talk about instructions; a retrieved
document or tool output (`indirect`) has no business addressing the model at all, so policy
usually holds it to a lower threshold. The mode travels in each finding's `reason`.
"""

from __future__ import annotations

import re
from enum import StrEnum

from mantlet.findings import Finding


class Mode(StrEnum):
    DIRECT = "direct"
    INDIRECT = "indirect"


# Messages written by whoever deploys the model (the system prompt): not judged for injection.
OPERATOR_ROLES = frozenset({"system", "developer"})
INDIRECT_ROLES = frozenset({"tool", "document", "function", "retrieved", "web", "file", "ipython"})

# Calibrated-score thresholds a policy starts from: direct near the 1%-FPR point on held-out
# data (0.9: 1.3% FPR on the shared eval split, 2.4% on the hard negatives, 3.5% on held-out
# everyday chat); indirect lower, since retrieved text has no business addressing the model.
DEFAULT_THRESHOLDS: dict[Mode, float] = {Mode.DIRECT: 0.9, Mode.INDIRECT: 0.6}

_MODE_RE = re.compile(r"(?:^|;\s*)mode=(direct|indirect)(?:;|$)")


def mode_for_role(role: str) -> Mode:
    """`indirect` for content the model reads (tool results, documents), else `direct`."""
    return Mode.INDIRECT if role.strip().lower() in INDIRECT_ROLES else Mode.DIRECT


def finding_mode(finding: Finding) -> Mode | None:
    """The mode an injection finding was judged in, read back from its reason."""
    m = _MODE_RE.search(finding.reason)
    return Mode(m.group(1)) if m else None


def exceeds_threshold(finding: Finding, thresholds: dict[Mode, float] | None = None) -> bool:
    """Whether a finding's score passes the threshold of its own mode."""
    limits = DEFAULT_THRESHOLDS if thresholds is None else thresholds
    mode = finding_mode(finding) or Mode.DIRECT
    return finding.score >= limits[mode]
