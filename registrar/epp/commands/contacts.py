"""The contact commands of a registry account (RFC 5733): check, info, create, update, delete."""

from __future__ import annotations

from registrar.epp.commands.core import SessionCore, in_input_order, no_result
from registrar.epp.frames.contact import (
    build_contact_check,
    build_contact_create,
    build_contact_delete,
    build_contact_info,
    build_contact_update,
)
from registrar.epp.objects import (
    CONTACT_CLIENT_STATUSES,
    ContactAvailability,
    ContactCreated,
    ContactCreateRequest,
    ContactInfo,
    ContactUpdateRequest,
    Disclose,
    PostalInfo,
)
from registrar.epp.responses.contact import contact_check_results, contact_created, contact_info
from registrar.epp.validation import fields_error, verify_handles, verify_phone, verify_statuses

POSTAL_TYPES = ("int", "loc")


class ContactCommands(SessionCore):
    async def check_contacts(self, handles: list[str]) -> list[ContactAvailability]:
        if not handles:
            raise fields_error("handles", "at least one contact id is required")
        verify_handles("handles", handles)
        answers = await self.query_batches(
            handles,
            lambda batch, _, cltrid: build_contact_check(batch, cltrid=cltrid),
            contact_check_results,
        )
        return in_input_order(handles, answers, lambda answer: answer.handle)

    async def contact_info(self, handle: str, auth_info: str | None = None) -> ContactInfo:
        """The contact; a non-sponsor passes the contact's `auth_info` to see all of it."""
        verify_handles("handle", [handle])
        return await self.query(
            lambda _, cltrid: build_contact_info(handle, auth_info=auth_info, cltrid=cltrid),
            contact_info,
        )

    async def create_contact(self, request: ContactCreateRequest) -> ContactCreated:
        verify_handles("handle", [request.handle])
        if not request.postal_info:
            raise fields_error("postal_info", "at least one postalInfo is required")
        verify_postal_info(request.postal_info)
        verify_phone("voice", request.voice)
        verify_phone("fax", request.fax)
        verify_disclose(request.disclose)
        return await self.mutate(lambda _, cltrid: build_contact_create(request, cltrid=cltrid), contact_created)

    async def update_contact(self, request: ContactUpdateRequest) -> None:
        """Apply the changes of `request`; an update that changes nothing sends nothing."""
        verify_handles("handle", [request.handle])
        added = [status.value for status in request.add_statuses]
        verify_statuses("add_statuses", added, CONTACT_CLIENT_STATUSES)
        verify_statuses("rem_statuses", list(request.rem_statuses), CONTACT_CLIENT_STATUSES)
        verify_postal_info(request.postal_info)
        verify_phone("voice", request.voice)
        verify_phone("fax", request.fax)
        if request.email == "":
            raise fields_error("email", "a contact keeps an email address")
        verify_disclose(request.disclose)
        if request.is_empty:
            return
        await self.mutate(lambda _, cltrid: build_contact_update(request, cltrid=cltrid), no_result)

    async def delete_contact(self, handle: str) -> None:
        """Delete a contact; 2305 (`registry_status_prohibits`) while a domain uses it."""
        verify_handles("handle", [handle])
        await self.mutate(lambda _, cltrid: build_contact_delete(handle, cltrid=cltrid), no_result)


def verify_postal_info(postal_info: tuple[PostalInfo, ...]) -> None:
    """At most one postalInfo per type; "int" ones are 7-bit ASCII (RFC 5733 §2.3)."""
    types = [postal.type for postal in postal_info]
    if any(kind not in POSTAL_TYPES for kind in types) or len(set(types)) != len(types):
        raise fields_error("postal_info", "at most one postalInfo of each type int and loc")
    for postal in postal_info:
        if postal.city is None or postal.cc is None:
            raise fields_error("postal_info", "a postalInfo needs its address: city and country code")
        texts = (postal.name, postal.org or "", postal.city, postal.sp or "", *postal.street)
        if postal.type == "int" and not all(text.isascii() for text in texts):
            raise fields_error("postal_info", "int postalInfo must be ASCII; use type loc")
        if len(postal.street) > 3:
            raise fields_error("postal_info", "at most three street lines")
        if not (len(postal.cc) == 2 and postal.cc.isascii() and postal.cc.isalpha()):
            raise fields_error("postal_info", f"not a country code: {postal.cc!r:.8}")


def verify_disclose(disclose: Disclose | None) -> None:
    if disclose is None:
        return
    if disclose.is_empty:
        raise fields_error("disclose", "name at least one field the flag applies to")
    for types in (disclose.name, disclose.org, disclose.addr):
        if any(kind not in POSTAL_TYPES for kind in types) or len(set(types)) != len(types):
            raise fields_error("disclose", "postalInfo types are int and loc, each at most once")
