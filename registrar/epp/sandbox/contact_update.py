"""Sandbox contact update (RFC 5733 §3.2.5): statuses, and the `<contact:chg>` fields.

A postalInfo in `<chg>` changes the one of its type (what it leaves out stays); a new type
needs its name and address. An empty `<voice>` or `<fax>` removes the number. Everything is
checked before anything changes.
"""

from __future__ import annotations

from registrar.epp.objects import CONTACT_CLIENT_STATUSES
from registrar.epp.sandbox.changes import (
    changed_statuses,
    only_unlocks,
    statuses_in,
    verify_update_allowed,
)
from registrar.epp.sandbox.contacts import (
    auth_info,
    email,
    find_contact,
    parse_disclose,
    parse_postal_info,
    phone,
)
from registrar.epp.sandbox.context import Context
from registrar.epp.sandbox.replies import CommandFailed, Reply
from registrar.epp.wire.xml import CONTACT, child, children


def update(ctx: Context) -> Reply:
    contact = find_contact(ctx)
    if contact.sponsor != ctx.clid:
        raise CommandFailed(2201, "contact is sponsored by another registrar")
    verify_update_allowed(contact.statuses, only_unlocks(ctx.command, CONTACT))
    statuses = changed_statuses(
        contact.statuses,
        statuses_in(child(ctx.command, CONTACT, "add"), CONTACT),
        statuses_in(child(ctx.command, CONTACT, "rem"), CONTACT),
        CONTACT_CLIENT_STATUSES,
    )
    chg = child(ctx.command, CONTACT, "chg")
    if chg is not None:
        by_type = {postal.type: postal for postal in contact.postal_info}
        nodes = children(chg, CONTACT, "postalInfo")
        if len({node.get("type") for node in nodes}) != len(nodes):
            raise CommandFailed(2005, "at most one int and one loc postalInfo")
        for node in nodes:
            postal = parse_postal_info(node, by_type.get(node.get("type", "")))
            by_type[postal.type] = postal
        voice_node, fax_node = child(chg, CONTACT, "voice"), child(chg, CONTACT, "fax")
        voice = phone(voice_node) if voice_node is not None else None
        fax = phone(fax_node) if fax_node is not None else None
        new_email = email(chg) if child(chg, CONTACT, "email") is not None else None
        new_auth = auth_info(chg) if child(chg, CONTACT, "authInfo") is not None else None
        disclose = parse_disclose(child(chg, CONTACT, "disclose"))
        contact.postal_info = [by_type[kind] for kind in ("int", "loc") if kind in by_type]
        if voice is not None:
            contact.voice, contact.voice_ext = voice
        if fax is not None:
            contact.fax, contact.fax_ext = fax
        contact.email = new_email or contact.email
        contact.auth_info = new_auth or contact.auth_info
        contact.disclose = disclose or contact.disclose
    contact.statuses = statuses
    contact.updater, contact.updated_at = ctx.clid, ctx.now
    return Reply()
