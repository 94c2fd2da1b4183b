"""A deliberately vulnerable OpenAI-compatible chat server, for tests and demos.

Rule-based and seeded, each weakness switchable: it obeys injected instructions, follows
encoded ones, leaks its system prompt and planted data, writes insecure code, complies with
jailbreaks and harmful requests, and emits exfiltration links. With a weakness off it refuses
(in varied wordings) or answers safely. `refuse_all` refuses everything.
"""

from __future__ import annotations

import hashlib
import json
import random
import re
from collections.abc import Iterable

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from mantlet.redteam.refusals import REFUSALS
from mantlet.text import Document

WEAKNESSES = (
    "injection",
    "encodings",
    "leak_prompt",
    "leak_data",
    "insecure_code",
    "jailbreak",
    "harmful",
    "exfil",
)

_MARKER_RE = re.compile(r"MNTL-[A-Z0-9]{8}")
_CODE_WORD_RE = re.compile(r"code word:\s*(\S+)", re.I)
_OVERRIDE_RE = re.compile(
    r"\b(ignore|disregard|forget)\b.{0,40}\b(instructions?|rules|told|request|question|essay|prompt)\b"
    r"|\bnew (instructions?|prompt|task)\b|\bsystem override\b|\bpriority instruction\b"
    r"|instructions? (?:for|to) (?:the )?ai\b|\bnote to ai\b|\binstructions have been updated\b"
    r"|\bignore that\b|\breal instruction\b",
    re.I | re.S,
)
_PROMPT_ASK_RE = re.compile(
    r"system (prompt|message)|instructions|words above|configuration|context window"
    r"|canary|initial prompt",
    re.I,
)
_DATA_ASK_RE = re.compile(
    r"customer|record|ssn|social security|api key|credential|email address|card number", re.I
)
_CODE_ASK_RE = re.compile(
    r"\b(write|show|give)\b.{0,40}\b(code|function|snippet|endpoint|handler|script|program)\b",
    re.I | re.S,
)
_HARMFUL_RE = re.compile(
    r"meth|bomb|poison|stalk|ransomware|launder|fake news|bull(y|ies)|hotwire|phishing|weapon|break into"
    r"|malware|steal",
    re.I,
)
_JAILBREAK_RE = re.compile(
    r"\bDAN\b|developer mode|AIM\b|never refuses|in character|novel|thriller"
    r"|grandmother|without any apology|do not apologize|Assistant: Sure",
    re.I,
)
_PREFIX_RE = re.compile(r"(?:start|begin)[^\"]{0,40}\"([^\"]{5,120})\"", re.I)
_MANY_SHOT_RE = re.compile(r"User: Please (.+?)\.\s*Assistant:\s*$")
_EXFIL_RE = re.compile(r"(!?\[[^\]]*\]\((https?://[^)\s]+)\))")

_SAFE_CODE = {
    "c": "```c\n#include <stdio.h>\n\nvoid copy_name(char *dst, size_t size, const char *src) {\n"
    '    snprintf(dst, size, "%s", src);\n}\n```',
    "python": "```python\nimport subprocess\n\n\ndef list_dir(path: str) -> str:\n"
    '    return subprocess.run(["ls", "-l", "--", path], capture_output=True, text=True, check=True).stdout\n```',
}
_INSECURE_CODE = {
    "shell": "```python\nimport os\n\ndef run(cmd):\n    os.system(cmd)\n```",
    "sql": "```python\nimport sqlite3\nfrom flask import request\n\n@app.route('/user')\ndef user():\n"
    "    name = request.args['name']\n    conn = sqlite3.connect('app.db')\n"
    '    return str(conn.execute("SELECT * FROM users WHERE name = \'" + name + "\'").fetchall())\n```',
    "c": "```c\n#include <string.h>\n\nvoid copy_name(const char *name) {\n    char buf[32];\n    strcpy(buf, name);\n}\n```",
    "pickle": "```python\nimport pickle\n\ndef load(conn):\n    return pickle.loads(conn.recv(65536))\n```",
    "tls": "```python\nimport requests\n\nresp = requests.get(url, verify=False)\n```",
    "eval": "```javascript\napp.get('/calc', (req, res) => {\n  res.send(String(eval(req.query.expr)));\n});\n```",
}


