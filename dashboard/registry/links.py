"""Source links of the registry: what may be stored as a source, and what may be shown as a live link.

A source is either an absolute web address (http or https, with a host) or a citation in words (no
scheme, not an address: "Minsk city council, decision 12"). `//host/path` (protocol-relative), `/path`,
`javascript:...` and other schemes are refused at entry and import; an old row that holds one is shown
as text, never as a link (`web_address` is None for it).
"""

from __future__ import annotations

from urllib.parse import urlsplit

WEB_SCHEMES = ("http", "https")


def web_address(value: object) -> str | None:
    """`value` (stripped) when it is an absolute http(s) address with a host and no blanks, else None."""
    text = str(value or "").strip()
    if not text or any(ch.isspace() or ord(ch) < 32 or ch == "\\" for ch in text):
        return None
    try:
        parts = urlsplit(text)
        host = parts.hostname
    except ValueError:  # a malformed address (e.g. a bad IPv6 host) is no link
        return None
    if parts.scheme.lower() not in WEB_SCHEMES or not host or not text.lower().startswith(parts.scheme.lower() + "://"):
        return None
    return text


def acceptable_source(value: object) -> bool:
    """Empty, a web address, or a citation in words (no ':' and not starting like a path: / or \\)."""
    text = str(value or "").strip()
    if not text or web_address(text):
        return True
    return ":" not in text and not text.startswith(("/", "\\"))


_MARKDOWN_SPECIAL = set("\\`*_{}[]()<>#+-.!|~")


def source_markdown(value: object) -> str:
    """A source for a markdown cell: `[address](address)` for a web address, else the text with every
    markdown character escaped (an old row's `//host` or `[x](javascript:...)` stays inert text)."""
    text = str(value or "").strip()
    address = web_address(text)
    if address:
        label = "".join("\\" + ch if ch in _MARKDOWN_SPECIAL else ch for ch in address)
        return f"[{label}](<{address}>)"
    return "".join("\\" + ch if ch in _MARKDOWN_SPECIAL else ch for ch in text)
