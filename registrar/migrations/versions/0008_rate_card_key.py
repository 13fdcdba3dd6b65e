"""rate card key: one row per price key, NULL period and premium class included

The unique constraint of 0001 spans two nullable columns (`period`, NULL for restore;
`premium_class`, NULL for the standard tier); SQLite and PostgreSQL both treat two NULLs as
distinct, so it let duplicate restore and standard rows in. It becomes a unique index over the
key with those two columns coalesced. Duplicates already stored are reduced to the most
recently updated row first.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-03 10:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLE = "rate_card_entries"
OLD_KEY = ["tenant_id", "tld", "operation", "period", "tier", "premium_class"]
# SQLite reflects the unnamed constraint of 0001 without a name; batch mode names it by this.
NAMING = {"uq": "uq_%(table_name)s_%(column_0_name)s"}
SQLITE_OLD_NAME = "uq_rate_card_entries_tenant_id"
INDEX = "uq_rate_card_entries_key"

DROP_DUPLICATES = """
DELETE FROM rate_card_entries WHERE id IN (
    SELECT older.id FROM rate_card_entries older JOIN rate_card_entries newer
      ON older.tenant_id = newer.tenant_id AND older.tld = newer.tld
     AND older.operation = newer.operation AND older.tier = newer.tier
     AND coalesce(older.period, 0) = coalesce(newer.period, 0)
     AND coalesce(older.premium_class, '') = coalesce(newer.premium_class, '')
     AND (older.updated_at < newer.updated_at OR (older.updated_at = newer.updated_at AND older.id < newer.id))
)
"""


def _old_constraint_name() -> str:
    for constraint in sa.inspect(op.get_bind()).get_unique_constraints(TABLE):
        if constraint["column_names"] == OLD_KEY and constraint["name"]:
            return constraint["name"]
    return SQLITE_OLD_NAME


def upgrade() -> None:
    name = _old_constraint_name()
    with op.batch_alter_table(TABLE, schema=None, naming_convention=NAMING) as batch_op:
        batch_op.drop_constraint(name, type_="unique")
    op.execute(DROP_DUPLICATES)
    op.create_index(
        INDEX,
        TABLE,
        [
            "tenant_id",
            "tld",
            "operation",
            sa.text("coalesce(period, 0)"),
            "tier",
            sa.text("coalesce(premium_class, '')"),
        ],
        unique=True,
    )


def downgrade() -> None:
    op.drop_index(INDEX, table_name=TABLE)
    with op.batch_alter_table(TABLE, schema=None) as batch_op:
        batch_op.create_unique_constraint(SQLITE_OLD_NAME, OLD_KEY)
