"""The operator's TLD associations: create, configure, rebind, delete — the rules, the
refusals, the audit entries, and two creators racing for one TLD."""

from __future__ import annotations

import asyncio

import pytest
from sqlmodel import select

from registrar.errors import RegistrarError
from registrar.models import TldAssociation
from registrar.resolvers.operator import tld_associations as associations
from registrar.resolvers.operator.tld_associations import TldAssociationInput
from registrar.resolvers.registry.guard import DEFAULT_POLICY, policy
from tests.support.factories import make_tenant
from tests.support.tld_setup import (
    add_account,
    add_binding,
    add_domain,
    associate,
    audit_entries,
    operator_context,
)


@pytest.fixture
async def acme(services):
    """A tenant with an account on `alpha` (serves `shop`, `xn--p1ai`) and one on `beta` (any TLD)."""
    tenant = await make_tenant(services, slug="acme")
    await add_binding(services, "alpha", ["shop", "xn--p1ai"])
    await add_binding(services, "beta")
    alpha = await add_account(services, tenant.tenant_id, "alpha")
    beta = await add_account(services, tenant.tenant_id, "beta", name="secondary")
    return tenant, alpha, beta


async def create(services, tenant_ref, **fields):
    ctx, operator = operator_context(services)
    return await associations.create_tld_association(ctx, operator, tenant_ref, TldAssociationInput(**fields))


async def test_create_binds_the_account_and_its_binding_and_normalises_the_tld(services, acme):
    # given
    tenant, alpha, _ = acme
    # when
    row = await create(
        services,
        "acme",
        tld=" РФ ",
        accreditation_type="non_icann",
        registry_account_id=alpha.id,
        config={"dnssec_supported": False},
    )
    # then
    assert row.tld == "xn--p1ai" and row.tenant_id == tenant.tenant_id
    assert row.registry_binding == "alpha" and row.registry_account_id == alpha.id
    assert policy(row, "dnssec_supported") is False
    assert policy(row, "redemption_period_days") == DEFAULT_POLICY["redemption_period_days"]
    (entry,) = await audit_entries(services, "tld_association.")
    assert entry.action == "tld_association.create" and entry.target_id == row.id
    assert entry.tenant_id == tenant.tenant_id and entry.actor_type == "cli"
    assert entry.diff["tld"] == {"to": "xn--p1ai"} and entry.diff["config"] == {"to": {"dnssec_supported": False}}


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"tld": ""}, "tld"),
        ({"tld": "sh op"}, "tld"),
        ({"tld": "shop."}, "tld"),
        ({"tld": "shop."}, "tld"),
        ({"tld": "123"}, "tld"),
        ({"tld": 7}, "tld"),
        ({"accreditation_type": "gtld"}, "accreditation_type"),
        ({"registry_account_id": None}, "registry_account_id"),
        ({"config": ["x"]}, "config"),
        ({"config": {"grace": 1}}, "config.grace"),
        ({"config": {"transfer_lock_days": 400}}, "config.transfer_lock_days"),
    ],
)
async def test_create_refuses_a_bad_field_with_details(services, acme, fields, field):
    # given
    _, alpha, _ = acme
    body = {"tld": "shop", "accreditation_type": "icann_accredited", "registry_account_id": alpha.id, **fields}
    # when
    with pytest.raises(RegistrarError) as raised:
        await create(services, "acme", **body)
    # then
    assert raised.value.code == "unprocessable_entity" and field in raised.value.details
    assert await audit_entries(services, "tld_association.") == []


async def test_create_refuses_another_tenants_account_and_a_disabled_one(services, acme):
    # given
    other = await make_tenant(services, slug="other")
    foreign = await add_account(services, other.tenant_id, "alpha")
    disabled = await add_account(services, acme[0].tenant_id, "alpha", name="old", state="disabled")
    for account, message in ((foreign, "is not a registry account of the tenant"), (disabled, "is disabled")):
        # when
        with pytest.raises(RegistrarError) as raised:
            await create(services, "acme", tld="shop", accreditation_type="non_icann", registry_account_id=account.id)
        # then
        assert raised.value.details == {"registry_account_id": [message]}


async def test_create_refuses_a_tld_the_binding_does_not_serve(services, acme):
    # given alpha serves shop and xn--p1ai only
    _, alpha, beta = acme
    # when
    with pytest.raises(RegistrarError) as raised:
        await create(services, "acme", tld="store", accreditation_type="non_icann", registry_account_id=alpha.id)
    # then
    assert raised.value.code == "tld_not_served" and raised.value.status == 422
    assert raised.value.detail == {"tld": "store", "registry_binding": "alpha"}
    # and a binding with no TLD list serves any
    assert (
        await create(services, "acme", tld="store", accreditation_type="non_icann", registry_account_id=beta.id)
    ).tld == "store"


