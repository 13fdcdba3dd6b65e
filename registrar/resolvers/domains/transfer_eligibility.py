"""Whether a domain may leave for another registrar now, and if not, every reason with the
date it ends — what the tenant (and its customer) needs before anyone files a request.

Reasons, each independent, in this order:
- `domain_state`: only `registered` and `expired` (auto-renew grace) domains transfer;
- `recently_registered`: registries refuse transfers within 60 days of creation (ICANN
  Transfer Policy I.A.3.7), until `registered_at` + 60 days;
- `transfer_lock`: the 60-day lock after a transfer or a change of registrant
  (`transfer_lock_until`), unless the tenant opted out;
- `client_transfer_prohibited`: the tenant's own lock (it can lift it);
- `server_transfer_prohibited`: the registry's lock;
- `pending_transfer`: a transfer is already pending at the registry;
- `pending_operation`: a registry command on the domain has not settled yet.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlmodel import select

from registrar.context import RequestContext
from registrar.models import Domain, RegistryOperation, Tenant
from registrar.resolvers.auth.guard import TenantAccess
from registrar.resolvers.domains.guard import find_domain

TRANSFERABLE_STATES = ("registered", "expired")
CREATION_LOCK = timedelta(days=60)
STATUS_REASONS = {
    "clientTransferProhibited": "client_transfer_prohibited",
    "serverTransferProhibited": "server_transfer_prohibited",
    "pendingTransfer": "pending_transfer",
}


@dataclass(frozen=True)
class Obstacle:
    code: str
    until: datetime | None = None  # when it ends by itself; None: when someone acts
    detail: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class TransferEligibility:
    name: str
    checked_at: datetime
    obstacles: list[Obstacle]

    @property
    def eligible(self) -> bool:
        return not self.obstacles


async def transfer_out_eligibility(ctx: RequestContext, access: TenantAccess, name: str) -> TransferEligibility:
    """Whether the tenant's domain can be transferred away now, and every reason it cannot.

    Errors: insufficient_scope; not_found.
    """
    access.require_scope("read")
    async with ctx.db.read() as session:
        domain = await find_domain(session, access, name)
    return await eligibility_of(ctx, domain)


async def eligibility_of(ctx: RequestContext, domain: Domain) -> TransferEligibility:
    """The answer for a domain the caller has already been authorized to read."""
    now = ctx.clock.now()
    async with ctx.db.read() as session:
        tenant = await session.get(Tenant, domain.tenant_id)
        pending = (
            await session.exec(
                select(RegistryOperation.command).where(
                    RegistryOperation.object_type == "domain",
                    RegistryOperation.object_name == domain.name,
                    RegistryOperation.state == "pending",
                )
            )
        ).first()
    obstacles = _dated_obstacles(domain, tenant, now)
    obstacles += [Obstacle(code) for status, code in STATUS_REASONS.items() if status in domain.epp_statuses]
    if pending is not None:
        obstacles.append(Obstacle("pending_operation", detail={"command": pending}))
    return TransferEligibility(name=domain.name, checked_at=now, obstacles=obstacles)


def _dated_obstacles(domain: Domain, tenant: Tenant, now: datetime) -> list[Obstacle]:
    obstacles = []
    if domain.state not in TRANSFERABLE_STATES:
        obstacles.append(Obstacle("domain_state", detail={"state": domain.state}))
    if domain.registered_at + CREATION_LOCK > now:
        obstacles.append(Obstacle("recently_registered", until=domain.registered_at + CREATION_LOCK))
    if domain.transfer_lock_until is not None and domain.transfer_lock_until > now and not tenant.transfer_lock_opt_out:
        obstacles.append(Obstacle("transfer_lock", until=domain.transfer_lock_until))
    return obstacles
