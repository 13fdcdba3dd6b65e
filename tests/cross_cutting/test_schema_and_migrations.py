"""The committed artefacts match the code: schema.graphql and the Alembic migrations."""

from __future__ import annotations

import warnings
from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from registrar.models import metadata
from registrar.schema import schema

REPO = Path(__file__).resolve().parents[2]


def test_schema_graphql_is_current():
    committed = (REPO / "schema.graphql").read_text()
    assert committed == schema.as_str() + "\n", "run `make schema` and commit schema.graphql"


async def test_migrations_produce_exactly_the_models(services):
    def diff(connection):
        context = MigrationContext.configure(connection, opts={"compare_type": False})
        with warnings.catch_warnings():
            # SQLite cannot reflect expression indexes (uq_rate_card_entries_key): SQLAlchemy and
            # Alembic skip them with a warning; PostgreSQL compares them.
            warnings.filterwarnings("ignore", message=".*expression-based index")
            return compare_metadata(context, metadata)

    async with services.db.write_engine.connect() as connection:
        changes = await connection.run_sync(diff)
    assert changes == [], "models and migrations differ: add an Alembic revision"
