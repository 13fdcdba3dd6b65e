"""A tenant's registry accounts through the operator's resolvers: secrets encrypted and audited
only as redacted, one name per (tenant, binding), the first active account as default,
disable / enable / set default, and deletion refused while anything references the account."""

from __future__ import annotations

import asyncio
import json

import pytest
from sqlmodel import select

from registrar.epp.wire import pki
from registrar.errors import RegistrarError
from registrar.models import RegistryAccount
from registrar.resolvers.operator import registry_accounts
from registrar.resolvers.operator.guard import cli_operator
from registrar.resolvers.operator.registry_passwords import rotate_registry_password
from tests.support.factories import make_tenant
from tests.support.registry_operator import (
    account_row,
    add_account,
    audit_entries,
    operator_ctx,
    sandbox_registrar,
)


def new_account(**overrides) -> registry_accounts.NewRegistryAccount:
    values = {"registry_binding": "sandbox", "name": "ops", "clid": "acme-reg", "password": "Secret-pw1"}
    values.update(overrides)
    return registry_accounts.NewRegistryAccount(**values)


async def create(services, tenant, **overrides):
    return await registry_accounts.create_registry_account(
        operator_ctx(services), cli_operator(), tenant, new_account(**overrides)
    )


async def act(services, action, account_id, **kwargs):
    return await action(operator_ctx(services), cli_operator(), account_id, **kwargs)


async def refused(action) -> RegistrarError:
    with pytest.raises(RegistrarError) as caught:
        await action
    return caught.value


async def accounts_of(services, tenant_id: str) -> list[RegistryAccount]:
    async with services.db.read() as session:
        rows = await session.exec(select(RegistryAccount).where(RegistryAccount.tenant_id == tenant_id))
        return list(rows.all())


# --- create -------------------------------------------------------------------------------------


async def test_create_encrypts_every_secret_and_audits_them_only_as_redacted(services, demo, sandbox_pki):
    # given
    await make_tenant(services, slug="acme")
    cert, key = sandbox_pki.client.cert_pem.decode(), sandbox_pki.client.key_pem.decode()
    # when
    account = await create(services, "acme", cert_pem=cert, key_pem=key)
    # then: stored encrypted, decryptable, the first active account is the default
    row = await account_row(services, account.id)
    decrypt = services.encryptor.decrypt
    assert "Secret-pw1" not in row.password_encrypted and decrypt(row.password_encrypted) == "Secret-pw1"
    assert decrypt(row.key_pem_encrypted).strip() == key.strip()
    assert (row.state, row.is_default, row.clid) == ("active", True, "acme-reg")
    (entry,) = await audit_entries(services, "registry_account.create")
    assert (entry.target_id, entry.tenant_id) == (account.id, row.tenant_id)
    assert entry.diff["password"] == {"to": "[redacted]"} and entry.diff["key_pem"] == {"to": "[redacted]"}
    assert len(entry.diff["cert_sha256"]["to"]) == 64
    assert "Secret-pw1" not in json.dumps(entry.diff) and "PRIVATE KEY" not in json.dumps(entry.diff)


async def test_a_second_account_on_the_binding_is_not_the_default(services, demo):
    # the demo tenant already has its default account on the sandbox binding
    account = await create(services, demo.tenant_id, name="second")
    assert not account.is_default


async def test_a_name_is_unique_per_tenant_and_binding(services, demo):
    # given
    await make_tenant(services, slug="acme")
    await create(services, "acme", name="main")
    # when
    error = await refused(create(services, "acme", name="main", clid="other-reg"))
    # then
    assert (error.status, error.code) == (409, "already_exists")
    assert (await create(services, demo.tenant_id, name="main")).name == "main"


async def test_two_concurrent_creates_of_one_name_leave_one_account_and_one_default(services, demo):
    # given
    tenant = await make_tenant(services, slug="acme")
    # when
    outcomes = await asyncio.gather(
        create(services, "acme", name="twin"), create(services, "acme", name="twin"), return_exceptions=True
    )
    # then
    assert [o.code for o in outcomes if isinstance(o, RegistrarError)] == ["already_exists"]
    rows = await accounts_of(services, tenant.tenant_id)
    assert [(row.name, row.is_default) for row in rows] == [("twin", True)]


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("name", "  "),
        ("name", "line\nbreak"),
        ("clid", "ab"),
        ("clid", "a" * 17),
        ("clid", "has space"),
        ("password", "short"),
        ("password", "x" * 17),
        ("password", "with space1"),
        ("password", None),
        ("registry_binding", "nowhere"),
    ],
)
async def test_create_refuses_each_bad_value_with_field_details(services, demo, field, value):
    error = await refused(create(services, demo.tenant_id, **{field: value}))
    assert (error.status, error.code, list(error.details)) == (422, "unprocessable_entity", [field])
    assert await audit_entries(services, "registry_account.create") == []


async def test_create_refuses_an_unknown_field_and_an_unknown_tenant(services, demo):
    data = new_account()
    data.extra = {"password_hint": "x"}
    error = await refused(
        registry_accounts.create_registry_account(operator_ctx(services), cli_operator(), "demo", data)
    )
    assert list(error.details) == ["password_hint"]
    assert (await refused(create(services, "no-such-tenant"))).code == "not_found"


