"""The command envelope every EPP frame builder uses (RFC 5730 §2.5): `<epp><command>`, the
`<extension>` block, the client transaction id and object status elements.

Commands take a keyword `cltrid` (a fresh unique one by default) so the caller can match the
answer's `<clTRID>` against what it sent.
"""

from __future__ import annotations

import itertools
import os

from registrar.epp.objects import ObjectStatus
from registrar.epp.wire.xml import EPP, Element, element, serialize, sub

_SEQUENCE = itertools.count(1)
_PROCESS_TAG = os.urandom(4).hex()


def new_cltrid(prefix: str = "RG") -> str:
    """A client transaction id unique across processes: prefix, random process tag, counter."""
    return f"{prefix}-{_PROCESS_TAG}-{next(_SEQUENCE):08d}"


def command(verb: str) -> tuple[Element, Element, Element]:
    """`<epp><command><verb/></command></epp>`: returns (root, command, verb element)."""
    root = element(EPP, "epp")
    cmd = sub(root, EPP, "command")
    return root, cmd, sub(cmd, EPP, verb)


def extension(cmd: Element) -> Element:
    """The command's `<extension>`, created after the verb on first use."""
    existing = cmd.find(f"{{{EPP}}}extension")
    return existing if existing is not None else sub(cmd, EPP, "extension")


def finish(root: Element, cmd: Element, cltrid: str | None) -> bytes:
    """Append the `<clTRID>` (always last in a command) and serialize."""
    sub(cmd, EPP, "clTRID", cltrid or new_cltrid())
    return serialize(root)


def status_element(parent: Element, namespace: str, status: ObjectStatus) -> Element:
    """`<ns:status s="..." lang="en">text</ns:status>` of the domain, host or contact schema."""
    if status.text:
        return sub(parent, namespace, "status", status.text, s=status.value, lang="en")
    return sub(parent, namespace, "status", s=status.value)
