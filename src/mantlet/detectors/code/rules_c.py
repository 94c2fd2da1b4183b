"""Rules for C and C++: unbounded copies, format strings, allocation sizes, weak crypto."""

from __future__ import annotations

from mantlet.detectors.code.language import CPP, C
from mantlet.detectors.code.rules import Rule, rule

_CC = (C, CPP)
# A variable used as a whole format string (ALL_CAPS names are usually literal macros).
_FORMAT_VAR = r"(?![A-Z0-9_]+\s*\))(?:[A-Za-z_][\w]*(?:(?:\.|->)\w+|\[\w+\])*)"
_NOT_LITERAL = r"(?!\s*(?:L|u8|u|U)?\")"  # the next argument is not a string literal

C_RULES: tuple[Rule, ...] = (
    rule("c.gets", "CWE-120", "gets() cannot bound its input", "critical", _CC,
         r"(?<![\w.>])gets\s*\(", "Use fgets(buf, sizeof buf, stdin).", score=0.95, keywords=("gets",)),
    rule("c.strcpy", "CWE-120", "unbounded string copy", "high", _CC,
         r"(?<![\w.>:])(?:strcpy|strcat|wcscpy|wcscat|lstrcpy[AW]?|lstrcat[AW]?|_mbscpy|_tcscpy|StrCpy|StrCat)\s*\(\s*[^,]+,"
         + _NOT_LITERAL, "Use a bounded copy (strlcpy, snprintf, strncpy with explicit termination) and check the length.",
         score=0.8, keywords=("cpy", "cat")),
    rule("c.sprintf", "CWE-787", "sprintf into a fixed buffer", "high", _CC,
         r"(?<![\w.>:])v?sprintf\s*\(\s*[^,]+,\s*(?:\"[^\"]*%(?:-?\d*)[sS][^\"]*\"|[A-Za-z_]\w*\s*[,)])",
         "Use snprintf(buf, sizeof buf, ...) and check its result.", score=0.75, keywords=("sprintf",)),
    rule("c.scanf-s", "CWE-120", "scanf %s without a width", "high", _CC,
         r"(?<![\w.>])(?:f|s|sw|w|v|vf|vs)?scanf(?:_s)?\s*\(\s*(?:[^,;()\"]+,\s*)?\"(?:[^\"%]|%%|%[^s\"%])*%s",
         "Give every %s a width (\"%63s\") or read with fgets.", score=0.9, keywords=("scanf",)),
    rule("c.format-string", "CWE-134", "non-literal format string", "high", _CC,
         r"(?<![\w.>:])(?:printf\s*\(|(?:fprintf|dprintf|syslog|sprintf)\s*\(\s*[^,()\"]+,|snprintf\s*\(\s*[^,()\"]+,\s*[^,()\"]+,)\s*"
         + _FORMAT_VAR + r"\s*\)",
         "Pass user data as an argument: printf(\"%s\", s).", score=0.8,
         keywords=("printf", "syslog")),
    rule("c.alloc-mul", "CWE-190", "multiplication in an allocation size", "medium", _CC,
         r"(?<![\w.>:])(?:malloc|realloc|alloca|g_malloc|kmalloc|vmalloc|HeapAlloc)\s*\((?:[^;()]|\([^()]*\))*?\w\s*\*\s*\w(?:[^;()]|\([^()]*\))*\)",
         "Check the multiplication for overflow first, or use calloc/reallocarray.", score=0.6,
         keywords=("alloc",), unless=r"SIZE_MAX|INT_MAX|overflow|__builtin_mul_overflow|/\s*sizeof", window=3),
    rule("cpp.new-mul", "CWE-190", "multiplication in a new[] size", "medium", (CPP,),
         r"\bnew\s+[\w:<>]+\s*\[\s*[\w.>\-]+\s*\*\s*[\w.>\-]+\s*\]",
         "Check the element count for overflow, or use std::vector.", score=0.55, keywords=("new",),
         unless=r"SIZE_MAX|overflow|max_size", window=3),
    rule("c.memcpy-unchecked", "CWE-787", "memcpy with a length not derived from the destination", "medium", _CC,
         r"(?<![\w.>:])(?:memcpy|memmove|CopyMemory|RtlCopyMemory|bcopy)\s*\(\s*([^,;]+),\s*[^,;]+,\s*(?!sizeof\b)(?!\d+\s*\))([A-Za-z_][\w.>\-]*(?:\s*[-+*]\s*[\w.>\-]+)*)\s*\)",
         "Check the length against the destination's size before copying.", score=0.45, keywords=("memcpy", "memmove", "copymemory", "bcopy"),
         unless=r"\bif\s*\(.*(?:<|>|<=|>=|min|MIN|sizeof)|assert|MIN\(|min\(", window=4),
    rule("c.system", "CWE-78", "shell command built at run time", "high", _CC,
         r"(?<![\w.>:])(?:system|popen|_popen|_wsystem|ShellExecute[AW]?|WinExec)\s*\(" + _NOT_LITERAL,
         "Call execv() with an argument vector instead of a shell, and validate every argument.", score=0.75,
         keywords=("system", "popen", "shellexecute", "winexec")),
    rule("c.tmpnam", "CWE-377", "predictable temporary file name", "medium", _CC,
         r"(?<![\w.>:])(?:tmpnam|tempnam|mktemp|_mktemp|tmpnam_r|GetTempFileName[AW]?)\s*\(",
         "Use mkstemp() (or tmpfile()), which creates the file atomically.", score=0.85, keywords=("tmpnam", "tempnam", "mktemp", "gettempfilename")),
    rule("c.weak-hash", "CWE-328", "MD5/SHA-1 hash", "medium", _CC,
         r"\b(?:MD5_Init|MD5_Update|MD5\s*\(|EVP_md5|EVP_md4|EVP_sha1|SHA1_Init|SHA1\s*\(|MD4_Init|CC_MD5|CC_SHA1|CALG_MD5|CALG_SHA1?)\b",
         "Use SHA-256 or stronger (EVP_sha256); for passwords a KDF such as Argon2 or scrypt.", score=0.7,
         keywords=("md5", "sha1", "md4")),
    rule("c.weak-cipher", "CWE-327", "broken cipher or ECB mode", "high", _CC,
         r"\b(?:EVP_des_\w+|EVP_rc4\w*|EVP_rc2_\w+|EVP_bf_\w+|EVP_aes_\d+_ecb|DES_ecb_encrypt|DES_set_key\w*|RC4_set_key|AES_ecb_encrypt|BF_set_key|CALG_(?:DES|RC4|RC2|3DES))\b",
         "Use AES-GCM or ChaCha20-Poly1305 with a random nonce.", score=0.85, keywords=("des", "rc4", "rc2", "ecb", "bf_")),
    rule("c.rand-secret", "CWE-338", "rand() for a security value", "medium", _CC,
         r"(?i)\b(?:key|token|nonce|salt|secret|password|passwd|iv|session|otp|seed)\w*\s*(?:\[[^\]]*\])?\s*=\s*[^;]*?(?<![\w.>])(?:rand|random|srand|drand48|lrand48)\s*\(",
         "Use a CSPRNG: getrandom(), arc4random_buf() or RAND_bytes().", score=0.8, flags=0, keywords=("rand",)),
    rule("c.rand", "CWE-338", "rand() is predictable", "low", _CC,
         r"(?<![\w.>:])(?:rand|srand|random|drand48|lrand48)\s*\(", "Use a CSPRNG for anything security related.",
         score=0.35, keywords=("rand",)),
    rule("c.tls-noverify", "CWE-295", "TLS verification disabled", "high", _CC,
         r"SSL_CTX_set_verify\s*\([^,]+,\s*SSL_VERIFY_NONE|SSL_set_verify\s*\([^,]+,\s*SSL_VERIFY_NONE|CURLOPT_SSL_VERIFY(?:PEER|HOST)\s*,\s*0",
         "Keep certificate and host name verification on.", score=0.9, keywords=("verify",)),
    rule("c.chmod-777", "CWE-732", "world-writable permissions", "medium", _CC,
         r"\b(?:chmod|fchmod|mkdir|open|umask)\s*\([^;]*\b0?777\b", "Grant the least permissions needed (e.g. 0600/0755).",
         score=0.75, keywords=("777",)),
)  # fmt: skip
