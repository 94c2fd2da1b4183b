"""The Python call and assignment rules: sinks, their dangerous arguments, and fixes."""

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
    sanitized,
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
_COMMAND_VAR = re.compile(r"(?i)(?:^|_)(?:cmd|command|cmdline|shell_cmd|ssh_cmd)s?$")
_COMMAND_TEXT = re.compile(r"^\s*[\w./-]+(?:\s|$)")
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
_PATH_SINKS = frozenset({"open", "io.open", "os.open", "codecs.open", "flask.send_file", "send_file",
    "os.remove", "os.unlink", "os.rmdir", "shutil.rmtree", "shutil.copy", "shutil.copyfile",
    "shutil.move", "os.path.join", "pathlib.Path", "Path", "os.listdir", "os.makedirs",
    "FileResponse", "django.http.FileResponse", "aiofiles.open", "static_file"})  # fmt: skip
_FETCHES = re.compile(
    r"^(?:requests|httpx|urllib\.request|urllib2|urllib|aiohttp|session|self\.session|client)\.(?:get|post|put|patch|delete|head|request|urlopen|Request|stream)$|^urlopen$"
)
_TLS_OFF_CALLS = frozenset({"ssl._create_unverified_context", "ssl._create_stdlib_context"})
_XML_LXML = frozenset(
    {
        "lxml.etree.parse",
        "lxml.etree.fromstring",
        "lxml.etree.XML",
        "etree.parse",
        "etree.fromstring",
        "etree.XML",
    }
)
_XML_STDLIB = re.compile(
    r"^xml\.(?:etree\.(?:c?ElementTree)|dom\.(?:minidom|pulldom)|sax)\.(?:parse|parseString|fromstring|XML|iterparse|make_parser)$"
)
_EVAL = frozenset({"eval", "exec", "builtins.eval", "builtins.exec"})
_HTML_RE = re.compile(r"<\s*/?\s*[a-zA-Z][\w-]*[^<>]*>")


def _kw(call: ast.Call, name: str) -> ast.expr | None:
    for k in call.keywords:
        if k.arg == name:
            return k.value
    return None


def _is_true(node: ast.expr | None) -> bool:
    return isinstance(node, ast.Constant) and node.value is True


def _is_false(node: ast.expr | None) -> bool:
    return isinstance(node, ast.Constant) and node.value in (False, 0)


def _first(call: ast.Call) -> ast.expr | None:
    return call.args[0] if call.args else None


def _level_score(level: int, request: float, param: float, other: float) -> float:
    return request if level == REQUEST else param if level == PARAM else other


def check_call(call: ast.Call, name: str, scope: Scope) -> Iterator[CallCheck]:
    """Every rule that looks at one call."""
    last = name.rsplit(".", 1)[-1]
    first = _first(call)
    yield from _command_injection(call, name, last, first, scope)
    if name in _EVAL and first is not None and not is_constant(first, scope):
        level = taint(first, scope)
        yield CallCheck(call, "py.eval", "CWE-95", f"{name}() of a dynamic string", "high",
                        _level_score(level, 0.95, 0.85, 0.8))  # fmt: skip
    if _PICKLE.match(name) or name in ("pandas.read_pickle", "pd.read_pickle", "joblib.load"):
        yield CallCheck(
            call, "py.pickle", "CWE-502", f"{name} deserializes arbitrary objects", "high", 0.8
        )
    if name in ("yaml.load", "yaml.load_all"):
        loader = _kw(call, "Loader") or (call.args[1] if len(call.args) > 1 else None)
        if loader is None or not _YAML_SAFE.search(dotted(loader)):
            yield CallCheck(
                call, "py.yaml-load", "CWE-502", "yaml.load without SafeLoader", "high", 0.85
            )
    if name in ("yaml.unsafe_load", "yaml.unsafe_load_all"):
        yield CallCheck(call, "py.yaml-load", "CWE-502", "yaml.unsafe_load", "high", 0.9)
    if name in ("torch.load",) and not _is_true(_kw(call, "weights_only")):
        yield CallCheck(
            call, "py.torch-load", "CWE-502", "torch.load without weights_only=True", "medium", 0.6
        )
    yield from _crypto(call, name, last, scope)
    yield from _web(call, name, last, first, scope)
    if _is_false(_kw(call, "verify")) and last not in ("verify",):
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
            else const_str(_kw(call, "mode") or ast.Constant(""), scope)
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
    yield from _xml(call, name)
    yield from _flows(call, name, first, scope)


