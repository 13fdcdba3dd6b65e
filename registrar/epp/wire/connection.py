"""One logged-in EPP session over TLS (RFC 5730 session, RFC 5734 transport).

`open()` connects, reads the greeting and logs in announcing only the URIs both sides support.
`execute()` sends one command at a time (a per-connection lock serializes the byte stream) and
returns the parsed response; every failure comes out as a `RegistrarError` from `results`.
Once anything goes wrong on the stream (timeout, EOF, garbage, a mismatched clTRID, a 2002 or
a 25xx result) the connection is marked broken and must be discarded: a half-read stream can
never be trusted again.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import ssl
import time
from collections.abc import Callable

from registrar.epp import results
from registrar.epp.frames.envelope import new_cltrid
from registrar.epp.frames.session import build_hello, build_login, build_logout, negotiated_uris
from registrar.epp.objects import Greeting
from registrar.epp.responses.envelope import EppResponse, parse_response
from registrar.epp.responses.greeting import parse_greeting
from registrar.epp.wire.framing import (
    DEFAULT_MAX_FRAME,
    ConnectionClosed,
    FrameError,
    read_frame,
    write_frame,
)
from registrar.epp.wire.redact import scrub
from registrar.epp.wire.xml import EppXmlError
from registrar.errors import RegistrarError

log = logging.getLogger(__name__)

Trace = Callable[[str, bytes], None]
"""Called with ("sent" | "received", frame) for every frame; tests validate them."""

_BREAKS_SESSION = frozenset({results.COMMAND_USE_ERROR, 2500, 2501, 2502})
_CLOSE_TIMEOUT = 2.0


class EppConnection:
    """A single EPP session; not shared between concurrent commands (see `execute`)."""

    def __init__(
        self,
        *,
        host: str,
        port: int,
        server_hostname: str | None,
        ssl_context: ssl.SSLContext,
        clid: str,
        password: str,
        connect_timeout: float,
        command_timeout: float,
        max_frame: int = DEFAULT_MAX_FRAME,
        trace: Trace | None = None,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self._host = host
        self._port = port
        self._server_hostname = server_hostname
        self._ssl = ssl_context
        self._clid = clid
        self._password = password
        self._connect_timeout = connect_timeout
        self._command_timeout = command_timeout
        self._max_frame = max_frame
        self._trace = trace
        self._monotonic = monotonic
        self._lock = asyncio.Lock()
        self._reader: asyncio.StreamReader | None = None
        self._writer: asyncio.StreamWriter | None = None
        self.greeting: Greeting | None = None
        self.broken = False
        self.last_used = monotonic()
        self.last_svtrid: str | None = None

    @property
    def usable(self) -> bool:
        """Open, logged in and with no sign of a dead stream."""
        return (
            not self.broken
            and self._writer is not None
            and self._reader is not None
            and not self._writer.is_closing()
            and not self._reader.at_eof()
        )

    def idle_for(self) -> float:
        return self._monotonic() - self.last_used

    async def open(self, new_password: str | None = None, *, cltrid: str | None = None) -> Greeting:
        """Connect, read the greeting and log in; the connection is unusable on any error."""
        greeting = await self.connect()
        await self.login(new_password, cltrid=cltrid)
        return greeting

    async def connect(self) -> Greeting:
        """Open the TLS connection and read the server's greeting, without logging in.

        The connection is closed on any error; a connection that is never logged in is
        closed with `abort` (a `<logout>` needs a session)."""
        try:
            self._reader, self._writer = await asyncio.wait_for(
                asyncio.open_connection(
                    self._host,
                    self._port,
                    ssl=self._ssl,
                    server_hostname=self._server_hostname or self._host,
                    ssl_handshake_timeout=self._connect_timeout,
                ),
                self._connect_timeout,
            )
        except TimeoutError:
            raise results.timed_out(f"connect to {self._host}:{self._port} timed out") from None
        except ssl.SSLError as exc:
            raise results.unavailable(f"TLS handshake failed: {exc.reason or exc}") from None
        except OSError as exc:
            raise results.unavailable(f"cannot connect to {self._host}:{self._port}: {exc}") from None
        try:
            self.greeting = parse_greeting(await self._receive(self._connect_timeout, False))
        except EppXmlError as exc:
            await self.abort()
            raise results.bad_response(f"unreadable greeting: {exc}") from None
        except BaseException:
            await self.abort()
            raise
        return self.greeting

    async def login(self, new_password: str | None = None, *, cltrid: str | None = None) -> None:
        """Log in on a connected session (with `<newPW>` to change the password); `cltrid`
        is the operations journal's when it records the command. The connection is closed
        on any error, a refused login included."""
        assert self.greeting is not None, "connect() first"
        try:
            await self._login(self.greeting, new_password, cltrid or new_cltrid())
        except BaseException:
            await self.abort()
            raise
        if new_password is not None:
            self._password = new_password

    async def _login(self, greeting: Greeting, new_password: str | None, cltrid: str) -> None:
        object_uris, extension_uris = negotiated_uris(greeting)
        frame = build_login(
            self._clid,
            self._password,
            new_password=new_password,
            object_uris=object_uris,
            extension_uris=extension_uris,
            cltrid=cltrid,
        )
        response = await self._exchange(frame, cltrid)
        results.raise_for_response(response)

    async def execute(self, frame: bytes, cltrid: str) -> EppResponse:
        """Send one command and return its response, whatever its result code."""
        async with self._lock:
            if not self.usable:
                self.broken = True
                raise results.unavailable("EPP connection is no longer open")
            try:
                response = await self._exchange(frame, cltrid)
            except asyncio.CancelledError:
                self.broken = True  # the answer may still arrive and desync the stream
                raise
            if response.code in _BREAKS_SESSION:
                self.broken = True
            return response

    async def hello(self) -> Greeting:
        """Keepalive: send `<hello>`, expect a fresh greeting."""
        async with self._lock:
            if not self.usable:
                self.broken = True
                raise results.unavailable("EPP connection is no longer open")
            await self._send(build_hello())
            try:
                return parse_greeting(await self._receive(self._command_timeout, True))
            except EppXmlError as exc:
                self.broken = True
                raise results.bad_response(f"unreadable greeting: {exc}") from None

    async def _exchange(self, frame: bytes, cltrid: str) -> EppResponse:
        await self._send(frame)
        data = await self._receive(self._command_timeout, True)
        try:
            response = parse_response(data)
        except EppXmlError as exc:
            self.broken = True
            raise results.bad_response(f"malformed response: {exc}", outcome_unknown=True) from None
        if response.cltrid is not None and response.cltrid != cltrid:
            self.broken = True
            raise results.bad_response("response clTRID does not match", outcome_unknown=True)
        self.last_svtrid = response.svtrid
        self.last_used = self._monotonic()
        return response

    async def _send(self, frame: bytes) -> None:
        assert self._writer is not None
        log.debug("EPP >> %s", scrub(frame))
        if self._trace is not None:
            self._trace("sent", frame)
        try:
            await asyncio.wait_for(write_frame(self._writer, frame, self._max_frame), self._command_timeout)
        except TimeoutError:
            self.broken = True
            raise results.timed_out("sending the command timed out", outcome_unknown=True) from None
        except (OSError, RuntimeError) as exc:
            self.broken = True
            raise results.unavailable(f"connection lost while sending: {exc}", outcome_unknown=True) from None

    async def _receive(self, timeout: float, sent: bool) -> bytes:
        assert self._reader is not None
        try:
            data = await asyncio.wait_for(read_frame(self._reader, self._max_frame), timeout)
        except TimeoutError:
            self.broken = True
            raise results.timed_out(f"no answer within {timeout:g}s", outcome_unknown=sent) from None
        except ConnectionClosed as exc:
            self.broken = True
            raise results.unavailable(f"registry closed the connection: {exc}", outcome_unknown=sent) from None
        except FrameError as exc:
            self.broken = True
            raise results.bad_response(f"bad frame: {exc}", outcome_unknown=sent) from None
        except (OSError, ssl.SSLError) as exc:
            self.broken = True
            raise results.unavailable(f"connection lost: {exc}", outcome_unknown=sent) from None
        log.debug("EPP << %s", scrub(data))
        if self._trace is not None:
            self._trace("received", data)
        return data

    async def close(self) -> None:
        """Log out when the session is healthy, then close the socket. Never raises."""
        if self.usable:
            cltrid = new_cltrid()
            with contextlib.suppress(RegistrarError):
                async with self._lock:
                    await self._exchange(build_logout(cltrid=cltrid), cltrid)
        await self.abort()

    async def abort(self) -> None:
        """Close the socket without a logout. Never raises."""
        self.broken = True
        writer, self._writer = self._writer, None
        if writer is None:
            return
        writer.close()
        with contextlib.suppress(OSError, ssl.SSLError, TimeoutError, RuntimeError):
            await asyncio.wait_for(writer.wait_closed(), _CLOSE_TIMEOUT)
