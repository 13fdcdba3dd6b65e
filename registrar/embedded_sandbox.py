"""The sandbox registry of the embedded default: PKI and credentials kept in the data
directory, the server started in-process, and what the demo tenant needs to reach it.

Besides the demo account, the sandbox hands out registrar accounts to the operator's tenants
(`issue_sandbox_account`, `registrar sandbox-account`), as a registry hands out OT&E
credentials; the running sandbox picks them up from `accounts.json` without a restart.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from registrar.bootstrap import SandboxAccess
from registrar.clock import Clock
from registrar.crypto import random_token
from registrar.epp.sandbox import SandboxRegistry
from registrar.epp.sandbox.accounts import ACCOUNTS_FILE, AccountsFile, write_private
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
    directory.mkdir(parents=True, exist_ok=True, mode=0o700)
    accounts = AccountsFile(directory / ACCOUNTS_FILE)
    with accounts.editing() as on_file:
        ca, server = prepare_pki(directory, [DEMO_CLID])
        password = on_file.setdefault(DEMO_CLID, new_password())
    client = pki.CertifiedKey(
        (directory / f"client-{DEMO_CLID}.pem").read_bytes(),
        (directory / f"client-{DEMO_CLID}.key").read_bytes(),
    )
    return SandboxPki(ca=ca, server=server, client=client, clid=DEMO_CLID, password=password)


def new_password() -> str:
    """A random EPP password (pwType: 6-16 characters): 16 URL-safe characters, 96 bits."""
    return random_token(12)[:16]


async def start_sandbox(
    sandbox_pki: SandboxPki,
    *,
    host: str,
    port: int,
    now: Callable[[], datetime],
    state_path: Path | None = None,
    accounts_path: Path | None = None,
) -> SandboxRegistry:
    """Start the sandbox; with `state_path` its objects outlive a restart (JSON state file),
    with `accounts_path` it takes the accounts issued there while it runs."""
    server = SandboxRegistry(
        {sandbox_pki.clid: sandbox_pki.password},
        ca=sandbox_pki.ca,
        server_cert=sandbox_pki.server,
        now=now,
        state_path=state_path,
        accounts_path=accounts_path,
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
        accounts_path=directory / ACCOUNTS_FILE,
    )
    return server, sandbox_access(sandbox_pki, LOOPBACK, server.port)


# EPP clIDType is 3-16 characters; the sandbox also names files after it, so: letters, digits, hyphen.
CLID = re.compile(r"[A-Za-z0-9-]{3,16}")


class SandboxAccountError(Exception):
    """A sandbox account that cannot be issued; the message is one line naming the fix."""


@dataclass(frozen=True)
class SandboxAccount:
    """A registrar account at the sandbox: what an operator gives the tenant's registry account."""

    clid: str
    password: str = field(repr=False)
    password_file: Path
    ca_file: Path
    cert_file: Path
    key_file: Path


def issue_sandbox_account(directory: Path, clid: str) -> SandboxAccount:
    """Issue (or, for a clID it already knows, return again) a registrar account of the sandbox
    whose PKI is in `directory`: a random password added to `accounts.json`, a client
    certificate for the clID signed by the sandbox CA, and the password in `password-<clid>`
    (mode 0600) for commands that read it from a file. All under the accounts file's lock, so
    concurrent issues keep each other's accounts. Never creates the sandbox itself.

    Errors: SandboxAccountError (a clID that is not 3-16 letters, digits or hyphens; no sandbox
    CA in `directory`).
    """
    if not CLID.fullmatch(clid):
        raise SandboxAccountError(f"invalid registrar id {clid!r}: 3-16 letters, digits or hyphens (EPP clIDType)")
    if not all((directory / name).is_file() for name in ("ca.pem", "ca.key")):
        raise SandboxAccountError(
            f"no sandbox at {directory}: start the server once with make run, or set REGISTRAR_DATA_DIR"
        )
    password_file = directory / f"password-{clid}"
    with AccountsFile(directory / ACCOUNTS_FILE).editing() as accounts:
        prepare_pki(directory, [clid])
        password = accounts.setdefault(clid, new_password())
        write_private(password_file, password)
    return SandboxAccount(
        clid=clid,
        password=password,
        password_file=password_file,
        ca_file=directory / "ca.pem",
        cert_file=directory / f"client-{clid}.pem",
        key_file=directory / f"client-{clid}.key",
    )
