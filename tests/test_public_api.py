from __future__ import annotations

import mantlet


def test_public_names_are_pinned() -> None:
    assert sorted(mantlet.__all__) == [
        "Category",
        "Document",
        "Engine",
        "Finding",
        "MantletError",
        "ScanResult",
        "Severity",
        "redact",
        "scan",
    ]
