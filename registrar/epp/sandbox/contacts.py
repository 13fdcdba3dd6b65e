"""Sandbox contact commands (RFC 5733)."""

from __future__ import annotations

import re

from registrar.epp.sandbox.context import Context, required, required_element
from registrar.epp.sandbox.replies import CommandFailed, Reply
from registrar.epp.sandbox.store import Contact
from registrar.epp.xml import (
    CONTACT,
    Element,
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


def parse_postal_info(node: Element) -> dict[str, object]:
    """One `<contact:postalInfo>` as a dict; `int` data must be 7-bit ASCII (RFC 5733)."""
    kind = node.get("type", "")
    if kind not in ("int", "loc"):
        raise CommandFailed(2005, "postalInfo type must be int or loc")
    addr = required_element(node, CONTACT, "addr")
    streets = [text_of(s) or "" for s in children(addr, CONTACT, "street")]
    if len(streets) > 3:
        raise CommandFailed(2306, "at most 3 street lines")
    info: dict[str, object] = {
        "type": kind,
        "name": required(node, CONTACT, "name"),
        "org": child_text(node, CONTACT, "org") or None,
        "street": streets,
        "city": required(addr, CONTACT, "city"),
        "sp": child_text(addr, CONTACT, "sp") or None,
        "pc": child_text(addr, CONTACT, "pc") or None,
        "cc": required(addr, CONTACT, "cc").upper(),
    }
    if kind == "int" and not all(
        str(value).isascii() for value in (info["name"], info["org"] or "", info["city"], *streets)
    ):
        raise CommandFailed(2005, "int postalInfo must be 7-bit ASCII; use loc")
    if len(str(info["cc"])) != 2 or not str(info["cc"]).isalpha():
        raise CommandFailed(2005, "cc must be a 2-letter country code")
    return info


def phone(node: Element | None) -> tuple[str | None, str | None]:
    if node is None or not text_of(node):
        return None, None
    number = text_of(node) or ""
    if not _PHONE.match(number):
        raise CommandFailed(2005, f"not an E.164 phone number: {number[:20]!r}")
    return number, node.get("x")


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
    if len({p["type"] for p in postal}) != len(postal):
        raise CommandFailed(2005, "at most one int and one loc postalInfo")
    email = required(cmd, CONTACT, "email")
    if not _EMAIL.match(email):
        raise CommandFailed(2005, "not an email address")
    auth = required_element(cmd, CONTACT, "authInfo")
    auth_info = child_text(auth, CONTACT, "pw")
    if not auth_info:
        raise CommandFailed(2003, "<contact:authInfo> needs a <contact:pw>")
    voice, voice_ext = phone(child(cmd, CONTACT, "voice"))
    fax, fax_ext = phone(child(cmd, CONTACT, "fax"))
    contact = Contact(
        handle=handle,
        roid=ctx.store.roid("C"),
        sponsor=ctx.clid,
        creator=ctx.clid,
        created_at=ctx.now,
        email=email,
        auth_info=auth_info,
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


def parse_disclose(node: Element | None) -> dict[str, object] | None:
    """`<contact:disclose flag>` as {"flag": bool, "fields": [...]} (name/org/addr keep type)."""
    if node is None:
        return None
    fields = []
    for item in node:
        name = item.tag.split("}")[-1]
        fields.append(f"{name}:{item.get('type')}" if item.get("type") else name)
    return {"flag": node.get("flag") in ("1", "true"), "fields": fields}
