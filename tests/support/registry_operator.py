"""Helpers for the operator's registry tests: the operator's context, audit entries, a binding
pointed at the test sandbox, and a throwaway registrar account at the shared sandbox."""

from __future__ import annotations

import secrets
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass

from sqlmodel import col, select

from registrar.context import RequestContext, Services
from registrar.models import AuditLogEntry, RegistryAccount
from registrar.resolvers._shared.patch import Patch
from registrar.resolvers.operator import registry_accounts, registry_bindings
from registrar.resolvers.operator.guard import cli_operator


def operator_ctx(services: Services) -> RequestContext:
    return RequestContext(services=services)


async def audit_entries(services: Services, action: str | None = None) -> list[AuditLogEntry]:
    statement = select(AuditLogEntry).order_by(col(AuditLogEntry.id))
    if action is not None:
        statement = statement.where(AuditLogEntry.action == action)
    async with services.db.read() as session:
        return list((await session.exec(statement)).all())


async def account_row(services: Services, account_id: str) -> RegistryAccount | None:
    async with services.db.read() as session:
        return await session.get(RegistryAccount, account_id)


async def sandbox_binding(services: Services, sandbox, name: str = "sandbox-two", **fields):
    """A second binding at the test sandbox (the demo's is `sandbox`)."""
    body = {"name": name, "host": "127.0.0.1", "port": sandbox.port, "ca_pem": sandbox.ca_pem.decode(), **fields}
    return await registry_bindings.create_registry_binding(operator_ctx(services), cli_operator(), Patch(body))


@dataclass(frozen=True)
class SandboxRegistrar:
    """A registrar account of the shared sandbox that only this test uses."""

    clid: str
    password: str
    cert_pem: str
    key_pem: str


@asynccontextmanager
async def sandbox_registrar(sandbox, password: str = "Old-pass-1") -> AsyncIterator[SandboxRegistrar]:
    """A fresh clID with its own client certificate; forgotten by the sandbox afterwards, so a
    password this test changes never reaches another test."""
    clid = f"op-{secrets.token_hex(4)}"
    issued = sandbox.issue_client_cert(clid)
    sandbox.accounts[clid] = password
    try:
        yield SandboxRegistrar(clid, password, issued.cert_pem.decode(), issued.key_pem.decode())
    finally:
        sandbox.accounts.pop(clid, None)


async def add_account(
    services: Services, tenant: str, registrar: SandboxRegistrar, *, binding: str = "sandbox", name: str = "ops"
) -> RegistryAccount:
    """The registrar's credentials as an account of `tenant` on `binding`."""
    data = registry_accounts.NewRegistryAccount(
        registry_binding=binding,
        name=name,
        clid=registrar.clid,
        password=registrar.password,
        cert_pem=registrar.cert_pem,
        key_pem=registrar.key_pem,
    )
    return await registry_accounts.create_registry_account(operator_ctx(services), cli_operator(), tenant, data)