async def test_create_answers_already_exists_for_a_second_association_of_the_tld(services, acme):
    # given
    _, alpha, beta = acme
    await create(services, "acme", tld="shop", accreditation_type="non_icann", registry_account_id=alpha.id)
    # when
    with pytest.raises(RegistrarError) as raised:
        await create(services, "acme", tld="SHOP", accreditation_type="non_icann", registry_account_id=beta.id)
    # then
    assert raised.value.code == "already_exists" and raised.value.status == 409
    assert len(await audit_entries(services, "tld_association.create")) == 1


async def test_two_concurrent_creates_of_one_tld_leave_one_association(services, acme):
    # given
    tenant, alpha, beta = acme
    # when
    results = await asyncio.gather(
        create(services, "acme", tld="shop", accreditation_type="non_icann", registry_account_id=alpha.id),
        create(services, "acme", tld="shop", accreditation_type="non_icann", registry_account_id=beta.id),
        return_exceptions=True,
    )
    # then
    refused = [result for result in results if isinstance(result, RegistrarError)]
    assert len(refused) == 1 and refused[0].code == "already_exists"
    async with services.db.read() as session:
        rows = (await session.exec(select(TldAssociation).where(TldAssociation.tenant_id == tenant.tenant_id))).all()
    assert len(rows) == 1
    assert len(await audit_entries(services, "tld_association.create")) == 1


async def test_create_for_an_unknown_tenant_is_not_found(services, acme):
    with pytest.raises(RegistrarError) as raised:
        await create(services, "nobody", tld="shop", accreditation_type="non_icann", registry_account_id=acme[1].id)
    assert raised.value.code == "not_found"


async def test_update_config_sets_and_resets_keys_and_audits_only_what_changed(services, acme):
    # given
    _, alpha, _ = acme
    row = await associate(services, "acme", "shop", alpha.id)
    ctx, operator = operator_context(services)
    # when
    updated = await associations.update_tld_config(
        ctx,
        operator,
        "acme",
        "shop",
        {"auto_renewal_mode": "AUTOEXPIRE", "transfer_lock_days": 0, "idn_languages": ["de", "de", "zh-Hans"]},
    )
    reset = await associations.update_tld_config(ctx, operator, "acme", row.id, {"transfer_lock_days": None})
    again = await associations.update_tld_config(ctx, operator, "acme", "shop", {"auto_renewal_mode": "AUTOEXPIRE"})
    # then
    assert updated.config["idn_languages"] == ["de", "zh-Hans"]
    assert "transfer_lock_days" not in reset.config and policy(reset, "transfer_lock_days") == 60
    assert again.config == {"auto_renewal_mode": "AUTOEXPIRE", "idn_languages": ["de", "zh-Hans"]}
    entries = await audit_entries(services, "tld_association.update_config")
    assert [entry.diff for entry in entries] == [
        {
            "config.auto_renewal_mode": {"to": "AUTOEXPIRE"},
            "config.transfer_lock_days": {"to": 0},
            "config.idn_languages": {"to": ["de", "zh-Hans"]},
        },
        {"config.transfer_lock_days": {"from": 0}},
    ]


@pytest.mark.parametrize(
    ("patch", "field", "message"),
    [
        ({"dnssec": True}, "dnssec", "is not a known policy key"),
        ({"dnssec_supported": "yes"}, "dnssec_supported", "must be true or false"),
        (
            {"auto_renewal_mode": "DEFAULT"},
            "auto_renewal_mode",
            "must be one of AUTORENEW, AUTOEXPIRE, RENEWONCE, AUTODELETE",
        ),
        (
            {"auto_renewal_mode": "autorenew"},
            "auto_renewal_mode",
            "must be one of AUTORENEW, AUTOEXPIRE, RENEWONCE, AUTODELETE",
        ),
        ({"auto_renewal_grace_period_days": 46}, "auto_renewal_grace_period_days", "must be between 0 and 45"),
        ({"redemption_period_days": -1}, "redemption_period_days", "must be between 0 and 90"),
        ({"add_grace_period_days": True}, "add_grace_period_days", "must be an integer number of days"),
        ({"renew_grace_period_days": 2.5}, "renew_grace_period_days", "must be an integer number of days"),
        ({"idn_languages": "de"}, "idn_languages", "must be a list of IDN language tags"),
        ({"idn_languages": ["de fr"]}, "idn_languages", "must hold language tags such as `de` or `zh-Hans`"),
        ({"low_balance_notification_email": "nobody"}, "low_balance_notification_email", "has invalid format"),
    ],
)
async def test_update_config_refuses_unknown_keys_and_bad_values(services, acme, patch, field, message):
    # given
    await associate(services, "acme", "shop", acme[1].id)
    ctx, operator = operator_context(services)
    # when
    with pytest.raises(RegistrarError) as raised:
        await associations.update_tld_config(ctx, operator, "acme", "shop", patch)
    # then
    assert raised.value.code == "unprocessable_entity" and raised.value.details == {field: [message]}
    assert await audit_entries(services, "tld_association.update_config") == []


