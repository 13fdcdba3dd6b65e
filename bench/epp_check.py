"""Names checked per second against the in-process sandbox: one connection vs the pool.

Run: .venv/bin/python bench/epp_check.py [--names 1000] [--batch 5] [--pool 4]
Prints figures only; nothing is asserted.
"""

from __future__ import annotations

import argparse
import asyncio
import time

from registrar.epp.gateway import RegistryEndpoint, RegistryGateway, RegistryLogin
from registrar.epp.sandbox import SandboxRegistry

ACCOUNTS = {"bench-registrar": "bench-pass-1"}


async def measure(server: SandboxRegistry, names: list[str], batch: int, connections: int) -> None:
    cert = server.issue_client_cert("bench-registrar")
    endpoint = RegistryEndpoint(
        binding="sandbox",
        host="127.0.0.1",
        port=server.port,
        ca_pem=server.ca_pem,
        server_hostname="localhost",
        max_connections=connections,
        names_per_check=batch,
    )
    login = RegistryLogin(
        f"bench-{connections}",
        "bench-registrar",
        ACCOUNTS["bench-registrar"],
        cert.cert_pem,
        cert.key_pem,
    )
    round_trips = 0

    def count(direction: str, frame: bytes) -> None:
        nonlocal round_trips
        if direction == "sent" and b"<domain:check" in frame:
            round_trips += 1

    gateway = RegistryGateway(trace=count)
    session = gateway.session(endpoint, login)
    try:
        await session.check_domains(names[:batch])  # connect and log in outside the timing
        round_trips = 0
        started = time.perf_counter()
        results = await session.check_domains(names, fee_commands=("create",))
        elapsed = time.perf_counter() - started
    finally:
        await gateway.aclose()
    assert len(results) == len(names)
    print(
        f"{connections} connection(s), batch {batch}: {len(names) / elapsed:9.0f} names/s, "
        f"{elapsed * 1000:7.1f} ms for {len(names)} names, "
        f"{round_trips * 1000 / len(names):.0f} round trips per 1,000 names"
    )


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--names", type=int, default=1000)
    parser.add_argument("--batch", type=int, default=5)
    parser.add_argument("--pool", type=int, default=4)
    args = parser.parse_args()
    names = [f"bench-name-{i}.test" for i in range(args.names)]
    server = SandboxRegistry(dict(ACCOUNTS))
    await server.start()
    try:
        await measure(server, names, args.batch, 1)
        await measure(server, names, args.batch, 2)
        await measure(server, names, args.batch, args.pool)
        await measure(server, names, 50, 1)
    finally:
        await server.stop()


if __name__ == "__main__":
    asyncio.run(main())
