"""Host info/update/delete (RFC 5732) and contact check/info/update/delete (RFC 5733) over TLS."""

from __future__ import annotations

import pytest

from registrar.epp.objects import (
    ContactCreateRequest,
    ContactUpdateRequest,
    Disclose,
    DomainCreateRequest,
    DomainUpdateRequest,
    ObjectStatus,
    PostalInfo,
)
from registrar.errors import RegistrarError

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


@pytest.fixture
def session(gateway, endpoint, login_a):
    return gateway.session(endpoint, login_a)


async def raises(coro) -> RegistrarError:  # noqa: ANN001
    with pytest.raises(RegistrarError) as caught:
        await coro
    return caught.value


async def own_domain(session, name: str = "mine.test", nameservers: tuple[str, ...] = ()) -> None:
    await session.create_domain(
        DomainCreateRequest(name=name, registrant="OTHER-1", auth_info="mine-Auth-1", nameservers=nameservers)
    )


# -- hosts ---------------------------------------------------------------------------------


async def test_host_info_reports_addresses_sponsor_and_linked_status(session) -> None:
    info = await session.host_info("ns2.dns-provider.example")
    assert info.addresses == ("192.0.2.2", "2001:db8::2")
    assert info.sponsor == "OtherRegistrar"
    assert "linked" in info.statuses


async def test_host_update_adds_and_removes_addresses(session) -> None:
    await own_domain(session)
    await session.create_host("ns1.mine.test", ["192.0.2.10"])
    await session.update_host("ns1.mine.test", add_addresses=["2001:db8::10"], rem_addresses=["192.0.2.10"])
    info = await session.host_info("ns1.mine.test")
    assert (info.addresses, info.updater) == (("2001:db8::10",), "registrar-a")


async def test_host_update_fails_when_it_removes_the_last_glue_address(session) -> None:
    await own_domain(session)
    await session.create_host("ns1.mine.test", ["192.0.2.10"])
    error = await raises(session.update_host("ns1.mine.test", rem_addresses=["192.0.2.10"]))
    assert (error.code, error.detail["epp_code"]) == ("registry_policy_error", 2306)


async def test_host_update_fails_when_an_external_host_gets_an_address(session) -> None:
    await session.create_host("ns1.elsewhere.net")
    error = await raises(session.update_host("ns1.elsewhere.net", add_addresses=["192.0.2.9"]))
    assert error.detail["epp_code"] == 2306


async def test_host_update_fails_for_a_host_of_another_registrar(session) -> None:
    error = await raises(session.update_host("ns1.dns-provider.example", add_addresses=["192.0.2.99"]))
    assert (error.code, error.detail["epp_code"]) == ("registry_authorization_error", 2201)


async def test_host_update_fails_when_client_update_prohibited_but_may_unlock(session) -> None:
    await session.create_host("ns1.elsewhere.net")
    lock = ObjectStatus("clientUpdateProhibited")
    await session.update_host("ns1.elsewhere.net", add_statuses=[lock])
    error = await raises(session.update_host("ns1.elsewhere.net", new_name="ns2.elsewhere.net"))
    assert error.detail["epp_code"] == 2304
    await session.update_host("ns1.elsewhere.net", rem_statuses=["clientUpdateProhibited"])
    await session.update_host("ns1.elsewhere.net", new_name="ns2.elsewhere.net")


async def test_host_rename_keeps_the_delegations_of_domains(session) -> None:
    await session.create_host("ns1.elsewhere.net")
    await own_domain(session, nameservers=("ns1.elsewhere.net",))
    await session.update_host("ns1.elsewhere.net", new_name="ns1.renamed.net")
    assert (await session.domain_info("mine.test")).nameservers == ("ns1.renamed.net",)
    assert (await session.host_info("ns1.renamed.net")).name == "ns1.renamed.net"


async def test_host_rename_fails_under_a_domain_of_another_registrar(session) -> None:
    await own_domain(session)
    await session.create_host("ns1.mine.test", ["192.0.2.10"])
    error = await raises(session.update_host("ns1.mine.test", new_name="ns1.taken.test"))
    assert error.detail["epp_code"] == 2201


async def test_host_rename_fails_when_the_new_name_exists(session) -> None:
    await session.create_host("ns1.elsewhere.net")
    error = await raises(session.update_host("ns1.elsewhere.net", new_name="ns1.dns-provider.example"))
    assert error.code == "object_exists"


async def test_host_delete_fails_when_linked_to_a_domain(session) -> None:
    await session.create_host("ns1.elsewhere.net")
    await own_domain(session, nameservers=("ns1.elsewhere.net",))
    error = await raises(session.delete_host("ns1.elsewhere.net"))
    assert (error.code, error.detail["epp_code"]) == ("registry_status_prohibits", 2305)


