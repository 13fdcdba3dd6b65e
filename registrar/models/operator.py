"""The operator's audit log: every action taken with operator rights, as it was taken."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON
from sqlmodel import Field, SQLModel

from registrar.models.base import UTCDateTime


class AuditLogEntry(SQLModel, table=True):
    """One operator action: who (an operator client, or the CLI run by an OS user), what
    (`tenant.create`, `registry_account.rotate_password`, …), on which object, and the diff of
    the fields it changed (secrets appear only as `"[redacted]"`). Written in the action's own
    transaction, so there is no action without its entry and no entry for a rolled-back one."""

    __tablename__ = "audit_log"
    # The sequence orders the log: entries written within one clock tick keep their order.
    id: int | None = Field(default=None, primary_key=True)
    occurred_at: datetime = Field(sa_type=UTCDateTime, index=True)
    actor_type: str = Field(max_length=20)  # operator_client | cli
    actor_id: str = Field(max_length=100)  # the client's client_id, or the OS user of the CLI
    action: str = Field(max_length=64, index=True)
    target_type: str = Field(max_length=32)
    target_id: str = Field(max_length=255)
    # No foreign key: the log outlives what it names.
    tenant_id: str | None = Field(default=None, max_length=36, index=True)
    diff: dict = Field(default_factory=dict, sa_type=JSON)
