"""Scrubbing of secrets from EPP frames before they reach a log line.

Passwords (`<pw>`, `<newPW>`) and every authInfo value are replaced by asterisks. It works on
raw text with a regular expression, so it also scrubs frames that are not well-formed XML —
exactly the ones most likely to be logged while debugging.
"""

from __future__ import annotations

import re

_SECRET = re.compile(
    rb"(<(?:[\w.-]+:)?(?:pw|newPW|ext)\b[^>]*>)(.*?)(</(?:[\w.-]+:)?(?:pw|newPW|ext)\s*>)",
    re.DOTALL,
)
_MASK = b"*****"


def scrub(frame: bytes, limit: int = 4000) -> str:
    """The frame as loggable text: secrets masked, truncated to `limit` characters."""
    masked = _SECRET.sub(lambda m: m.group(1) + _MASK + m.group(3), frame)
    text = masked.decode("utf-8", errors="replace")
    return text if len(text) <= limit else text[:limit] + "…"
