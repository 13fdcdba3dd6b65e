"""Registry bindings through the operator's resolvers: validation, uniqueness, the audit log,
TLDs still in use, and the connectivity test against the sandbox (up, down, refusing)."""

from __future__ import annotations

import asyncio
import socket

import pytest
from sqlmodel import select

from registrar.epp.sandbox.faults import Fault
from registrar.epp.wire import pki
from registrar.epp.wire.xml import FEE, RGP, SECDNS
from registrar.errors import RegistrarError
from registrar.models import RegistryBinding
from registrar.resolvers._shared.patch import Patch
from registrar.resolvers.operator import registry_accounts, registry_bindings
from registrar.resolvers.operator.guard import cli_operator
from tests.support.registry_operator import (
    add_account,
    audit_entries,
    operator_ctx,
    sandbox_binding,
    sandbox_registrar,
)


async def create(services, **body):
    return await registry_bindings.create_registry_binding(operator_ctx(services), cli_operator(), Patch(body))


async def update(services, binding, **body):
    return await registry_bindings.update_registry_binding(operator_ctx(services), cli_operator(), binding, Patch(body))


async def connectivity(services, name, registry_account_id=None):
    return await registry_bindings.test_registry_binding(
        operator_ctx(services), cli_operator(), name, registry_account_id
    )


async def refused(action) -> RegistrarError:
    with pytest.raises(RegistrarError) as caught:
        await action
    return caught.value


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


# --- create -------------------------------------------------------------------------------------


async def test_create_stores_the_binding_with_defaults_and_audits_it(services):
    # when
    binding = await create(services, name="verisign-ote", host="EPP.Example.NET", tlds=["COM", ".net", "рф", "com"])
    # then
    assert (binding.host, binding.port, binding.names_per_check, binding.max_connections) == (
        "epp.example.net",
        700,
        5,
        2,
    )
    assert binding.commands_per_minute is None and binding.ca_pem is None
    assert binding.tlds == ["com", "net", "xn--p1ai"]
    (entry,) = await audit_entries(services, "registry_binding.create")
    assert (entry.target_type, entry.target_id, entry.actor_type) == ("registry_binding", "verisign-ote", "cli")
    assert entry.diff["host"] == {"to": "epp.example.net"} and entry.diff["tlds"] == {"to": ["com", "net", "xn--p1ai"]}


async def test_create_accepts_a_ca_bundle_of_several_certificates_and_audits_their_fingerprints(services):
    # given
    bundle = (pki.generate_ca("One").cert_pem + pki.generate_ca("Two").cert_pem).decode()
    # when
    binding = await create(services, name="bundled", host="192.0.2.10", ca_pem=bundle)
    # then
    assert binding.ca_pem.count("BEGIN CERTIFICATE") == 2
    (entry,) = await audit_entries(services, "registry_binding.create")
    assert len(entry.diff["ca_pem"]["to"]) == 2 and "BEGIN" not in str(entry.diff)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("name", "Not A Slug"),
        ("host", "https://epp.example.net"),
        ("host", "epp.example.net:700"),
        ("host", "epp.example.net/path"),
        ("host", "-bad-.example"),
        ("port", 0),
        ("port", 65_536),
        ("port", "700"),
        ("port", True),
        ("ca_pem", "-----BEGIN CERTIFICATE-----\nnot base64\n-----END CERTIFICATE-----\n"),
        ("ca_pem", 12),
        ("extensions", ["not a uri"]),
        ("extensions", "urn:ietf:params:xml:ns:rgp-1.0"),
        ("names_per_check", 0),
        ("names_per_check", 101),
        ("max_connections", 0),
        ("max_connections", 101),
        ("commands_per_minute", 0),
        ("commands_per_minute", 100_001),
        ("tlds", ["-bad"]),
        ("tlds", ["123"]),
        ("tlds", ["a b"]),
        ("unknown", 1),
    ],
)
async def test_create_refuses_each_bad_value_with_field_details(services, field, value):
    # when
    error = await refused(create(services, **{"name": "good", "host": "epp.example.net", field: value}))
    # then
    assert (error.status, error.code) == (422, "unprocessable_entity")
    assert list(error.details) == [field]
    assert await audit_entries(services) == []


async def test_create_requires_a_name_and_a_host(services):
    error = await refused(create(services))
    assert set(error.details) == {"name", "host"}


async def test_a_second_create_of_one_name_is_already_exists(services):
    # given
    await create(services, name="dup", host="epp.example.net")
    # when
    error = await refused(create(services, name="dup", host="other.example.net"))
    # then
    assert (error.status, error.code) == (409, "already_exists")
    assert len(await audit_entries(services, "registry_binding.create")) == 1


async def test_two_concurrent_creates_of_one_name_leave_one_binding(services):
    # when
    outcomes = await asyncio.gather(
        create(services, name="race", host="a.example.net"),
        create(services, name="race", host="b.example.net"),
        return_exceptions=True,
    )
    # then
    errors = [outcome for outcome in outcomes if isinstance(outcome, BaseException)]
    assert [error.code for error in errors] == ["already_exists"]
    async with services.db.read() as session:
        rows = (await session.exec(select(RegistryBinding).where(RegistryBinding.name == "race"))).all()
    assert len(rows) == 1
    assert len(await audit_entries(services, "registry_binding.create")) == 1


# --- update, list, show -------------------------------------------------------------------------


async def test_update_changes_only_the_supplied_fields_and_audits_the_diff(services):
    # given
    await create(services, name="upd", host="epp.example.net", commands_per_minute=60)
    # when
    binding = await update(services, "upd", port=3121, commands_per_minute=None, extensions=[FEE])
    # then
    assert (binding.host, binding.port, binding.commands_per_minute, binding.extensions) == (
        "epp.example.net",
        3121,
        None,
        [FEE],
    )
    (entry,) = await audit_entries(services, "registry_binding.update")
    assert entry.diff == {
        "port": {"from": 700, "to": 3121},
        "commands_per_minute": {"from": 60, "to": None},
        "extensions": {"from": [], "to": [FEE]},
    }


