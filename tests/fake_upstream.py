"""A real OpenAI-compatible HTTP server on loopback, for the gateway's tests and benches.

Plain asyncio streams (uvloop when installed), HTTP/1.1 keep-alive, TCP_NODELAY, chat
completions (streamed and not), completions, embeddings and models. The model name picks
a behaviour, so a test can ask for a hostile upstream:

  *echo*        reply with the last user message as received (shows what the gateway sent)
  fake-500      answer 500            fake-429-once   429 (Retry-After: 0) once, then answer
  fake-badjson  200 with broken JSON  fake-slow       wait `slow_seconds` before answering
  fake-404      404 "model not found", as an upstream that does not know the model
  fake-truncate stream a few chunks, then drop the connection without [DONE]
  fake-drip     stream slowly (`drip_seconds` between chunks)
  *leak*        reply with the system prompt (a model that leaks it)
  *tool*        reply with a tool call whose arguments carry `reply_text`
  anything else reply with `reply_text`

Run alone for benches: `python tests/fake_upstream.py --port 9100`.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import socket
import threading
import time
from typing import Any

LOREM = (
    "Gateways sit between callers and models. They check what goes in and what comes out, "
    "and they write down what they decided. "
) * 8  # about 1 KB


class FakeUpstream:
    """Start in a background thread with `start()`; `base_url` is then set."""

    def __init__(
        self, *, chunk_chars: int = 8, slow_seconds: float = 5.0, drip_seconds: float = 0.02
    ) -> None:
        self.drip_seconds = drip_seconds
        self.reply_text = LOREM
        self.chunk_chars = chunk_chars
        self.slow_seconds = slow_seconds
        self.requests: list[dict[str, Any]] = []  # bodies received, for assertions
        self.authorizations: list[str] = []  # Authorization headers received
        self.base_url = ""
        self._loop: asyncio.AbstractEventLoop | None = None
        self._server: asyncio.Server | None = None
        self._thread: threading.Thread | None = None
        self._seen_429: set[str] = set()
        self.disconnects = 0
        self._writers: set[asyncio.StreamWriter] = set()

    # ---- lifecycle

    def start(self, port: int = 0) -> FakeUpstream:
        ready = threading.Event()

        def run() -> None:
            loop = _new_loop()
            self._loop = loop
            asyncio.set_event_loop(loop)
            self._server = loop.run_until_complete(
                asyncio.start_server(self._serve, "127.0.0.1", port, backlog=1024)
            )
            bound = self._server.sockets[0].getsockname()[1]
            self.base_url = f"http://127.0.0.1:{bound}/v1"
            ready.set()
            loop.run_forever()
            for writer in list(self._writers):
                writer.transport.abort()
            self._server.close()
            pending = asyncio.all_tasks(loop)
            for task in pending:
                task.cancel()
            loop.run_until_complete(asyncio.gather(*pending, return_exceptions=True))
            loop.run_until_complete(self._server.wait_closed())
            loop.close()

        self._thread = threading.Thread(target=run, name="fake-upstream", daemon=True)
        self._thread.start()
        ready.wait(10)
        return self

    def stop(self) -> None:
        if self._loop is not None:
            self._loop.call_soon_threadsafe(self._loop.stop)
        if self._thread is not None:
            self._thread.join(10)

    # ---- HTTP

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self._writers.add(writer)
        sock = writer.get_extra_info("socket")
        if sock is not None:
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                lines = head.decode("latin-1").split("\r\n")
                method, path, _ = lines[0].split(" ", 2)
                headers = {}
                for line in lines[1:]:
                    if ":" in line:
                        name, value = line.split(":", 1)
                        headers[name.strip().lower()] = value.strip()
                length = int(headers.get("content-length", "0"))
                body = await reader.readexactly(length) if length else b""
                self.authorizations.append(headers.get("authorization", ""))
                keep = await self._route(method, path, body, writer)
                if not keep:
                    break
        except (asyncio.IncompleteReadError, ConnectionError, asyncio.LimitOverrunError):
            pass
        finally:
            self._writers.discard(writer)
            writer.close()

    @staticmethod
    def _send(writer: asyncio.StreamWriter, status: int, payload: bytes, extra: str = "") -> None:
        reason = {200: "OK", 429: "Too Many Requests", 500: "Internal Server Error"}.get(
            status, "X"
        )
        writer.write(
            f"HTTP/1.1 {status} {reason}\r\ncontent-type: application/json\r\n"
            f"content-length: {len(payload)}\r\n{extra}\r\n".encode()
            + payload
        )

    async def _route(
        self, method: str, path: str, raw: bytes, writer: asyncio.StreamWriter
    ) -> bool:
        if method == "GET" and path.endswith("/models"):
            models = ["fake-model", "fake-echo", "gpt-4o-mini", "secret-model"]
            data = [{"id": m, "object": "model", "created": 0, "owned_by": "fake"} for m in models]
            self._send(writer, 200, json.dumps({"object": "list", "data": data}).encode())
            await writer.drain()
            return True
        try:
            body = json.loads(raw)
        except ValueError:
            self._send(
                writer, 400, b'{"error": {"message": "bad json", "type": "invalid_request_error"}}'
            )
            return True
        self.requests.append(body)
        model = str(body.get("model", ""))
        if model == "fake-500":
            self._send(writer, 500, b'{"error": {"message": "boom", "type": "server_error"}}')
        elif model == "fake-429-once" and model not in self._seen_429:
            self._seen_429.add(model)
            self._send(writer, 429, b'{"error": {"message": "slow down"}}', "retry-after: 0\r\n")
        elif model == "fake-404":
            error = {
                "message": "The model does not exist",
                "type": "invalid_request_error",
                "code": "model_not_found",
            }
            self._send(writer, 404, json.dumps({"error": error}).encode())
        elif model == "fake-badjson":
            self._send(writer, 200, b'{"id": "x", "choices": [')
        else:
            if model == "fake-slow":
                await asyncio.sleep(self.slow_seconds)
            text = self._reply_for(body)
            if path.endswith("/embeddings"):
                self._send(writer, 200, json.dumps(_embeddings(body)).encode())
            elif body.get("stream"):
                return await self._stream(writer, path, model, text)
            else:
                answer = _completion(path, model, text)
                if "tool" in model:
                    message = answer["choices"][0]["message"]
                    message["content"] = None
                    arguments = json.dumps({"note": text})
                    message["tool_calls"] = [
                        {
                            "id": "call_1",
                            "type": "function",
                            "function": {"name": "save", "arguments": arguments},
                        }
                    ]
                self._send(writer, 200, json.dumps(answer).encode())
        await writer.drain()
        return True

    def _reply_for(self, body: dict[str, Any]) -> str:
        model = str(body.get("model", ""))
        if "leak" in model:
            system = [m for m in body.get("messages", []) if m.get("role") == "system"]
            return f"My instructions are: {system[0]['content']}" if system else "no system prompt"
        if "echo" not in model:
            return self.reply_text
        if isinstance(body.get("messages"), list):
            users = [m for m in body["messages"] if isinstance(m, dict) and m.get("role") == "user"]
            content = users[-1].get("content", "") if users else ""
            return content if isinstance(content, str) else json.dumps(content)
        prompt = body.get("prompt", "")
        return prompt if isinstance(prompt, str) else json.dumps(prompt)

    async def _stream(self, writer: asyncio.StreamWriter, path: str, model: str, text: str) -> bool:
        writer.write(
            b"HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\ntransfer-encoding: chunked\r\n\r\n"
        )
        chat = path.endswith("/chat/completions")
        pieces = [text[i : i + self.chunk_chars] for i in range(0, len(text), self.chunk_chars)]
        events = []
        if chat:
            events.append(_chunk(model, {"role": "assistant", "content": ""}, None))
        for n, piece in enumerate(pieces):
            if model == "fake-truncate" and n == 3:
                await writer.drain()
                writer.transport.abort()
                return False
            events.append(
                _chunk(model, {"content": piece}, None) if chat else _text_chunk(model, piece)
            )
        events.append(_chunk(model, {}, "stop") if chat else _text_chunk(model, "", "stop"))
        try:
            for event in events:
                data = b"data: " + json.dumps(event).encode() + b"\n\n"
                writer.write(b"%x\r\n%s\r\n" % (len(data), data))
                await writer.drain()
                if model == "fake-drip":
                    await asyncio.sleep(self.drip_seconds)
            done = b"data: [DONE]\n\n"
            writer.write(b"%x\r\n%s\r\n0\r\n\r\n" % (len(done), done))
            await writer.drain()
        except ConnectionError:
            self.disconnects += 1
            return False
        return True


def _new_loop() -> asyncio.AbstractEventLoop:
    try:
        import uvloop

        return uvloop.new_event_loop()
    except ImportError:
        return asyncio.new_event_loop()


def _chunk(model: str, delta: dict[str, Any], finish: str | None) -> dict[str, Any]:
    return {
        "id": "chatcmpl-fake",
        "object": "chat.completion.chunk",
        "created": int(time.time()),
        "model": model,
        "choices": [{"index": 0, "delta": delta, "finish_reason": finish}],
    }


def _text_chunk(model: str, text: str, finish: str | None = None) -> dict[str, Any]:
    return {
        "id": "cmpl-fake",
        "object": "text_completion",
        "created": int(time.time()),
        "model": model,
        "choices": [{"index": 0, "text": text, "finish_reason": finish, "logprobs": None}],
    }


def _completion(path: str, model: str, text: str) -> dict[str, Any]:
    usage = {"prompt_tokens": 10, "completion_tokens": max(1, len(text) // 4)}
    usage["total_tokens"] = usage["prompt_tokens"] + usage["completion_tokens"]
    if path.endswith("/chat/completions"):
        return {
            "id": "chatcmpl-fake",
            "object": "chat.completion",
            "created": int(time.time()),
            "model": model,
            "choices": [
                {
                    "index": 0,
                    "message": {"role": "assistant", "content": text},
                    "finish_reason": "stop",
                }
            ],
            "usage": usage,
            "system_fingerprint": "fp_fake",
        }
    return {
        "id": "cmpl-fake",
        "object": "text_completion",
        "created": int(time.time()),
        "model": model,
        "choices": [{"index": 0, "text": text, "finish_reason": "stop", "logprobs": None}],
        "usage": usage,
    }


def _embeddings(body: dict[str, Any]) -> dict[str, Any]:
    inputs = body.get("input")
    count = len(inputs) if isinstance(inputs, list) else 1
    data = [
        {"object": "embedding", "index": i, "embedding": [0.1 * (i + 1)] * 8} for i in range(count)
    ]
    return {
        "object": "list",
        "data": data,
        "model": body.get("model"),
        "usage": {"prompt_tokens": 1, "total_tokens": 1},
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--port", type=int, default=9100)
    parser.add_argument("--chunk-chars", type=int, default=8)
    args = parser.parse_args()
    server = FakeUpstream(chunk_chars=args.chunk_chars).start(args.port)
    print(f"demo upstream (fake, not a model) on {server.base_url}", flush=True)
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        server.stop()


if __name__ == "__main__":
    main()
