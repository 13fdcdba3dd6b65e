"""Sandbox contact commands (RFC 5733): check, info, create and delete.

Updates live in `contact_update`. A contact some domain uses is `linked` and cannot be deleted
(2305). A non-sponsor sees a contact's data only without its authInfo, and a wrong authInfo
in an info command is a 2202.
"""

from __future__ import annotations

import re

from registrar.epp.frames.contact import disclose_element, postal_info_element
from registrar.epp.objects import Disclose, PostalInfo
from registrar.epp.responses.contact import disclose_from_element
from registrar.epp.sandbox.context import Context, required, required_element
from registrar.epp.sandbox.replies import CommandFailed, Reply
from registrar.epp.sandbox.store import Contact, Store
from registrar.epp.wire.xml import (
    CONTACT,
    Element,
    EppXmlError,
    child,
    child_text,
    children,
    element,
    format_datetime,
    sub,
    text_of,
)

_HANDLE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{2,15}$")
_PHONE = re.compile(r"^\+[0-9]{1,3}\.[0-9]{1,14}$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def parse_postal_info(node: Element, base: PostalInfo | None = None) -> PostalInfo:
    """A `<contact:postalInfo>`; in an update, what it leaves out comes from `base`.

    `int` data must be 7-bit ASCII (RFC 5733 §2.3.2); an empty `<org>` removes the org.
    """
    kind = node.get("type", "")
    if kind not in ("int", "loc"):
        raise CommandFailed(2005, "postalInfo type must be int or loc")
    addr = child(node, CONTACT, "addr")
    if base is None or addr is not None:
        addr = required_element(node, CONTACT, "addr")
        streets = tuple(text_of(s) or "" for s in children(addr, CONTACT, "street"))
        if len(streets) > 3:
            raise CommandFailed(2306, "at most 3 street lines")
        city, cc = required(addr, CONTACT, "city"), required(addr, CONTACT, "cc").upper()
        sp, pc = child_text(addr, CONTACT, "sp") or None, child_text(addr, CONTACT, "pc") or None
    else:
        streets, city, cc, sp, pc = base.street, base.city, base.cc, base.sp, base.pc
    org_node = child(node, CONTACT, "org")
    info = PostalInfo(
        type=kind,
        name=required(node, CONTACT, "name") if base is None else _name(node, base),
        org=(text_of(org_node) or None) if org_node is not None else (base.org if base else None),
        street=streets,
        city=city,
        sp=sp,
        pc=pc,
        cc=cc,
    )
    texts = (info.name, info.org or "", info.city, info.sp or "", *info.street)
    if kind == "int" and not all(text.isascii() for text in texts):
        raise CommandFailed(2005, "int postalInfo must be 7-bit ASCII; use loc")
    if len(info.cc) != 2 or not info.cc.isalpha():
        raise CommandFailed(2005, "cc must be a 2-letter country code")
    return info


def _name(node: Element, base: PostalInfo) -> str:
    name = child(node, CONTACT, "name")
    return base.name if name is None else required(node, CONTACT, "name")


def phone(node: Element | None) -> tuple[str | None, str | None]:
    """(number, extension); an absent or empty element is no number."""
    if node is None or not text_of(node):
        return None, None
    number = text_of(node) or ""
    if not _PHONE.match(number):
        raise CommandFailed(2005, f"not an E.164 phone number: {number[:20]!r}")
    return number, node.get("x")


def email(node: Element) -> str:
    value = required(node, CONTACT, "email")
    if not _EMAIL.match(value):
        raise CommandFailed(2005, "not an email address")
    return value


def auth_info(node: Element) -> str:
    value = child_text(required_element(node, CONTACT, "authInfo"), CONTACT, "pw")
    if not value:
        raise CommandFailed(2003, "<contact:authInfo> needs a <contact:pw>")
    return value


def parse_disclose(node: Element | None) -> Disclose | None:
    if node is None:
        return None
    try:
        return disclose_from_element(node)
    except EppXmlError as exc:
        raise CommandFailed(2005, str(exc)) from None


def check(ctx: Context) -> Reply:
    handles = [text_of(node) or "" for node in children(ctx.command, CONTACT, "id")]
    if not handles:
        raise CommandFailed(2003, "<contact:id> is required")
    data = element(CONTACT, "chkData")
    for handle in handles:
        exists = handle.lower() in ctx.store.contacts
        reason = "In use" if exists else None if _HANDLE.match(handle) else "Invalid id"
        cd = sub(data, CONTACT, "cd")
        sub(cd, CONTACT, "id", handle, avail="0" if reason else "1")
        if reason:
            sub(cd, CONTACT, "reason", reason)
    reply = Reply()
    reply.res_data.append(data)
    return reply


def create(ctx: Context) -> Reply:
    cmd = ctx.command
    handle = required(cmd, CONTACT, "id")
    if not _HANDLE.match(handle):
        raise CommandFailed(2005, "contact id must be 3-16 letters, digits, '.', '_' or '-'")
    if handle.lower() in ctx.store.contacts:
        raise CommandFailed(2302, f"contact {handle} exists")
    postal = [parse_postal_info(node) for node in children(cmd, CONTACT, "postalInfo")]
    if not postal:
        raise CommandFailed(2003, "<contact:postalInfo> is required")
    if len({p.type for p in postal}) != len(postal):
        raise CommandFailed(2005, "at most one int and one loc postalInfo")
    voice, voice_ext = phone(child(cmd, CONTACT, "voice"))
    fax, fax_ext = phone(child(cmd, CONTACT, "fax"))
    contact = Contact(
        handle=handle,
        roid=ctx.store.roid("C"),
        sponsor=ctx.clid,
        creator=ctx.clid,
        created_at=ctx.now,
        email=email(cmd),
        auth_info=auth_info(cmd),
        postal_info=postal,
        voice=voice,
        voice_ext=voice_ext,
        fax=fax,
        fax_ext=fax_ext,
        disclose=parse_disclose(child(cmd, CONTACT, "disclose")),
    )
    ctx.store.contacts[handle.lower()] = contact
    data = element(CONTACT, "creData")
    sub(data, CONTACT, "id", contact.handle)
    sub(data, CONTACT, "crDate", format_datetime(contact.created_at))
    reply = Reply()
    reply.res_data.append(data)
    return reply


def find_contact(ctx: Context) -> Contact:
    handle = required(ctx.command, CONTACT, "id")
    contact = ctx.store.contacts.get(handle.lower())
    if contact is None:
        raise CommandFailed(2303, f"contact {handle} does not exist")
    return contact


def statuses_of(store: Store, contact: Contact) -> list[str]:
    statuses = set(contact.statuses)
    if store.domains_using_contact(contact.handle):
        statuses.add("linked")
    return sorted(statuses) or ["ok"]


def info(ctx: Context) -> Reply:
    contact = find_contact(ctx)
    auth = child(ctx.command, CONTACT, "authInfo")
    if auth is not None and contact.sponsor != ctx.clid and child_text(auth, CONTACT, "pw") != contact.auth_info:
        raise CommandFailed(2202, "authInfo does not match")
    reply = Reply()
    reply.res_data.append(info_data(ctx, contact))
    return reply


def info_data(ctx: Context, contact: Contact) -> Element:
    """The `<contact:infData>` of `contact` as the caller may see it (authInfo: sponsor only)."""
    data = element(CONTACT, "infData")
    sub(data, CONTACT, "id", contact.handle)
    sub(data, CONTACT, "roid", contact.roid)
    for status in statuses_of(ctx.store, contact):
        sub(data, CONTACT, "status", s=status)
    for postal in contact.postal_info:
        postal_info_element(data, postal)
    _phones(data, contact)
    sub(data, CONTACT, "email", contact.email)
    sub(data, CONTACT, "clID", contact.sponsor)
    sub(data, CONTACT, "crID", contact.creator)
    sub(data, CONTACT, "crDate", format_datetime(contact.created_at))
    if contact.updater and contact.updated_at:
        sub(data, CONTACT, "upID", contact.updater)
        sub(data, CONTACT, "upDate", format_datetime(contact.updated_at))
    if contact.transferred_at:
        sub(data, CONTACT, "trDate", format_datetime(contact.transferred_at))
    if contact.sponsor == ctx.clid:
        sub(sub(data, CONTACT, "authInfo"), CONTACT, "pw", contact.auth_info)
    if contact.disclose is not None:
        disclose_element(data, contact.disclose)
    return data


def _phones(data: Element, contact: Contact) -> None:
    for name, number, ext in (
        ("voice", contact.voice, contact.voice_ext),
        ("fax", contact.fax, contact.fax_ext),
    ):
        if number:
            node = sub(data, CONTACT, name, number)
            if ext:
                node.set("x", ext)


def delete(ctx: Context) -> Reply:
    contact = find_contact(ctx)
    if contact.sponsor != ctx.clid:
        raise CommandFailed(2201, "contact is sponsored by another registrar")
    for prefix in ("client", "server"):
        if f"{prefix}DeleteProhibited" in contact.statuses:
            raise CommandFailed(2304, f"{prefix}DeleteProhibited")
    users = ctx.store.domains_using_contact(contact.handle)
    if users:
        raise CommandFailed(2305, f"contact {contact.handle} is used by {users[0].name}")
    del ctx.store.contacts[contact.handle.lower()]
    return Reply()
