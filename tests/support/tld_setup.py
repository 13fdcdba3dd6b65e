"""Rows the TLD-association and rate-card tests start from: bindings, registry accounts
(including one on the sandbox with the demo registrar's credentials) and domain rows."""

from __future__ import annotations

from datetime import timedelta

from sqlmodel import col, select

from registrar.bootstrap import SANDBOX_BINDING
from registrar.context import RequestContext, Services
from registrar.models import AuditLogEntry, Domain, RegistryAccount, RegistryBinding
from registrar.resolvers.operator.guard import cli_operator
from registrar.resolvers.operator.tld_associations import TldAssociationInput, create_tld_association
from tests.support.factories import make_tenant


def operator_context(services: Services):
    """What the CLI acts with: a context on the test's services and the operator."""
    return RequestContext(services=services), cli_operator()


async def add_binding(services: Services, name: str, tlds: list[str] | None = None) -> RegistryBinding:
    now = services.clock.now()
    binding = RegistryBinding(
        name=name, host=f"epp.{name}.example", port=700, tlds=tlds or [], inserted_at=now, updated_at=now
    )
    async with services.db.transaction() as session:
        session.add(binding)
    return binding


async def add_account(
    services: Services,
    tenant_id: str,
    binding: str,
    *,
    name: str = "primary",
    state: str = "active",
    clid: str = "registrar-1",
    password: str = "secret-pw-1",
    cert_pem: str | None = None,
    key_pem: str | None = None,
) -> RegistryAccount:
    now = services.clock.now()
    encrypt = services.encryptor.encrypt
    account = RegistryAccount(
        tenant_id=tenant_id,
        registry_binding=binding,
        name=name,
        clid=clid,
        password_encrypted=encrypt(password),
        cert_pem_encrypted=encrypt(cert_pem) if cert_pem else None,
        key_pem_encrypted=encrypt(key_pem) if key_pem else None,
        state=state,
        inserted_at=now,
        updated_at=now,
    )
    async with services.db.transaction() as session:
        session.add(account)
    return account


async def sandbox_account(services: Services, demo, tenant_id: str, name: str = "sandbox") -> RegistryAccount:
    """An account of `tenant_id` on the sandbox binding, logging in as the demo registrar
    (the `demo` fixture has put the binding in place)."""
    access = demo.access
    return await add_account(
        services,
        tenant_id,
        SANDBOX_BINDING,
        name=name,
        clid=access.clid,
        password=access.password,
        cert_pem=access.client_cert_pem,
        key_pem=access.client_key_pem,
    )


async def add_domain(services: Services, tenant_id: str, account_id: str, name: str, state: str = "registered"):
    now = services.clock.now()
    domain = Domain(
        tenant_id=tenant_id,
        name=name,
        unicode_name=name,
        tld=name.split(".", 1)[1],
        state=state,
        registry_account_id=account_id,
        registered_at=now,
        expires_at=now + timedelta(days=365),
        inserted_at=now,
        updated_at=now,
    )
    async with services.db.transaction() as session:
        session.add(domain)
    return domain


async def associate(services: Services, tenant_id: str, tld: str, account_id: str, accreditation: str = "non_icann"):
    """An association made through the operator's resolver."""
    ctx, operator = operator_context(services)
    data = TldAssociationInput(tld=tld, accreditation_type=accreditation, registry_account_id=account_id)
    return await create_tld_association(ctx, operator, tenant_id, data)


async def audit_entries(services: Services, prefix: str) -> list[AuditLogEntry]:
    """Audit entries whose action starts with `prefix`, oldest first."""
    async with services.db.read() as session:
        rows = await session.exec(
            select(AuditLogEntry).where(col(AuditLogEntry.action).startswith(prefix)).order_by(col(AuditLogEntry.id))
        )
        return list(rows.all())


async def tenant_on_two_bindings(services: Services, slug: str = "acme"):
    """A tenant with an account on binding `alpha` (which serves `shop`) and one, `secondary`,
    on binding `beta` (which serves anything): the ground TLD-association tests stand on."""
    tenant = await make_tenant(services, slug=slug)
    await add_binding(services, "alpha", ["shop"])
    await add_binding(services, "beta")
    alpha = await add_account(services, tenant.tenant_id, "alpha")
    beta = await add_account(services, tenant.tenant_id, "beta", name="secondary")
    return tenant, alpha, beta
