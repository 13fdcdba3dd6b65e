"""Fixtures for the EPP tests: the XSD validator (the package's schemas), a TLS sandbox registry,
a gateway, and bare TLS connections for frames our client would never send."""

from __future__ import annotations

import asyncio
import contextlib
import ssl
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from datetime import UTC, datetime

import pytest
import pytest_asyncio
from lxml import etree

from registrar.epp.commands.account import RegistryEndpoint, RegistryLogin
from registrar.epp.frames.session import build_login
from registrar.epp.gateway import RegistryGateway
from registrar.epp.responses.envelope import EppResponse, parse_response
from registrar.epp.sandbox import SandboxRegistry
from registrar.epp.schemas import load_epp_schema
from registrar.epp.wire.framing import read_frame, write_frame
from registrar.epp.wire.tls import client_context
from registrar.epp.wire.xml import EXTENSION_URIS, OBJECT_URIS
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


class RawEpp:
    """A bare TLS connection to the sandbox: any frame out, the parsed response back."""

    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.reader = reader
        self.writer = writer

    async def send(self, frame: bytes) -> EppResponse:
        await write_frame(self.writer, frame)
        return parse_response(await read_frame(self.reader))

    async def login(
        self,
        clid: str,
        password: str | None = None,
        *,
        object_uris: Sequence[str] = OBJECT_URIS,
        extension_uris: Sequence[str] = EXTENSION_URIS,
    ) -> EppResponse:
        frame = build_login(
            clid, password or ACCOUNTS[clid], object_uris=object_uris, extension_uris=extension_uris, cltrid="RAW-LOGIN"
        )
        return await self.send(frame)

    async def close(self) -> None:
        self.writer.close()
        with contextlib.suppress(OSError, ssl.SSLError, TimeoutError):
            await asyncio.wait_for(self.writer.wait_closed(), 2.0)


@pytest_asyncio.fixture
async def open_raw(
    sandbox: SandboxRegistry, client_certs: dict[str, tuple[bytes, bytes]]
) -> AsyncIterator[Callable[[str], Awaitable[RawEpp]]]:
    """`await open_raw(clid)`: a connection presenting `clid`'s client certificate, greeting read."""
    opened: list[RawEpp] = []

    async def open_connection(certificate_of: str) -> RawEpp:
        cert, key = client_certs[certificate_of]
        context = client_context(sandbox.ca_pem, cert, key)
        reader, writer = await asyncio.open_connection(
            "127.0.0.1", sandbox.port, ssl=context, server_hostname="localhost"
        )
        raw = RawEpp(reader, writer)
        opened.append(raw)
        await read_frame(reader)
        return raw

    yield open_connection
    for raw in opened:
        await raw.close()
