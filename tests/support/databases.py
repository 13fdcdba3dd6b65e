"""Test databases: every test runs once on SQLite and once on PostgreSQL.

SQLite: the schema is migrated once into a template file that each test copies.
PostgreSQL: one database per test session, migrated once, truncated between tests.
`REGISTRAR_REQUIRE_POSTGRES=1` (CI) turns an unreachable server into a failure, not a skip.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import uuid
from pathlib import Path

import psycopg
import pytest

from registrar.migrate import upgrade
from registrar.models import metadata
from registrar.settings import normalize_database_url

DEFAULT_POSTGRES_URL = "postgresql://postgres@127.0.0.1:5432/postgres"


def postgres_admin_url() -> str:
    return os.environ.get("REGISTRAR_TEST_POSTGRES_URL", DEFAULT_POSTGRES_URL)


def _libpq(url: str) -> str:
    return url.replace("postgresql+psycopg://", "postgresql://")


def postgres_reachable() -> bool:
    try:
        with psycopg.connect(_libpq(postgres_admin_url()), connect_timeout=3):
            return True
    except psycopg.Error:
        return False


class SqliteTemplate:
    def __init__(self, directory: Path) -> None:
        self.template = directory / "template.db"

    async def prepare(self) -> None:
        await upgrade(f"sqlite+aiosqlite:///{self.template}")

    async def fresh_url(self, directory: Path) -> str:
        target = directory / f"test-{uuid.uuid4().hex[:8]}.db"
        shutil.copyfile(self.template, target)
        return f"sqlite+aiosqlite:///{target}"

    async def drop(self) -> None:
        return None


class PostgresDatabase:
    def __init__(self) -> None:
        self.name = f"registrar_test_{uuid.uuid4().hex[:10]}"
        admin = _libpq(postgres_admin_url())
        self.admin_url = admin
        self.url = normalize_database_url(admin.rsplit("/", 1)[0] + "/" + self.name)

    async def prepare(self) -> None:
        async with await psycopg.AsyncConnection.connect(self.admin_url, autocommit=True) as conn:
            await conn.execute(f'CREATE DATABASE "{self.name}"')
        await upgrade(self.url)

    async def fresh_url(self, _directory: Path) -> str:
        """The database emptied: DELETE in reverse dependency order, one transaction. On tables
        this small it is a tenth of the cost of a TRUNCATE, which creates new files for each."""
        statements = "; ".join(f'DELETE FROM "{table.name}"' for table in reversed(metadata.sorted_tables))
        async with await psycopg.AsyncConnection.connect(_libpq(self.url)) as conn:  # commits on exit
            await conn.execute(statements)
        return self.url

    async def drop(self) -> None:
        async with await psycopg.AsyncConnection.connect(self.admin_url, autocommit=True) as conn:
            await conn.execute(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')


def backend_params() -> list:
    return ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgresql)]


async def open_backend(kind: str, directory: Path) -> SqliteTemplate | PostgresDatabase:
    if kind == "sqlite":
        backend: SqliteTemplate | PostgresDatabase = SqliteTemplate(directory)
    else:
        if not await asyncio.to_thread(postgres_reachable):
            if os.environ.get("REGISTRAR_REQUIRE_POSTGRES") == "1":
                pytest.fail("PostgreSQL is required (REGISTRAR_REQUIRE_POSTGRES=1) but unreachable")
            pytest.skip("PostgreSQL is not reachable")
        backend = PostgresDatabase()
    await backend.prepare()
    return backend
