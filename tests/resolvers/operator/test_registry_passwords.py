"""Registry password rotation through the operations journal: the new password is committed
(encrypted) in a pending operation before `<login><newPW>` goes out; success stores it, a
refusal keeps the old one, and a lost answer is settled by the worker with a login — both
ways. Each test rotates a throwaway registrar of the shared sandbox, never the demo's."""

from __future__ import annotations

import asyncio
import json
from dataclasses import replace

import pytest
from sqlmodel import select

from registrar.epp.sandbox.faults import Fault
from registrar.errors import RegistrarError
from registrar.jobs.operations import settle_registry_operations
from registrar.models import RegistryBinding, RegistryOperation
from registrar.resolvers.operator.guard import cli_operator
from registrar.resolvers.operator.registry_passwords import rotate_registry_password
from registrar.resolvers.registry.accounts import endpoint_of, login_of
from tests.support.registry_operator import account_row, add_account, audit_entries, operator_ctx, sandbox_registrar

NEW_PASSWORD = "New-pass-2"


async def rotate(services, account_id: str, new_password: str = NEW_PASSWORD, **kwargs):
    return await rotate_registry_password(operator_ctx(services), cli_operator(), account_id, new_password, **kwargs)


async def refused(action) -> RegistrarError:
    with pytest.raises(RegistrarError) as caught:
        await action
    return caught.value


async def operations(services) -> list[RegistryOperation]:
    async with services.db.read() as session:
        return list((await session.exec(select(RegistryOperation))).all())


async def logs_in(services, account, password: str) -> bool:
    """Whether the sandbox accepts `password` for the account's registrar."""
    async with services.db.read() as session:
        binding = await session.get(RegistryBinding, account.registry_binding)
    login = replace(login_of(operator_ctx(services), account), password=password)
    report = await services.registry.check_connectivity(endpoint_of(binding, 5.0), login)
    return report.logged_in


def stored_password(services, row) -> str:
    return services.encryptor.decrypt(row.password_encrypted)


async def one_worker_pass_after_the_lease(services, clock) -> int:
    clock.advance(seconds=services.settings.operation_lease_seconds + 1)
    return await settle_registry_operations(services)


async def test_rotation_changes_the_password_at_the_registry_then_here(services, demo, sandbox):
    async with sandbox_registrar(sandbox) as registrar:
        # given
        account = await add_account(services, demo.tenant_id, registrar)
        # when
        rotated = await rotate(services, account.id, tenant="demo")
        # then: the registry takes the new password and refuses the old one
        assert await logs_in(services, rotated, NEW_PASSWORD)
        assert not await logs_in(services, rotated, registrar.password)
    row = await account_row(services, account.id)
    assert stored_password(services, row) == NEW_PASSWORD and row.rotated_at is not None
    (operation,) = await operations(services)
    assert (operation.state, operation.command, operation.object_type, operation.object_name) == (
        "succeeded",
        "account_password",
        "account",
        account.id,
    )
    assert NEW_PASSWORD not in json.dumps(operation.request) and "new_password_encrypted" not in operation.request
    (entry,) = await audit_entries(services, "registry_account.rotate_password")
    assert (entry.actor_type, entry.target_id) == ("cli", account.id)
    assert entry.diff == {"password": {"from": "[redacted]", "to": "[redacted]"}}


async def test_a_refused_rotation_fails_and_keeps_the_old_password(services, demo, sandbox):
    async with sandbox_registrar(sandbox) as registrar:
        # given: the registry no longer knows the stored password
        account = await add_account(services, demo.tenant_id, registrar)
        sandbox.accounts[registrar.clid] = "Changed-1"
        # when
        error = await refused(rotate(services, account.id))
    # then
    assert (error.code, error.detail["epp_code"]) == ("registry_authorization_error", 2200)
    (operation,) = await operations(services)
    assert operation.state == "failed" and "new_password_encrypted" not in operation.request
    assert stored_password(services, await account_row(services, account.id)) == registrar.password
    assert await audit_entries(services, "registry_account.rotate_password") == []


