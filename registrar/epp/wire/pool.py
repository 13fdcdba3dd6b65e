"""A small pool of EPP connections for one registry account.

Registries cap concurrent sessions per registrar, so the pool never holds more than
`max_size` connections (in use plus idle). A connection that broke is closed instead of being
returned; an idle one is probed with `<hello>` before reuse once it has been idle for
`probe_after` seconds, so a session the registry dropped silently is replaced before a
mutating command is sent on it.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager

from registrar.epp import results
from registrar.epp.wire.connection import EppConnection
from registrar.errors import RegistrarError

ConnectionFactory = Callable[[], Awaitable[EppConnection]]


class ConnectionPool:
    def __init__(self, factory: ConnectionFactory, max_size: int = 2, probe_after: float = 30.0) -> None:
        if max_size < 1:
            raise ValueError("a pool needs room for at least one connection")
        self._factory = factory
        self._permits = asyncio.Semaphore(max_size)
        self._idle: list[EppConnection] = []
        self._probe_after = probe_after
        self._closed = False
        self.max_size = max_size
        self.opened = 0
        """Connections opened over the pool's life (tests use it to see replacement)."""

    @property
    def idle_count(self) -> int:
        return len(self._idle)

    @asynccontextmanager
    async def connection(self) -> AsyncIterator[EppConnection]:
        """Borrow a logged-in connection; it goes back to the pool only if still healthy."""
        async with self._permits:
            if self._closed:
                raise results.unavailable("the registry session pool is closed")
            conn = await self._checkout()
            try:
                yield conn
            finally:
                if conn.usable and not self._closed:
                    self._idle.append(conn)
                else:
                    await conn.abort() if conn.broken else await conn.close()

    async def _checkout(self) -> EppConnection:
        while self._idle:
            conn = self._idle.pop()
            if not conn.usable:
                await conn.abort()
                continue
            if conn.idle_for() >= self._probe_after:
                try:
                    await conn.hello()
                except RegistrarError:
                    await conn.abort()
                    continue
            return conn
        conn = await self._factory()
        self.opened += 1
        return conn

    async def keepalive(self, idle_for: float) -> None:
        """Send `<hello>` on every connection idle for `idle_for` seconds; drop dead ones."""
        for _ in range(len(self._idle)):
            async with self._permits:
                if not self._idle:
                    return
                conn = self._idle.pop(0)
                if conn.idle_for() >= idle_for:
                    try:
                        await conn.hello()
                    except RegistrarError:
                        await conn.abort()
                        continue
                self._idle.append(conn)

    async def aclose(self) -> None:
        """Log out and close every idle connection; borrowed ones close when returned."""
        self._closed = True
        idle, self._idle = self._idle, []
        await asyncio.gather(*(conn.close() for conn in idle))
