"""Domain frames (RFC 5731 with secDNS-1.1, fee-1.0 and idn-1.0) are valid against the EPP XSDs."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest

from registrar.epp.frames.domain import (
    build_domain_check,
    build_domain_create,
    build_domain_delete,
    build_domain_info,
    build_domain_renew,
    build_domain_transfer,
    build_domain_update,
)
from registrar.epp.objects import DomainCreateRequest, DomainUpdateRequest, DsData, ObjectStatus
from tests.support.epp import FULL_CREATE

DS_1 = DsData(2371, 13, 2, "8E2B3A9C7F1D0E45A6B3C2D1E0F9A8B7C6D5E4F3A2B1C0D9E8F7A6B5C4D3E2F1")
DS_2 = DsData(4242, 8, 2, "A" * 64)
NS_1, NS_2 = "ns1.dns-provider.example", "ns2.dns-provider.example"

FULL_UPDATE = DomainUpdateRequest(
    name="alpha.test",
    add_nameservers=(NS_1,),
    rem_nameservers=(NS_2,),
    add_statuses=(
        ObjectStatus("clientHold", "payment overdue"),
        ObjectStatus("clientRenewProhibited"),
    ),
    rem_statuses=("clientDeleteProhibited",),
    add_contacts=(("tech", "C-TEC-2"),),
    rem_contacts=(("admin", "C-ADM-1"),),
    registrant="C-REG-2",
    auth_info="new-Auth-9",
    ds_add=(DS_2,),
    ds_rem=(DS_1,),
    max_sig_life=86400,
)

FRAMES: dict[str, Callable[[], bytes]] = {
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
}


@pytest.mark.parametrize("name", sorted(FRAMES))
def test_domain_frame_is_xsd_valid(name: str, assert_valid: Callable[[bytes], None]) -> None:
    assert_valid(FRAMES[name]())


@pytest.mark.parametrize(
    "frame",
    [
        lambda: build_domain_renew("a.test", date(2026, 1, 2), 2),
        lambda: build_domain_transfer("request", "a.test", auth_info="secret-1", years=1),
        lambda: build_domain_transfer("query", "a.test"),
        lambda: build_domain_transfer("approve", "a.test"),
        lambda: build_domain_delete("a.test"),
    ],
    ids=["renew", "transfer_request", "transfer_query", "transfer_approve", "delete"],
)
def test_renew_transfer_delete_frame_is_xsd_valid(frame, assert_valid: Callable[[bytes], None]) -> None:
    assert_valid(frame())


@pytest.mark.parametrize(
    "frame",
    [
        lambda: build_domain_update(FULL_UPDATE),
        lambda: build_domain_update(DomainUpdateRequest("alpha.test", ds_rem_all=True)),
        lambda: build_domain_update(DomainUpdateRequest("alpha.test", registrant="C-REG-2")),
        lambda: build_domain_update(DomainUpdateRequest("a.test", rem_statuses=("clientHold",))),
    ],
    ids=["full", "ds_rem_all", "chg_only", "rem_status"],
)
def test_domain_update_frame_is_xsd_valid(frame, assert_valid: Callable[[bytes], None]) -> None:
    assert_valid(frame())


def test_update_frame_puts_rem_all_before_add_in_secdns() -> None:
    frame = build_domain_update(DomainUpdateRequest("alpha.test", ds_rem_all=True, ds_add=(DS_1,))).decode()
    assert frame.index("<secDNS:all>true</secDNS:all>") < frame.index("<secDNS:add>")
