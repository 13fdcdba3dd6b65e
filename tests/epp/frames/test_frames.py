"""Every frame the client can build is valid against the official EPP XSDs."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from registrar.epp.frames import (
    build_hello,
    build_login,
    build_logout,
    build_poll_ack,
    build_poll_request,
    negotiated_uris,
    new_cltrid,
)
from registrar.epp.frames_contact import build_contact_create, build_contact_update
from registrar.epp.frames_domain import build_domain_check, build_domain_create, build_domain_info
from registrar.epp.frames_domain_update import build_domain_update
from registrar.epp.frames_host import build_host_check, build_host_create, build_host_info
from registrar.epp.objects import (
    ContactCreateRequest,
    ContactUpdateRequest,
    DomainCreateRequest,
    DomainUpdateRequest,
    DsData,
    Greeting,
    PostalInfo,
)
from registrar.epp.redact import scrub
from registrar.epp.xml import CONTACT, DOMAIN, FEE, HOST, IDN, RGP, SECDNS

GREETING = Greeting(
    server_id="x",
    server_date=None,
    versions=("1.0",),
    languages=("en",),
    object_uris=(DOMAIN, HOST, "urn:example:other-1.0"),
    extension_uris=(SECDNS, FEE, "urn:ietf:params:xml:ns:launch-1.0"),
)

FULL_CREATE = DomainCreateRequest(
    name="alpha.test",
    registrant="C-REG-1",
    auth_info="x9-Auth-secret",
    period_years=2,
    nameservers=("ns1.provider.example", "ns2.provider.example"),
    admin=("C-ADM-1",),
    tech=("C-TEC-1", "C-TEC-2"),
    billing=("C-BIL-1",),
    ds_data=(DsData(2371, 13, 2, "8E2B3A9C7F1D0E45A6B3C2D1E0F9A8B7C6D5E4F3A2B1C0D9E8F7A6B5C4D3E2F1"),),
    max_sig_life=604800,
    idn_language="de",
    fee_amount="20.00",
    fee_currency="USD",
)

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

FRAMES: dict[str, Callable[[], bytes]] = {
    "hello": build_hello,
    "login": lambda: build_login("registrar-a", "password-a1", object_uris=[DOMAIN, HOST]),
    "login_new_password_and_extensions": lambda: build_login(
        "registrar-a",
        "password-a1",
        new_password="password-a2",
        object_uris=[DOMAIN, CONTACT, HOST],
        extension_uris=[SECDNS, RGP, FEE, IDN],
    ),
    "logout": build_logout,
    "poll_request": build_poll_request,
    "poll_ack": lambda: build_poll_ack("12345"),
    "domain_check": lambda: build_domain_check(["a.test", "b.test"]),
    "domain_check_fee_idn": lambda: build_domain_check(
        ["a.test"],
        fee_commands=["create", "renew", "transfer", "restore"],
        fee_period=2,
        fee_currency="USD",
        idn_table="de",
    ),
    "domain_info": lambda: build_domain_info("a.test"),
    "domain_info_auth": lambda: build_domain_info("a.test", auth_info="secret-1", hosts="none"),
    "domain_create_minimal": lambda: build_domain_create(
        DomainCreateRequest(name="a.test", registrant="C-1", auth_info="secret-1")
    ),
    "domain_create_full": lambda: build_domain_create(FULL_CREATE),
    "contact_create": lambda: build_contact_create(CONTACT_REQUEST),
    "host_check": lambda: build_host_check(["ns1.a.test", "ns2.a.test"]),
    "host_info": lambda: build_host_info("ns1.a.test"),
    "host_create_external": lambda: build_host_create("ns1.example.net"),
    "host_create_glue": lambda: build_host_create("ns1.a.test", ["192.0.2.1", "2001:db8::1"]),
}


@pytest.mark.parametrize("name", sorted(FRAMES))
def test_client_frame_is_xsd_valid(name: str, assert_valid: Callable[[bytes], None]) -> None:
    assert_valid(FRAMES[name]())


def test_login_announces_only_uris_both_sides_support() -> None:
    objects, extensions = negotiated_uris(GREETING)
    assert objects == [DOMAIN, HOST]
    assert extensions == [SECDNS, FEE]


def test_every_command_carries_a_unique_cltrid() -> None:
    ids = {new_cltrid() for _ in range(1000)}
    assert len(ids) == 1000
    assert b"<clTRID>" in build_logout()


def test_scrub_masks_passwords_and_auth_info() -> None:
    login = build_login("registrar-a", "password-a1", new_password="password-a2", object_uris=[])
    create = build_domain_create(FULL_CREATE)
    update = build_domain_update(DomainUpdateRequest("alpha.test", auth_info="upd-Secret-1"))
    contact = build_contact_update(ContactUpdateRequest("C-1", auth_info="cupd-Secret-1"))
    text = scrub(login) + scrub(create) + scrub(update) + scrub(contact)
    for secret in ("password-a1", "password-a2", "x9-Auth-secret", "upd-Secret-1", "cupd-Secret-1"):
        assert secret not in text
    assert "registrar-a" in text
