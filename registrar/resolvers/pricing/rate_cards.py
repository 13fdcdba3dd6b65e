"""Rate-card reads: every priced row of the tenant, grouped by TLD, or those of one TLD."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import groupby

from sqlmodel import col, select
from sqlmodel.sql.expression import SelectOfScalar

from registrar.context import RequestContext
from registrar.errors import RegistrarError
from registrar.models import RateCardEntry
from registrar.resolvers.auth.guard import TenantAccess
from registrar.resolvers.registry.errors import RegistryError
from registrar.resolvers.registry.guard import active_associations


@dataclass(frozen=True)
class RateCard:
    tld: str
    entries: list[RateCardEntry]


def _ordered() -> SelectOfScalar[RateCardEntry]:
    return select(RateCardEntry).order_by(
        col(RateCardEntry.tld),
        col(RateCardEntry.operation),
        col(RateCardEntry.tier),
        col(RateCardEntry.premium_class),
        col(RateCardEntry.period),
        col(RateCardEntry.id),
    )


async def list_rate_cards(ctx: RequestContext, access: TenantAccess) -> list[RateCard]:
    """Every priced row, grouped by TLD; TLDs without rows are absent.

    Errors: insufficient_scope.
    """
    access.require_scope("read")
    async with ctx.db.read() as session:
        rows = (await session.exec(_ordered().where(RateCardEntry.tenant_id == access.tenant_id))).all()
    return [RateCard(tld=tld, entries=list(entries)) for tld, entries in groupby(rows, key=lambda row: row.tld)]


async def get_rate_card(ctx: RequestContext, access: TenantAccess, tld: str) -> RateCard:
    """The priced rows of one TLD the tenant is actively associated with.

    Errors: insufficient_scope; tld_not_associated.
    """
    access.require_scope("read")
    label = tld.strip().lower().lstrip(".")
    if label not in await active_associations(ctx, access):
        raise RegistrarError(RegistryError.TLD_NOT_ASSOCIATED, detail={"tld": label})
    async with ctx.db.read() as session:
        rows = (
            await session.exec(
                _ordered().where(RateCardEntry.tenant_id == access.tenant_id, RateCardEntry.tld == label)
            )
        ).all()
    return RateCard(tld=label, entries=list(rows))
