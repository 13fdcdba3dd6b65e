"""Readiness: database reachability and the registry circuit breakers."""

from __future__ import annotations

from dataclasses import dataclass

from registrar.context import Services


@dataclass(frozen=True)
class Health:
    status: str  # ok | degraded | fail
    database: str
    registries: dict[str, str]


async def readiness(services: Services) -> Health:
    """`fail` when the database does not answer; `degraded` when any breaker is not closed."""
    database_ok = await services.db.ping()
    breakers = services.registry.breaker_states()
    if not database_ok:
        status = "fail"
    elif any(state != "closed" for state in breakers.values()):
        status = "degraded"
    else:
        status = "ok"
    return Health(status=status, database="ok" if database_ok else "fail", registries=breakers)
