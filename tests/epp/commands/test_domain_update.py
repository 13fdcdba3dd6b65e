"""Domain update (RFC 5731 §3.2.5, secDNS-1.1): the sandbox's rules over TLS."""

from __future__ import annotations

import pytest

from registrar.epp.objects import (
    DomainCreateRequest,
    DomainUpdateRequest,
    DsData,
    ObjectStatus,
)
from registrar.epp.wire.xml import SECDNS
from registrar.errors import RegistrarError

DS_1 = DsData(2371, 13, 2, "8E2B3A9C7F1D0E45A6B3C2D1E0F9A8B7C6D5E4F3A2B1C0D9E8F7A6B5C4D3E2F1")
DS_2 = DsData(4242, 8, 2, "A" * 64)
NS_1, NS_2 = "ns1.dns-provider.example", "ns2.dns-provider.example"


@pytest.fixture
def session(gateway, endpoint, login_a):
    return gateway.session(endpoint, login_a)


async def register(session, name: str = "upd.test", **extra: object) -> None:
    await session.create_domain(
        DomainCreateRequest(
            name=name,
            registrant="OTHER-1",
            auth_info="upd-Auth-1",
            nameservers=(NS_1,),
            admin=("OTHER-2",),
            **extra,
        )
    )


async def raises(coro) -> RegistrarError:  # noqa: ANN001
    with pytest.raises(RegistrarError) as caught:
        await coro
    return caught.value


async def test_update_adds_and_removes_nameservers_contacts_and_statuses(session) -> None:
    await register(session)
    await session.update_domain(
        DomainUpdateRequest(
            "upd.test",
            add_nameservers=(NS_2,),
            rem_nameservers=(NS_1,),
            add_contacts=(("tech", "OTHER-1"),),
            rem_contacts=(("admin", "OTHER-2"),),
            add_statuses=(ObjectStatus("clientHold", "under review"),),
        )
    )
    info = await session.domain_info("upd.test")
    assert info.nameservers == (NS_2,)
    assert info.contacts == {"tech": ("OTHER-1",)}
    assert "clientHold" in info.statuses
    assert info.updater == "registrar-a"


async def test_update_changes_registrant_and_auth_info(session) -> None:
    await register(session)
    await session.update_domain(DomainUpdateRequest("upd.test", registrant="OTHER-2", auth_info="changed-Auth-2"))
    info = await session.domain_info("upd.test")
    assert (info.registrant, info.auth_info) == ("OTHER-2", "changed-Auth-2")


async def test_update_adds_and_removes_ds_records_and_changes_max_sig_life(session) -> None:
    await register(session, ds_data=(DS_1,))
    await session.update_domain(DomainUpdateRequest("upd.test", ds_add=(DS_2,), ds_rem=(DS_1,), max_sig_life=3600))
    info = await session.domain_info("upd.test")
    assert (info.ds_data, info.max_sig_life) == ((DS_2,), 3600)


async def test_update_rem_all_removes_every_ds_record(session) -> None:
    await register(session, ds_data=(DS_1, DS_2))
    await session.update_domain(DomainUpdateRequest("upd.test", ds_rem_all=True))
    assert (await session.domain_info("upd.test")).ds_data == ()


async def test_update_fails_when_client_update_prohibited(session) -> None:
    await register(session)
    lock = ObjectStatus("clientUpdateProhibited")
    await session.update_domain(DomainUpdateRequest("upd.test", add_statuses=(lock,)))
    error = await raises(session.update_domain(DomainUpdateRequest("upd.test", add_nameservers=(NS_2,))))
    assert (error.code, error.detail["epp_code"]) == ("registry_status_prohibits", 2304)


