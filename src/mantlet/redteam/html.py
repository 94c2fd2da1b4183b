"""Self-contained HTML reports (inline CSS and SVG charts; readable offline)."""

from __future__ import annotations

from html import escape
from typing import Any

_CSS = """
body{font:14px/1.45 system-ui,sans-serif;margin:2rem auto;max-width:1100px;color:#1b1f24;padding:0 1rem}
h1{font-size:1.5rem}h2{font-size:1.15rem;margin-top:2rem}
table{border-collapse:collapse;width:100%;margin:.5rem 0}th,td{border-bottom:1px solid #ddd;padding:.3rem .5rem;text-align:left;vertical-align:top}
th{background:#f4f6f8}.num{text-align:right;font-variant-numeric:tabular-nums}
.bad{color:#b42318;font-weight:600}.ok{color:#067647}.muted{color:#667085}
pre{white-space:pre-wrap;background:#f8f9fb;border:1px solid #e4e7ec;padding:.5rem;border-radius:4px;max-height:16rem;overflow:auto}
details{margin:.25rem 0}svg text{font:12px system-ui,sans-serif}
"""


def _bars(rows: list[tuple[str, list[float]]], colors: list[str], legend: list[str]) -> str:
    """Horizontal bar chart, one group per row, values in 0..1."""
    label_w, bar_w, bar_h, gap = 230, 560, 14, 10
    group_h = bar_h * len(colors) + gap
    height = group_h * len(rows) + 30
    parts = [
        f'<svg role="img" width="{label_w + bar_w + 80}" height="{height}" xmlns="http://www.w3.org/2000/svg">'
    ]
    for i, (label, values) in enumerate(rows):
        y = i * group_h
        parts.append(f'<text x="0" y="{y + bar_h}">{escape(label)}</text>')
        for j, value in enumerate(values):
            w = max(1.0, value * bar_w)
            yy = y + j * bar_h
            parts.append(
                f'<rect x="{label_w}" y="{yy}" width="{w:.1f}" height="{bar_h - 2}" fill="{colors[j]}"/>'
            )
            parts.append(f'<text x="{label_w + w + 4:.1f}" y="{yy + bar_h - 3}">{value:.0%}</text>')
    y = len(rows) * group_h + 12
    for j, name in enumerate(legend):
        x = label_w + j * 180
        parts.append(f'<rect x="{x}" y="{y}" width="12" height="12" fill="{colors[j]}"/>')
        parts.append(f'<text x="{x + 16}" y="{y + 11}">{escape(name)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _page(title: str, body: str) -> str:
    return (
        f"<!doctype html><html lang=en><meta charset=utf-8><title>{escape(title)}</title>"
        f"<style>{_CSS}</style><body><h1>{escape(title)}</h1>{body}</body></html>"
    )


def render(summary: dict[str, Any]) -> str:
    target = summary.get("target", {})
    families = summary["families"]
    body = [
        f"<p class=muted>Target {escape(str(target.get('base_url', '')))} · model "
        f"{escape(str(target.get('model', '')))} · seed {summary['seed']} · {summary['seconds']} s · "
        f"generated {escape(summary['generated'])} by Mantlet {escape(summary['version'])}</p>",
        "<h2>Attack success rate by family</h2>",
        _bars([(f["family"], [f["asr"]]) for f in families], ["#d92d20"], ["attack success rate"]),
        "<h2>Probes</h2><table><tr><th>probe</th><th>family</th><th>OWASP</th><th>ATLAS</th>"
        "<th class=num>attempts</th><th class=num>successes</th><th class=num>ASR (95% CI)</th>"
        "<th class=num>blocked</th><th class=num>errors</th><th>leaks seen</th></tr>",
    ]
    for p in summary["probes"]:
        cls = "bad" if p["successes"] else "ok"
        leaks = ", ".join(f"{k}: {v}" for k, v in p["leaks"].items()) or "–"
        note = (
            f"<br><span class=muted>skipped: {escape(p['skipped'])}</span>"
            if p.get("skipped")
            else ""
        )
        body.append(
            f"<tr><td>{escape(p['name'])}{note}</td><td>{escape(p['family'])}</td><td>{escape(p['owasp'])}</td>"
            f"<td>{escape(p['atlas'])}</td><td class=num>{p['attempts']}</td><td class='num {cls}'>{p['successes']}</td>"
            f"<td class=num>{p['asr']:.0%} ({p['ci95'][0]:.0%}–{p['ci95'][1]:.0%})</td>"
            f"<td class=num>{p['blocked']}</td><td class=num>{p['errors']}</td><td>{escape(leaks)}</td></tr>"
        )
    body.append("</table>")
    leaks = summary.get("cross_probe_leaks", {})
    body.append(
        "<h2>Leaks found in any probe's output</h2><ul>"
        + "".join(f"<li>{escape(k)}: {v} outputs</li>" for k, v in leaks.items())
        + "</ul>"
    )
    body.append("<h2>Example transcripts (sensitive values masked)</h2>")
    for p in summary["probes"]:
        for ex in p.get("examples", []):
            turns = "".join(f"<b>user</b><pre>{escape(t)}</pre>" for t in ex["turns"])
            replies = "".join(f"<b>model</b><pre>{escape(r)}</pre>" for r in ex["replies"])
            body.append(
                f"<details><summary>{escape(p['name'])}</summary>{turns}{replies}</details>"
            )
    return _page("Mantlet red-team report", "".join(body))


def render_comparison(rows: list[dict[str, Any]], label_a: str, label_b: str) -> str:
    body = [
        "<h2>Attack success rate by family</h2>",
        _bars(
            [(r["family"], [r["asr_a"], r["asr_b"]]) for r in rows],
            ["#d92d20", "#1570ef"],
            [label_a, label_b],
        ),
        f"<table><tr><th>family</th><th class=num>{escape(label_a)}</th><th class=num>{escape(label_b)}</th>"
        "<th class=num>change</th></tr>",
    ]
    for r in rows:
        body.append(
            f"<tr><td>{escape(r['family'])}</td><td class=num>{r['asr_a']:.0%} (n={r['attempts_a']})</td>"
            f"<td class=num>{r['asr_b']:.0%} (n={r['attempts_b']})</td>"
            f"<td class=num>{r['change']:+.0%}</td></tr>"
        )
    body.append("</table>")
    return _page(f"Mantlet red-team comparison: {label_a} vs {label_b}", "".join(body))
