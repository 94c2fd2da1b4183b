"""Python call rules: command injection, eval, deserialization, weak crypto, TLS, temp files."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from dataclasses import dataclass

from mantlet.detectors.code.python_flow import (
    PARAM,
    REQUEST,
    Scope,
    const_str,
    dotted,
    is_constant,
    taint,
    template_of,
)


@dataclass(frozen=True, slots=True)
class CallCheck:
    node: ast.AST
    rule_id: str
    cwe: str
    name: str
    severity: str
    score: float


_SHELL_CALLS = frozenset({"os.system", "os.popen", "os.popen2", "os.popen3", "os.popen4",
    "subprocess.getoutput", "subprocess.getstatusoutput", "commands.getoutput",
    "commands.getstatusoutput", "pty.spawn", "platform.popen"})  # fmt: skip
_SUBPROCESS = frozenset({"subprocess.call", "subprocess.run", "subprocess.Popen",
    "subprocess.check_output", "subprocess.check_call", "asyncio.create_subprocess_shell",
    "os.spawnl", "os.spawnlp", "os.execl", "os.execlp", "os.execv", "os.execvp"})  # fmt: skip
_SHELLISH_NAME = re.compile(
    r"(?i)(?:^|_)(?:run|system|popen|spawn|ssh|shell|cli|cmd|command)|command|_cmd"
)
COMMAND_VAR = re.compile(r"(?i)(?:^|_)(?:cmd|command|cmdline|shell_cmd|ssh_cmd)s?$")
COMMAND_TEXT = re.compile(r"^\s*[\w./-]+(?:\s|$)")
_PICKLE = re.compile(
    r"^(?:c?[Pp]ickle|_pickle|dill|cloudpickle|jsonpickle|shelve|marshal)\.(?:loads?|Unpickler|open|decode)$"
)
_YAML_SAFE = re.compile(r"Safe|BaseLoader|CSafe")
_HASHES = re.compile(
    r"^(?:hashlib|Crypto\.Hash\.\w+|cryptography\.hazmat\.primitives\.hashes)\.(?:md5|md4|sha1|MD5|MD4|SHA1|new)$"
)
_WEAK_HASH_NAMES = frozenset({"md5", "md4", "sha1", "sha", "md2"})
_WEAK_CIPHERS = re.compile(
    r"(?:^|\.)(?:DES|DES3|ARC2|ARC4|Blowfish|XOR|CAST|TripleDES|IDEA|SEED|CAST5)(?:\.new)?$"
)
_RANDOM = re.compile(
    r"^(?:random|numpy\.random|np\.random)\.(?:random|randint|randrange|choice|choices|getrandbits|sample|shuffle|uniform|rand|bytes)$"
)
_SECRET_WORDS = re.compile(
    r"(?i)token|passw|secret|key|nonce|salt|otp|session|auth|csrf|api|credential|pin\b|reset|verif|code"
)
_TLS_OFF_CALLS = frozenset({"ssl._create_unverified_context", "ssl._create_stdlib_context"})
_EVAL = frozenset({"eval", "exec", "builtins.eval", "builtins.exec"})


def kw(call: ast.Call, name: str) -> ast.expr | None:
    for k in call.keywords:
        if k.arg == name:
            return k.value
    return None


def is_true(node: ast.expr | None) -> bool:
    return isinstance(node, ast.Constant) and node.value is True


def is_false(node: ast.expr | None) -> bool:
    return isinstance(node, ast.Constant) and node.value in (False, 0)


def _first(call: ast.Call) -> ast.expr | None:
    return call.args[0] if call.args else None


def level_score(level: int, request: float, param: float, other: float) -> float:
    return request if level == REQUEST else param if level == PARAM else other


def check_call(call: ast.Call, name: str, scope: Scope) -> Iterator[CallCheck]:
    """Every rule that looks at one call."""
    last = name.rsplit(".", 1)[-1]
    first = _first(call)
    yield from _command_injection(call, name, last, first, scope)
    if name in _EVAL and first is not None and not is_constant(first, scope):
        level = taint(first, scope)
        yield CallCheck(call, "py.eval", "CWE-95", f"{name}() of a dynamic string", "high",
                        level_score(level, 0.95, 0.85, 0.8))  # fmt: skip
    if _PICKLE.match(name) or name in ("pandas.read_pickle", "pd.read_pickle", "joblib.load"):
        yield CallCheck(
            call, "py.pickle", "CWE-502", f"{name} deserializes arbitrary objects", "high", 0.8
        )
    if name in ("yaml.load", "yaml.load_all"):
        loader = kw(call, "Loader") or (call.args[1] if len(call.args) > 1 else None)
        if loader is None or not _YAML_SAFE.search(dotted(loader)):
            yield CallCheck(
                call, "py.yaml-load", "CWE-502", "yaml.load without SafeLoader", "high", 0.85
            )
    if name in ("yaml.unsafe_load", "yaml.unsafe_load_all"):
        yield CallCheck(call, "py.yaml-load", "CWE-502", "yaml.unsafe_load", "high", 0.9)
    if name in ("torch.load",) and not is_true(kw(call, "weights_only")):
        yield CallCheck(
            call, "py.torch-load", "CWE-502", "torch.load without weights_only=True", "medium", 0.6
        )
    yield from _crypto(call, name, last, scope)
    if is_false(kw(call, "verify")) and last not in ("verify",):
        yield CallCheck(
            call,
            "py.verify-false",
            "CWE-295",
            "TLS verification turned off (verify=False)",
            "high",
            0.9,
        )
    if name in _TLS_OFF_CALLS:
        yield CallCheck(
            call, "py.unverified-context", "CWE-295", "unverified TLS context", "high", 0.9
        )
    if name == "tempfile.mktemp" or name in ("os.tempnam", "os.tmpnam"):
        yield CallCheck(call, "py.mktemp", "CWE-377", f"{name} is racy", "medium", 0.9)
    if name in ("open", "io.open") and first is not None:
        path = const_str(first, scope)
        mode = (
            const_str(call.args[1], scope)
            if len(call.args) > 1
            else const_str(kw(call, "mode") or ast.Constant(""), scope)
        )
        if path and path.startswith(("/tmp/", "/var/tmp/")) and mode and mode[0] in "wa":
            yield CallCheck(
                call,
                "py.tmp-path",
                "CWE-377",
                "fixed file name in a shared temp directory",
                "medium",
                0.6,
            )


def _command_injection(
    call: ast.Call, name: str, last: str, first: ast.expr | None, scope: Scope
) -> Iterator[CallCheck]:
    if first is None:
        return
    if name in _SHELL_CALLS:
        if not is_constant(first, scope):
            level = taint(first, scope)
            yield CallCheck(call, "py.os-system", "CWE-78", f"{name}() with a dynamic command", "high",
                            level_score(level, 0.95, 0.9, 0.85))  # fmt: skip
        return
    if name in _SUBPROCESS or name.startswith("subprocess."):
        if is_true(kw(call, "shell")):
            if not is_constant(first, scope):
                level = taint(first, scope)
                yield CallCheck(call, "py.subprocess-shell", "CWE-78", "shell=True with a dynamic command",
                                "high", level_score(level, 0.95, 0.9, 0.85))  # fmt: skip
            else:
                yield CallCheck(call, "py.subprocess-shell", "CWE-78", "shell=True", "low", 0.3)
        elif isinstance(first, ast.List) and len(first.elts) >= 3:
            head = [const_str(e, scope) for e in first.elts[:2]]
            if (
                head[0]
                and head[0].rsplit("/", 1)[-1]
                in ("sh", "bash", "zsh", "cmd", "cmd.exe", "powershell")
                and head[1] in ("-c", "/c", "-Command")
            ) and not all(is_constant(e, scope) for e in first.elts[2:]):
                yield CallCheck(
                    call, "py.shell-c", "CWE-78", "sh -c with a dynamic command", "high", 0.85
                )
        return
    if not _SHELLISH_NAME.search(last) or last in ("execute", "executemany", "run_until_complete"):
        return
    template = template_of(first, scope)
    if template is None or not COMMAND_TEXT.match(template.literal):
        return
    from mantlet.detectors.code.python_ast import SQL_RE

    if SQL_RE.search(template.literal):
        return
    if (
        isinstance(first, ast.Name)
        and not COMMAND_VAR.search(first.id)
        and not _SHELLISH_NAME.search(last)
    ):
        return
    dynamic = [v for v in template.values if not is_constant(v, scope)]
    if dynamic:
        level = max(taint(v, scope) for v in dynamic)
        yield CallCheck(first, "py.command-format", "CWE-78", f"command line built by formatting, run by {last}()",
                        "high", level_score(level, 0.9, 0.75, 0.7))  # fmt: skip


def _crypto(call: ast.Call, name: str, last: str, scope: Scope) -> Iterator[CallCheck]:
    if _HASHES.match(name):
        algo = last.lower()
        if algo == "new":
            arg = const_str(call.args[0], scope) if call.args else None
            algo = (arg or "").lower().replace("-", "")
        if algo in _WEAK_HASH_NAMES and not is_false(kw(call, "usedforsecurity")):
            yield CallCheck(
                call, "py.weak-hash", "CWE-328", f"{algo.upper()} is a weak hash", "medium", 0.7
            )
    if _WEAK_CIPHERS.search(name) and (
        name.startswith(("Crypto.", "Cryptodome.", "cryptography.")) or last == "new"
    ):
        yield CallCheck(
            call, "py.weak-cipher", "CWE-327", f"{name} is a broken cipher", "high", 0.85
        )
    for value in (*call.args, *(k.value for k in call.keywords)):
        if dotted(value).endswith(("MODE_ECB", "modes.ECB")) or (
            isinstance(value, ast.Call) and dotted(value.func).endswith("ECB")
        ):
            yield CallCheck(value, "py.ecb", "CWE-327", "ECB mode leaks patterns", "high", 0.85)
    if (
        last == "new"
        and name.endswith(("AES.new", "DES3.new", "Blowfish.new"))
        and len(call.args) >= 3
    ):
        yield from _static_iv(call.args[2], scope)
    iv_kw = kw(call, "iv") or kw(call, "IV") or kw(call, "nonce")
    if iv_kw is not None and last == "new":
        yield from _static_iv(iv_kw, scope)
    if (
        name.endswith(("modes.CBC", "modes.CFB", "modes.OFB", "modes.CTR", "modes.GCM"))
        and call.args
    ):
        yield from _static_iv(call.args[0], scope)
    if _RANDOM.match(name):
        context = f"{scope.name} {_assigned_name(call, scope)}"
        if _SECRET_WORDS.search(context):
            yield CallCheck(
                call,
                "py.random-secret",
                "CWE-338",
                "random module used for a secret",
                "medium",
                0.8,
            )
        else:
            yield CallCheck(
                call, "py.random", "CWE-330", "random module is predictable", "low", 0.35
            )


def _static_iv(node: ast.expr, scope: Scope) -> Iterator[CallCheck]:
    if (is_constant(node, scope) and const_str(node, scope) is not None) or (
        isinstance(node, ast.BinOp) and is_constant(node, scope)
    ):
        yield CallCheck(node, "py.static-iv", "CWE-329", "constant IV or nonce", "high", 0.85)


def _assigned_name(call: ast.Call, scope: Scope) -> str:
    for name, values in scope.assigns.items():
        for value in values:
            if any(sub is call for sub in ast.walk(value)):
                return name
    return ""
