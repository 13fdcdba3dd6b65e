"""The facade the application uses to talk to registries.

`RegistryGateway` owns one connection pool per registry account and one circuit breaker per
registry binding; `gateway.session(endpoint, login)` returns a `RegistrySession` whose methods
are the EPP commands the resolvers need. Every failure a caller can see is a `RegistrarError`
from the `results` table. Read-only commands are retried once on a fresh connection when a
pooled one turned out dead; mutations never are, and a create whose outcome is unknown is
settled with an `info` before anyone retries it. `change_password` runs the RFC 5730 `newPW`
login on a connection of its own, and `check_connectivity` opens a one-off connection that
reads the greeting and logs in and out once, reporting what happened instead of raising.

Commands and logins are paced per binding when its endpoint sets `commands_per_minute`: a
token bucket per binding held in this process (`wire.pacing`), so the limit is per process.
"""

from __future__ import annotations

import asyncio
import ssl
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from registrar.epp import results
from registrar.epp.commands.account import RegistryEndpoint, RegistryLogin
from registrar.epp.commands.session import RegistrySession
from registrar.epp.objects import Greeting
from registrar.epp.validation import fields_error, verify_password
from registrar.epp.wire.breaker import CircuitBreaker
from registrar.epp.wire.connection import EppConnection, Trace
from registrar.epp.wire.pacing import CommandPacer
from registrar.epp.wire.pool import ConnectionFactory, ConnectionPool
from registrar.epp.wire.tls import client_context
from registrar.errors import RegistrarError


@dataclass(frozen=True)
class ConnectivityReport:
    """What one test connection to a registry showed.

    `greeting` is None when the registry could not be reached (refused, TLS, timeout, not
    EPP); `latency_ms` is the time from opening the connection to its greeting; `error` is
    the first failure (the login's, when the greeting came), never carrying a password.
    """

    greeting: Greeting | None
    logged_in: bool
    latency_ms: int | None
    error: RegistrarError | None

    @property
    def reachable(self) -> bool:
        return self.greeting is not None


