"""Structured JSON logs: one object per line, with fields, never raw prompt or reply text."""

from __future__ import annotations

import logging
import sys
from typing import Any

import orjson

log = logging.getLogger("mantlet.gateway")


class JsonFormatter(logging.Formatter):
    """`{"ts", "level", "logger", "msg", ...fields}`; fields come from `extra={"fields": {...}}`."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "ts": round(record.created, 3),
            "level": record.levelname.lower(),
            "logger": record.name,
            "msg": record.getMessage(),
        }
        fields = getattr(record, "fields", None)
        if isinstance(fields, dict):
            entry.update(fields)
        if record.exc_info and record.exc_info[0] is not None:
            entry["error"] = record.exc_info[
                0
            ].__name__  # the type only: messages may quote content
        return orjson.dumps(entry, default=str).decode()


def configure_json_logging(level: str = "info") -> None:
    """Send the gateway's and uvicorn's logs to stderr as JSON lines."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonFormatter())
    for name in ("mantlet", "uvicorn", "uvicorn.error"):
        logger = logging.getLogger(name)
        logger.handlers[:] = [handler]
        logger.setLevel(level.upper())
        logger.propagate = False
    logging.getLogger("uvicorn.access").disabled = True  # the gateway logs each request itself


def log_event(message: str, level: int = logging.INFO, **fields: Any) -> None:
    if log.isEnabledFor(level):
        log.log(level, message, extra={"fields": fields})
