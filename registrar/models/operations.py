"""The registry operations journal (DESIGN §6): every mutating registry command, committed
before it is sent and closed after its outcome is applied."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Index, text
from sqlmodel import Field, SQLModel

from registrar.models.base import UTCDateTime, new_id

OPERATION_STATES = ("pending", "succeeded", "failed")


class RegistryOperation(SQLModel, table=True):
    """One registry command and what became of it.

    `request` holds what applying a success needs (the row to create, the expiry expected
    after a renew, …); `outcome` what the registry answered, or why the operation failed.
    While `pending`, the request that opened it owns it until `lease_until`; after that the
    worker resolves it by asking the registry.
    """

    __tablename__ = "registry_operations"
    __table_args__ = (
        # One open operation per registry object: a retry finds it instead of sending again.
        Index(
            "uq_registry_operations_open_object",
            "object_type",
            "object_name",
            unique=True,
            sqlite_where=text("state = 'pending'"),
            postgresql_where=text("state = 'pending'"),
        ),
        # The worker's scan: open operations whose lease has run out.
        Index("ix_registry_operations_state_lease", "state", "lease_until"),
        Index("ix_registry_operations_request_key", "tenant_id", "request_key"),
    )

    id: str = Field(default_factory=new_id, primary_key=True, max_length=36)
    tenant_id: str = Field(foreign_key="tenants.id", index=True, max_length=36)
    registry_account_id: str = Field(foreign_key="registry_accounts.id", max_length=36)
    actor_type: str = Field(max_length=20)  # as DomainEvent.actor_type: whose request opened it
    actor_id: str | None = Field(default=None, max_length=36)
    command: str = Field(max_length=30)  # domain_create, domain_renew, …, host_create, account_password
    object_type: str = Field(max_length=10)  # domain | host | account
    object_name: str = Field(max_length=255)
    object_id: str = Field(max_length=36)  # the row the operation creates or changes
    cltrid: str = Field(max_length=64, unique=True)
    quote_id: str | None = Field(default=None, foreign_key="quotes.id", max_length=36)
    request_key: str | None = Field(default=None, max_length=64)  # SHA-256 of the client's Idempotency-Key scope
    request: dict = Field(default_factory=dict, sa_type=JSON)
    state: str = Field(default="pending", max_length=20)
    outcome: dict = Field(default_factory=dict, sa_type=JSON)
    attempts: int = Field(default=0)
    lease_until: datetime = Field(sa_type=UTCDateTime)
    inserted_at: datetime = Field(sa_type=UTCDateTime)
    resolved_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
