"""What each CWE a code rule reports is called, and where it sits in the OWASP Top 10 (2021)."""

from __future__ import annotations

_INJECTION = "A03:2021-Injection"
_CRYPTO = "A02:2021-Cryptographic Failures"
_DESIGN = "A04:2021-Insecure Design"
_MISCONFIG = "A05:2021-Security Misconfiguration"
_INTEGRITY = "A08:2021-Software and Data Integrity Failures"
_ACCESS = "A01:2021-Broken Access Control"
_AUTH = "A07:2021-Identification and Authentication Failures"
_SSRF = "A10:2021-Server-Side Request Forgery (SSRF)"
_COMPONENTS = "A06:2021-Vulnerable and Outdated Components"

CWE_INFO: dict[str, tuple[str, str]] = {
    "CWE-22": ("Path traversal", _ACCESS),
    "CWE-78": ("OS command injection", _INJECTION),
    "CWE-79": ("Cross-site scripting", _INJECTION),
    "CWE-89": ("SQL injection", _INJECTION),
    "CWE-94": ("Code injection", _INJECTION),
    "CWE-95": ("Eval injection", _INJECTION),
    "CWE-98": ("PHP remote file inclusion", _INJECTION),
    "CWE-120": ("Buffer copy without checking size", _INJECTION),
    "CWE-134": ("Externally controlled format string", _INJECTION),
    "CWE-190": ("Integer overflow in allocation size", _DESIGN),
    "CWE-215": ("Debug mode enabled", _MISCONFIG),
    "CWE-295": ("TLS certificate verification disabled", _AUTH),
    "CWE-327": ("Broken or risky cryptographic algorithm", _CRYPTO),
    "CWE-328": ("Weak hash", _CRYPTO),
    "CWE-329": ("Static or predictable IV", _CRYPTO),
    "CWE-330": ("Insufficiently random values", _CRYPTO),
    "CWE-338": ("Weak PRNG for security", _CRYPTO),
    "CWE-377": ("Insecure temporary file", _ACCESS),
    "CWE-415": ("Double free", _DESIGN),
    "CWE-416": ("Use after free", _DESIGN),
    "CWE-494": ("Download of code without integrity check", _INTEGRITY),
    "CWE-502": ("Deserialization of untrusted data", _INTEGRITY),
    "CWE-611": ("XML external entities (XXE)", _MISCONFIG),
    "CWE-676": ("Dangerous function", _COMPONENTS),
    "CWE-732": ("Overly permissive file permissions", _ACCESS),
    "CWE-787": ("Out-of-bounds write", _INJECTION),
    "CWE-798": ("Hardcoded credentials", _AUTH),
    "CWE-918": ("Server-side request forgery", _SSRF),
    "CWE-942": ("Permissive CORS policy", _MISCONFIG),
}


def cwe_name(cwe: str) -> str:
    return CWE_INFO.get(cwe, (cwe, ""))[0]


def owasp_category(cwe: str) -> str:
    return CWE_INFO.get(cwe, ("", _DESIGN))[1]


CWE_HELP: dict[str, str] = {
    "CWE-22": "Resolve the path and check it stays under an allowed directory; never join raw input.",
    "CWE-78": "Run programs with an argument list and no shell; validate every argument.",
    "CWE-79": "Escape output for its context or let an auto-escaping template do it.",
    "CWE-89": "Use parameterized queries with bound values, never string building.",
    "CWE-94": "Do not build templates or code from input; pass data as template variables.",
    "CWE-95": "Do not evaluate strings; parse data explicitly (json, ast.literal_eval).",
    "CWE-98": "Include only fixed files; map input to an allow-list.",
    "CWE-120": "Use bounded copies (snprintf, strlcpy) and check lengths against the buffer.",
    "CWE-134": 'Never use data as a format string: printf("%s", s).',
    "CWE-190": "Check size arithmetic for overflow, or use calloc/reallocarray.",
    "CWE-215": "Turn debug mode off outside development.",
    "CWE-295": "Keep certificate and host name verification on; trust private CAs explicitly.",
    "CWE-327": "Use AES-GCM or ChaCha20-Poly1305 with random nonces; never ECB, DES or RC4.",
    "CWE-328": "Use SHA-256 or stronger; for passwords a KDF (Argon2, scrypt, bcrypt).",
    "CWE-329": "Generate a fresh random IV or nonce for every message.",
    "CWE-330": "Use a CSPRNG (secrets, crypto.randomBytes, SecureRandom) for security values.",
    "CWE-338": "Use a CSPRNG (secrets, crypto.randomBytes, SecureRandom) for security values.",
    "CWE-377": "Create temporary files atomically (mkstemp, NamedTemporaryFile).",
    "CWE-415": "Set the pointer to NULL after free and free each allocation once.",
    "CWE-416": "Do not touch memory after freeing it; set the pointer to NULL.",
    "CWE-494": "Verify a checksum or signature before running downloaded code.",
    "CWE-502": "Do not deserialize untrusted data with object serializers; use JSON or safe loaders.",
    "CWE-611": "Disable DTDs and external entities in the XML parser (or use defusedxml).",
    "CWE-676": "Replace the dangerous function with its bounded counterpart.",
    "CWE-732": "Grant the least permissions needed.",
    "CWE-787": "Check the length against the destination's size before writing.",
    "CWE-798": "Read credentials from the environment or a secret store, never from source.",
    "CWE-918": "Allow-list the hosts a server may fetch; never fetch a URL taken from input.",
    "CWE-942": "List allowed origins explicitly instead of '*'.",
}


def rule_facts(cwe: str) -> dict[str, object]:
    """SARIF-ready facts about a CWE label: name, fix hint, tags, OWASP category."""
    number = cwe.removeprefix("CWE-")
    return {
        "name": cwe_name(cwe),
        "help": CWE_HELP.get(cwe, "Review this code for the weakness named."),
        "tags": [cwe, "security", f"external/cwe/cwe-{number}"],
        "owasp": owasp_category(cwe),
        "help_uri": f"https://cwe.mitre.org/data/definitions/{number}.html",
    }