async def test_create_refuses_a_certificate_without_its_key_or_with_another_key(services, demo, sandbox_pki):
    cert = sandbox_pki.client.cert_pem.decode()
    other_key = pki.generate_ca("Other").key_pem.decode()
    assert (await refused(create(services, demo.tenant_id, cert_pem=cert))).code == "key_pem_required"
    assert (await refused(create(services, demo.tenant_id, cert_pem=cert, key_pem=other_key))).code == "key_mismatch"
    assert (await refused(create(services, demo.tenant_id, cert_pem="junk", key_pem=other_key))).code == "invalid_pem"


# --- disable, enable, set default ---------------------------------------------------------------


async def test_disable_stops_the_default_and_enable_makes_the_only_active_account_default_again(services, demo):
    # given
    await make_tenant(services, slug="acme")
    account = await create(services, "acme")
    # when
    disabled = await act(services, registry_accounts.disable_registry_account, account.id, tenant="acme")
    again = await act(services, registry_accounts.disable_registry_account, account.id)
    enabled = await act(services, registry_accounts.enable_registry_account, account.id)
    # then
    assert (disabled.state, disabled.is_default, again.state) == ("disabled", False, "disabled")
    assert (enabled.state, enabled.is_default) == ("active", True)
    (disable_entry,) = await audit_entries(services, "registry_account.disable")
    assert disable_entry.diff == {
        "state": {"from": "active", "to": "disabled"},
        "is_default": {"from": True, "to": False},
    }
    assert len(await audit_entries(services, "registry_account.enable")) == 1


async def test_set_default_moves_the_flag_and_audits_once(services, demo):
    # given: the demo's primary account is the default; a second one is added
    second = await create(services, demo.tenant_id, name="second")
    # when
    made = await act(services, registry_accounts.set_default_registry_account, second.id, tenant="demo")
    await act(services, registry_accounts.set_default_registry_account, second.id)
    # then
    assert made.is_default
    defaults = [row.name for row in await accounts_of(services, demo.tenant_id) if row.is_default]
    assert defaults == ["second"]
    (entry,) = await audit_entries(services, "registry_account.set_default")
    assert entry.diff == {"is_default": {"from": False, "to": True}}


async def test_set_default_refuses_a_disabled_account(services, demo):
    second = await create(services, demo.tenant_id, name="second")
    await act(services, registry_accounts.disable_registry_account, second.id)
    error = await refused(act(services, registry_accounts.set_default_registry_account, second.id))
    assert error.code == "registry_account_unavailable"


async def test_an_account_of_another_tenant_is_not_found(services, demo):
    await make_tenant(services, slug="acme")
    account = await create(services, "acme")
    for action in (
        registry_accounts.get_tenant_registry_account,
        registry_accounts.disable_registry_account,
        registry_accounts.delete_registry_account,
    ):
        assert (await refused(act(services, action, account.id, tenant="demo"))).code == "not_found"
    assert (await refused(act(services, registry_accounts.enable_registry_account, "nope"))).code == "not_found"


# --- delete -------------------------------------------------------------------------------------


async def test_delete_removes_an_unused_account_and_audits_it(services, demo):
    account = await create(services, demo.tenant_id, name="spare")
    await act(services, registry_accounts.delete_registry_account, account.id, tenant=demo.tenant_id)
    assert await account_row(services, account.id) is None
    (entry,) = await audit_entries(services, "registry_account.delete")
    assert entry.diff["name"] == {"from": "spare"} and entry.diff["password"] == {"from": "[redacted]"}


async def test_delete_is_refused_while_tld_associations_use_the_account(services, demo):
    # given: the demo's TLD associations are bound to its primary account
    (primary,) = await accounts_of(services, demo.tenant_id)
    # when
    error = await refused(act(services, registry_accounts.delete_registry_account, primary.id))
    # then
    assert (error.status, error.code) == (409, "in_use")
    assert error.detail == {"tld_associations": 2}
    assert await account_row(services, primary.id) is not None
    assert await audit_entries(services, "registry_account.delete") == []


async def test_delete_is_refused_while_a_registry_operation_references_the_account(services, demo, sandbox):
    # given: an account whose password was rotated (a registry operation row references it)
    async with sandbox_registrar(sandbox) as registrar:
        account = await add_account(services, demo.tenant_id, registrar, name="rotated")
        await rotate_registry_password(operator_ctx(services), cli_operator(), account.id, "New-pass-2")
    # when
    error = await refused(act(services, registry_accounts.delete_registry_account, account.id))
    # then
    assert (error.code, error.detail) == ("in_use", {"registry_operations": 1})


async def test_list_returns_the_tenant_accounts_by_binding_and_name(services, demo):
    await create(services, demo.tenant_id, name="b-second")
    rows = await registry_accounts.list_tenant_registry_accounts(operator_ctx(services), cli_operator(), "demo")
    assert [row.name for row in rows] == ["b-second", "primary"]
    assert (
        await refused(registry_accounts.list_tenant_registry_accounts(operator_ctx(services), cli_operator(), "x"))
    ).code == "not_found"
