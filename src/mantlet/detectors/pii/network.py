"""IP_ADDRESS (v4 and v6, validated with `ipaddress`) and MAC addresses (reported as OTHER).

Dotted quads are also version numbers ("version 1.2.3.4"): version words nearby, or four
single-digit parts with no network word, keep the score under the threshold.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Iterable, Sequence
from typing import ClassVar

from mantlet.detectors.base import Match
from mantlet.detectors.pii._context import (
    ContextWords,
    PiiDetector,
    extend_left,
    starts_with,
)
from mantlet.findings import Finding, Severity
from mantlet.patterns import Pattern
from mantlet.registry import register
from mantlet.text import Document

_IPV4 = (
    starts_with("[0-9]", r"[\w.]")
    + r"(?<![0-9A-Fa-f]:.)[0-9]{0,2}\.(?:[0-9]{1,3}\.){2}[0-9]{1,3}(?![\w]|\.[0-9])"
)
# Anchored on the first colon (a literal `re` finds fast) and loose on purpose: `ipaddress`
# decides. The detector walks left over the first group's hex digits.
_IPV6 = r":[0-9A-Fa-f:.]{1,42}(?<!\.)(?![\w:])"
_HEX = frozenset("0123456789abcdefABCDEF")
# MAC addresses, anchored on the first separator with the first byte checked behind it.
_MAC = (
    r"[:-](?<=[0-9A-Fa-f]{2}[:-])(?<![\w:.-][0-9A-Fa-f]{2}[:-])"
    r"[0-9A-Fa-f]{2}(?:[:-][0-9A-Fa-f]{2}){4}(?![\w:.-])"
)
_MAC_DOTTED = (
    r"\.(?<=[0-9A-Fa-f]{4}\.)(?<![\w:.-][0-9A-Fa-f]{4}\.)[0-9A-Fa-f]{4}\.[0-9A-Fa-f]{4}(?![\w:.-])"
)
_HEX_LETTER_OR_DIGIT_RE = re.compile(r"[0-9A-Fa-f]")


@register
class IpAddressDetector(PiiDetector):
    """IPv4 and IPv6 addresses."""

    name = "pii_ip_address"
    labels = ("IP_ADDRESS",)
    patterns = (
        Pattern("ipv4", _IPV4, keywords=(".",), near_ends=True),
        Pattern("ipv6", _IPV6, keywords=(":",)),  # ends at every hex digit: its first end only
    )
    context_words = ContextWords(
        raising=(
            "ip",
            "ips",
            "ipv4",
            "ipv6",
            "address",
            "host",
            "server",
            "client",
            "ping",
            "firewall",
            "connect",
            "connected",
            "connection",
            "blocked",
            "login",
            "from",
            "gateway",
            "dns",
            "subnet",
            "proxy",
            "route",
            "router",
            "remote",
            "origin",
        ),
        lowering=(
            "version",
            "ver",
            "v",
            "release",
            "build",
            "firmware",
            "oid",
            "section",
            "chapter",
            "figure",
            "table",
        ),
    )
    examples = (
        "keep getting address 165.165.185.178 blocked error",
        "client_ip = 86.121.97.248",
        "address 6e40:4041:c617:e898:c11:40d2:c669:2eb4 blocked",
        "ping 2001:db8::1 please",
    )
    counterexamples = (
        "upgrade to version 1.2.3.4 today",
        "the value 999.1.1.1 is not an address",
        "at 12:30:45 we met",
        "use std::vector and a::b",
        "section 10.2.3.4 of the spec",
    )

    def detect(self, document: Document, matches: Sequence[Match]) -> Iterable[Finding]:
        for m in matches:
            start, end, text = self.token(m)
            if m.pattern.name == "ipv6":
                start = extend_left(m.view.text, start, _HEX, 4)
                if start and (m.view.text[start - 1].isalnum() or m.view.text[start - 1] in "_:."):
                    continue
                text = m.view.text[start:end]
            scored = self._ipv4_score(text) if m.pattern.name == "ipv4" else self._ipv6_score(text)
            if scored is None:
                continue
            score = scored
            signal = self.context_words.signal(m.view.text, start, end)
            if signal > 0:
                score = max(score, 0.9)
            elif signal < 0:
                score = min(score, 0.2)
            yield self.finding(
                document,
                m.view.to_original(start, end),
                "IP_ADDRESS",
                score,
                Severity.MEDIUM,
                reason="IP address",
            )

    @staticmethod
    def _ipv4_score(text: str) -> float | None:
        parts = text.split(".")
        if any(len(p) > 1 and p[0] == "0" for p in parts):
            return None  # leading zeros: not how addresses are written
        # The pattern gives four runs of 1-3 ASCII digits: an address where each is a byte
        # (what `ipaddress.IPv4Address` checks, at several times the cost).
        octets = [int(p) for p in parts]
        if max(octets) > 255:
            return None
        if all(len(p) == 1 for p in parts):
            return 0.45  # "1.2.3.4" is as often a version as an address
        if not any(octets) or 224 <= octets[0] <= 239:
            return 0.5  # unspecified (0.0.0.0) or multicast (224.0.0.0/4)
        return 0.85

    @staticmethod
    def _ipv6_score(text: str) -> float | None:
        if text.count(":") < 2:
            return None
        if len(_HEX_LETTER_OR_DIGIT_RE.findall(text)) < 4 and text not in ("::1",):
            return None
        groups = [g for g in text.split(":") if g]
        if len(groups) < 2 and text != "::1":
            return None
        try:
            ipaddress.IPv6Address(text)
        except ValueError:
            return None
        return 0.85 if len(groups) >= 3 else 0.6


@register
class MacAddressDetector(PiiDetector):
    """Hardware (MAC) addresses: they identify a device, so a person; reported as OTHER."""

    name = "pii_mac_address"
    labels = ("OTHER",)
    patterns = (Pattern("mac", _MAC), Pattern("mac_dotted", _MAC_DOTTED, keywords=(".",)))
    lead: ClassVar[dict[str, int]] = {"mac": 2, "mac_dotted": 4}
    context_words = ContextWords(
        raising=("mac", "hardware address", "ethernet", "wifi", "wi-fi", "bssid", "device", "nic"),
        lowering=("hash", "sha", "md5", "checksum", "fingerprint", "uuid"),
    )
    examples = (
        "my laptop's MAC is 3C:22:FB:1A:9E:07",
        "ether 00-1b-63-84-45-e6 up",
        "mac 0011.2233.4455",
    )
    counterexamples = (
        "broadcast ff:ff:ff:ff:ff:ff",
        "mixed 00:1b-63:84-45:e6",
        "sha1 fingerprint 3c:22:fb:1a:9e:07",
    )

    def detect(self, document: Document, matches: Sequence[Match]) -> Iterable[Finding]:
        for m in matches:
            start, end, text = self.token(m)
            if m.pattern.name == "mac" and len({text[i] for i in range(2, len(text), 3)}) != 1:
                continue  # one separator throughout
            hex_digits = text.replace(":", "").replace("-", "").replace(".", "").lower()
            if len(set(hex_digits)) < 3:
                continue  # 00:00:00:00:00:00, ff:ff:ff:ff:ff:ff: placeholders, broadcast
            signal = self.context_signal(m)
            score = 0.9 if signal > 0 else 0.75 if signal == 0 else 0.3
            yield self.finding(
                document,
                m.view.to_original(start, end),
                "OTHER",
                score,
                Severity.LOW,
                reason="MAC address",
            )
