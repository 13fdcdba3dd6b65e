"""Fixtures for the EPP tests: the XSD validator (the package's schemas), a TLS sandbox registry
and a gateway."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from datetime import UTC, datetime

import pytest
import pytest_asyncio
from lxml import etree

from registrar.epp.commands.account import RegistryEndpoint, RegistryLogin
from registrar.epp.gateway import RegistryGateway
from registrar.epp.sandbox import SandboxRegistry
from registrar.epp.schemas import load_epp_schema
from tests.support.epp import ACCOUNTS


class Clock:
    """A settable clock for the sandbox, the breaker and the gateway."""

    def __init__(self) -> None:
        self.moment = datetime(2025, 3, 1, 12, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.moment


@pytest.fixture(scope="session")
def xsd() -> etree.XMLSchema:
    """The EPP XSDs shipped with the package."""
    return load_epp_schema()


@pytest.fixture(scope="session")
def assert_valid(xsd: etree.XMLSchema) -> Callable[[bytes], None]:
    """Fails with libxml2's messages when a frame is not valid against the EPP XSDs."""

    def check(frame: bytes) -> None:
        parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
        doc = etree.fromstring(frame, parser)
        if not xsd.validate(doc):
            messages = "\n".join(f"line {e.line}: {e.message}" for e in xsd.error_log)
            pytest.fail(f"frame is not XSD-valid:\n{messages}\n{frame.decode()}")

    return check


class FrameLog:
    def __init__(self) -> None:
        self.frames: list[tuple[str, bytes]] = []

    def __call__(self, direction: str, frame: bytes) -> None:
        self.frames.append((direction, frame))


@pytest.fixture(scope="session")
def sandbox_clock() -> Clock:
    return Clock()


@pytest.fixture(scope="session")
def server_frames() -> FrameLog:
    return FrameLog()


@pytest_asyncio.fixture(scope="session")
async def sandbox_server(sandbox_clock: Clock, server_frames: FrameLog) -> AsyncIterator[SandboxRegistry]:
    server = SandboxRegistry(dict(ACCOUNTS), now=sandbox_clock, trace=server_frames)
    await server.start(host="127.0.0.1", port=0)
    yield server
    await server.stop()


@pytest.fixture
def sandbox(
    sandbox_server: SandboxRegistry,
    sandbox_clock: Clock,
    server_frames: FrameLog,
    assert_valid: Callable[[bytes], None],
) -> SandboxRegistry:
    """The shared sandbox, reset to its seed; every frame it answered is XSD-checked after."""
    sandbox_clock.moment = datetime(2025, 3, 1, 12, 0, tzinfo=UTC)
    sandbox_server.accounts = dict(ACCOUNTS)
    sandbox_server.reset()
    server_frames.frames.clear()
    yield sandbox_server
    for direction, frame in server_frames.frames:
        if direction == "sent":
            assert_valid(frame)


@pytest.fixture(scope="session")
def client_certs(sandbox_server: SandboxRegistry) -> dict[str, tuple[bytes, bytes]]:
    certs = {}
    for clid in ACCOUNTS:
        issued = sandbox_server.issue_client_cert(clid)
        certs[clid] = (issued.cert_pem, issued.key_pem)
    return certs


@pytest.fixture
def endpoint(sandbox: SandboxRegistry) -> RegistryEndpoint:
    return RegistryEndpoint(
        binding="sandbox",
        host="127.0.0.1",
        port=sandbox.port,
        ca_pem=sandbox.ca_pem,
        server_hostname="localhost",
        names_per_check=5,
        connect_timeout=5.0,
        command_timeout=5.0,
    )


def make_login(clid: str, certs: dict[str, tuple[bytes, bytes]], password: str | None = None):
    cert, key = certs[clid]
    return RegistryLogin(
        account_id=f"acct-{clid}",
        clid=clid,
        password=password or ACCOUNTS[clid],
        cert_pem=cert,
        key_pem=key,
    )


@pytest.fixture
def login_a(client_certs: dict[str, tuple[bytes, bytes]]) -> RegistryLogin:
    return make_login("registrar-a", client_certs)


@pytest.fixture
def login_b(client_certs: dict[str, tuple[bytes, bytes]]) -> RegistryLogin:
    return make_login("registrar-b", client_certs)


@pytest.fixture
def client_frames() -> FrameLog:
    return FrameLog()


@pytest_asyncio.fixture
async def gateway(
    sandbox_clock: Clock, client_frames: FrameLog, assert_valid: Callable[[bytes], None]
) -> AsyncIterator[RegistryGateway]:
    """A fresh gateway; every frame the client sent is XSD-checked afterwards."""
    gw = RegistryGateway(sandbox_clock, trace=client_frames)
    yield gw
    await gw.aclose()
    for direction, frame in client_frames.frames:
        if direction == "sent":
            assert_valid(frame)
