"""Rules shared by many languages, plus shell, SQL, and Python when its tree cannot be built."""

from __future__ import annotations

from mantlet.detectors.code.language import (
    CPP,
    CSHARP,
    GO,
    JAVA,
    JAVASCRIPT,
    PHP,
    PYTHON,
    RUBY,
    RUST,
    SHELL,
    SQL,
)
from mantlet.detectors.code.rules import ANY, Rule, rule

_SQL_HEAD = (
    r"(?:select\s[^\"'`]*?\bfrom|insert\s+into|update\s+[\w.`\[\]\"]+\s+set|delete\s+from)\b"
)
_NON_PY = (JAVASCRIPT, JAVA, CSHARP, CPP, GO, PHP, RUBY, RUST)

COMMON_RULES: tuple[Rule, ...] = (
    rule("any.sql-concat", "CWE-89", "SQL built by concatenation or interpolation", "high", _NON_PY,
         r"(?i)[\"'`]\s*" + _SQL_HEAD + r"[^\"'`\n]*(?:[\"'`]\s*(?:\+|\.(?!\w))\s*[\w$(]|\$\{|#\{|\{\$)",
         "Use parameterized queries with bound values.", score=0.8, flags=0,
         keywords=("select", "insert", "update", "delete")),
    rule("any.hardcoded-password", "CWE-798", "hardcoded password", "high", ANY,
         r"(?i)(?<![\w.])[\"']?(?:[\w.]*?(?:password|passwd|pwd|passphrase|secret_key|api_?key|apikey|auth_token|access_token|client_secret|private_key))[\"']?\s*(?:=|:=|:|=>)\s*(?:[frbu]|@)?[\"']((?!(?:\*+|x+|\.+|<[^>]*>|\$\{[^}]*\}|%\(?\w*\)?s|\{\w*\}|your[\w-]*|changeme|password|example\w*|test|dummy|none|null|secret|\s*|[a-z]+(?:_[a-z]+)+|[\w./-]*\.(?:html?|txt|json|ya?ml|xml|pem|key|crt|cfg|ini|env|tpl|j2))[\"'])[^\"'\s]{4,})[\"']",
         "Read credentials from the environment or a secret store.", score=0.75, flags=0, group=1,
         keywords=("pass", "pwd", "secret", "key", "token")),
    rule("any.cors-header", "CWE-942", "Access-Control-Allow-Origin: *", "medium", ANY,
         r"(?i)Access-Control-Allow-Origin['\"]?\s*(?:,|:|=>|\]\s*=)\s*['\"]?\*", "Reflect only allow-listed origins.", score=0.75,
         flags=0, keywords=("access-control-allow-origin",)),
    rule("any.chmod-777", "CWE-732", "world-writable permissions", "medium", (SHELL, PYTHON, RUBY, PHP, GO, JAVASCRIPT),
         r"\bchmod\b[^\n]*\b0?o?777\b|os\.chmod\([^)]*0o?777|\bchmod\s+(?:-R\s+)?(?:a\+rwx|o\+w)", "Grant the least permissions needed (0600/0755).", score=0.75,
         keywords=("777", "rwx", "o+w")),
    # shell
    rule("sh.curl-insecure", "CWE-295", "TLS verification disabled", "high", (SHELL,),
         r"\bcurl\b[^\n]*\s(?:-k|--insecure)\b|\bwget\b[^\n]*--no-check-certificate|GIT_SSL_NO_VERIFY=(?:1|true)|sslverify\s*=?\s*false",
         "Keep certificate verification on.", score=0.85, keywords=("curl", "wget", "ssl")),
    rule("sh.pipe-to-shell", "CWE-494", "downloaded script piped into a shell", "medium", (SHELL,),
         r"\b(?:curl|wget)\b[^\n|]*\|\s*(?:sudo\s+)?(?:ba|z)?sh\b", "Download, verify a checksum or signature, then run.", score=0.7,
         keywords=("curl", "wget")),
    rule("sh.eval", "CWE-95", "eval of a variable", "medium", (SHELL,),
         r"(?<![\w-])eval\s+[\"']?\$", "Avoid eval; use arrays for commands.", score=0.7, keywords=("eval",)),
    rule("sh.tmp", "CWE-377", "fixed name in /tmp", "low", (SHELL,),
         r">\s*/tmp/[\w.-]+\b", "Use mktemp.", score=0.5, keywords=("/tmp/",)),
    # SQL
    rule("sql.dynamic", "CWE-89", "dynamic SQL from concatenation", "high", (SQL,),
         r"(?i)\b(?:EXEC(?:UTE)?\s*\(\s*(?:@\w+\s*\+|'[^;]*'\s*\+\s*@\w+)|EXEC(?:UTE)?\s+IMMEDIATE\s+[^;]*\|\||sp_executesql\s+N?'[^']*'\s*\+|PREPARE\s+\w+\s+FROM\s+CONCAT\s*\()",
         "Use sp_executesql / EXECUTE ... USING with parameters.", score=0.8, flags=0, keywords=("exec", "prepare")),
    rule("sql.grant-all", "CWE-732", "all privileges to everyone", "medium", (SQL,),
         r"(?i)GRANT\s+ALL(?:\s+PRIVILEGES)?\s+ON\s+[^;]+\s+TO\s+(?:PUBLIC|'?%'?|['\"]?\w+['\"]?@['\"]?%)", "Grant least privilege to named roles.",
         score=0.65, flags=0, keywords=("grant",)),
)  # fmt: skip

