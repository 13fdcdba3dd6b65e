"""Registration over REST: the documented domain object, rows, event, registry state, and
every payment, contact, name-server and registry failure leaving nothing half-written."""

from __future__ import annotations

import asyncio

from sqlmodel import select

from registrar.models import (
    Domain,
    DomainEvent,
    DomainNameserver,
    Quote,
    RegistryBinding,
)
from tests.support.registry import registry_view
from tests.support.rest import create_contact, quote, register

DOMAIN_KEYS = {
    "acceptance",
    "auto_renewal",
    "deletion_scheduled_at",
    "epp_statuses",
    "expires_at",
    "hold_reason",
    "id",
    "inserted_at",
    "last_reconciled_at",
    "last_renewed_at",
    "name",
    "nameservers",
    "out_of_sync",
    "registered_at",
    "registry_account",
    "registry_account_id",
    "state",
    "tenant_id",
    "tld",
    "transfer_lock_until",
    "updated_at",
}


async def domain_rows(services):
    async with services.db.read() as session:
        return (await session.exec(select(Domain))).all()


async def test_register_returns_201_with_the_documented_domain_object(client, demo, services):
    # given
    await create_contact(client, demo)
    quote_id = await quote(client, demo, "first.test")
    # when
    response = await register(client, demo, "first.test", quote_id=quote_id)
    # then
    assert response.status_code == 201, response.text
    data = response.json()["data"]
    assert set(data) >= DOMAIN_KEYS
    assert data["name"] == "first.test"
    assert data["state"] == "registered"
    assert data["tld"] == "test"
    assert data["nameservers"] == ["ns1.example.net", "ns2.example.net"]
    assert data["registrant_handle"] == "jdoe"
    assert data["registry_account"]["name"] == "primary"
    assert data["registry_account"]["registry_binding"] == "sandbox"
    assert data["auto_renewal"] == {
        "enabled": True,
        "grace_period_days": 30,
        "mode": "DEFAULT",
        "opt_out_url": None,
        "renewal_fee": {"amount": "11.4900", "currency": "USD"},
    }
    assert data["acceptance"] is None


async def test_register_writes_rows_consumes_the_quote_and_creates_at_the_registry(client, demo, services):
    await create_contact(client, demo)
    quote_id = await quote(client, demo, "rows.test", period=2)
    response = await register(client, demo, "rows.test", quote_id=quote_id, years=2)
    assert response.status_code == 201, response.text
    domain_id = response.json()["data"]["id"]
    async with services.db.read() as session:
        domain = await session.get(Domain, domain_id)
        events = (await session.exec(select(DomainEvent).where(DomainEvent.domain_id == domain_id))).all()
        links = (await session.exec(select(DomainNameserver).where(DomainNameserver.domain_id == domain_id))).all()
        used = await session.get(Quote, quote_id)
    assert domain.auth_code_hash and len(domain.auth_code_hash) == 64
    assert [e.event_type for e in events] == ["registered"]
    assert events[0].actor_type == "user"
    assert events[0].payload["years"] == 2
    assert len(links) == 2
    assert used.consumed_at is not None and used.consumed_by_domain_id == domain_id
    at_registry = await registry_view(services, "rows.test")
    assert at_registry.sponsor == demo.access.clid
    assert set(at_registry.nameservers) == {"ns1.example.net", "ns2.example.net"}
    assert at_registry.expires_at == domain.expires_at
    assert (domain.expires_at - domain.registered_at).days in (730, 731)


async def test_get_domain_returns_it_and_404_elsewhere(client, demo, services):
    await create_contact(client, demo)
    await register(client, demo, "fetch.test", quote_id=await quote(client, demo, "fetch.test"))
    found = await client.get(demo.url("/domains/fetch.test"), headers=demo.headers)
    assert found.status_code == 200
    assert found.json()["data"]["name"] == "fetch.test"
    for missing in ("nothing.test", "not a name"):
        response = await client.get(demo.url(f"/domains/{missing}"), headers=demo.headers)
        assert response.status_code == 404
        assert response.json() == {"error": "not_found"}


async def test_reused_quote_is_quote_consumed(client, demo):
    await create_contact(client, demo)
    quote_id = await quote(client, demo, "once.test")
    assert (await register(client, demo, "once.test", quote_id=quote_id)).status_code == 201
    again = await register(client, demo, "once.test", quote_id=quote_id)
    assert again.status_code == 422
    assert again.json()["error"] == "quote_consumed"


