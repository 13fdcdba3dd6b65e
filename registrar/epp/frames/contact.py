"""Builders of RFC 5733 contact command frames."""

from __future__ import annotations

from collections.abc import Sequence

from registrar.epp.frames.envelope import command, finish, status_element
from registrar.epp.objects import (
    ContactCreateRequest,
    ContactUpdateRequest,
    Disclose,
    ObjectStatus,
    PostalInfo,
)
from registrar.epp.wire.xml import CONTACT, Element, sub


def build_contact_check(handles: Sequence[str], *, cltrid: str | None = None) -> bytes:
    if not handles:
        raise ValueError("a contact check needs at least one id")
    root, cmd, verb = command("check")
    check = sub(verb, CONTACT, "check")
    for handle in handles:
        sub(check, CONTACT, "id", handle)
    return finish(root, cmd, cltrid)


def build_contact_info(handle: str, *, auth_info: str | None = None, cltrid: str | None = None) -> bytes:
    """`<contact:info>`; `auth_info` lets a non-sponsor see the full record."""
    root, cmd, verb = command("info")
    info = sub(verb, CONTACT, "info")
    sub(info, CONTACT, "id", handle)
    if auth_info is not None:
        _auth_info(info, auth_info)
    return finish(root, cmd, cltrid)


def build_contact_create(request: ContactCreateRequest, *, cltrid: str | None = None) -> bytes:
    root, cmd, verb = command("create")
    create = sub(verb, CONTACT, "create")
    sub(create, CONTACT, "id", request.handle)
    for postal in request.postal_info:
        postal_info_element(create, postal)
    if request.voice:
        sub(create, CONTACT, "voice", request.voice)
    if request.fax:
        sub(create, CONTACT, "fax", request.fax)
    sub(create, CONTACT, "email", request.email)
    _auth_info(create, request.auth_info)
    if request.disclose is not None:
        disclose_element(create, request.disclose)
    return finish(root, cmd, cltrid)


def build_contact_update(request: ContactUpdateRequest, *, cltrid: str | None = None) -> bytes:
    """`<contact:update>`: add/rem statuses, then the `<contact:chg>` fields in schema order."""
    if request.is_empty:
        raise ValueError("an update must change something")
    root, cmd, verb = command("update")
    update = sub(verb, CONTACT, "update")
    sub(update, CONTACT, "id", request.handle)
    for part, statuses in (
        ("add", request.add_statuses),
        ("rem", tuple(ObjectStatus(status) for status in request.rem_statuses)),
    ):
        if statuses:
            node = sub(update, CONTACT, part)
            for status in statuses:
                status_element(node, CONTACT, status)
    if request.changes:
        _changes(sub(update, CONTACT, "chg"), request)
    return finish(root, cmd, cltrid)


def _changes(chg: Element, request: ContactUpdateRequest) -> None:
    """The `<contact:chg>` children of an update, in schema order."""
    for postal in request.postal_info:
        postal_info_element(chg, postal)
    for name, value in (("voice", request.voice), ("fax", request.fax)):
        if value is not None:
            sub(chg, CONTACT, name, value)
    if request.email is not None:
        sub(chg, CONTACT, "email", request.email)
    if request.auth_info is not None:
        _auth_info(chg, request.auth_info)
    if request.disclose is not None:
        disclose_element(chg, request.disclose)


def build_contact_delete(handle: str, *, cltrid: str | None = None) -> bytes:
    root, cmd, verb = command("delete")
    sub(sub(verb, CONTACT, "delete"), CONTACT, "id", handle)
    return finish(root, cmd, cltrid)


def postal_info_element(parent: Element, postal: PostalInfo) -> Element:
    """Append one `<contact:postalInfo type="int|loc">` (its `<addr>` when it has one)."""
    node = sub(parent, CONTACT, "postalInfo", type=postal.type)
    sub(node, CONTACT, "name", postal.name)
    if postal.org:
        sub(node, CONTACT, "org", postal.org)
    if not postal.has_address:
        return node
    addr = sub(node, CONTACT, "addr")
    for line in postal.street:
        sub(addr, CONTACT, "street", line)
    sub(addr, CONTACT, "city", postal.city)
    if postal.sp:
        sub(addr, CONTACT, "sp", postal.sp)
    if postal.pc:
        sub(addr, CONTACT, "pc", postal.pc)
    sub(addr, CONTACT, "cc", postal.cc)
    return node


def disclose_element(parent: Element, disclose: Disclose) -> Element:
    """Append `<contact:disclose flag="0|1">` with its fields in schema order."""
    node = sub(parent, CONTACT, "disclose", flag="1" if disclose.flag else "0")
    for name, types in (("name", disclose.name), ("org", disclose.org), ("addr", disclose.addr)):
        for postal_type in types:
            sub(node, CONTACT, name, type=postal_type)
    for name, wanted in (
        ("voice", disclose.voice),
        ("fax", disclose.fax),
        ("email", disclose.email),
    ):
        if wanted:
            sub(node, CONTACT, name)
    return node


def _auth_info(parent: Element, password: str) -> None:
    sub(sub(parent, CONTACT, "authInfo"), CONTACT, "pw", password)