async def test_a_lost_answer_stays_pending_with_no_plaintext_and_the_worker_adopts_it(services, demo, sandbox, clock):
    async with sandbox_registrar(sandbox) as registrar:
        # given: the registry changes the password but the answer is lost
        account = await add_account(services, demo.tenant_id, registrar)
        sandbox.faults.inject("login", Fault("drop_after"))
        # when
        error = await refused(rotate(services, account.id))
        # then: the outcome is unknown, the operation open, the new password only encrypted
        assert error.status in (502, 503, 504) and error.detail["outcome"] == "unknown"
        (operation,) = await operations(services)
        assert operation.state == "pending"
        assert NEW_PASSWORD not in json.dumps(operation.request)
        assert services.encryptor.decrypt(operation.request["new_password_encrypted"]) == NEW_PASSWORD
        assert stored_password(services, await account_row(services, account.id)) == registrar.password
        # and a second rotation meanwhile is refused
        assert (await refused(rotate(services, account.id, "Third-pass-3"))).code == "operation_pending"
        # when: one worker pass after the lease
        assert await one_worker_pass_after_the_lease(services, clock) == 1
    # then: the new password, which the registry accepts, is adopted
    (operation,) = await operations(services)
    assert operation.state == "succeeded" and "new_password_encrypted" not in operation.request
    assert stored_password(services, await account_row(services, account.id)) == NEW_PASSWORD
    assert len(await audit_entries(services, "registry_account.rotate_password")) == 1


async def test_a_rotation_that_never_reached_the_registry_fails_at_the_worker(services, demo, sandbox, clock):
    async with sandbox_registrar(sandbox) as registrar:
        # given: the connection drops before the registry executes the login
        account = await add_account(services, demo.tenant_id, registrar)
        sandbox.faults.inject("login", Fault("drop"))
        error = await refused(rotate(services, account.id))
        assert error.detail["outcome"] == "unknown"
        # when
        await one_worker_pass_after_the_lease(services, clock)
        # then: the registry refuses the new password, so the old one stays
        assert await logs_in(services, account, registrar.password)
    (operation,) = await operations(services)
    assert (operation.state, operation.outcome["outcome"]) == ("failed", "not_executed")
    assert stored_password(services, await account_row(services, account.id)) == registrar.password
    assert await audit_entries(services, "registry_account.rotate_password") == []


async def test_two_rotations_at_once_open_one_operation(services, demo, sandbox):
    async with sandbox_registrar(sandbox) as registrar:
        # given: the registry is slow to answer the login
        account = await add_account(services, demo.tenant_id, registrar)
        sandbox.faults.inject("login", Fault("latency", delay=0.3))
        # when
        outcomes = await asyncio.gather(
            rotate(services, account.id, "First-pass-1"),
            rotate(services, account.id, "Second-pass-2"),
            return_exceptions=True,
        )
    # then
    errors = [outcome for outcome in outcomes if isinstance(outcome, RegistrarError)]
    assert [(error.status, error.code) for error in errors] == [(409, "operation_pending")]
    assert len(await operations(services)) == 1


@pytest.mark.parametrize("new_password", ["short", "x" * 17, "has space1", None, "Old-pass-1"])
async def test_a_bad_or_unchanged_new_password_is_refused_before_anything_is_sent(
    services, demo, sandbox, new_password
):
    async with sandbox_registrar(sandbox) as registrar:
        account = await add_account(services, demo.tenant_id, registrar)
        error = await refused(rotate(services, account.id, new_password))
    assert (error.code, list(error.details)) == ("unprocessable_entity", ["new_password"])
    assert await operations(services) == []


async def test_rotating_an_unknown_account_is_not_found(services, demo):
    assert (await refused(rotate(services, "no-such-account"))).code == "not_found"
