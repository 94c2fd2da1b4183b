"""Prometheus metrics for one gateway: requests, decisions, stage latencies, upstream errors.

Each gateway app owns its registry, so several apps (tests, workers) never collide.
"""

from __future__ import annotations

from prometheus_client import CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.exposition import CONTENT_TYPE_LATEST

_STAGE_BUCKETS = (
    0.0005,
    0.001,
    0.0025,
    0.005,
    0.01,
    0.025,
    0.05,
    0.1,
    0.25,
    0.5,
    1,
    2.5,
    5,
    10,
    30,
)


class GatewayMetrics:
    content_type = CONTENT_TYPE_LATEST

    def __init__(self) -> None:
        self.registry = CollectorRegistry(auto_describe=True)
        self.requests = Counter(
            "mantlet_requests",
            "Requests answered, by endpoint and status.",
            ["endpoint", "status"],
            registry=self.registry,
        )
        self.decisions = Counter(
            "mantlet_decisions",
            "Policy verdicts, by direction, category and action.",
            ["direction", "category", "action"],
            registry=self.registry,
        )
        self.stage_seconds = Histogram(
            "mantlet_stage_seconds",
            "Time spent per request stage.",
            ["stage"],
            buckets=_STAGE_BUCKETS,
            registry=self.registry,
        )
        self.upstream_errors = Counter(
            "mantlet_upstream_errors",
            "Upstream failures, by upstream and kind.",
            ["upstream", "kind"],
            registry=self.registry,
        )
        self.detector_failures = Counter(
            "mantlet_detector_failures",
            "Detector exceptions (each one fails closed unless policy says otherwise).",
            ["detector"],
            registry=self.registry,
        )
        self.audit_failures = Counter(
            "mantlet_audit_failures",
            "Audit events that could not be written.",
            registry=self.registry,
        )
        self._stages: dict[str, Histogram] = {}

    def stage(self, name: str, seconds: float) -> None:
        child = self._stages.get(name)
        if child is None:
            child = self._stages[name] = self.stage_seconds.labels(name)  # type: ignore[assignment]
        child.observe(seconds)

    def render(self) -> bytes:
        return generate_latest(self.registry)