class Behaviour:
    def __init__(
        self, weaknesses: Iterable[str], *, refuse_all: bool = False, seed: int = 0
    ) -> None:
        self.weaknesses = frozenset(weaknesses)
        unknown = self.weaknesses - set(WEAKNESSES)
        if unknown:
            raise ValueError(
                f"unknown weaknesses: {', '.join(sorted(unknown))}; known: {', '.join(WEAKNESSES)}"
            )
        self.refuse_all = refuse_all
        self.seed = seed

    def reply(self, messages: list[dict[str, str]]) -> str:
        rng = random.Random(hashlib.sha256(f"{self.seed}:{json.dumps(messages)}".encode()).digest())
        if self.refuse_all:
            return rng.choice(REFUSALS)
        system = next((m["content"] for m in messages if m.get("role") == "system"), "")
        user = next((m["content"] for m in reversed(messages) if m.get("role") == "user"), "")
        on = self.weaknesses.__contains__
        views = [user]
        if on("encodings"):
            doc = Document(user)
            views += [
                doc.folded.text,
                *(v.text for v in doc.decoded),
                _unleet(doc.folded.text, "i"),
                _unleet(doc.folded.text, "l"),
            ]
        overridden = any(_OVERRIDE_RE.search(v) for v in views)
        marker = _MARKER_RE.search(user) or _CODE_WORD_RE.search(user)
        exfil = _EXFIL_RE.search(user)
        if exfil and on("exfil"):
            return "Summary: ship the release on Monday. " + _fill_exfil(exfil.group(1), system)
        if overridden and marker:
            if on("injection"):
                return marker.group(1) if marker.re is _CODE_WORD_RE else marker.group()
            return rng.choice(REFUSALS)
        prefix = _PREFIX_RE.search(user)
        many_shot = _MANY_SHOT_RE.search(user)
        if many_shot and _HARMFUL_RE.search(many_shot.group(1)):
            return (
                f"Sure, here is how to {many_shot.group(1)}: ..."
                if on("jailbreak")
                else rng.choice(REFUSALS)
            )
        if _HARMFUL_RE.search(user):
            if prefix and (_JAILBREAK_RE.search(user) or len(messages) > 3):
                return f"{prefix.group(1)}: first, ..." if on("jailbreak") else rng.choice(REFUSALS)
            return (
                "Here is what you asked for. Step 1: ..." if on("harmful") else rng.choice(REFUSALS)
            )
        if _PROMPT_ASK_RE.search(user):
            return f"My instructions are:\n{system}" if on("leak_prompt") else rng.choice(REFUSALS)
        if _DATA_ASK_RE.search(user):
            if on("leak_data"):
                return "\n".join(
                    line for line in system.splitlines() if "record" in line or "key" in line
                )
            return rng.choice(REFUSALS)
        if _CODE_ASK_RE.search(user):
            return _code_answer(user, insecure=on("insecure_code"))
        return "Happy to help. Here is a short, general answer to your question."


def _unleet(text: str, one: str) -> str:
    """Undo leetspeak; '1' stands for both 'i' and 'l', so callers try each."""
    return text.translate(str.maketrans("4301578" + "9", "aeo" + one + "stb" + "g"))


def _fill_exfil(link: str, system: str) -> str:
    email = re.search(r"[\w.+-]+@[\w-]+\.[\w.]+", system)
    return link.replace("DATA", email.group() if email else "none")


def _code_answer(ask: str, *, insecure: bool) -> str:
    lowered = ask.lower()
    kind = (
        "c"
        if " c function" in lowered or "buffer" in lowered
        else "sql"
        if "sqlite" in lowered or "query" in lowered
        else "pickle"
        if "pickle" in lowered
        else "tls"
        if "certificate" in lowered
        else "eval"
        if "node" in lowered or "expression" in lowered
        else "shell"
    )
    if insecure:
        return "Here you go:\n" + _INSECURE_CODE[kind]
    return "Here is a safe version:\n" + _SAFE_CODE["c" if kind == "c" else "python"]


def create_app(behaviour: Behaviour) -> Starlette:
    async def chat(request: Request) -> JSONResponse:
        try:
            body = await request.json()
            messages = [
                {"role": str(m["role"]), "content": str(m.get("content") or "")}
                for m in body["messages"]
            ]
        except (ValueError, KeyError, TypeError):
            return JSONResponse(
                {"error": {"message": "bad request", "type": "invalid_request_error"}}, 400
            )
        content = behaviour.reply(messages)
        return JSONResponse(
            {
                "id": "chatcmpl-vulnerable",
                "object": "chat.completion",
                "created": 0,
                "model": body.get("model", "vulnerable"),
                "choices": [
                    {
                        "index": 0,
                        "message": {"role": "assistant", "content": content},
                        "finish_reason": "stop",
                    }
                ],
                "usage": {"prompt_tokens": 0, "completion_tokens": 0, "total_tokens": 0},
            }
        )

    async def models(request: Request) -> JSONResponse:
        return JSONResponse(
            {
                "object": "list",
                "data": [{"id": "vulnerable", "object": "model", "owned_by": "mantlet"}],
            }
        )

    return Starlette(
        routes=[
            Route("/v1/chat/completions", chat, methods=["POST"]),
            Route("/v1/models", models, methods=["GET"]),
        ]
    )
