"""Fixed-window rate limits kept in the database, so every API process shares them."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import case
from sqlalchemy.dialects import postgresql, sqlite

from registrar.context import RequestContext
from registrar.errors import CommonError, RegistrarError
from registrar.models import RateLimitBucket


async def consume(ctx: RequestContext, key: str, *, limit: int, window_seconds: int) -> None:
    """Count one hit on `key`; past `limit` in the window raise 429 `rate_limited` with
    `detail.retry_after` (seconds). One atomic upsert: concurrent hits never lose a count."""
    now = ctx.clock.now()
    window_opened_before = now - timedelta(seconds=window_seconds)
    table = RateLimitBucket.__table__
    async with ctx.db.transaction() as session:
        dialect = postgresql if session.bind.dialect.name == "postgresql" else sqlite
        expired = table.c.window_start <= window_opened_before
        statement = (
            dialect.insert(table)
            .values(key=key, window_start=now, count=1)
            .on_conflict_do_update(
                index_elements=[table.c.key],
                set_={
                    "count": case((expired, 1), else_=table.c.count + 1),
                    "window_start": case((expired, now), else_=table.c.window_start),
                },
            )
            .returning(table.c.count, table.c.window_start)
        )
        count, window_start = (await session.exec(statement)).one()
    if count > limit:
        retry_after = max(1, int((window_start + timedelta(seconds=window_seconds) - now).total_seconds()))
        raise RegistrarError(CommonError.RATE_LIMITED, detail={"retry_after": retry_after})
