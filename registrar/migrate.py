"""Schema migrations through Alembic; `registrar db upgrade` and the test fixtures call these."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.ext.asyncio import create_async_engine

MIGRATIONS_DIR = Path(__file__).parent / "migrations"


def alembic_config(connection: Any = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["connection"] = connection
    return config


async def _run(url: str, action: Any) -> None:
    engine = create_async_engine(url)
    try:
        async with engine.begin() as connection:
            await connection.run_sync(lambda sync: action(alembic_config(sync)))
    finally:
        await engine.dispose()


async def upgrade(url: str, revision: str = "head") -> None:
    await _run(url, lambda config: command.upgrade(config, revision))


async def autogenerate(url: str, message: str) -> None:
    """Write a new revision from the difference between the models and the database."""
    await _run(url, lambda config: command.revision(config, message=message, autogenerate=True))


def head_revision() -> str:
    """The newest revision this code ships."""
    return ScriptDirectory.from_config(alembic_config()).get_current_head() or ""


async def current_revision(url: str) -> str | None:
    """The revision the database is at; None for a database no migration has touched."""
    engine = create_async_engine(url)
    try:
        async with engine.connect() as connection:
            return await connection.run_sync(lambda sync: MigrationContext.configure(sync).get_current_revision())
    finally:
        await engine.dispose()
