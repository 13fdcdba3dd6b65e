"""Dashboard benchmark (printed figures, not a test).

Seeds 10,000 domains in a temporary SQLite database (and in PostgreSQL when
`REGISTRAR_BENCH_POSTGRES_URL` names a server: a scratch database is created there and dropped), then times one
100-domain dashboard page three ways over in-process ASGI: the GraphQL dashboard query, the
REST list, and the bare Starlette + SQL floor of `bench/floor_app.py`. Prints requests/s,
the ratio to the floor and SQL statements per request; then the time of the last page vs the
first page by cursor at 10,000 and 100,000 rows.

    .venv/bin/python bench/dashboard.py
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
import time
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import psycopg
from sqlalchemy import insert
from sqlmodel import select

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.graphql.test_query_counts import DASHBOARD  # noqa: E402

from bench.floor_app import create_floor_app  # noqa: E402
from registrar.app import create_app  # noqa: E402
from registrar.bootstrap import ensure_demo, mint_demo_token  # noqa: E402
from registrar.clock import FrozenClock  # noqa: E402
from registrar.context import Services  # noqa: E402
from registrar.crypto import Encryptor  # noqa: E402
from registrar.db import Database, count_statements  # noqa: E402
from registrar.embedded_sandbox import ensure_sandbox_pki, sandbox_access  # noqa: E402
from registrar.epp.gateway import RegistryGateway  # noqa: E402
from registrar.migrate import upgrade  # noqa: E402
from registrar.models import (  # noqa: E402
    Contact,
    Domain,
    DomainEvent,
    DomainNameserver,
    Host,
    RegistryAccount,
)
from registrar.models.base import new_id  # noqa: E402
from registrar.settings import Settings  # noqa: E402

PAGE = 100
REQUESTS = 40
CHUNK = 5_000


async def open_services(url: str, data_dir: Path, clock: FrozenClock) -> Services:
    settings = Settings.from_env(
        {
            "REGISTRAR_DATA_DIR": str(data_dir),
            "REGISTRAR_SECRET_KEY": "bench-secret-key-that-is-long-enough-for-hs256",
            "REGISTRAR_ENCRYPTION_KEY": Encryptor.generate_key(),
            "REGISTRAR_EMBEDDED_SANDBOX": "false",
            "REGISTRAR_RUN_WORKER": "false",
            "REGISTRAR_DATABASE_URL": url,
        }
    )
    await upgrade(settings.database_url)
    return Services(
        settings=settings,
        db=Database(settings.database_url),
        clock=clock,
        registry=RegistryGateway(now=clock.now),
        encryptor=Encryptor(settings.encryption_key),
    )


async def seed(services: Services, tenant_id: str, start: int, stop: int) -> None:
    """Bulk rows with Core inserts: one contact, two hosts, then per domain two nameservers
    and one event."""
    now = services.clock.now()
    async with services.db.transaction() as session:
        account = (await session.exec(select(RegistryAccount).where(RegistryAccount.tenant_id == tenant_id))).first()
        assert account is not None
        contact = Contact(
            tenant_id=tenant_id,
            handle=f"bench-{start}",
            epp_id=new_id()[:16],
            name="Bench Holder",
            email="bench@example.net",
            phone="+14155550123",
            street=["1 Main St"],
            city="SF",
            country_code="US",
            inserted_at=now,
            updated_at=now,
        )
        hosts = [
            Host(
                tenant_id=tenant_id,
                name=f"ns{i}.bench{start}.net",
                addresses=["192.0.2.1"],
                inserted_at=now,
                updated_at=now,
            )
            for i in (1, 2)
        ]
        session.add_all([contact, *hosts])
        await session.flush()
        connection = await session.connection()
        for low in range(start, stop, CHUNK):
            domains = [
                Domain(
                    tenant_id=tenant_id,
                    name=f"bench-{index:06d}.test",
                    unicode_name=f"bench-{index:06d}.test",
                    tld="test",
                    registrant_contact_id=contact.id,
                    admin_contact_id=contact.id,
                    registry_account_id=account.id,
                    registered_at=now,
                    expires_at=now + timedelta(days=365),
                    inserted_at=now,
                    updated_at=now,
                ).model_dump()
                for index in range(low, min(low + CHUNK, stop))
            ]
            await connection.execute(insert(Domain), domains)
            await connection.execute(
                insert(DomainNameserver),
                [
                    {"domain_id": row["id"], "host_id": host.id, "position": position}
                    for row in domains
                    for position, host in enumerate(hosts)
                ],
            )
            await connection.execute(
                insert(DomainEvent),
                [
                    DomainEvent(
                        tenant_id=tenant_id,
                        domain_id=row["id"],
                        event_type="registered",
                        actor_type="system",
                        payload={},
                        inserted_at=now,
                    ).model_dump()
                    for row in domains
                ],
            )


async def rate(call: Callable[[], Awaitable[httpx.Response]]) -> tuple[float, int]:
    """Requests per second over `REQUESTS` sequential calls, and statements per call."""
    for _ in range(3):
        (await call()).raise_for_status()
    async with count_statements() as statements:
        (await call()).raise_for_status()
    started = time.perf_counter()
    for _ in range(REQUESTS):
        await call()
    return REQUESTS / (time.perf_counter() - started), len(statements)


async def page_times(http: httpx.AsyncClient, url: str, headers: dict[str, str]) -> tuple[float, float]:
    """Seconds for the first page and for the last page reached by cursor."""
    started = time.perf_counter()
    (await http.get(url, params={"limit": PAGE}, headers=headers)).raise_for_status()
    first = time.perf_counter() - started
    cursor, previous = None, None
    while True:
        params = {"limit": 500, **({"cursor": cursor} if cursor else {})}
        pagination = (await http.get(url, params=params, headers=headers)).json()["pagination"]
        if not pagination["has_more"]:
            break
        previous, cursor = cursor, pagination["next_cursor"]
    cursor, last = previous, 0.0
    while True:
        params = {"limit": PAGE, **({"cursor": cursor} if cursor else {})}
        started = time.perf_counter()
        pagination = (await http.get(url, params=params, headers=headers)).json()["pagination"]
        last = time.perf_counter() - started
        if not pagination["has_more"]:
            return first, last
        cursor = pagination["next_cursor"]


async def run(label: str, url: str, data_dir: Path) -> None:
    clock = FrozenClock(datetime.now(UTC).replace(microsecond=0))
    services = await open_services(url, data_dir, clock)
    pki = ensure_sandbox_pki(data_dir / "sandbox")
    tenant_id = (await ensure_demo(services, sandbox_access(pki, "127.0.0.1", 1))).tenant_id
    headers = {"Authorization": f"Bearer {await mint_demo_token(services)}"}
    started = time.perf_counter()
    await seed(services, tenant_id, 0, 10_000)
    print(f"\n== {label}: seeded 10,000 domains in {time.perf_counter() - started:.1f}s")
    rest_url = f"/api/v1/tenants/{tenant_id}/domains"
    apps = {"app": create_app(services=services), "floor": create_floor_app(services.db)}
    clients = {
        name: httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://bench")
        for name, app in apps.items()
    }
    app, floor = clients["app"], clients["floor"]
    variables = {"id": tenant_id, "first": PAGE}
    figures = {
        "floor (Starlette + SQL)": await rate(
            lambda: floor.get(f"/floor/tenants/{tenant_id}/domains", params={"limit": PAGE})
        ),
        "GraphQL dashboard": await rate(
            lambda: app.post("/graphql", json={"query": DASHBOARD, "variables": variables}, headers=headers)
        ),
        "REST list": await rate(lambda: app.get(rest_url, params={"limit": PAGE}, headers=headers)),
    }
    floor_rate = figures["floor (Starlette + SQL)"][0]
    print(f"{'100-domain page':<26}{'req/s':>9}{'x floor':>10}{'SQL/req':>9}")
    for name, (per_second, statements) in figures.items():
        print(f"{name:<26}{per_second:>9.1f}{floor_rate / per_second:>10.2f}{statements:>9}")
    for total in (10_000, 100_000):
        if total == 100_000:
            await seed(services, tenant_id, 10_000, 100_000)
        first, last = await page_times(app, rest_url, headers)
        print(
            f"cursor pages at {total:>7,} rows: first {first * 1000:.1f} ms, "
            f"last {last * 1000:.1f} ms (x{last / first:.2f})"
        )
    for client in clients.values():
        await client.aclose()
    await services.registry.aclose()
    await services.db.dispose()


async def main() -> None:
    with tempfile.TemporaryDirectory() as directory:
        data_dir = Path(directory)
        await run("SQLite", f"sqlite:///{data_dir / 'bench.db'}", data_dir)
        postgres = os.environ.get("REGISTRAR_BENCH_POSTGRES_URL")
        if postgres:
            async with scratch_database(postgres) as url:
                await run("PostgreSQL", url, data_dir / "pg")


@asynccontextmanager
async def scratch_database(admin_url: str) -> AsyncIterator[str]:
    """A fresh database on the server `admin_url` names, dropped afterwards, so runs never
    collide with each other or with data already there."""
    admin = admin_url.replace("postgresql+psycopg://", "postgresql://")
    name = f"registrar_bench_{uuid.uuid4().hex[:10]}"
    async with await psycopg.AsyncConnection.connect(admin, autocommit=True) as conn:
        await conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield admin.rsplit("/", 1)[0] + "/" + name
    finally:
        async with await psycopg.AsyncConnection.connect(admin, autocommit=True) as conn:
            await conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


if __name__ == "__main__":
    asyncio.run(main())