# Python when its tree cannot be built (fragments, Python 2): the same checks as patterns.
PYTHON_FALLBACK_RULES: tuple[Rule, ...] = (
    rule("py.re.shell-true", "CWE-78", "shell=True with a dynamic command", "high", (PYTHON,),
         r"subprocess\.\w+\(\s*(?![\"'][^\"'\n]*[\"']\s*,)[^\n]*shell\s*=\s*True",
         "Pass a list of arguments and drop shell=True.", score=0.8, keywords=("shell",)),
    rule("py.re.os-system", "CWE-78", "os.system with a dynamic command", "high", (PYTHON,),
         r"\bos\.(?:system|popen)\s*\(\s*(?:f[\"']|[\"'][^\"']*[\"']\s*(?:%|\+|\.format)|[a-z_]\w*\s*\))",
         "Use subprocess.run([...]) without a shell.", score=0.8, keywords=("os.",)),
    rule("py.re.sql", "CWE-89", "SQL built by string formatting", "high", (PYTHON,),
         r"(?i)\.execute\s*\(\s*(?:f[\"']|[\"'][^\"']*\b(?:select|insert|update|delete)\b[^\"']*[\"']\s*(?:%|\+|\.format))",
         "Pass values as parameters: execute(sql, (value,)).", score=0.8, flags=0, keywords=("execute",)),
    rule("py.re.eval", "CWE-95", "eval of a dynamic string", "high", (PYTHON,),
         r"(?<![\w.])(?:eval|exec)\s*\(\s*(?![\"'][^\"']*[\"']\s*\))[\w(f]", "Use ast.literal_eval or explicit parsing.", score=0.7, keywords=("eval", "exec")),
    rule("py.re.pickle", "CWE-502", "pickle deserializes arbitrary objects", "high", (PYTHON,),
         r"\b(?:c?[Pp]ickle|marshal|dill|shelve)\.(?:loads?|open)\s*\(|\byaml\.load\s*\((?![^)]*Safe)", "Use JSON or yaml.safe_load.", score=0.8,
         keywords=("pickle", "marshal", "dill", "shelve", "yaml")),
    rule("py.re.weak-hash", "CWE-328", "MD5/SHA-1 hash", "medium", (PYTHON,),
         r"\bhashlib\.(?:md5|sha1)\s*\((?![^)]*usedforsecurity\s*=\s*False)|hashlib\.new\s*\(\s*['\"](?:md5|sha1)['\"]", "Use hashlib.sha256; a KDF for passwords.", score=0.7,
         keywords=("md5", "sha1")),
    rule("py.re.verify", "CWE-295", "TLS verification turned off", "high", (PYTHON,),
         r"\bverify\s*=\s*False\b|_create_unverified_context|CERT_NONE", "Keep certificate verification on.", score=0.85, keywords=("verify", "cert_none")),
    rule("py.re.mktemp", "CWE-377", "tempfile.mktemp is racy", "medium", (PYTHON,),
         r"\btempfile\.mktemp\s*\(|\bmktemp\s*\(", "Use tempfile.mkstemp or NamedTemporaryFile.", score=0.85, keywords=("mktemp",)),
    rule("py.re.debug", "CWE-215", "debug mode on", "medium", (PYTHON,),
         r"\.run\s*\([^)]*debug\s*=\s*True", "Turn debug off in production.", score=0.75, keywords=("debug",)),
)  # fmt: skip

PATTERN_LANGUAGES = (PYTHON, JAVASCRIPT, JAVA, CSHARP, CPP, GO, PHP, RUBY, RUST, SHELL, SQL)
