"""Contact frames (RFC 5733) are valid against the EPP XSDs."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from registrar.epp.frames.contact import (
    build_contact_check,
    build_contact_create,
    build_contact_delete,
    build_contact_info,
    build_contact_update,
)
from registrar.epp.objects import ContactCreateRequest, ContactUpdateRequest, Disclose, ObjectStatus, PostalInfo

CONTACT_REQUEST = ContactCreateRequest(
    handle="C-REG-1",
    postal_info=(
        PostalInfo(
            name="Jane Doe",
            city="Springfield",
            cc="US",
            org="Acme",
            street=("1 Main St", "Suite 2", "Floor 3"),
            sp="IL",
            pc="62701",
        ),
        PostalInfo(type="loc", name="Jäne Döe", city="Zürich", cc="CH"),
    ),
    email="jane@example.com",
    auth_info="contact-secret",
    voice="+1.5555550100",
    fax="+1.5555550101",
)

INT = PostalInfo(name="Jane Doe", city="Springfield", cc="US", street=("1 Main St",), pc="62701")
LOC = PostalInfo(type="loc", name="Jäne Döe", city="Zürich", cc="CH")
HIDDEN = Disclose(flag=False, name=("int", "loc"), addr=("int",), voice=True, email=True)


def contact(handle: str = "JD-2001") -> ContactCreateRequest:
    return ContactCreateRequest(
        handle=handle,
        postal_info=(INT, LOC),
        email="jane@example.com",
        auth_info="contact-Auth-1",
        voice="+1.5555550100",
        disclose=HIDDEN,
    )


@pytest.mark.parametrize(
    "frame",
    [
        lambda: build_contact_create(CONTACT_REQUEST),
        lambda: build_contact_check(["C-1", "C-2"]),
        lambda: build_contact_info("C-1", auth_info="secret-1"),
        lambda: build_contact_create(contact()),
        lambda: build_contact_update(
            ContactUpdateRequest(
                "C-1",
                add_statuses=(ObjectStatus("clientDeleteProhibited"),),
                rem_statuses=("clientTransferProhibited",),
                postal_info=(INT, LOC),
                voice="",
                fax="+1.5555550199",
                email="new@example.com",
                auth_info="new-secret-1",
                disclose=Disclose(flag=True, org=("int",), fax=True),
            )
        ),
        lambda: build_contact_update(ContactUpdateRequest("C-1", email="new@example.com")),
        lambda: build_contact_delete("C-1"),
    ],
    ids=[
        "contact_create",
        "contact_check",
        "contact_info_auth",
        "contact_create_disclose",
        "contact_update_full",
        "contact_update_email",
        "contact_delete",
    ],
)
def test_contact_frame_is_xsd_valid(frame, assert_valid: Callable[[bytes], None]) -> None:
    assert_valid(frame())
