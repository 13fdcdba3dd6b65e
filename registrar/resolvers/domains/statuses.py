"""Locks and holds: the registrar-set EPP statuses a tenant may apply and release.

Every action is idempotent — applying a lock that is set, or releasing one that is not,
changes nothing and sends nothing to the registry.
"""

from __future__ import annotations

from registrar.context import RequestContext
from registrar.epp.objects import DomainUpdateRequest, ObjectStatus
from registrar.errors import CommonError, RegistrarError
from registrar.models import Domain
from registrar.resolvers.auth.guard import TenantAccess
from registrar.resolvers.domains.events import DomainEventType, record_event
from registrar.resolvers.domains.guard import (
    domain_registry,
    locked_domain,
    verify_state,
    with_statuses,
)

LOCKS = {
    "transfer": "clientTransferProhibited",
    "update": "clientUpdateProhibited",
    "delete": "clientDeleteProhibited",
}
LOCK_EVENTS = {
    ("transfer", True): DomainEventType.TRANSFER_LOCK_APPLIED,
    ("transfer", False): DomainEventType.TRANSFER_LOCK_RELEASED,
    ("update", True): DomainEventType.UPDATE_LOCK_APPLIED,
    ("update", False): DomainEventType.UPDATE_LOCK_RELEASED,
    ("delete", True): DomainEventType.DELETE_LOCK_APPLIED,
    ("delete", False): DomainEventType.DELETE_LOCK_RELEASED,
}
"""The event each lock leaves when applied (True) or released (False)."""
HOLD_STATUSES = {
    "contact_inaccuracy": ("clientHold", "clientTransferProhibited"),
    "dispute": ("serverHold", "serverTransferProhibited"),
}


async def set_lock(ctx: RequestContext, access: TenantAccess, name: str, lock: str, *, applied: bool) -> Domain:
    """Apply or release the transfer, update or delete lock (a clientXProhibited status).

    Errors: insufficient_scope, not_found, wrong_state (not registered), registry errors.
    """
    access.require_scope("write")
    status = LOCKS[lock]
    async with ctx.db.transaction() as session:
        domain = await locked_domain(session, access, name)
        verify_state(domain, ("registered",))
        if (status in domain.epp_statuses) == applied:
            return domain
        registry = await domain_registry(ctx, domain)
        await registry.update_domain(
            DomainUpdateRequest(
                name=domain.name,
                add_statuses=(ObjectStatus(status),) if applied else (),
                rem_statuses=() if applied else (status,),
            )
        )
        before = list(domain.epp_statuses)
        domain.epp_statuses = with_statuses(before, add=[status] if applied else [], remove=[] if applied else [status])
        domain.updated_at = ctx.clock.now()
        session.add(domain)
        record_event(
            session,
            ctx,
            access,
            domain,
            LOCK_EVENTS[lock, applied],
            {"epp_statuses": {"from": before, "to": domain.epp_statuses}},
        )
    return domain


async def apply_hold(ctx: RequestContext, access: TenantAccess, name: str, reason: object = None) -> Domain:
    """Put a registered domain on hold.

    `contact_inaccuracy` (default) sets clientHold + clientTransferProhibited at the
    registry. `dispute` records serverHold + serverTransferProhibited, which only the
    registry operator can set: the request goes to the registry out of band, so the row is
    marked `out_of_sync` until a reconcile sees them applied.

    Errors: insufficient_scope, not_found, unprocessable_entity (reason), wrong_state.
    """
    access.require_scope("write")
    reason = "contact_inaccuracy" if reason in (None, "") else reason
    if not isinstance(reason, str) or reason not in HOLD_STATUSES:
        raise RegistrarError(
            CommonError.UNPROCESSABLE_ENTITY,
            details={"reason": [f"must be one of {', '.join(HOLD_STATUSES)}"]},
        )
    statuses = HOLD_STATUSES[str(reason)]
    async with ctx.db.transaction() as session:
        domain = await locked_domain(session, access, name)
        if domain.state == "on_hold" and domain.hold_reason == reason:
            return domain
        verify_state(domain, ("registered",))
        if reason == "contact_inaccuracy":
            missing = [status for status in statuses if status not in domain.epp_statuses]
            registry = await domain_registry(ctx, domain)
            await registry.update_domain(
                DomainUpdateRequest(name=domain.name, add_statuses=tuple(ObjectStatus(s) for s in missing))
            )
        else:
            domain.out_of_sync = True
        before = list(domain.epp_statuses)
        domain.epp_statuses = with_statuses(before, add=statuses)
        domain.state, domain.hold_reason = "on_hold", str(reason)
        domain.updated_at = ctx.clock.now()
        session.add(domain)
        record_event(
            session,
            ctx,
            access,
            domain,
            DomainEventType.HOLD_APPLIED,
            {
                "reason": reason,
                "epp_statuses": {"from": before, "to": domain.epp_statuses},
            },
        )
    return domain


async def release_hold(ctx: RequestContext, access: TenantAccess, name: str) -> Domain:
    """Remove the status set of the current hold reason. Idempotent when not on hold.

    Errors: insufficient_scope, not_found, wrong_state.
    """
    access.require_scope("write")
    async with ctx.db.transaction() as session:
        domain = await locked_domain(session, access, name)
        if domain.state == "registered" and domain.hold_reason is None:
            return domain
        verify_state(domain, ("on_hold",))
        statuses = HOLD_STATUSES[domain.hold_reason or "contact_inaccuracy"]
        if domain.hold_reason == "contact_inaccuracy":
            present = [status for status in statuses if status in domain.epp_statuses]
            registry = await domain_registry(ctx, domain)
            await registry.update_domain(DomainUpdateRequest(name=domain.name, rem_statuses=tuple(present)))
        else:
            domain.out_of_sync = False
        before = list(domain.epp_statuses)
        reason = domain.hold_reason
        domain.epp_statuses = with_statuses(before, remove=statuses)
        domain.state, domain.hold_reason = "registered", None
        domain.updated_at = ctx.clock.now()
        session.add(domain)
        record_event(
            session,
            ctx,
            access,
            domain,
            DomainEventType.HOLD_RELEASED,
            {
                "reason": reason,
                "epp_statuses": {"from": before, "to": domain.epp_statuses},
            },
        )
    return domain
