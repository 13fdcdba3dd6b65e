"""The background worker: runs due jobs on an interval.

Each job is a plain async function of the services that is safe to run from several workers
at once (a single conditional statement, or rows claimed with `FOR UPDATE SKIP LOCKED`).
`registrar worker` runs it standalone; the embedded default runs it in-process.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from datetime import timedelta

from sqlalchemy import delete

from registrar.context import Services
from registrar.idempotency import purge_expired_idempotency_records
from registrar.jobs.delivery import deliver_notifications
from registrar.jobs.operations import settle_registry_operations
from registrar.models import Quote

log = logging.getLogger("registrar.jobs.worker")

QUOTE_RETENTION = timedelta(days=7)

Job = Callable[[Services], Awaitable[int]]


async def purge_stale_quotes(services: Services) -> int:
    """Unconsumed quotes long past their validity serve no one; consumed ones are kept."""
    cutoff = services.clock.now() - QUOTE_RETENTION
    async with services.db.transaction() as session:
        result = await session.exec(delete(Quote).where(Quote.valid_until < cutoff, Quote.consumed_at.is_(None)))
    return result.rowcount or 0


JOBS: dict[str, Job] = {
    "settle_registry_operations": settle_registry_operations,
    "purge_stale_quotes": purge_stale_quotes,
    "deliver_notifications": deliver_notifications,
    "purge_expired_idempotency_records": purge_expired_idempotency_records,
}


async def run_due_jobs(services: Services) -> dict[str, int]:
    """One pass over every job; a failing job is logged and does not stop the others."""
    done: dict[str, int] = {}
    for name, job in JOBS.items():
        try:
            done[name] = await job(services)
        except Exception:
            log.exception("job %s failed", name)
    return done


async def run_forever(services: Services, interval_seconds: float) -> None:
    while True:
        await run_due_jobs(services)
        await asyncio.sleep(interval_seconds)
