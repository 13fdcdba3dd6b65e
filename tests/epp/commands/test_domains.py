"""Client ↔ sandbox over TLS on loopback: domain check, info and create."""

from __future__ import annotations

from dataclasses import replace

import pytest

from registrar.epp.objects import DomainCreateRequest, DsData
from registrar.errors import RegistrarError

DIGEST = "8E2B3A9C7F1D0E45A6B3C2D1E0F9A8B7C6D5E4F3A2B1C0D9E8F7A6B5C4D3E2F1"
NS = ("ns1.dns-provider.example", "ns2.dns-provider.example")


def create_request(name: str = "fresh.test", **changes: object) -> DomainCreateRequest:
    request = DomainCreateRequest(
        name=name,
        registrant="OTHER-1",
        admin=("OTHER-2",),
        tech=("OTHER-2",),
        auth_info="fresh-Auth-1",
        nameservers=NS,
    )
    return replace(request, **changes)


@pytest.fixture
def session(gateway, endpoint, login_a):
    return gateway.session(endpoint, login_a)


async def test_check_reports_existing_and_reserved_names_unavailable(session) -> None:
    results = await session.check_domains(["free.test", "taken.test", "nic.test"])
    assert [(r.name, r.available) for r in results] == [
        ("free.test", True),
        ("taken.test", False),
        ("nic.test", False),
    ]
    assert results[1].reason == "In use"
    assert results[2].reason == "Reserved"


async def test_check_splits_into_batches_and_keeps_input_order(session, client_frames) -> None:
    names = [f"name{i}.test" for i in range(12)] + ["taken.test"]
    results = await session.check_domains(list(reversed(names)))
    assert [r.name for r in results] == list(reversed(names))
    checks = [f for d, f in client_frames.frames if d == "sent" and b"<domain:check" in f]
    assert len(checks) == 3  # 13 names, 5 per check


async def test_check_quotes_fees_per_command_and_marks_premium(session) -> None:
    [standard, premium] = await session.check_domains(
        ["plain.test", "premium.test"],
        fee_commands=("create", "renew", "transfer", "restore"),
        fee_period=2,
    )
    by_command = {fee.command: fee for fee in standard.fees}
    assert by_command["create"].amount == "20.00"
    assert by_command["create"].period_years == 2
    assert by_command["restore"].amount == "40.00"
    assert not by_command["create"].premium
    premium_create = next(fee for fee in premium.fees if fee.command == "create")
    assert premium_create.premium and premium_create.fee_class == "premium"
    assert premium_create.amount == "1000.00" and premium_create.currency == "USD"


async def test_check_rejects_an_empty_list_before_calling_the_registry(session) -> None:
    with pytest.raises(RegistrarError) as caught:
        await session.check_domains([])
    assert caught.value.code == "unprocessable_entity"


async def test_domain_info_hides_auth_info_from_non_sponsors(session) -> None:
    info = await session.domain_info("transfer-me.test")
    assert info.sponsor == "OtherRegistrar"
    assert info.auth_info is None
    assert info.nameservers == NS


async def test_domain_info_fails_when_auth_info_is_wrong(session) -> None:
    with pytest.raises(RegistrarError) as caught:
        await session.domain_info("transfer-me.test", auth_code="wrong-code")
    assert caught.value.code == "registry_authorization_error"
    assert caught.value.detail["epp_code"] == 2202
    assert "wrong-code" not in str(caught.value.detail)


async def test_domain_info_accepts_the_right_auth_info(session) -> None:
    info = await session.domain_info("transfer-me.test", auth_code="secret-transfer-1")
    assert info.registrant == "OTHER-1"


async def test_domain_info_fails_with_not_at_registry_for_unknown_names(session) -> None:
    with pytest.raises(RegistrarError) as caught:
        await session.domain_info("nowhere.test")
    assert caught.value.code == "not_at_registry"
    assert caught.value.detail["epp_code"] == 2303
    assert caught.value.detail["msg"] == "Object does not exist"
    assert "nowhere.test" in caught.value.detail["reason"]


async def test_domain_create_returns_dates_and_info_shows_everything(session) -> None:
    request = create_request(
        period_years=3,
        ds_data=(DsData(2371, 13, 2, DIGEST),),
        max_sig_life=604800,
        idn_language="de",
    )
    created = await session.create_domain(request)
    assert created.name == "fresh.test"
    assert created.created_at.tzinfo is not None
    assert created.expires_at.year == created.created_at.year + 3
    info = await session.domain_info("fresh.test")
    assert info.sponsor == "registrar-a"
    assert info.auth_info == "fresh-Auth-1"
    assert info.contacts == {"admin": ("OTHER-2",), "tech": ("OTHER-2",)}
    assert info.ds_data == (DsData(2371, 13, 2, DIGEST),)
    assert info.max_sig_life == 604800
    assert info.statuses == ("ok",)


async def test_domain_create_fails_when_the_name_exists(session) -> None:
    with pytest.raises(RegistrarError) as caught:
        await session.create_domain(create_request("taken.test"))
    assert caught.value.code == "object_exists"


async def test_domain_create_fails_when_registrant_missing(session) -> None:
    with pytest.raises(RegistrarError) as caught:
        await session.create_domain(create_request(registrant="NOBODY-1"))
    assert caught.value.code == "not_at_registry"
    assert "registrant" in caught.value.detail["reason"]


async def test_domain_create_fails_when_a_contact_is_missing(session) -> None:
    with pytest.raises(RegistrarError) as caught:
        await session.create_domain(create_request(tech=("NOBODY-2",)))
    assert caught.value.code == "not_at_registry"


async def test_domain_create_fails_when_a_nameserver_host_is_missing(session) -> None:
    with pytest.raises(RegistrarError) as caught:
        await session.create_domain(create_request(nameservers=("ns9.unknown.example",)))
    assert caught.value.code == "not_at_registry"


async def test_domain_create_fails_when_period_exceeds_ten_years(session) -> None:
    with pytest.raises(RegistrarError) as caught:
        await session.create_domain(create_request(period_years=11))
    assert caught.value.code == "registry_policy_error"


async def test_domain_create_fails_for_a_premium_name_without_fee(session) -> None:
    with pytest.raises(RegistrarError) as caught:
        await session.create_domain(create_request("premium.test"))
    assert caught.value.code == "registry_policy_error"
    assert "premium" in caught.value.detail["reason"]


async def test_domain_create_succeeds_for_a_premium_name_with_the_quoted_fee(session) -> None:
    created = await session.create_domain(create_request("premium.test", fee_amount="500.00", fee_currency="USD"))
    assert created.name == "premium.test"


async def test_domain_create_fails_with_an_unknown_idn_table(session) -> None:
    with pytest.raises(RegistrarError) as caught:
        await session.create_domain(create_request(idn_language="klingon"))
    assert caught.value.code == "registry_policy_error"


async def test_domain_create_rejects_a_non_ldh_name_before_sending(session, client_frames) -> None:
    with pytest.raises(RegistrarError) as caught:
        await session.create_domain(create_request("bad name.test"))
    assert caught.value.code == "unprocessable_entity"
    assert not client_frames.frames
