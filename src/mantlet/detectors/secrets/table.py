"""Every known credential format, from the provider tables, in one tuple."""

from __future__ import annotations

from mantlet.detectors.secrets.ai import AI
from mantlet.detectors.secrets.ci import CI
from mantlet.detectors.secrets.cloud import CLOUD
from mantlet.detectors.secrets.format import SecretFormat
from mantlet.detectors.secrets.messaging import MESSAGING
from mantlet.detectors.secrets.payments import PAYMENTS
from mantlet.detectors.secrets.saas import SAAS
from mantlet.detectors.secrets.structured import STRUCTURED
from mantlet.detectors.secrets.vcs import VCS

FORMATS: tuple[SecretFormat, ...] = (
    *CLOUD,
    *VCS,
    *CI,
    *PAYMENTS,
    *MESSAGING,
    *AI,
    *SAAS,
    *STRUCTURED,
)
