"""The one shape every project-written training row takes: the shared data sets' injection
format, so generated and downloaded rows load through the same reader."""

from __future__ import annotations


def generated_row(text: str, label: int, category: str, source: str) -> dict[str, object]:
    return {"text": text, "label": label, "category": category, "source": source}