class RegistryGateway:
    """Pools per registry account, breakers and command pacers per binding; one instance per
    process.

    It is the `ConnectionSource` of every `RegistrySession` it hands out.
    """

    def __init__(
        self,
        now: Callable[[], datetime] = lambda: datetime.now(UTC),
        *,
        failure_threshold: int = 5,
        breaker_cooldown: timedelta = timedelta(seconds=30),
        probe_idle_after: float = 30.0,
        trace: Trace | None = None,
        monotonic: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        self._now = now
        self._failure_threshold = failure_threshold
        self._breaker_cooldown = breaker_cooldown
        self._probe_idle_after = probe_idle_after
        self._trace = trace
        self._monotonic = monotonic
        self._sleep = sleep
        self._pools: dict[str, tuple[RegistryEndpoint, RegistryLogin, ConnectionPool]] = {}
        self._retired: list[ConnectionPool] = []
        self._breakers: dict[str, CircuitBreaker] = {}
        self._pacers: dict[str, CommandPacer] = {}

    def session(self, endpoint: RegistryEndpoint, login: RegistryLogin) -> RegistrySession:
        return RegistrySession(self, endpoint, login)

    def breaker_states(self) -> dict[str, str]:
        return {binding: breaker.state for binding, breaker in sorted(self._breakers.items())}

    def breaker(self, binding: str) -> CircuitBreaker:
        existing = self._breakers.get(binding)
        if existing is None:
            existing = CircuitBreaker(self._now, self._failure_threshold, self._breaker_cooldown)
            self._breakers[binding] = existing
        return existing

    async def pace(self, endpoint: RegistryEndpoint) -> None:
        """Wait until the binding's `commands_per_minute` allows one more command (or login)
        from this process; no wait when the binding sets no limit. A changed limit starts a
        fresh bucket."""
        limit = endpoint.commands_per_minute
        if limit is None:
            return
        pacer = self._pacers.get(endpoint.binding)
        if pacer is None or pacer.per_minute != limit:
            pacer = CommandPacer(limit, monotonic=self._monotonic, sleep=self._sleep)
            self._pacers[endpoint.binding] = pacer
        await pacer.acquire()

    async def pool(self, endpoint: RegistryEndpoint, login: RegistryLogin) -> ConnectionPool:
        """The account's pool; rebuilt when its endpoint or credentials changed."""
        await self._close_retired()
        entry = self._pools.get(login.account_id)
        if entry is not None and entry[0] == endpoint and entry[1] == login:
            return entry[2]
        if entry is not None:
            self._retired.append(entry[2])
        pool = ConnectionPool(self._factory(endpoint, login), endpoint.max_connections, self._probe_idle_after)
        self._pools[login.account_id] = (endpoint, login, pool)
        await self._close_retired()
        return pool

    def _factory(self, endpoint: RegistryEndpoint, login: RegistryLogin) -> ConnectionFactory:
        context: ssl.SSLContext | None = None

        async def open_connection() -> EppConnection:
            nonlocal context
            if context is None:
                context = tls_context(endpoint, login)
            return await self._open(endpoint, login, context)

        return open_connection

    async def _open(
        self,
        endpoint: RegistryEndpoint,
        login: RegistryLogin,
        context: ssl.SSLContext,
        new_password: str | None = None,
        cltrid: str | None = None,
    ) -> EppConnection:
        conn = self._connection(endpoint, login, context)
        await self.pace(endpoint)
        await conn.open(new_password, cltrid=cltrid)
        return conn

    def _connection(
        self, endpoint: RegistryEndpoint, login: RegistryLogin | None, context: ssl.SSLContext
    ) -> EppConnection:
        """A connection not opened yet; without `login` it can only `connect()`."""
        return EppConnection(
            host=endpoint.host,
            port=endpoint.port,
            server_hostname=endpoint.server_hostname,
            ssl_context=context,
            clid=login.clid if login else "",
            password=login.password if login else "",
            connect_timeout=endpoint.connect_timeout,
            command_timeout=endpoint.command_timeout,
            trace=self._trace,
        )

    async def change_password(
        self, endpoint: RegistryEndpoint, login: RegistryLogin, new_password: str, *, cltrid: str | None = None
    ) -> None:
        """Change the account's registry password with a `<login>` carrying `<newPW>`.

        Runs on a fresh connection that is logged out right after; the account's pool is
        then retired, so no session of the old password lingers. The caller stores the new
        password and passes a `RegistryLogin` with it from now on. A refusal is
        `registry_authorization_error` (2200) and the old password stays valid; a login
        that was sent but not answered is `RegistryOutcomeUnknown`. `cltrid` is the
        operations journal's, when it records the change.
        """
        verify_password("new_password", new_password)
        if new_password == login.password:
            raise fields_error("new_password", "the new password is the current one")
        breaker = self.breaker(endpoint.binding)
        breaker.check()
        try:
            conn = await self._open(endpoint, login, tls_context(endpoint, login), new_password, cltrid)
        except RegistrarError as error:
            if results.counts_against_breaker(error):
                breaker.record_failure()
            raise
        breaker.record_success()
        await conn.close()
        entry = self._pools.pop(login.account_id, None)
        if entry is not None:
            self._retired.append(entry[2])
        await self._close_retired()

    async def check_connectivity(self, endpoint: RegistryEndpoint, login: RegistryLogin | None) -> ConnectivityReport:
        """Connect once and read the greeting; with `login`, also log in and out once.

        A one-off diagnostic on a connection of its own, outside the pools, the circuit
        breaker and the pacing, so it works while the breaker is open and leaves its state
        alone. Without `login` the connection presents no client certificate (a registry that
        requires one refuses the handshake). Never raises a `RegistrarError`: the report
        carries it.
        """
        started = self._monotonic()
        try:
            context = tls_context(endpoint, login) if login else server_only_context(endpoint)
            conn = self._connection(endpoint, login, context)
            greeting = await conn.connect()
        except RegistrarError as error:
            return ConnectivityReport(greeting=None, logged_in=False, latency_ms=None, error=error)
        latency_ms = max(0, round((self._monotonic() - started) * 1000))
        if login is None:
            await conn.abort()
            return ConnectivityReport(greeting=greeting, logged_in=False, latency_ms=latency_ms, error=None)
        try:
            await conn.login()
        except RegistrarError as error:
            return ConnectivityReport(greeting=greeting, logged_in=False, latency_ms=latency_ms, error=error)
        await conn.close()
        return ConnectivityReport(greeting=greeting, logged_in=True, latency_ms=latency_ms, error=None)

    async def keepalive(self, idle_for: float = 60.0) -> None:
        """`<hello>` on every pooled connection idle for `idle_for` seconds."""
        await asyncio.gather(*(entry[2].keepalive(idle_for) for entry in self._pools.values()))

    async def aclose(self) -> None:
        """Log out and close every pooled connection."""
        pools = [entry[2] for entry in self._pools.values()]
        self._pools.clear()
        self._retired.extend(pools)
        await self._close_retired()

    async def _close_retired(self) -> None:
        retired, self._retired = self._retired, []
        await asyncio.gather(*(pool.aclose() for pool in retired))


def tls_context(endpoint: RegistryEndpoint, login: RegistryLogin) -> ssl.SSLContext:
    """The account's mTLS client context; unusable material is `registry_unavailable`."""
    try:
        return client_context(endpoint.ca_pem, login.cert_pem, login.key_pem)
    except (ssl.SSLError, ValueError, OSError) as exc:
        raise results.unavailable(f"TLS material unusable: {exc}") from None


def server_only_context(endpoint: RegistryEndpoint) -> ssl.SSLContext:
    """A client context that verifies the registry but presents no certificate of its own."""
    try:
        return client_context(endpoint.ca_pem, None, None)
    except (ssl.SSLError, ValueError, OSError) as exc:
        raise results.unavailable(f"TLS material unusable: {exc}") from None
