"""Hosts (name servers) a tenant uses, external or subordinate to its own domains."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, UniqueConstraint
from sqlmodel import Field, SQLModel

from registrar.models.base import UTCDateTime, new_id


class Host(SQLModel, table=True):
    __tablename__ = "hosts"
    __table_args__ = (UniqueConstraint("tenant_id", "name"),)

    id: str = Field(default_factory=new_id, primary_key=True, max_length=36)
    tenant_id: str = Field(foreign_key="tenants.id", index=True, max_length=36)
    name: str = Field(max_length=255)
    subordinate: bool = Field(default=False)
    addresses: list[str] = Field(default_factory=list, sa_type=JSON)
    statuses: list[str] = Field(default_factory=lambda: ["ok"], sa_type=JSON)
    state: str = Field(default="active", max_length=20)
    # Subordinate hosts live at one registry, behind the account of their parent domain.
    registry_account_id: str | None = Field(default=None, foreign_key="registry_accounts.id")
    inserted_at: datetime = Field(sa_type=UTCDateTime)
    updated_at: datetime = Field(sa_type=UTCDateTime)