def _command_injection(
    call: ast.Call, name: str, last: str, first: ast.expr | None, scope: Scope
) -> Iterator[CallCheck]:
    if first is None:
        return
    if name in _SHELL_CALLS:
        if not is_constant(first, scope):
            level = taint(first, scope)
            yield CallCheck(call, "py.os-system", "CWE-78", f"{name}() with a dynamic command", "high",
                            _level_score(level, 0.95, 0.9, 0.85))  # fmt: skip
        return
    if name in _SUBPROCESS or name.startswith("subprocess."):
        if _is_true(_kw(call, "shell")):
            if not is_constant(first, scope):
                level = taint(first, scope)
                yield CallCheck(call, "py.subprocess-shell", "CWE-78", "shell=True with a dynamic command",
                                "high", _level_score(level, 0.95, 0.9, 0.85))  # fmt: skip
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
    if template is None or not _COMMAND_TEXT.match(template.literal):
        return
    from mantlet.detectors.code.python_ast import SQL_RE

    if SQL_RE.search(template.literal):
        return
    if (
        isinstance(first, ast.Name)
        and not _COMMAND_VAR.search(first.id)
        and not _SHELLISH_NAME.search(last)
    ):
        return
    dynamic = [v for v in template.values if not is_constant(v, scope)]
    if dynamic:
        level = max(taint(v, scope) for v in dynamic)
        yield CallCheck(first, "py.command-format", "CWE-78", f"command line built by formatting, run by {last}()",
                        "high", _level_score(level, 0.9, 0.75, 0.7))  # fmt: skip


def _crypto(call: ast.Call, name: str, last: str, scope: Scope) -> Iterator[CallCheck]:
    if _HASHES.match(name):
        algo = last.lower()
        if algo == "new":
            arg = const_str(call.args[0], scope) if call.args else None
            algo = (arg or "").lower().replace("-", "")
        if algo in _WEAK_HASH_NAMES and not _is_false(_kw(call, "usedforsecurity")):
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
    iv_kw = _kw(call, "iv") or _kw(call, "IV") or _kw(call, "nonce")
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


def _web(
    call: ast.Call, name: str, last: str, first: ast.expr | None, scope: Scope
) -> Iterator[CallCheck]:
    if last == "run" and _is_true(_kw(call, "debug")):
        yield CallCheck(
            call, "py.debug-run", "CWE-215", "web app run with debug=True", "medium", 0.8
        )
    if last in ("CORS", "cors"):
        origins = _kw(call, "origins") or _kw(call, "resources")
        if origins is None or "*" in (const_str(origins, scope) or "") or _has_star(origins):
            yield CallCheck(
                call, "py.cors-any", "CWE-942", "CORS allows every origin", "medium", 0.7
            )
    if first is not None and not is_constant(first, scope):
        if last in ("Markup", "mark_safe", "SafeString", "format_html_join") or name.endswith(
            "markupsafe.Markup"
        ):
            yield CallCheck(call, "py.mark-safe", "CWE-79", f"{last}() of dynamic HTML", "medium",
                            _level_score(taint(first, scope), 0.9, 0.7, 0.6))  # fmt: skip
        if last == "render_template_string":
            yield CallCheck(call, "py.template-string", "CWE-94", "template rendered from a dynamic string", "high",
                            _level_score(taint(first, scope), 0.95, 0.75, 0.7))  # fmt: skip
    if last == "Environment" and (
        name.startswith("jinja2") or "jinja" in name or name == "Environment"
    ):
        autoescape = _kw(call, "autoescape")
        if autoescape is None or _is_false(autoescape):
            yield CallCheck(
                call, "py.jinja-autoescape", "CWE-79", "Jinja2 autoescape off", "medium", 0.6
            )
    if last in ("HttpResponse", "make_response", "Response") and first is not None:
        template = template_of(first, scope)
        if (
            template is not None
            and _HTML_RE.search(template.literal)
            and any(taint(v, scope) == REQUEST for v in template.values)
        ):
            yield CallCheck(
                call,
                "py.html-response",
                "CWE-79",
                "request data formatted into HTML",
                "high",
                0.85,
            )


def _has_star(node: ast.AST) -> bool:
    return any(isinstance(s, ast.Constant) and s.value == "*" for s in ast.walk(node))