async def test_update_that_only_removes_client_update_prohibited_succeeds(session) -> None:
    await register(session)
    lock = ObjectStatus("clientUpdateProhibited")
    await session.update_domain(DomainUpdateRequest("upd.test", add_statuses=(lock,)))
    await session.update_domain(DomainUpdateRequest("upd.test", rem_statuses=("clientUpdateProhibited",)))
    await session.update_domain(DomainUpdateRequest("upd.test", add_nameservers=(NS_2,)))
    assert (await session.domain_info("upd.test")).nameservers == (NS_1, NS_2)


async def test_update_fails_when_unlocking_together_with_other_changes(session) -> None:
    await register(session)
    lock = ObjectStatus("clientUpdateProhibited")
    await session.update_domain(DomainUpdateRequest("upd.test", add_statuses=(lock,)))
    error = await raises(
        session.update_domain(
            DomainUpdateRequest("upd.test", rem_statuses=("clientUpdateProhibited",), add_nameservers=(NS_2,))
        )
    )
    assert error.detail["epp_code"] == 2304


async def test_update_fails_when_server_update_prohibited_even_to_unlock(session, sandbox) -> None:
    await register(session)
    sandbox.store.domains["upd.test"].statuses |= {
        "serverUpdateProhibited",
        "clientUpdateProhibited",
    }
    error = await raises(
        session.update_domain(DomainUpdateRequest("upd.test", rem_statuses=("clientUpdateProhibited",)))
    )
    assert error.detail["epp_code"] == 2304


async def test_update_fails_for_a_domain_of_another_registrar(session) -> None:
    error = await raises(session.update_domain(DomainUpdateRequest("taken.test", auth_info="mine-now-1")))
    assert (error.code, error.detail["epp_code"]) == ("registry_authorization_error", 2201)


async def test_update_fails_when_the_domain_does_not_exist(session) -> None:
    error = await raises(session.update_domain(DomainUpdateRequest("nowhere.test", auth_info="whatever-1")))
    assert error.code == "not_at_registry"


async def test_update_fails_when_an_added_host_does_not_exist(session) -> None:
    await register(session)
    error = await raises(
        session.update_domain(DomainUpdateRequest("upd.test", add_nameservers=("ns9.nowhere.example",)))
    )
    assert (error.code, error.detail["epp_code"]) == ("not_at_registry", 2303)


async def test_update_fails_when_an_added_contact_does_not_exist(session) -> None:
    await register(session)
    error = await raises(session.update_domain(DomainUpdateRequest("upd.test", add_contacts=(("tech", "NOPE-1"),))))
    assert error.detail["epp_code"] == 2303


async def test_update_fails_when_a_removed_nameserver_is_not_delegated(session) -> None:
    await register(session)
    error = await raises(session.update_domain(DomainUpdateRequest("upd.test", rem_nameservers=(NS_2,))))
    assert (error.code, error.detail["epp_code"]) == ("registry_policy_error", 2306)


async def test_update_is_all_or_nothing(session) -> None:
    await register(session)
    await raises(
        session.update_domain(
            DomainUpdateRequest("upd.test", add_nameservers=(NS_2,), add_contacts=(("tech", "NOPE-1"),))
        )
    )
    assert (await session.domain_info("upd.test")).nameservers == (NS_1,)


async def test_empty_update_sends_nothing(session, client_frames) -> None:
    await session.update_domain(DomainUpdateRequest("upd.test"))
    assert not any(b"<update>" in frame for _, frame in client_frames.frames)


async def test_update_rejects_a_registry_status_before_sending(session, client_frames) -> None:
    error = await raises(
        session.update_domain(DomainUpdateRequest("upd.test", add_statuses=(ObjectStatus("serverHold"),)))
    )
    assert error.code == "unprocessable_entity"
    assert not client_frames.frames


async def test_update_of_secdns_fails_when_the_registry_lacks_secdns(session, sandbox) -> None:
    sandbox.faults.greeting_without.add(SECDNS)
    error = await raises(session.update_domain(DomainUpdateRequest("upd.test", ds_rem_all=True)))
    assert error.code == "registry_policy_error"