async def test_host_delete_succeeds_once_no_domain_delegates_to_it(session) -> None:
    await session.create_host("ns1.elsewhere.net")
    await own_domain(session, nameservers=("ns1.elsewhere.net",))
    await session.update_domain(DomainUpdateRequest("mine.test", rem_nameservers=("ns1.elsewhere.net",)))
    await session.delete_host("ns1.elsewhere.net")
    assert (await raises(session.host_info("ns1.elsewhere.net"))).code == "not_at_registry"


async def test_update_host_with_nothing_to_change_sends_nothing(session, client_frames) -> None:
    await session.update_host("ns1.elsewhere.net")
    assert not client_frames.frames


# -- contacts ------------------------------------------------------------------------------


async def test_contact_check_reports_existing_ids_unavailable(session) -> None:
    results = await session.check_contacts(["OTHER-1", "FREE-1"])
    assert [(r.handle, r.available) for r in results] == [("OTHER-1", False), ("FREE-1", True)]


async def test_contact_info_returns_everything_to_the_sponsor(session) -> None:
    await session.create_contact(contact())
    info = await session.contact_info("JD-2001")
    assert info.postal_info == (INT, LOC)
    assert (info.email, info.voice, info.auth_info) == (
        "jane@example.com",
        "+1.5555550100",
        "contact-Auth-1",
    )
    assert info.disclose == HIDDEN
    assert info.statuses == ("ok",)
    assert "contact-Auth-1" not in repr(info)


async def test_contact_info_hides_auth_info_from_another_registrar(session) -> None:
    info = await session.contact_info("OTHER-1")
    assert (info.sponsor, info.auth_info) == ("OtherRegistrar", None)
    assert "linked" in info.statuses


async def test_contact_info_fails_with_a_wrong_auth_info(session) -> None:
    error = await raises(session.contact_info("OTHER-1", auth_info="wrong-one-1"))
    assert error.detail["epp_code"] == 2202


async def test_contact_update_changes_postal_info_phone_email_and_disclose(session) -> None:
    await session.create_contact(contact())
    moved = PostalInfo(name="Jane Roe", city="Shelbyville", cc="US", org="Acme")
    await session.update_contact(
        ContactUpdateRequest(
            "JD-2001",
            postal_info=(moved,),
            voice="",
            fax="+1.5555550199",
            email="jane.roe@example.com",
            auth_info="contact-Auth-2",
            disclose=Disclose(flag=True, email=True),
            add_statuses=(ObjectStatus("clientDeleteProhibited"),),
        )
    )
    info = await session.contact_info("JD-2001")
    assert info.postal_info == (moved, LOC)
    assert (info.voice, info.fax, info.email) == (None, "+1.5555550199", "jane.roe@example.com")
    assert (info.auth_info, info.disclose) == ("contact-Auth-2", Disclose(flag=True, email=True))
    assert info.statuses == ("clientDeleteProhibited",)


async def test_contact_update_fails_for_a_contact_of_another_registrar(session) -> None:
    error = await raises(session.update_contact(ContactUpdateRequest("OTHER-1", email="me@example.com")))
    assert error.detail["epp_code"] == 2201


async def test_contact_update_rejects_non_ascii_int_postal_info_before_sending(session) -> None:
    umlauts = PostalInfo(name="Jäne", city="Zürich", cc="CH")
    error = await raises(session.update_contact(ContactUpdateRequest("JD-2001", postal_info=(umlauts,))))
    assert error.code == "unprocessable_entity"


async def test_contact_delete_fails_when_linked_to_a_domain(session) -> None:
    await session.create_contact(contact())
    await session.create_domain(DomainCreateRequest(name="jane.test", registrant="JD-2001", auth_info="jane-Auth-1"))
    error = await raises(session.delete_contact("JD-2001"))
    assert (error.code, error.detail["epp_code"]) == ("registry_status_prohibits", 2305)


async def test_contact_delete_fails_when_client_delete_prohibited(session) -> None:
    await session.create_contact(contact())
    lock = ObjectStatus("clientDeleteProhibited")
    await session.update_contact(ContactUpdateRequest("JD-2001", add_statuses=(lock,)))
    assert (await raises(session.delete_contact("JD-2001"))).detail["epp_code"] == 2304


async def test_contact_delete_removes_an_unlinked_contact(session) -> None:
    await session.create_contact(contact())
    await session.delete_contact("JD-2001")
    assert (await raises(session.contact_info("JD-2001"))).code == "not_at_registry"