def _xml(call: ast.Call, name: str) -> Iterator[CallCheck]:
    last = name.rsplit(".", 1)[-1]
    if last == "XMLParser" and ("lxml" in name or "etree" in name):
        if (
            _is_true(_kw(call, "resolve_entities"))
            or _is_false(_kw(call, "no_network"))
            or _is_true(_kw(call, "load_dtd"))
        ):
            yield CallCheck(
                call,
                "py.lxml-entities",
                "CWE-611",
                "XML parser resolves external entities",
                "high",
                0.9,
            )
    elif name in _XML_LXML or (
        name.startswith("lxml.etree.") and last in ("parse", "fromstring", "XML")
    ):
        if _kw(call, "parser") is None and len(call.args) < 2:
            yield CallCheck(
                call,
                "py.lxml-parse",
                "CWE-611",
                "lxml parse with the default parser",
                "medium",
                0.55,
            )
    elif _XML_STDLIB.match(name):
        yield CallCheck(
            call, "py.xml-stdlib", "CWE-611", "XML parsed without defusedxml", "low", 0.45
        )
    if (
        last == "setFeature"
        and call.args
        and "external" in dotted(call.args[0])
        and len(call.args) > 1
        and _is_true(call.args[1])
    ):
        yield CallCheck(
            call, "py.sax-external", "CWE-611", "external entities turned on", "high", 0.9
        )


def _flows(call: ast.Call, name: str, first: ast.expr | None, scope: Scope) -> Iterator[CallCheck]:
    """Request input reaching a file path or a URL fetch."""
    if first is None:
        return
    if name in _PATH_SINKS:
        level = max((taint(a, scope) for a in call.args), default=0)
        if level == REQUEST:
            checked = any(sanitized(a, scope) for a in call.args)
            yield CallCheck(
                call,
                "py.path-traversal",
                "CWE-22",
                f"request input used as a path in {name}()" + (" (validated)" if checked else ""),
                "high",
                0.45 if checked else 0.85,
            )
    elif _FETCHES.match(name) or name in ("urllib.request.urlopen", "urlopen"):
        url = _kw(call, "url") or first
        level = taint(url, scope)
        if level == REQUEST and not sanitized(url, scope):
            yield CallCheck(
                call, "py.ssrf", "CWE-918", "request input chooses the URL fetched", "high", 0.85
            )
        elif level == PARAM and not is_constant(url, scope):
            yield CallCheck(
                call, "py.ssrf", "CWE-918", "fetch of a caller-supplied URL", "low", 0.4
            )
    elif name.endswith(".extractall") and _kw(call, "filter") is None and "tar" in name.lower():
        yield CallCheck(
            call, "py.tar-extract", "CWE-22", "tarfile.extractall without a filter", "medium", 0.6
        )


def check_assignment(node: ast.Assign | ast.AnnAssign, scope: Scope) -> Iterator[CallCheck]:
    """Settings-style assignments: DEBUG = True, CORS allow-all, verify flags."""
    targets = node.targets if isinstance(node, ast.Assign) else [node.target]
    value = node.value
    for target in targets:
        name = dotted(target)
        tail = name.rsplit(".", 1)[-1]
        if tail in ("CORS_ORIGIN_ALLOW_ALL", "CORS_ALLOW_ALL_ORIGINS") and _is_true(value):
            yield CallCheck(
                node, "py.cors-any", "CWE-942", "CORS allows every origin", "medium", 0.8
            )
        elif tail == "check_hostname" and _is_false(value):
            yield CallCheck(
                node, "py.check-hostname", "CWE-295", "host name check off", "high", 0.85
            )
        elif tail == "verify_mode" and value is not None and dotted(value).endswith("CERT_NONE"):
            yield CallCheck(node, "py.cert-none", "CWE-295", "certificate checks off", "high", 0.9)
        elif name in ("app.debug", "DEBUG") and _is_true(value):
            yield CallCheck(
                node,
                "py.debug-on",
                "CWE-215",
                "debug mode on",
                "medium",
                0.6 if name == "DEBUG" else 0.75,
            )
        elif _COMMAND_VAR.search(tail) and value is not None and isinstance(target, ast.Name):
            yield from _command_var(node, value, scope)


def _command_var(node: ast.AST, value: ast.expr, scope: Scope) -> Iterator[CallCheck]:
    """`cmd = "tool --flag %s" % x`: a shell command line built from outside values."""
    template = template_of(value, scope) if not isinstance(value, ast.Name) else None
    if (
        template is None
        or not _COMMAND_TEXT.match(template.literal)
        or " " not in template.literal.strip()
    ):
        return
    dynamic = [v for v in template.values if not is_constant(v, scope)]
    if dynamic:
        level = max(taint(v, scope) for v in dynamic)
        yield CallCheck(value, "py.command-format", "CWE-78", "command line built by string formatting",
                        "high", _level_score(level, 0.85, 0.7, 0.65))  # fmt: skip
