"""The hold-back window: values split across chunks are still rewritten before any part
of them is sent, text flows before the stream ends, and a block stops the stream."""

from __future__ import annotations

from typing import Any

from harness import TEST_DETECTORS, policy_from

from mantlet.engine import Engine
from mantlet.gateway.app import compile_policy
from mantlet.gateway.guard import Guard, GuardContext
from mantlet.gateway.streaming import StreamBlocked, StreamScanner
from mantlet.policy import load_policy
from mantlet.transforms import Pseudonymizer
from mantlet.vault import Vault

KEY = "sk-test-" + "Q1w2E3r4T5y6U7i8O9p0"


def scanner(policy_text: str | None = None, holdback: int = 32) -> StreamScanner:
    policy = compile_policy(
        policy_from(policy_text) if policy_text else load_policy(), TEST_DETECTORS
    )
    vault = Vault.in_memory()
    guard = Guard(
        policy,
        pseudonymizer=Pseudonymizer(vault),
        input_engine=Engine(TEST_DETECTORS, only=policy.categories("input")),
        output_engine=Engine(TEST_DETECTORS, only=policy.categories("output")),
    )
    input_table = policy.table("input", "user", "prod")
    output_table = policy.table("output", "user", "prod")
    assert input_table is not None and output_table is not None
    context = GuardContext(input_table, output_table, conversation="caller-1")
    return StreamScanner(guard, context, "chat", holdback=holdback)


def chunk(text: str, finish: str | None = None) -> dict[str, Any]:
    return {
        "id": "c",
        "choices": [{"index": 0, "delta": {"content": text}, "finish_reason": finish}],
    }


def run(stream: StreamScanner, text: str, size: int = 3) -> tuple[list[str], StreamBlocked | None]:
    sent: list[str] = []
    pieces = [text[i : i + size] for i in range(0, len(text), size)]
    for i, piece in enumerate(pieces):
        out = stream.feed(chunk(piece, "stop" if i == len(pieces) - 1 else None))
        if isinstance(out, StreamBlocked):
            return sent, out
        if out is not None:
            sent.append(out["choices"][0]["delta"]["content"])
    return sent, None


def test_secret_split_across_chunks_is_redacted_before_it_is_sent() -> None:
    text = "start " + "filler words here " * 5 + f"the key {KEY} end " + "more text " * 10
    sent, blocked = run(scanner(), text, size=3)
    assert blocked is None
    whole = "".join(sent)
    assert KEY not in whole and whole.count("<TEST_KEY>") == 1
    assert whole == text.replace(KEY, "<TEST_KEY>")
    for i in range(len(sent)):  # no prefix of what was sent ends in a piece of the key
        assert KEY[:8] not in "".join(sent[: i + 1]) or "<TEST_KEY>" in "".join(sent[: i + 1])


def test_text_flows_before_the_stream_ends() -> None:
    text = "word " * 200
    stream = scanner(holdback=32)
    first_release = None
    for i in range(0, len(text), 4):
        out = stream.feed(chunk(text[i : i + 4]))
        if out is not None and out["choices"][0]["delta"]["content"]:
            first_release = i
            break
    assert first_release is not None and first_release < 200


def test_pseudonym_tokens_split_across_chunks_are_restored() -> None:
    stream = scanner()
    token = stream.guard.pseudonymizer.vault.token_for("caller-1", "EMAIL", "ann@example.com")  # type: ignore[union-attr]
    stream.context.pseudonymized = True
    stream.context.prompt = "mail ann@example.com"
    text = "I will write to " + token + " right away. " + "ok " * 30
    sent, _ = run(stream, text, size=2)
    assert "".join(sent) == text.replace(token, "ann@example.com")


def test_block_stops_the_stream() -> None:
    policy = "output:\n  categories:\n    SECRET: {action: block}\n"
    sent, blocked = run(scanner(policy), "fine " * 20 + KEY + " tail " * 20, size=5)
    assert blocked is not None
    assert blocked.decision.reasons() == [
        {"category": "SECRET", "label": "TEST_KEY", "action": "block"}
    ]
    assert KEY[:10] not in "".join(sent)


def test_streamed_tool_call_arguments_are_gathered_and_scanned() -> None:
    stream = scanner()
    arguments = '{"note": "' + KEY + '"}'
    first = {
        "index": 0,
        "id": "call_1",
        "type": "function",
        "function": {"name": "save", "arguments": ""},
    }
    deltas = [first] + [
        {"index": 0, "function": {"arguments": arguments[i : i + 5]}}
        for i in range(0, len(arguments), 5)
    ]
    sent = []
    for delta in deltas:
        out = stream.feed(
            {
                "id": "c",
                "choices": [{"index": 0, "delta": {"tool_calls": [delta]}, "finish_reason": None}],
            }
        )
        assert out is None  # nothing of the arguments leaves before they are whole
    out = stream.feed(
        {"id": "c", "choices": [{"index": 0, "delta": {}, "finish_reason": "tool_calls"}]}
    )
    assert isinstance(out, dict)
    sent = out["choices"][0]["delta"]["tool_calls"]
    assert sent == [
        {
            "index": 0,
            "id": "call_1",
            "type": "function",
            "function": {"name": "save", "arguments": '{"note": "<TEST_KEY>"}'},
        }
    ]