async def test_payment_assurance_errors(client, demo, clock):
    await create_contact(client, demo)
    assert (await register(client, demo, "pay.test")).json()["error"] == "quote_required"
    unknown = await register(client, demo, "pay.test", quote_id="00000000-0000-0000-0000-000000000000")
    assert unknown.json()["error"] == "quote_not_found"
    other_name = await quote(client, demo, "other.test")
    mismatch = await register(client, demo, "pay.test", quote_id=other_name)
    assert mismatch.json() == {"error": "quote_mismatch", "detail": {"fields": ["fqdn"]}}
    two_years = await quote(client, demo, "pay.test", period=2)
    assert (await register(client, demo, "pay.test", quote_id=two_years)).json()["error"] == "quote_mismatch"
    stale = await quote(client, demo, "pay.test")
    clock.advance(hours=2)
    try:
        expired = await register(client, demo, "pay.test", quote_id=stale)
    finally:
        clock.advance(hours=-2)
    assert expired.status_code == 422
    assert expired.json()["error"] == "quote_expired"


async def test_non_icann_tld_accepts_payment_assured_only(client, demo):
    await create_contact(client, demo)
    refused = await register(client, demo, "legacy.example")
    assert refused.json()["error"] == "payment_not_assured"
    accepted = await register(client, demo, "legacy.example", payment_assured=True)
    assert accepted.status_code == 201


async def test_name_taken_at_the_registry_is_domain_unavailable_and_keeps_the_quote(client, demo, services):
    await create_contact(client, demo)
    quote_id = await quote(client, demo, "taken.test")
    response = await register(client, demo, "taken.test", quote_id=quote_id)
    assert response.status_code == 422
    assert response.json()["error"] == "domain_unavailable"
    assert await domain_rows(services) == []
    async with services.db.read() as session:
        assert (await session.get(Quote, quote_id)).consumed_at is None


async def test_contact_and_nameserver_errors(client, demo):
    await create_contact(client, demo)
    quote_id = await quote(client, demo, "ns.test")
    cases = [
        ({"registrant_handle": "ghost"}, "contact_not_found"),
        ({"admin_handle": "ghost"}, "contact_not_found"),
        ({"nameservers": ["ns1.example.net", "NS1.example.net."]}, "duplicate_nameserver"),
        ({"nameservers": ["not a host"]}, "invalid_nameservers"),
        ({"nameservers": "ns1.example.net"}, "invalid_nameservers"),
        ({"nameservers": ["ns1.ns.test"]}, "subordinate_host_missing"),
    ]
    for overrides, code in cases:
        response = await register(client, demo, "ns.test", quote_id=quote_id, **overrides)
        assert response.status_code == 422, overrides
        assert response.json()["error"] == code, overrides
    missing = await register(client, demo, "ns.test", quote_id=quote_id, nameservers=["ns1.ns.test"])
    assert missing.json()["detail"] == {"nameserver": "ns1.ns.test"}


async def test_register_validation_lists_field_errors(client, demo):
    response = await client.post(
        demo.url("/domains"),
        json={"name": "bad_name.test", "years": 0, "flavour": "x"},
        headers=demo.headers,
    )
    assert response.status_code == 422
    assert set(response.json()["details"]) == {"name", "years", "registrant_handle", "flavour"}


async def test_two_concurrent_registrations_with_one_quote_succeed_exactly_once(client, demo, services):
    await create_contact(client, demo)
    quote_id = await quote(client, demo, "race.test")
    first, second = await asyncio.gather(
        register(client, demo, "race.test", quote_id=quote_id),
        register(client, demo, "race.test", quote_id=quote_id),
    )
    statuses = sorted([first.status_code, second.status_code])
    assert statuses == [201, 422]
    loser = first if first.status_code == 422 else second
    assert loser.json()["error"] in {"quote_consumed", "domain_unavailable"}
    assert len(await domain_rows(services)) == 1


async def test_two_concurrent_registrations_of_one_name_with_two_quotes_leave_one_domain(client, demo, services):
    await create_contact(client, demo)
    quotes = [await quote(client, demo, "duel.test"), await quote(client, demo, "duel.test")]
    responses = await asyncio.gather(*(register(client, demo, "duel.test", quote_id=q) for q in quotes))
    winner, loser = sorted(responses, key=lambda r: r.status_code)
    assert winner.status_code == 201
    # the loser either meets the winner's open operation, or the name already taken
    assert (loser.status_code, loser.json()["error"]) in {(409, "operation_pending"), (422, "domain_unavailable")}
    assert len(await domain_rows(services)) == 1
    async with services.db.read() as session:
        consumed = [q for q in (await session.exec(select(Quote))).all() if q.consumed_at]
    assert len(consumed) == 1


