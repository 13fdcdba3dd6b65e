"""Registry accounts: the selector rule and the EPP session bound to an account."""

from __future__ import annotations

from sqlmodel import select

from registrar.context import RequestContext
from registrar.epp.gateway import RegistryEndpoint, RegistryLogin, RegistrySession
from registrar.errors import RegistrarError
from registrar.models import RegistryAccount, RegistryBinding, TldAssociation
from registrar.resolvers.access import TenantAccess


async def select_registry_account(
    ctx: RequestContext,
    access: TenantAccess,
    association: TldAssociation,
    requested_id: object = None,
) -> RegistryAccount:
    """The selector rule.

    An explicit `registry_account_id` must be the tenant's (else `not_found`), on the TLD's
    binding (`registry_binding_mismatch`) and active (`registry_account_unavailable`).
    Without one: the single active account on the binding, else the binding's default, else
    `registry_account_required` with `meta.candidates`; none at all is
    `registry_account_unavailable`.
    """
    async with ctx.db.read() as session:
        if requested_id not in (None, ""):
            account = await session.get(RegistryAccount, str(requested_id))
            if account is None or account.tenant_id != access.tenant_id:
                raise RegistrarError(
                    "registry_account_unavailable", detail={"registry_account_id": requested_id}
                )
            if account.registry_binding != association.registry_binding:
                raise RegistrarError(
                    "registry_binding_mismatch",
                    detail={"expected_binding": association.registry_binding},
                )
            if account.state != "active":
                raise RegistrarError("registry_account_unavailable", detail={"id": account.id})
            return account
        candidates = list(
            (
                await session.exec(
                    select(RegistryAccount)
                    .where(
                        RegistryAccount.tenant_id == access.tenant_id,
                        RegistryAccount.registry_binding == association.registry_binding,
                        RegistryAccount.state == "active",
                    )
                    .order_by(RegistryAccount.name, RegistryAccount.id)
                )
            ).all()
        )
    if not candidates:
        raise RegistrarError(
            "registry_account_unavailable", detail={"registry_binding": association.registry_binding}
        )
    if len(candidates) == 1:
        return candidates[0]
    defaults = [account for account in candidates if account.is_default]
    if defaults:
        return defaults[0]
    raise RegistrarError(
        "registry_account_required",
        meta={"candidates": [{"id": a.id, "name": a.name} for a in candidates]},
    )


async def registry_session(ctx: RequestContext, account: RegistryAccount) -> RegistrySession:
    """An EPP session for the account, credentials decrypted only in memory."""
    async with ctx.db.read() as session:
        binding = await session.get(RegistryBinding, account.registry_binding)
    if binding is None:
        raise RegistrarError("registry_unavailable", detail={"binding": account.registry_binding})
    return ctx.services.registry.session(endpoint_of(binding), login_of(ctx, account))


def endpoint_of(binding: RegistryBinding) -> RegistryEndpoint:
    return RegistryEndpoint(
        binding=binding.name,
        host=binding.host,
        port=binding.port,
        ca_pem=binding.ca_pem.encode() if binding.ca_pem else None,
        max_connections=binding.max_connections,
        names_per_check=binding.names_per_check,
    )


def login_of(ctx: RequestContext, account: RegistryAccount) -> RegistryLogin:
    decrypt = ctx.services.encryptor.decrypt
    return RegistryLogin(
        account_id=account.id,
        clid=account.clid,
        password=decrypt(account.password_encrypted),
        cert_pem=decrypt(account.cert_pem_encrypted).encode() if account.cert_pem_encrypted else None,
        key_pem=decrypt(account.key_pem_encrypted).encode() if account.key_pem_encrypted else None,
    )
