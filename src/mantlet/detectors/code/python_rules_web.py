"""Python rules for web code: XSS sinks, templates, CORS, debug mode, XML parsers, request
input reaching paths and fetches (SSRF), and settings-style assignments."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator

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
from mantlet.detectors.code.python_rules import (
    COMMAND_TEXT,
    COMMAND_VAR,
    CallCheck,
    is_false,
    is_true,
    kw,
    level_score,
)

_PATH_SINKS = frozenset({"open", "io.open", "os.open", "codecs.open", "flask.send_file", "send_file",
    "os.remove", "os.unlink", "os.rmdir", "shutil.rmtree", "shutil.copy", "shutil.copyfile",
    "shutil.move", "os.path.join", "pathlib.Path", "Path", "os.listdir", "os.makedirs",
    "FileResponse", "django.http.FileResponse", "aiofiles.open", "static_file"})  # fmt: skip

_FETCHES = re.compile(
    r"^(?:requests|httpx|urllib\.request|urllib2|urllib|aiohttp|session|self\.session|client)\.(?:get|post|put|patch|delete|head|request|urlopen|Request|stream)$|^urlopen$"
)

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

_HTML_RE = re.compile(r"<\s*/?\s*[a-zA-Z][\w-]*[^<>]*>")


def check_web_call(call: ast.Call, name: str, scope: Scope) -> Iterator[CallCheck]:
    """The rules of this module that look at one call."""
    last = name.rsplit(".", 1)[-1]
    first = call.args[0] if call.args else None
    yield from _web(call, name, last, first, scope)
    yield from _xml(call, name)
    yield from _flows(call, name, first, scope)


def _web(
    call: ast.Call, name: str, last: str, first: ast.expr | None, scope: Scope
) -> Iterator[CallCheck]:
    if last == "run" and is_true(kw(call, "debug")):
        yield CallCheck(
            call, "py.debug-run", "CWE-215", "web app run with debug=True", "medium", 0.8
        )
    if last in ("CORS", "cors"):
        origins = kw(call, "origins") or kw(call, "resources")
        if origins is None or "*" in (const_str(origins, scope) or "") or _has_star(origins):
            yield CallCheck(
                call, "py.cors-any", "CWE-942", "CORS allows every origin", "medium", 0.7
            )
    if first is not None and not is_constant(first, scope):
        if last in ("Markup", "mark_safe", "SafeString", "format_html_join") or name.endswith(
            "markupsafe.Markup"
        ):
            yield CallCheck(call, "py.mark-safe", "CWE-79", f"{last}() of dynamic HTML", "medium",
                            level_score(taint(first, scope), 0.9, 0.7, 0.6))  # fmt: skip
        if last == "render_template_string":
            yield CallCheck(call, "py.template-string", "CWE-94", "template rendered from a dynamic string", "high",
                            level_score(taint(first, scope), 0.95, 0.75, 0.7))  # fmt: skip
    if last == "Environment" and (
        name.startswith("jinja2") or "jinja" in name or name == "Environment"
    ):
        autoescape = kw(call, "autoescape")
        if autoescape is None or is_false(autoescape):
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
            is_true(kw(call, "resolve_entities"))
            or is_false(kw(call, "no_network"))
            or is_true(kw(call, "load_dtd"))
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
        if kw(call, "parser") is None and len(call.args) < 2:
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
        and is_true(call.args[1])
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
        url = kw(call, "url") or first
        level = taint(url, scope)
        if level == REQUEST and not sanitized(url, scope):
            yield CallCheck(
                call, "py.ssrf", "CWE-918", "request input chooses the URL fetched", "high", 0.85
            )
        elif level == PARAM and not is_constant(url, scope):
            yield CallCheck(
                call, "py.ssrf", "CWE-918", "fetch of a caller-supplied URL", "low", 0.4
            )
    elif name.endswith(".extractall") and kw(call, "filter") is None and "tar" in name.lower():
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
        if tail in ("CORS_ORIGIN_ALLOW_ALL", "CORS_ALLOW_ALL_ORIGINS") and is_true(value):
            yield CallCheck(
                node, "py.cors-any", "CWE-942", "CORS allows every origin", "medium", 0.8
            )
        elif tail == "check_hostname" and is_false(value):
            yield CallCheck(
                node, "py.check-hostname", "CWE-295", "host name check off", "high", 0.85
            )
        elif tail == "verify_mode" and value is not None and dotted(value).endswith("CERT_NONE"):
            yield CallCheck(node, "py.cert-none", "CWE-295", "certificate checks off", "high", 0.9)
        elif name in ("app.debug", "DEBUG") and is_true(value):
            yield CallCheck(
                node,
                "py.debug-on",
                "CWE-215",
                "debug mode on",
                "medium",
                0.6 if name == "DEBUG" else 0.75,
            )
        elif COMMAND_VAR.search(tail) and value is not None and isinstance(target, ast.Name):
            yield from _command_var(node, value, scope)


def _command_var(node: ast.AST, value: ast.expr, scope: Scope) -> Iterator[CallCheck]:
    """`cmd = "tool --flag %s" % x`: a shell command line built from outside values."""
    template = template_of(value, scope) if not isinstance(value, ast.Name) else None
    if (
        template is None
        or not COMMAND_TEXT.match(template.literal)
        or " " not in template.literal.strip()
    ):
        return
    dynamic = [v for v in template.values if not is_constant(v, scope)]
    if dynamic:
        level = max(taint(v, scope) for v in dynamic)
        yield CallCheck(value, "py.command-format", "CWE-78", "command line built by string formatting",
                        "high", level_score(level, 0.85, 0.7, 0.65))  # fmt: skip
