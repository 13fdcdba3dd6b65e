"""Client ↔ sandbox over TLS: host check/create with glue rules, contact create."""

from __future__ import annotations

import pytest

from registrar.epp.objects import ContactCreateRequest, DomainCreateRequest, PostalInfo
from registrar.errors import RegistrarError


@pytest.fixture
def session(gateway, endpoint, login_a):
    return gateway.session(endpoint, login_a)


async def own_domain(session, name: str = "mine.test") -> None:
    await session.create_domain(DomainCreateRequest(name=name, registrant="OTHER-1", auth_info="mine-Auth-1"))


def contact(handle: str = "JD-1001", **extra: object) -> ContactCreateRequest:
    return ContactCreateRequest(
        handle=handle,
        postal_info=(
            PostalInfo(
                name="Jane Doe",
                org="Acme",
                street=("1 Main St", "Suite 2"),
                city="Springfield",
                sp="IL",
                pc="62701",
                cc="US",
            ),
            PostalInfo(type="loc", name="Jäne Döe", city="Zürich", cc="CH"),
        ),
        email="jane@example.com",
        auth_info="contact-Auth-1",
        voice="+1.5555550100",
        fax="+1.5555550101",
        **extra,
    )


async def test_host_check_reports_existing_hosts_unavailable(session) -> None:
    results = await session.check_hosts(["ns1.dns-provider.example", "ns1.free.example"])
    assert [(r.name, r.available) for r in results] == [
        ("ns1.dns-provider.example", False),
        ("ns1.free.example", True),
    ]


async def test_host_create_external_without_addresses_succeeds(session) -> None:
    await session.create_host("ns1.elsewhere.net")
    [result] = await session.check_hosts(["ns1.elsewhere.net"])
    assert not result.available


async def test_host_create_fails_for_an_external_host_with_addresses(session) -> None:
    with pytest.raises(RegistrarError) as caught:
        await session.create_host("ns1.elsewhere.net", ["192.0.2.10"])
    assert caught.value.code == "registry_policy_error"


async def test_host_create_subordinate_with_v4_and_v6_glue_succeeds(session) -> None:
    await own_domain(session)
    await session.create_host("ns1.mine.test", ["192.0.2.10", "2001:db8::10"])
    info = await session.domain_info("mine.test")
    assert info.hosts == ("ns1.mine.test",)


async def test_host_create_fails_when_subordinate_host_has_no_address(session) -> None:
    await own_domain(session)
    with pytest.raises(RegistrarError) as caught:
        await session.create_host("ns1.mine.test")
    assert caught.value.detail["epp_code"] == 2003


async def test_host_create_fails_when_parent_domain_is_sponsored_by_another(session) -> None:
    with pytest.raises(RegistrarError) as caught:
        await session.create_host("ns1.taken.test", ["192.0.2.10"])
    assert caught.value.code == "registry_authorization_error"


async def test_host_create_fails_when_parent_domain_does_not_exist(session) -> None:
    with pytest.raises(RegistrarError) as caught:
        await session.create_host("ns1.nowhere.test", ["192.0.2.10"])
    assert caught.value.code == "not_at_registry"


async def test_host_create_fails_when_host_exists(session) -> None:
    with pytest.raises(RegistrarError) as caught:
        await session.create_host("ns1.dns-provider.example", ["192.0.2.1"])
    assert caught.value.code == "object_exists"


async def test_host_create_rejects_a_bad_address_before_sending(session) -> None:
    with pytest.raises(RegistrarError) as caught:
        await session.create_host("ns1.elsewhere.net", ["300.1.1.1"])
    assert caught.value.code == "unprocessable_entity"


async def test_contact_create_returns_handle_and_date(session) -> None:
    created = await session.create_contact(contact())
    assert created.handle == "JD-1001"
    assert created.created_at.tzinfo is not None


async def test_contact_create_fails_when_handle_exists(session) -> None:
    await session.create_contact(contact())
    with pytest.raises(RegistrarError) as caught:
        await session.create_contact(contact())
    assert caught.value.code == "object_exists"


async def test_created_contact_can_be_registrant_of_a_new_domain(session) -> None:
    await session.create_contact(contact())
    created = await session.create_domain(
        DomainCreateRequest(name="jane.test", registrant="JD-1001", auth_info="jane-Auth-1")
    )
    assert created.name == "jane.test"
