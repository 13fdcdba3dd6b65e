"""Builders of RFC 5730 session frames: hello, login, logout and poll.

Each builder returns the frame as bytes; the envelope (`<command>`, `<clTRID>`) comes from
`frames.envelope`. Object frames live in `frames.domain`, `frames.host` and `frames.contact`.
"""

from __future__ import annotations

from collections.abc import Iterable

from registrar.epp.frames.envelope import command, finish
from registrar.epp.objects import Greeting
from registrar.epp.wire.xml import EPP, EXTENSION_URIS, OBJECT_URIS, element, serialize, sub


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