async def test_an_update_to_the_values_held_records_nothing(services):
    await create(services, name="same", host="epp.example.net", port=700)
    await update(services, "same", host="EPP.example.net.", port=700)
    assert await audit_entries(services, "registry_binding.update") == []


async def test_update_refuses_a_name_change_and_bad_values(services):
    await create(services, name="fixed", host="epp.example.net")
    error = await refused(update(services, "fixed", name="renamed", port=-1))
    assert set(error.details) == {"name", "port"}


async def test_update_of_an_unknown_binding_is_not_found(services):
    assert (await refused(update(services, "nowhere", port=700))).code == "not_found"
    assert (
        await refused(registry_bindings.get_registry_binding(operator_ctx(services), cli_operator(), "x"))
    ).status == 404


async def test_dropping_a_tld_an_association_still_uses_is_in_use(services, demo):
    # given: the demo tenant sells .test and .example through the sandbox binding
    # when
    error = await refused(update(services, "sandbox", tlds=["example"]))
    # then
    assert (error.status, error.code) == (409, "in_use")
    assert error.detail == {"tlds": ["test"], "tld_associations": 1}
    binding = await registry_bindings.get_registry_binding(operator_ctx(services), cli_operator(), "sandbox")
    assert sorted(binding.tlds) == ["example", "test"]


async def test_the_seeded_sandbox_binding_lists_the_demo_tlds_and_extensions(services, demo):
    rows = await registry_bindings.list_registry_bindings(operator_ctx(services), cli_operator())
    (sandbox,) = [row for row in rows if row.name == "sandbox"]
    assert sandbox.tlds == ["test", "example"]
    assert sandbox.extensions == [SECDNS, RGP, FEE]


async def test_list_is_ordered_by_name(services):
    for name in ("zeta", "alpha", "mid"):
        await create(services, name=name, host="epp.example.net")
    rows = await registry_bindings.list_registry_bindings(operator_ctx(services), cli_operator())
    assert [row.name for row in rows] == ["alpha", "mid", "zeta"]


# --- connectivity test --------------------------------------------------------------------------


async def test_the_test_logs_in_as_the_first_active_account_and_reports_the_greeting(services, demo, sandbox):
    # when
    result = await connectivity(services, "sandbox")
    # then
    report = result.report
    assert (report.reachable, report.logged_in, report.error) == (True, True, None)
    assert result.registry_account_id is not None
    assert report.greeting.versions == ("1.0",) and "en" in report.greeting.languages
    assert FEE in report.greeting.extension_uris
    assert report.latency_ms is not None and report.latency_ms >= 0
    assert await audit_entries(services) == []


async def test_the_test_without_any_account_reports_that_the_registry_wants_a_client_certificate(services, sandbox):
    # given: a binding nobody has an account on, at a registry that requires mutual TLS
    await sandbox_binding(services, sandbox)
    # when
    result = await connectivity(services, "sandbox-two")
    # then: no 500, the TLS refusal is the report's error
    assert result.registry_account_id is None
    assert (result.report.logged_in, result.report.error.code) == (False, "registry_unavailable")


async def test_the_test_of_a_registry_that_is_down_reports_it_unreachable(services, demo):
    # given
    await update(services, "sandbox", port=free_port())
    # when
    result = await connectivity(services, "sandbox")
    # then
    assert (result.report.reachable, result.report.logged_in, result.report.latency_ms) == (False, False, None)
    assert result.report.error.code == "registry_unavailable"


async def test_the_test_of_a_registry_with_an_untrusted_certificate_reports_the_tls_failure(services, demo):
    await update(services, "sandbox", ca_pem=pki.generate_ca("Somebody else").cert_pem.decode())
    result = await connectivity(services, "sandbox")
    assert not result.report.reachable
    assert "TLS" in result.report.error.detail["reason"]


async def test_the_test_reports_a_refused_login_without_the_password(services, demo, sandbox):
    # given: an account whose password the registry does not know
    async with sandbox_registrar(sandbox) as registrar:
        account = await add_account(services, demo.tenant_id, registrar)
        sandbox.accounts[registrar.clid] = "Changed-1"
        # when
        result = await connectivity(services, "sandbox", account.id)
    # then
    assert (result.report.reachable, result.report.logged_in) == (True, False)
    assert result.report.error.code == "registry_authorization_error"
    assert result.report.error.detail["epp_code"] == 2200
    assert registrar.password not in str(result.report.error.detail)


async def test_the_test_reports_a_login_the_registry_dropped(services, demo, sandbox):
    sandbox.faults.inject("login", Fault("drop"))
    result = await connectivity(services, "sandbox")
    assert (result.report.reachable, result.report.logged_in) == (True, False)
    assert result.report.error.code == "registry_unavailable"


async def test_the_test_refuses_an_account_of_another_binding_or_an_unknown_one(services, demo, sandbox):
    # given: an account on the demo's binding, and a second binding
    (demo_account,) = await registry_accounts.list_tenant_registry_accounts(
        operator_ctx(services), cli_operator(), demo.tenant_id
    )
    await sandbox_binding(services, sandbox)
    # when / then
    mismatch = await refused(connectivity(services, "sandbox-two", demo_account.id))
    assert mismatch.code == "registry_binding_mismatch"
    unknown = await refused(connectivity(services, "sandbox", "no-such-account"))
    assert list(unknown.details) == ["registry_account_id"]
    assert (await refused(connectivity(services, "nowhere"))).code == "not_found"
