"""The sandbox registry of the embedded default: PKI and credentials kept in the data
directory, the server started in-process, and what the demo tenant needs to reach it."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from registrar.bootstrap import SandboxAccess
from registrar.clock import Clock
from registrar.crypto import random_token
from registrar.epp.sandbox import SandboxRegistry
from registrar.epp.sandbox.standalone import prepare_pki
from registrar.epp.wire import pki
from registrar.settings import Settings

DEMO_CLID = "demo-registrar"
LOOPBACK = "127.0.0.1"


@dataclass(frozen=True)
class SandboxPki:
    ca: pki.CertifiedKey
    server: pki.CertifiedKey
    client: pki.CertifiedKey
    clid: str
    password: str = field(repr=False)


def ensure_sandbox_pki(directory: Path) -> SandboxPki:
    """Create once, then reuse: CA, server and demo client certificates and the password."""
    ca, server = prepare_pki(directory, [DEMO_CLID])
    client = pki.CertifiedKey(
        (directory / f"client-{DEMO_CLID}.pem").read_bytes(),
        (directory / f"client-{DEMO_CLID}.key").read_bytes(),
    )
    return SandboxPki(ca=ca, server=server, client=client, clid=DEMO_CLID, password=_password(directory))


def _password(directory: Path) -> str:
    path = directory / "accounts.json"
    if path.exists():
        return json.loads(path.read_text())[DEMO_CLID]
    password = random_token(12)[:16]
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as handle:
        json.dump({DEMO_CLID: password}, handle)
    return password


async def start_sandbox(
    sandbox_pki: SandboxPki,
    *,
    host: str,
    port: int,
    now: Callable[[], datetime],
    state_path: Path | None = None,
) -> SandboxRegistry:
    """Start the sandbox; with `state_path` its objects outlive a restart (JSON state file)."""
    server = SandboxRegistry(
        {sandbox_pki.clid: sandbox_pki.password},
        ca=sandbox_pki.ca,
        server_cert=sandbox_pki.server,
        now=now,
        state_path=state_path,
    )
    await server.start(host, port)
    return server


def sandbox_access(sandbox_pki: SandboxPki, host: str, port: int) -> SandboxAccess:
    return SandboxAccess(
        host=host,
        port=port,
        ca_pem=sandbox_pki.ca.cert_pem.decode(),
        clid=sandbox_pki.clid,
        password=sandbox_pki.password,
        client_cert_pem=sandbox_pki.client.cert_pem.decode(),
        client_key_pem=sandbox_pki.client.key_pem.decode(),
    )


async def start_embedded_sandbox(settings: Settings, clock: Clock) -> tuple[SandboxRegistry, SandboxAccess]:
    """The embedded default's sandbox; its store persists in the data directory, so a restart
    remembers the domains and contacts the app's database remembers."""
    directory = settings.data_dir / "sandbox"
    sandbox_pki = ensure_sandbox_pki(directory)
    server = await start_sandbox(
        sandbox_pki,
        host=LOOPBACK,
        port=settings.sandbox_port,
        now=clock.now,
        state_path=directory / "state.json",
    )
    return server, sandbox_access(sandbox_pki, LOOPBACK, server.port)
