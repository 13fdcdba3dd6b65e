"""Database engines and the unit of work.

`Database.transaction()` is the one runner a mutation uses: it commits when the block ends
and rolls back on any exception. On SQLite it begins `IMMEDIATE`, so concurrent writers queue
on the database lock instead of failing half-way; reads use a deferred transaction so they
never wait for writers (WAL). On PostgreSQL both are ordinary transactions and correctness
comes from constraints, row locks and conditional updates.

Engines are created with `hide_parameters=True`: a failed statement's exception (and so any
log of it) names the SQL but never the values bound to it, which may be secrets; and the
`aiosqlite` driver's DEBUG log, which prints every statement with its values, is held at INFO. A SQLite
database file is created mode 0600 before SQLite opens it, and every connection re-applies
0600 to it and to its `-wal` and `-shm` files (SQLite gives those the main file's mode), so a
database created by an older version is tightened on the next start.
"""

from __future__ import annotations

import contextvars
import logging
import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from sqlalchemy import event, make_url, text
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker, create_async_engine
from sqlmodel.ext.asyncio.session import AsyncSession

SQLITE_BUSY_TIMEOUT_MS = 30_000
SQLITE_FILE_MODE = 0o600
SQLITE_COMPANION_SUFFIXES = ("", "-wal", "-shm", "-journal")

_statement_counter: contextvars.ContextVar[list[str] | None] = contextvars.ContextVar("statement_counter", default=None)


def sqlite_path(url: str) -> str | None:
    """The database file of a SQLite URL; None for an in-memory database."""
    database = make_url(url).database
    return None if not database or database == ":memory:" or database.startswith("file:") else database


def create_private_file(path: str) -> None:
    """Create `path` empty with mode 0600 unless it exists (an empty file is an empty SQLite
    database), so no other user can ever read it."""
    try:
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, SQLITE_FILE_MODE))
    except (FileExistsError, FileNotFoundError):  # there already, or its directory is not (SQLite will say)
        return


def restrict_sqlite_files(path: str) -> None:
    for suffix in SQLITE_COMPANION_SUFFIXES:
        try:
            os.chmod(path + suffix, SQLITE_FILE_MODE)
        except FileNotFoundError:
            continue


def _sqlite_engine(url: str, begin: str) -> AsyncEngine:
    driver_log = logging.getLogger("aiosqlite")
    if driver_log.level < logging.INFO:
        driver_log.setLevel(logging.INFO)
    path = sqlite_path(url)
    if path is not None:
        create_private_file(path)
    engine = create_async_engine(url, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000}, hide_parameters=True)

    @event.listens_for(engine.sync_engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # we emit BEGIN ourselves
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()
        if path is not None:
            restrict_sqlite_files(path)

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
            self.write_engine = create_async_engine(url, pool_pre_ping=True, pool_size=10, hide_parameters=True)
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
