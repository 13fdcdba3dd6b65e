"""What a sandbox command handler receives, and helpers to read a command strictly."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from registrar.epp.responses.envelope import parse_int
from registrar.epp.sandbox.policy import Policy
from registrar.epp.sandbox.replies import CommandFailed
from registrar.epp.sandbox.store import Store
from registrar.epp.wire.xml import Element, EppXmlError, child, child_text, text_of


@dataclass
class Context:
    store: Store
    clid: str
    now: datetime
    command: Element
    """The object element, e.g. `<domain:create>`."""
    extension: Element | None
    """The command's `<extension>`, when present."""
    policy: Policy
    cltrid: str | None = None
    svtrid: str | None = None
    """The command's transaction ids, for what a later poll message refers back to."""

    def ext(self, namespace: str, name: str) -> Element | None:
        return child(self.extension, namespace, name) if self.extension is not None else None


def required(node: Element, namespace: str, name: str) -> str:
    """Text of a required child; 2003 when it is missing or empty."""
    value = child_text(node, namespace, name)
    if not value:
        raise CommandFailed(2003, f"<{name}> is required")
    return value


def required_element(node: Element, namespace: str, name: str) -> Element:
    found = child(node, namespace, name)
    if found is None:
        raise CommandFailed(2003, f"<{name}> is required")
    return found


def integer(node: Element | None, what: str) -> int:
    try:
        return parse_int(text_of(node), what)
    except EppXmlError:
        raise CommandFailed(2005, f"{what} is not an integer") from None


def years_of(period: Element | None, default: int = 1) -> int:
    """A `<period>` in years; months are accepted when they make whole years."""
    if period is None:
        return default
    value = integer(period, "period")
    unit = period.get("unit", "y")
    if unit == "m":
        if value % 12:
            raise CommandFailed(2306, "periods must be whole years")
        return value // 12
    return value
