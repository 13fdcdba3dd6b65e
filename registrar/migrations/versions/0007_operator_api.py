"""operator api: the audit log, tenant abuse contacts and flags, binding limits and TLDs

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02 01:25:08.850860
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import registrar.models.base

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("occurred_at", registrar.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("actor_type", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("actor_id", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
        sa.Column("action", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("target_type", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("target_id", sqlmodel.sql.sqltypes.AutoString(length=255), nullable=False),
        sa.Column("tenant_id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=True),
        sa.Column("diff", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_audit_log_action"), ["action"], unique=False)
        batch_op.create_index(batch_op.f("ix_audit_log_occurred_at"), ["occurred_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_audit_log_tenant_id"), ["tenant_id"], unique=False)

    with op.batch_alter_table("registry_bindings", schema=None) as batch_op:
        batch_op.add_column(sa.Column("commands_per_minute", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("extensions", sa.JSON(), nullable=False, server_default="[]"))
        batch_op.add_column(sa.Column("tlds", sa.JSON(), nullable=False, server_default="[]"))

    with op.batch_alter_table("tenants", schema=None) as batch_op:
        batch_op.add_column(sa.Column("abuse_email", sqlmodel.sql.sqltypes.AutoString(length=320), nullable=True))
        batch_op.add_column(sa.Column("abuse_form_url", sqlmodel.sql.sqltypes.AutoString(length=500), nullable=True))
        batch_op.add_column(sa.Column("transfer_lock_opt_out", sa.Boolean(), nullable=False, server_default=sa.false()))
        batch_op.add_column(
            sa.Column("reseller_approved_at", registrar.models.base.UTCDateTime(timezone=True), nullable=True)
        )
        batch_op.create_unique_constraint("uq_tenants_iana_registrar_id", ["iana_registrar_id"])


def downgrade() -> None:
    with op.batch_alter_table("tenants", schema=None) as batch_op:
        batch_op.drop_constraint("uq_tenants_iana_registrar_id", type_="unique")
        batch_op.drop_column("reseller_approved_at")
        batch_op.drop_column("transfer_lock_opt_out")
        batch_op.drop_column("abuse_form_url")
        batch_op.drop_column("abuse_email")

    with op.batch_alter_table("registry_bindings", schema=None) as batch_op:
        batch_op.drop_column("tlds")
        batch_op.drop_column("extensions")
        batch_op.drop_column("commands_per_minute")

    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_audit_log_tenant_id"))
        batch_op.drop_index(batch_op.f("ix_audit_log_occurred_at"))
        batch_op.drop_index(batch_op.f("ix_audit_log_action"))

    op.drop_table("audit_log")