async def test_unreachable_registry_is_503_and_writes_nothing(client, demo, services):
    await create_contact(client, demo)
    quote_id = await quote(client, demo, "down.test")
    async with services.db.transaction() as session:
        binding = await session.get(RegistryBinding, "sandbox")
        binding.port = 1  # nothing listens there
        session.add(binding)
    response = await register(client, demo, "down.test", quote_id=quote_id)
    assert response.status_code == 503
    assert response.json()["error"] == "registry_unavailable"
    assert await domain_rows(services) == []
    async with services.db.read() as session:
        assert (await session.get(Quote, quote_id)).consumed_at is None


async def test_premium_name_needs_a_premium_quote_and_acknowledges_the_registry_fee(client, demo, services):
    await create_contact(client, demo)
    standard = await quote(client, demo, "premium.test")
    mismatch = await register(client, demo, "premium.test", quote_id=standard)
    assert mismatch.json() == {"error": "quote_mismatch", "detail": {"fields": ["tier"]}}
    response = await client.post(
        demo.url("/quotes"),
        json={
            "fqdn": "premium.test",
            "operation": "register",
            "period": 1,
            "tier": "premium",
            "premium_class": "gold",
        },
        headers=demo.headers,
    )
    premium_quote = response.json()["data"]["quote_id"]
    created = await register(client, demo, "premium.test", quote_id=premium_quote)
    assert created.status_code == 201, created.text
    assert (await registry_view(services, "premium.test")).sponsor == demo.access.clid


async def test_premium_quote_for_a_standard_name_is_a_mismatch(client, demo):
    await create_contact(client, demo)
    response = await client.post(
        demo.url("/quotes"),
        json={
            "fqdn": "plain.test",
            "operation": "register",
            "period": 1,
            "tier": "premium",
            "premium_class": "gold",
        },
        headers=demo.headers,
    )
    result = await register(client, demo, "plain.test", quote_id=response.json()["data"]["quote_id"])
    assert result.json() == {"error": "quote_mismatch", "detail": {"fields": ["tier"]}}


async def test_registry_account_selector_rule(client, demo, services):
    # given a second active account on the sandbox binding, and no default
    from registrar.models import RegistryAccount as Account

    async with services.db.transaction() as session:
        primary = (await session.exec(select(Account).where(Account.tenant_id == demo.tenant_id))).one()
        primary.is_default = False
        second = Account(
            tenant_id=demo.tenant_id,
            registry_binding="sandbox",
            name="secondary",
            clid=primary.clid,
            password_encrypted=primary.password_encrypted,
            cert_pem_encrypted=primary.cert_pem_encrypted,
            key_pem_encrypted=primary.key_pem_encrypted,
            inserted_at=services.clock.now(),
            updated_at=services.clock.now(),
        )
        session.add_all([primary, second])
    await create_contact(client, demo)
    # when no account is named, the caller must choose
    ambiguous = await register(client, demo, "pick.test", quote_id=await quote(client, demo, "pick.test"))
    assert ambiguous.status_code == 422
    body = ambiguous.json()
    assert body["error"] == "registry_account_required"
    assert {c["name"] for c in body["meta"]["candidates"]} == {"primary", "secondary"}
    # an explicit choice is persisted on the domain
    chosen = await register(
        client, demo, "pick.test", quote_id=await quote(client, demo, "pick.test"), registry_account_id=second.id
    )
    assert chosen.status_code == 201
    assert chosen.json()["data"]["registry_account"]["name"] == "secondary"
    # an unknown id, or a default set, behave as documented
    unknown = await register(
        client, demo, "pick2.test", quote_id=await quote(client, demo, "pick2.test"), registry_account_id="nope"
    )
    assert unknown.json()["error"] == "registry_account_unavailable"
    assert (
        await client.post(demo.url(f"/registry_accounts/{second.id}/set_default"), headers=demo.headers)
    ).status_code == 200
    defaulted = await register(client, demo, "pick2.test", quote_id=await quote(client, demo, "pick2.test"))
    assert defaulted.json()["data"]["registry_account"]["name"] == "secondary"
