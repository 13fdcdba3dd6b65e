"""The registry operations journal (DESIGN §6): how every mutating registry command runs.

1. `open_operation` adds a `pending` row in the caller's transaction, next to whatever the
   command reserves (a consumed quote); the transaction commits before anything is sent.
2. `execute` sends the command with the row's clTRID, then applies the outcome and closes the
   row in a second transaction, with a conditional update on `state = 'pending'` so the
   outcome is applied exactly once, whoever gets there first.
3. A definite refusal closes the row `failed` and releases the quote. An unknown outcome (a
   timeout, a dropped answer, a crash of this process) leaves it `pending`; once its lease
   has run out, the worker asks the registry (`resolve_expired_operations`) and applies
   whatever the registry shows, through the same `apply` the request would have used.

A command kind is a `CommandHandler`: `probe` asks the registry what became of an operation
(it gets the worker's request context too, to decrypt what the operation's `request` keeps
encrypted), `apply` writes the success here, `on_failure` undoes what opening it reserved
beyond the quote. The aggregates that send commands declare their handlers; the worker passes
the table.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from datetime import timedelta
from typing import Any, TypeVar

from sqlalchemy import update
from sqlalchemy.exc import IntegrityError
from sqlmodel import SQLModel, col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from registrar.context import Principal, RequestContext
from registrar.epp.frames.envelope import new_cltrid
from registrar.epp.gateway import RegistrySession
from registrar.epp.results import RegistryOutcomeUnknown
from registrar.errors import RegistrarError
from registrar.models import Domain, Host, Quote, RegistryAccount, RegistryOperation, Tenant
from registrar.resolvers.auth.guard import TenantAccess
from registrar.resolvers.operations.errors import OperationError
from registrar.resolvers.registry.accounts import registry_session

log = logging.getLogger(__name__)

T = TypeVar("T")
Facts = dict[str, Any]
"""What the registry showed of an executed command, as JSON: the same whether it came from the
command's own answer or from a later `info`."""

RESOLVE_BATCH = 50
OBJECT_MODELS: dict[str, type[SQLModel]] = {"domain": Domain, "host": Host, "account": RegistryAccount}


@dataclass(frozen=True)
class Executed:
    facts: Facts


@dataclass(frozen=True)
class NotExecuted:
    reason: str


Outcome = Executed | NotExecuted


@dataclass(frozen=True)
class CommandHandler:
    probe: Callable[[RequestContext, RegistrySession, RegistryOperation], Awaitable[Outcome]]
    apply: Callable[[AsyncSession, RequestContext, TenantAccess, RegistryOperation, Facts], Awaitable[None]]
    on_failure: Callable[[AsyncSession, RegistryOperation], Awaitable[None]] | None = None


@dataclass(frozen=True)
class OperationPlan:
    """What an action is about to send: the command, the object it acts on, and what applying
    a success needs (`request`, JSON)."""

    command: str
    object_type: str
    object_name: str
    object_id: str
    registry_account_id: str
    request: dict[str, Any]
    quote_id: str | None = None


async def start(
    ctx: RequestContext, access: TenantAccess, prepare: Callable[[AsyncSession], Awaitable[OperationPlan]]
) -> RegistryOperation:
    """Commit a `pending` operation: `prepare` runs first in the same transaction (row locks,
    state checks, the quote it consumes) and returns the plan.

    Errors: whatever `prepare` raises; operation_pending when an operation on the same object
    is still open (the partial unique index refuses the second one).
    """
    planned: list[OperationPlan] = []
    try:
        async with ctx.db.transaction() as session:
            plan = await prepare(session)
            planned.append(plan)
            operation = _operation_row(ctx, access, plan)
            session.add(operation)
    except IntegrityError as error:
        if not planned:
            raise
        raise await _open_conflict(ctx, planned[0], error) from error
    return operation


