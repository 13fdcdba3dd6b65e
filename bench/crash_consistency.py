"""Crash consistency of the registry operations journal, measured against real processes.

Per trial: a fresh database, real `registrar run` server processes (no embedded sandbox, no
in-process worker) talking EPP over TLS to a sandbox registry that lives in this harness
process (so it outlives the servers, as a real registry would), a burst of registrations,
renewals and glue-host creates, `kill -9` of every server at a random moment, a restart, and
one worker pass once the operations' leases have run out. Then the registry and the database
are compared:

- orphans_at_registry: domains or hosts the registry holds for us with no row here;
- rows_without_registry: rows here whose registry object does not exist;
- double_executions: domains whose registry expiry moved further than the renewals recorded;
- lost: requests answered 2xx whose effect is not in the database.

Usage: python bench/crash_consistency.py [--trials N] [--db sqlite|postgresql|both]
       [--servers 1|2] [--skip-worker]
(`both`, the default, also runs PostgreSQL with two servers and two concurrent workers)
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import psycopg
from sqlmodel import select

from registrar.bootstrap import ensure_demo, mint_demo_token
from registrar.clock import SystemClock
from registrar.context import Services
from registrar.crypto import Encryptor
from registrar.db import Database
from registrar.embedded_sandbox import ensure_sandbox_pki, sandbox_access, start_sandbox
from registrar.epp.gateway import RegistryGateway
from registrar.jobs.operations import settle_registry_operations
from registrar.migrate import upgrade
from registrar.models import Domain, DomainEvent, Host
from registrar.settings import Settings

POSTGRES_ADMIN = os.environ.get("REGISTRAR_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/postgres")
LEASE_SECONDS = 2
REGISTRATIONS = 12
RENEWALS = 4
HOSTS = 4


@dataclass
class Tally:
    orphans_at_registry: int = 0
    rows_without_registry: int = 0
    double_executions: int = 0
    lost: int = 0

    def add(self, other: Tally) -> None:
        for name in vars(self):
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def line(self) -> str:
        return " ".join(f"{name}={value}" for name, value in vars(self).items())


@dataclass
class Burst:
    registered: list[str] = field(default_factory=list)
    renewed: list[str] = field(default_factory=list)
    hosts: list[str] = field(default_factory=list)
    answered_ok: list[tuple[str, str]] = field(default_factory=list)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Trial:
    def __init__(
        self, number: int, db_kind: str, servers: int, sandbox, pki, workdir: Path, *, worker_pass: bool = True
    ) -> None:
        self.number, self.db_kind, self.server_count = number, db_kind, servers
        self.worker_pass = worker_pass
        self.settled = 0
        self.unanswered = 0
        self.sandbox, self.pki, self.workdir = sandbox, pki, workdir
        self.random = random.Random(number)
        self.database = f"crash_{os.getpid()}_{number}"
        self.processes: list[subprocess.Popen] = []
        self.ports = [free_port() for _ in range(servers)]

    @property
    def url(self) -> str:
        if self.db_kind == "sqlite":
            return f"sqlite+aiosqlite:///{self.workdir / 'registrar.db'}"
        base = POSTGRES_ADMIN.rsplit("/", 1)[0].replace("postgresql://", "postgresql+psycopg://")
        return f"{base}/{self.database}"

    def env(self, port: int) -> dict[str, str]:
        keep = {k: v for k, v in os.environ.items() if not k.startswith("REGISTRAR_")}
        return {
            **keep,
            "REGISTRAR_DATABASE_URL": self.url,
            "REGISTRAR_DATA_DIR": str(self.workdir),
            "REGISTRAR_SECRET_KEY": "crash-harness-secret-key-long-enough-for-hs256",
            "REGISTRAR_ENCRYPTION_KEY": ENCRYPTION_KEY,
            "REGISTRAR_EMBEDDED_SANDBOX": "false",
            "REGISTRAR_RUN_WORKER": "false",
            "REGISTRAR_OPERATION_LEASE": str(LEASE_SECONDS),
            "REGISTRAR_REGISTRY_COMMAND_TIMEOUT": "5",
            "REGISTRAR_PORT": str(port),
        }

    async def run(self) -> Tally:
        await self.create_database()
        services = self.services()
        try:
            await upgrade(self.url)
            seed = await ensure_demo(services, sandbox_access(self.pki, "127.0.0.1", self.sandbox.port))
            token = await mint_demo_token(services)
            tenant = seed.tenant_id
            await self.start_servers()
            async with httpx.AsyncClient(timeout=30, headers={"Authorization": f"Bearer {token}"}) as http:
                burst = await self.crash_during_burst(http, tenant)
            await self.start_servers()
            await asyncio.sleep(LEASE_SECONDS + 0.5)
            if self.worker_pass:
                workers = [settle_registry_operations(services) for _ in range(self.server_count)]
                self.settled = sum(await asyncio.gather(*workers))
            return await self.compare(services, burst)
        finally:
            self.stop_servers()
            await services.registry.aclose()
            await services.db.dispose()
            await self.drop_database()

    def services(self) -> Services:
        settings = Settings.from_env(self.env(self.ports[0]))
        clock = SystemClock()
        return Services(
            settings=settings,
            db=Database(self.url),
            clock=clock,
            registry=RegistryGateway(now=clock.now),
            encryptor=Encryptor(settings.encryption_key),
        )

    async def create_database(self) -> None:
        if self.db_kind == "postgresql":
            async with await psycopg.AsyncConnection.connect(POSTGRES_ADMIN, autocommit=True) as conn:
                await conn.execute(f'CREATE DATABASE "{self.database}"')

    async def drop_database(self) -> None:
        if self.db_kind == "postgresql":
            async with await psycopg.AsyncConnection.connect(POSTGRES_ADMIN, autocommit=True) as conn:
                await conn.execute(f'DROP DATABASE IF EXISTS "{self.database}" WITH (FORCE)')

    async def start_servers(self) -> None:
        self.processes = [
            subprocess.Popen(
                [sys.executable, "-m", "registrar.cli", "run"],
                env=self.env(port),
                stdout=subprocess.DEVNULL,
                stderr=(self.workdir / "server.log").open("ab"),
            )
            for port in self.ports
        ]
        async with httpx.AsyncClient(timeout=1) as http:
            for port in self.ports:
                for _ in range(200):
                    with contextlib.suppress(httpx.TransportError):
                        if (await http.get(f"http://127.0.0.1:{port}/healthz")).status_code == 200:
                            break
                    await asyncio.sleep(0.05)

    def stop_servers(self) -> None:
        for process in self.processes:
            with contextlib.suppress(ProcessLookupError):
                process.kill()
            process.wait()
        self.processes = []

    def base(self, index: int) -> str:
        return f"http://127.0.0.1:{self.ports[index % len(self.ports)]}"

    async def crash_during_burst(self, http: httpx.AsyncClient, tenant: str) -> Burst:
        prefix = f"{self.base(0)}/api/v1/tenants/{tenant}"
        contact = {
            "handle": "crash",
            "name": "Crash Tester",
            "email": "crash@example.com",
            "phone": "+14155550123",
            "street": ["1 Main St"],
            "city": "San Francisco",
            "state_province": "CA",
            "postal_code": "94105",
            "country_code": "US",
        }
        await http.post(f"{prefix}/contacts", json=contact)
        burst = Burst()
        steady = [f"steady-{self.number}-{i}.test" for i in range(RENEWALS)]
        for name in steady:
            await self.register(http, prefix, name)
        requests = [
            self.register(http, self.prefix(i, tenant), f"crash-{self.number}-{i}.test", burst)
            for i in range(REGISTRATIONS)
        ]
        requests += [self.renew(http, self.prefix(i, tenant), name, burst) for i, name in enumerate(steady)]
        requests += [
            self.glue(http, self.prefix(i, tenant), f"ns{i}.{steady[i % RENEWALS]}", burst) for i in range(HOSTS)
        ]
        self.random.shuffle(requests)
        tasks = [asyncio.create_task(request) for request in requests]
        await asyncio.sleep(self.random.uniform(0.05, 1.2))
        for process in self.processes:
            os.kill(process.pid, signal.SIGKILL)
        outcomes = await asyncio.gather(*tasks, return_exceptions=True)
        self.unanswered = sum(isinstance(outcome, Exception) for outcome in outcomes)
        self.stop_servers()
        return burst

    def prefix(self, index: int, tenant: str) -> str:
        return f"{self.base(index)}/api/v1/tenants/{tenant}"

    async def register(self, http: httpx.AsyncClient, prefix: str, name: str, burst: Burst | None = None) -> None:
        quote = await http.post(f"{prefix}/quotes", json={"fqdn": name, "operation": "register", "period": 1})
        assert quote.status_code == 200, quote.text
        body = {"name": name, "years": 1, "registrant_handle": "crash", "quote_id": quote.json()["data"]["quote_id"]}
        if burst is not None:
            burst.registered.append(name)
        response = await http.post(f"{prefix}/domains", json=body)
        if burst is not None and response.status_code == 201:
            burst.answered_ok.append(("register", name))

    async def renew(self, http: httpx.AsyncClient, prefix: str, name: str, burst: Burst) -> None:
        quote = await http.post(f"{prefix}/quotes", json={"fqdn": name, "operation": "renew", "period": 1})
        burst.renewed.append(name)
        response = await http.post(
            f"{prefix}/domains/{name}/renew", json={"years": 1, "quote_id": quote.json()["data"]["quote_id"]}
        )
        if response.status_code == 200:
            burst.answered_ok.append(("renew", name))

    async def glue(self, http: httpx.AsyncClient, prefix: str, name: str, burst: Burst) -> None:
        burst.hosts.append(name)
        response = await http.post(f"{prefix}/hosts", json={"name": name, "addresses": ["192.0.2.1"]})
        if response.status_code == 201:
            burst.answered_ok.append(("host", name))

    async def compare(self, services: Services, burst: Burst) -> Tally:
        clid = self.pki.clid
        store = self.sandbox.store
        ours = {name for name, domain in store.domains.items() if domain.sponsor == clid}
        our_hosts = {name for name, host in store.hosts.items() if host.sponsor == clid}
        async with services.db.read() as session:
            rows = {d.name: d for d in (await session.exec(select(Domain).where(Domain.state != "deleted"))).all()}
            host_rows = {h.name for h in (await session.exec(select(Host).where(Host.subordinate))).all()}
            renewals = (await session.exec(select(DomainEvent).where(DomainEvent.event_type == "renewed"))).all()
        tally = Tally()
        tally.orphans_at_registry = len(ours - set(rows)) + len(our_hosts - host_rows)
        tally.rows_without_registry = len(set(rows) - ours) + len(host_rows - our_hosts)
        renewed_here = {row.domain_id for row in renewals}
        for name in burst.renewed:
            row, at_registry = rows.get(name), store.domains.get(name)
            if row is None or at_registry is None:
                continue
            if at_registry.expires_at.date() > row.expires_at.date():
                tally.double_executions += 1
            elif at_registry.expires_at.date() < row.expires_at.date() and row.id in renewed_here:
                tally.lost += 1
        for kind, name in burst.answered_ok:
            present = name in host_rows if kind == "host" else name in rows
            tally.lost += not present
        return tally


ENCRYPTION_KEY = Encryptor.generate_key()


async def run_database(db_kind: str, trials: int, servers: int, worker_pass: bool = True) -> Tally:
    """Every trial of one database; the scratch directory is removed unless CRASH_KEEP is set
    (then it keeps each trial's server log)."""
    root = Path(tempfile.mkdtemp(prefix="crash-"))
    pki = ensure_sandbox_pki(root / "pki")
    sandbox = await start_sandbox(pki, host="127.0.0.1", port=0, now=SystemClock().now)
    total = Tally()
    try:
        for number in range(trials):
            workdir = root / f"trial-{number}"
            workdir.mkdir()
            sandbox.reset()
            trial = Trial(number, db_kind, servers, sandbox, pki, workdir, worker_pass=worker_pass)
            tally = await trial.run()
            print(
                f"trial db={db_kind} servers={servers} n={number} {tally.line()}"
                f" (requests cut by the kill={trial.unanswered}, operations settled by the worker={trial.settled})",
                flush=True,
            )
            total.add(tally)
    finally:
        await sandbox.stop()
        if not os.environ.get("CRASH_KEEP"):
            shutil.rmtree(root, ignore_errors=True)
    mode = "" if servers == 1 else f" servers={servers}"
    print(f"summary db={db_kind} trials={trials} {total.line()}{mode}", flush=True)
    return total


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trials", type=int, default=20)
    parser.add_argument("--db", choices=("sqlite", "postgresql", "both"), default="both")
    parser.add_argument("--servers", type=int, choices=(1, 2), default=None)
    parser.add_argument(
        "--skip-worker", action="store_true", help="omit the worker pass (shows what the harness detects without it)"
    )
    args = parser.parse_args()
    kinds = ("sqlite", "postgresql") if args.db == "both" else (args.db,)
    for kind in kinds:
        await run_database(kind, args.trials, args.servers or 1, worker_pass=not args.skip_worker)
    if args.servers is None and "postgresql" in kinds:
        await run_database("postgresql", args.trials, 2)


if __name__ == "__main__":
    asyncio.run(main())
