"""OpenAI-shaped errors: `{"error": {"message", "type", "param", "code"}}` with the right status."""

from __future__ import annotations

from typing import Any

import orjson
from starlette.responses import Response

from mantlet.errors import MantletError

_TYPES = {
    400: "invalid_request_error",
    401: "authentication_error",
    403: "permission_error",
    404: "not_found_error",
    405: "invalid_request_error",
    408: "timeout_error",
    413: "invalid_request_error",
    429: "rate_limit_error",
    500: "server_error",
    502: "upstream_error",
    503: "server_error",
    504: "timeout_error",
}


class GatewayError(MantletError):
    """An error the gateway answers with: status, OpenAI `code`, and optional extras."""

    def __init__(
        self,
        status: int,
        code: str,
        message: str,
        *,
        param: str | None = None,
        headers: dict[str, str] | None = None,
        extra: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.param = param
        self.headers = headers or {}
        self.extra = extra or {}

    def body(self) -> dict[str, Any]:
        error: dict[str, Any] = {
            "message": self.message,
            "type": _TYPES.get(self.status, "server_error"),
            "param": self.param,
            "code": self.code,
        }
        error.update(self.extra)
        return {"error": error}

    def response(self) -> Response:
        return Response(
            orjson.dumps(self.body()),
            status_code=self.status,
            headers=self.headers,
            media_type="application/json",
        )


def from_mantlet_error(exc: MantletError) -> GatewayError:
    """Errors from other parts (auth ...) that carry `.status` and `.code` keep them."""
    if isinstance(exc, GatewayError):
        return exc
    status = getattr(exc, "status", 500)
    code = getattr(exc, "code", "internal_error")
    headers = getattr(exc, "headers", None)
    return GatewayError(
        int(status), str(code), str(exc), headers=headers if isinstance(headers, dict) else None
    )


def bad_request(
    message: str, *, param: str | None = None, code: str = "invalid_request"
) -> GatewayError:
    return GatewayError(400, code, message, param=param)