def _operation_row(ctx: RequestContext, access: TenantAccess, plan: OperationPlan) -> RegistryOperation:
    now = ctx.clock.now()
    return RegistryOperation(
        tenant_id=access.tenant_id,
        registry_account_id=plan.registry_account_id,
        actor_type=access.principal.actor_type,
        actor_id=access.principal.actor_id,
        command=plan.command,
        object_type=plan.object_type,
        object_name=plan.object_name,
        object_id=plan.object_id,
        cltrid=new_cltrid(),
        quote_id=plan.quote_id,
        request_key=ctx.request_key,
        request=plan.request,
        lease_until=now + timedelta(seconds=ctx.services.settings.operation_lease_seconds),
        inserted_at=now,
    )


async def _open_conflict(ctx: RequestContext, plan: OperationPlan, error: IntegrityError) -> RegistrarError:
    """`operation_pending` when an open operation on the same object is why the transaction
    failed; any other integrity error is re-raised."""
    async with ctx.db.read() as session:
        open_one = (
            await session.exec(
                select(RegistryOperation).where(
                    RegistryOperation.object_type == plan.object_type,
                    RegistryOperation.object_name == plan.object_name,
                    RegistryOperation.state == "pending",
                )
            )
        ).first()
    if open_one is None:
        raise error
    return pending_error(ctx, open_one)


async def execute(
    ctx: RequestContext,
    access: TenantAccess,
    operation: RegistryOperation,
    handler: CommandHandler,
    send: Callable[[str], Awaitable[Facts]],
) -> Any:
    """Send the committed operation (`send` gets its clTRID and returns the facts), settle it,
    and return the row it created or changed.

    Errors: whatever the registry answered. A refusal has closed the operation `failed`; an
    unknown outcome (502/503/504 from the registry) leaves it to the worker.
    """
    try:
        facts = await send(operation.cltrid)
    except RegistryOutcomeUnknown:
        raise
    except RegistrarError as error:
        await settle_failed(ctx, operation, handler, {"refused": str(error.code), "detail": error.detail})
        raise
    row = await settle_executed(ctx, access, operation, handler, facts)
    if row is None:  # the worker settled it first (a request slower than its lease)
        async with ctx.db.read() as session:
            row = await session.get(OBJECT_MODELS[operation.object_type], operation.object_id)
    return row


async def settle_executed(
    ctx: RequestContext, access: TenantAccess, operation: RegistryOperation, handler: CommandHandler, facts: Facts
) -> SQLModel | None:
    """Close the operation `succeeded` and apply its effects, once: the row they wrote, or None
    when someone else settled the operation first."""
    async with ctx.db.transaction() as session:
        if not await _close(session, ctx, operation, "succeeded", facts):
            return None
        await handler.apply(session, ctx, access, operation, facts)
        # the identity map holds the row `apply` added or loaded: no query
        return await session.get(OBJECT_MODELS[operation.object_type], operation.object_id)


async def settle_failed(
    ctx: RequestContext, operation: RegistryOperation, handler: CommandHandler, outcome: dict[str, Any]
) -> bool:
    """Close the operation `failed`, release its quote and undo its reservations, once."""
    async with ctx.db.transaction() as session:
        if not await _close(session, ctx, operation, "failed", outcome):
            return False
        if operation.quote_id is not None:
            await session.exec(
                update(Quote)
                .where(Quote.id == operation.quote_id, Quote.consumed_by_domain_id == operation.object_id)
                .values(consumed_at=None, consumed_by_domain_id=None)
            )
        if handler.on_failure is not None:
            await handler.on_failure(session, operation)
    return True


async def _close(
    session: AsyncSession, ctx: RequestContext, operation: RegistryOperation, state: str, outcome: dict[str, Any]
) -> bool:
    now = ctx.clock.now()
    result = await session.exec(
        update(RegistryOperation)
        .where(RegistryOperation.id == operation.id, RegistryOperation.state == "pending")
        .values(state=state, outcome=outcome, resolved_at=now)
    )
    if result.rowcount != 1:
        return False
    operation.state, operation.outcome, operation.resolved_at = state, outcome, now
    return True


class OperationPending(RegistrarError):
    """`operation_pending`, carrying the open operation so an action can tell a retry of its
    own request from someone else's command on the same object."""

    def __init__(self, operation: RegistryOperation, retry_after: int) -> None:
        super().__init__(
            OperationError.OPERATION_PENDING,
            detail={"operation_id": operation.id, "command": operation.command, "retry_after": retry_after},
        )
        self.operation = operation