async def test_update_config_of_an_unknown_association_is_not_found(services, acme):
    ctx, operator = operator_context(services)
    with pytest.raises(RegistrarError) as raised:
        await associations.update_tld_config(ctx, operator, "acme", "shop", {"dnssec_supported": True})
    assert raised.value.code == "not_found"


async def test_rebind_moves_to_another_binding_while_no_domain_uses_the_association(services, acme):
    # given
    _, alpha, beta = acme
    row = await associate(services, "acme", "shop", alpha.id)
    ctx, operator = operator_context(services)
    # when
    moved = await associations.rebind_tld_association(ctx, operator, "acme", "shop", beta.id)
    # then
    assert moved.registry_account_id == beta.id and moved.registry_binding == "beta"
    (entry,) = await audit_entries(services, "tld_association.rebind")
    assert entry.target_id == row.id
    assert entry.diff == {
        "registry_binding": {"from": "alpha", "to": "beta"},
        "registry_account_id": {"from": alpha.id, "to": beta.id},
    }


async def test_rebind_keeps_a_used_association_on_its_binding(services, acme):
    # given a live domain under shop, sponsored through alpha
    tenant, alpha, beta = acme
    await associate(services, "acme", "shop", alpha.id)
    await add_domain(services, tenant.tenant_id, alpha.id, "busy.shop")
    other_alpha = await add_account(services, tenant.tenant_id, "alpha", name="alpha-2")
    ctx, operator = operator_context(services)
    # when it is moved to another binding
    with pytest.raises(RegistrarError) as raised:
        await associations.rebind_tld_association(ctx, operator, "acme", "shop", beta.id)
    # then it is refused, but another account on the same binding is fine
    assert raised.value.code == "in_use" and raised.value.status == 409
    assert raised.value.detail == {"tld": "shop", "live_domains": 1}
    moved = await associations.rebind_tld_association(ctx, operator, "acme", "shop", other_alpha.id)
    assert moved.registry_account_id == other_alpha.id and moved.registry_binding == "alpha"


async def test_rebind_refuses_a_binding_that_does_not_serve_the_tld(services, acme):
    # given store on beta (any TLD), and alpha, which serves shop only
    _, alpha, beta = acme
    await associate(services, "acme", "store", beta.id)
    ctx, operator = operator_context(services)
    # when
    with pytest.raises(RegistrarError) as raised:
        await associations.rebind_tld_association(ctx, operator, "acme", "store", alpha.id)
    # then
    assert raised.value.code == "tld_not_served"
    assert await audit_entries(services, "tld_association.rebind") == []


async def test_rebind_refuses_another_tenants_account(services, acme):
    other = await make_tenant(services, slug="other")
    foreign = await add_account(services, other.tenant_id, "alpha")
    await associate(services, "acme", "shop", acme[1].id)
    ctx, operator = operator_context(services)
    with pytest.raises(RegistrarError) as raised:
        await associations.rebind_tld_association(ctx, operator, "acme", "shop", foreign.id)
    assert raised.value.details == {"registry_account_id": ["is not a registry account of the tenant"]}


async def test_delete_is_refused_while_a_domain_under_the_tld_is_not_deleted(services, acme):
    # given
    tenant, alpha, _ = acme
    row = await associate(services, "acme", "shop", alpha.id)
    domain = await add_domain(services, tenant.tenant_id, alpha.id, "busy.shop", state="redemption")
    ctx, operator = operator_context(services)
    # when
    with pytest.raises(RegistrarError) as raised:
        await associations.delete_tld_association(ctx, operator, "acme", "shop")
    # then
    assert raised.value.code == "in_use"
    assert await audit_entries(services, "tld_association.delete") == []
    # and once the domain is deleted, the association goes
    async with services.db.transaction() as session:
        domain.state = "deleted"
        session.add(domain)
    await associations.delete_tld_association(ctx, operator, "acme", row.id)
    assert await associations.list_tld_associations(ctx, operator, "acme") == []
    (entry,) = await audit_entries(services, "tld_association.delete")
    assert entry.diff["tld"] == {"from": "shop"} and "to" not in entry.diff["registry_binding"]


async def test_delete_ignores_domains_of_other_tenants_and_tlds(services, acme):
    # given
    tenant, alpha, _ = acme
    other = await make_tenant(services, slug="other")
    other_account = await add_account(services, other.tenant_id, "alpha")
    await associate(services, "acme", "shop", alpha.id)
    await add_domain(services, other.tenant_id, other_account.id, "theirs.shop")
    await add_domain(services, tenant.tenant_id, alpha.id, "mine.store")
    ctx, operator = operator_context(services)
    # when
    await associations.delete_tld_association(ctx, operator, "acme", "shop")
    # then
    with pytest.raises(RegistrarError) as raised:
        await associations.get_tld_association(ctx, operator, "acme", "shop")
    assert raised.value.code == "not_found"
