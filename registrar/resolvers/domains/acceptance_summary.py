"""The condensed acceptance every domain object carries: the domain's active acceptance record,
whether a material agreement change calls for a new one, and the redemption fee shown.

It lives with the domain read model (agreements depend on domains, never the reverse); the
acceptance records themselves are the agreements aggregate's.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from registrar.context import RequestContext
from registrar.models import Acceptance, Domain


@dataclass(frozen=True)
class AcceptanceView:
    """The condensed acceptance every domain object carries (`acceptance`)."""

    acceptance_method: str
    accepted_at: datetime
    agreement_version_id: str
    reacceptance_required: bool
    redemption_fee_disclosure: tuple[Decimal, str] | None
    state: str
    version_effective_at: datetime | None


def redemption_fee(acceptance: Acceptance) -> tuple[Decimal, str] | None:
    if acceptance.redemption_fee_amount is None or acceptance.redemption_fee_currency is None:
        return None
    return acceptance.redemption_fee_amount, acceptance.redemption_fee_currency


async def acceptance_view(ctx: RequestContext, domain: Domain) -> AcceptanceView | None:
    """The domain's active acceptance, condensed; None when there is none.

    Two per-request dataloaders, so a page of domains costs two queries whatever its size.
    """
    loaders = ctx.loaders
    found, last_material = await asyncio.gather(
        loaders.active_acceptance_by_domain_id.load((domain.tenant_id, domain.id)),
        loaders.last_material_publication_by_tenant_id.load(domain.tenant_id),
    )
    if found is None:
        return None
    acceptance, version = found
    return AcceptanceView(
        acceptance_method=acceptance.acceptance_method,
        accepted_at=acceptance.accepted_at,
        agreement_version_id=acceptance.agreement_version_id,
        reacceptance_required=reacceptance_required(acceptance, last_material),
        redemption_fee_disclosure=redemption_fee(acceptance),
        state=acceptance.state,
        version_effective_at=version.effective_at,
    )


def reacceptance_required(acceptance: Acceptance, last_material: datetime | None) -> bool:
    """A material-change version published after the acceptance calls for a new one."""
    return acceptance.state == "active" and last_material is not None and last_material > acceptance.accepted_at
