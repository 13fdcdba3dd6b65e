"""Database engines and the unit of work.

`Database.transaction()` is the one runner a mutation uses: it commits when the block ends
and rolls back on any exception. On SQLite it begins `IMMEDIATE`, so concurrent writers queue
on the database lock instead of failing half-way; reads use a deferred transaction so they
never wait for writers (WAL). On PostgreSQL both are ordinary transactions and correctness
comes from constraints, row locks and conditional updates.
"""

from __future__ import annotations

import contextvars
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from sqlalchemy import event, text
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker, create_async_engine
from sqlmodel.ext.asyncio.session import AsyncSession

SQLITE_BUSY_TIMEOUT_MS = 30_000

_statement_counter: contextvars.ContextVar[list[str] | None] = contextvars.ContextVar("statement_counter", default=None)


def _sqlite_engine(url: str, begin: str) -> AsyncEngine:
    engine = create_async_engine(url, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000})

    @event.listens_for(engine.sync_engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # we emit BEGIN ourselves
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine.sync_engine, "begin")
    def _on_begin(connection: Any) -> None:
        connection.exec_driver_sql(begin)

    return engine


def _count_statements(engine: AsyncEngine) -> None:
    @event.listens_for(engine.sync_engine, "before_cursor_execute")
    def _before(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        sink = _statement_counter.get()
        if sink is not None and not statement.startswith(("BEGIN", "PRAGMA")):
            sink.append(statement)


class Database:
    def __init__(self, url: str) -> None:
        self.url = url
        self.is_sqlite = url.startswith("sqlite")
        if self.is_sqlite:
            self.write_engine = _sqlite_engine(url, "BEGIN IMMEDIATE")
            self.read_engine = _sqlite_engine(url, "BEGIN")
        else:
            self.write_engine = create_async_engine(url, pool_pre_ping=True, pool_size=10)
            self.read_engine = self.write_engine
        for engine in {self.write_engine, self.read_engine}:
            _count_statements(engine)
        self._write_sessions = async_sessionmaker(self.write_engine, class_=AsyncSession, expire_on_commit=False)
        self._read_sessions = async_sessionmaker(self.read_engine, class_=AsyncSession, expire_on_commit=False)

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[AsyncSession]:
        """One write transaction: commit on success, roll back on any exception."""
        async with self._write_sessions() as session, session.begin():
            yield session

    @asynccontextmanager
    async def read(self) -> AsyncIterator[AsyncSession]:
        """A short read-only session; whatever it began is rolled back on exit."""
        async with self._read_sessions() as session:
            yield session

    async def ping(self) -> bool:
        try:
            async with self.read_engine.connect() as connection:
                await connection.execute(text("SELECT 1"))
        except Exception:  # any failure to reach the database is "down" for /health
            return False
        return True

    async def dispose(self) -> None:
        await self.write_engine.dispose()
        if self.read_engine is not self.write_engine:
            await self.read_engine.dispose()


@asynccontextmanager
async def count_statements() -> AsyncIterator[list[str]]:
    """Collect the SQL statements executed in this task (and tasks it starts) while open."""
    sink: list[str] = []
    token = _statement_counter.set(sink)
    try:
        yield sink
    finally:
        _statement_counter.reset(token)


async def insert_ignoring_conflict(
    session: AsyncSession, model: Any, rows: list[dict[str, Any]], conflict_columns: list[str]
) -> None:
    """`INSERT … ON CONFLICT DO NOTHING` on both dialects: concurrent creators of the same
    natural key both succeed and leave exactly one row."""
    if not rows:
        return
    if session.bind is not None and session.bind.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    statement = insert(model).values(rows).on_conflict_do_nothing(index_elements=conflict_columns)
    await session.exec(statement)
