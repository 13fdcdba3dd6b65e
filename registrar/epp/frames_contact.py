"""Builders of RFC 5733 contact command frames."""

from __future__ import annotations

from registrar.epp.frames import command, finish
from registrar.epp.objects import ContactCreateRequest, PostalInfo
from registrar.epp.xml import CONTACT, Element, sub


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
    auth = sub(create, CONTACT, "authInfo")
    sub(auth, CONTACT, "pw", request.auth_info)
    return finish(root, cmd, cltrid)


def postal_info_element(parent: Element, postal: PostalInfo) -> Element:
    """Append one `<contact:postalInfo type="int|loc">`."""
    node = sub(parent, CONTACT, "postalInfo", type=postal.type)
    sub(node, CONTACT, "name", postal.name)
    if postal.org:
        sub(node, CONTACT, "org", postal.org)
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
