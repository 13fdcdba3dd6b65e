"""Builders of EPP session frames (RFC 5730) and the command envelope every builder uses.

Each builder returns the frame as bytes. Commands take a keyword `cltrid` (a fresh unique one
by default) so the caller can match the answer's `<clTRID>` against what it sent.
Object frames live in `frames_domain`, `frames_host` and `frames_contact`.
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterable

from registrar.epp.objects import Greeting, ObjectStatus
from registrar.epp.xml import EPP, EXTENSION_URIS, OBJECT_URIS, Element, element, serialize, sub

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


def build_hello() -> bytes:
    root = element(EPP, "epp")
    sub(root, EPP, "hello")
    return serialize(root)


def negotiated_uris(greeting: Greeting) -> tuple[list[str], list[str]]:
    """(objURIs, extURIs) that both we and the server support, in our order."""
    objects = [uri for uri in OBJECT_URIS if uri in greeting.object_uris]
    extensions = [uri for uri in EXTENSION_URIS if uri in greeting.extension_uris]
    return objects, extensions


def build_login(
    clid: str,
    password: str,
    *,
    object_uris: Iterable[str],
    extension_uris: Iterable[str] = (),
    new_password: str | None = None,
    language: str = "en",
    cltrid: str | None = None,
) -> bytes:
    """RFC 5730 §2.9.1.1 login; pass the URIs from `negotiated_uris`."""
    root, cmd, login = command("login")
    sub(login, EPP, "clID", clid)
    sub(login, EPP, "pw", password)
    if new_password is not None:
        sub(login, EPP, "newPW", new_password)
    options = sub(login, EPP, "options")
    sub(options, EPP, "version", "1.0")
    sub(options, EPP, "lang", language)
    svcs = sub(login, EPP, "svcs")
    for uri in object_uris:
        sub(svcs, EPP, "objURI", uri)
    ext_uris = list(extension_uris)
    if ext_uris:
        svc_ext = sub(svcs, EPP, "svcExtension")
        for uri in ext_uris:
            sub(svc_ext, EPP, "extURI", uri)
    return finish(root, cmd, cltrid)


def build_logout(*, cltrid: str | None = None) -> bytes:
    root, cmd, _ = command("logout")
    return finish(root, cmd, cltrid)


def build_poll_request(*, cltrid: str | None = None) -> bytes:
    root, cmd, poll = command("poll")
    poll.set("op", "req")
    return finish(root, cmd, cltrid)


def build_poll_ack(message_id: str, *, cltrid: str | None = None) -> bytes:
    root, cmd, poll = command("poll")
    poll.set("op", "ack")
    poll.set("msgID", message_id)
    return finish(root, cmd, cltrid)