def pending_error(ctx: RequestContext, operation: RegistryOperation) -> OperationPending:
    """`operation_pending` for an operation whose outcome is not known yet."""
    return OperationPending(operation, max(1, int((operation.lease_until - ctx.clock.now()).total_seconds())))


async def find_settled(ctx: RequestContext, access: TenantAccess, command: str) -> RegistryOperation | None:
    """The tenant's operation of `command` opened by an earlier attempt of this very request
    (same Idempotency-Key scope), if any: its replay answers with what it committed."""
    if ctx.request_key is None:
        return None
    async with ctx.db.read() as session:
        return (
            await session.exec(
                select(RegistryOperation)
                .where(
                    RegistryOperation.tenant_id == access.tenant_id,
                    RegistryOperation.request_key == ctx.request_key,
                    RegistryOperation.command == command,
                )
                .order_by(col(RegistryOperation.inserted_at).desc())
            )
        ).first()


async def resolve_expired_operations(ctx: RequestContext, handlers: Mapping[str, CommandHandler]) -> int:
    """One worker pass: settle every pending operation whose lease has run out by asking its
    registry. Each is claimed by pushing its lease forward with a conditional update, so
    several workers never probe the same one at once. Returns how many were settled."""
    settled = 0
    for operation in await _claim_expired(ctx):
        handler = handlers.get(operation.command)
        if handler is None:
            log.error("registry operation %s: no handler for %s", operation.id, operation.command)
            continue
        try:
            settled += await _resolve(ctx, operation, handler)
        except RegistrarError as error:  # the registry is still unreachable: next pass
            log.info("registry operation %s stays pending: %s", operation.id, error.code)
        except Exception:  # one operation that cannot be applied must not hold up the others
            log.exception("registry operation %s stays pending", operation.id)
    return settled


async def _claim_expired(ctx: RequestContext) -> list[RegistryOperation]:
    now = ctx.clock.now()
    lease = timedelta(seconds=ctx.services.settings.operation_lease_seconds)
    async with ctx.db.read() as session:
        candidates = (
            await session.exec(
                select(RegistryOperation)
                .where(RegistryOperation.state == "pending", RegistryOperation.lease_until <= now)
                .order_by(col(RegistryOperation.lease_until))
                .limit(RESOLVE_BATCH)
            )
        ).all()
    claimed = []
    for operation in candidates:
        async with ctx.db.transaction() as session:
            result = await session.exec(
                update(RegistryOperation)
                .where(
                    RegistryOperation.id == operation.id,
                    RegistryOperation.state == "pending",
                    RegistryOperation.lease_until == operation.lease_until,
                )
                .values(lease_until=now + lease, attempts=RegistryOperation.attempts + 1)
            )
        if result.rowcount == 1:
            claimed.append(operation)
    return claimed


async def _resolve(ctx: RequestContext, operation: RegistryOperation, handler: CommandHandler) -> int:
    async with ctx.db.read() as session:
        account = await session.get(RegistryAccount, operation.registry_account_id)
        tenant = await session.get(Tenant, operation.tenant_id)
    registry = await registry_session(ctx, account)
    outcome = await handler.probe(ctx, registry, operation)
    if isinstance(outcome, Executed):
        done = await settle_executed(ctx, acting_for(operation, tenant), operation, handler, outcome.facts) is not None
    else:
        done = await settle_failed(ctx, operation, handler, {"outcome": "not_executed", "reason": outcome.reason})
    return int(done)


def acting_for(operation: RegistryOperation, tenant: Tenant) -> TenantAccess:
    """The access of whoever opened `operation`, so the worker's events carry their actor."""
    principal = Principal(
        jti=f"operation:{operation.id}",
        user_id=operation.actor_id if operation.actor_type == "user" else None,
        tenant_id=operation.tenant_id,
        scopes=frozenset({"read", "write"}),
        client_id=operation.actor_id if operation.actor_type != "user" else None,
    )
    return TenantAccess(principal=principal, tenant=tenant, membership=None)
