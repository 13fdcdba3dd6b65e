"""Domain and host name syntax: normalisation to A-labels, validation, TLD extraction."""

from __future__ import annotations

import re

import idna

_LABEL = re.compile(r"^(?!-)[a-z0-9-]{1,63}(?<!-)$")
MAX_NAME_LENGTH = 253


class InvalidName(ValueError):
    """The text is not a syntactically valid domain or host name."""


def normalize_name(raw: object) -> str:
    """Lower-case A-label form without a trailing dot; raises `InvalidName`."""
    if not isinstance(raw, str):
        raise InvalidName("must be a string")
    text = raw.strip().rstrip(".")
    if not text:
        raise InvalidName("can't be blank")
    try:
        ascii_name = text.lower() if text.isascii() else idna.encode(text, uts46=True).decode()
    except idna.IDNAError as exc:
        raise InvalidName(f"is not a valid internationalised name ({exc})") from exc
    labels = ascii_name.split(".")
    if len(labels) < 2:
        raise InvalidName("must have at least two labels")
    if len(ascii_name) > MAX_NAME_LENGTH:
        raise InvalidName("is longer than 253 characters")
    for label in labels:
        if not _LABEL.match(label):
            raise InvalidName(f"has an invalid label {label!r}")
        if label[2:4] == "--" and not label.startswith("xn--"):
            raise InvalidName(f"has a reserved label {label!r}")
    if labels[-1].isdigit():
        raise InvalidName("must not end in a numeric label")
    return ascii_name


def unicode_name(ascii_name: str) -> str:
    try:
        return idna.decode(ascii_name)
    except idna.IDNAError:
        return ascii_name


def split_tld(ascii_name: str, known_tlds: set[str] | None = None) -> str:
    """The TLD the name is registered under: the longest known suffix (e.g. `co.uk`)."""
    labels = ascii_name.split(".")
    if known_tlds:
        for start in range(1, len(labels)):
            candidate = ".".join(labels[start:])
            if candidate in known_tlds:
                return candidate
    return labels[-1]


def parent_names(host_name: str) -> list[str]:
    """Every name of two or more labels that `host_name` lies under (`a.b.example.test` →
    `b.example.test`, `example.test`): the domains that could make it subordinate."""
    labels = host_name.split(".")
    return [".".join(labels[start:]) for start in range(1, len(labels) - 1)]


def is_subordinate(host_name: str, domain_name: str) -> bool:
    return host_name.endswith("." + domain_name)


def normalize_tld(raw: object) -> str:
    """A TLD label (`com`, `.com`, `co.uk`, `рф`) as its lower-case A-label form, without dots
    around it. Raises `InvalidName` with a message that completes "tld …"."""
    if not isinstance(raw, str) or not raw.strip():
        raise InvalidName("can't be blank")
    text = raw.strip().removeprefix(".")
    if not text or text.startswith(".") or text.endswith(".") or ".." in text:
        raise InvalidName("must be a TLD label without leading or trailing dots")
    return normalize_name(f"x.{text}")[2:]
