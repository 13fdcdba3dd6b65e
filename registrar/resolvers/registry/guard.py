"""TLD associations: which TLDs a tenant may sell, through which binding, under which policy."""

from __future__ import annotations

from sqlmodel import select

from registrar.context import RequestContext
from registrar.errors import RegistrarError
from registrar.models import TldAssociation
from registrar.names import split_tld
from registrar.resolvers.auth.guard import TenantAccess
from registrar.resolvers.registry.errors import RegistryError

DEFAULT_POLICY = {
    "dnssec_supported": True,
    "auto_renewal_mode": "AUTORENEW",
    "auto_renewal_grace_period_days": 30,
    "redemption_period_days": 30,
    "transfer_lock_days": 60,
}


def policy(association: TldAssociation, key: str) -> object:
    return association.config.get(key, DEFAULT_POLICY.get(key))


async def active_associations(ctx: RequestContext, access: TenantAccess) -> dict[str, TldAssociation]:
    async with ctx.db.read() as session:
        rows = await session.exec(
            select(TldAssociation).where(TldAssociation.tenant_id == access.tenant_id, TldAssociation.state == "active")
        )
        return {row.tld: row for row in rows.all()}


async def association_for_name(ctx: RequestContext, access: TenantAccess, ascii_name: str) -> TldAssociation:
    """The tenant's active association for the name's TLD; else `tld_not_associated`."""
    associations = await active_associations(ctx, access)
    tld = split_tld(ascii_name, set(associations))
    association = associations.get(tld)
    if association is None:
        raise RegistrarError(RegistryError.TLD_NOT_ASSOCIATED, detail={"tld": tld})
    return association
