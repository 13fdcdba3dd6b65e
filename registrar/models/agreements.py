"""Registrant agreements: versions a tenant publishes and the acceptance records per domain."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import Index, UniqueConstraint, text
from sqlmodel import Field, SQLModel

from registrar.models.base import Money, UTCDateTime, new_id


class AgreementVersion(SQLModel, table=True):
    __tablename__ = "agreement_versions"
    __table_args__ = (UniqueConstraint("tenant_id", "version"),)

    id: str = Field(default_factory=new_id, primary_key=True, max_length=36)
    tenant_id: str = Field(foreign_key="tenants.id", index=True, max_length=36)
    version: str = Field(max_length=50)
    title: str = Field(max_length=200)
    body: str
    content_hash: str = Field(max_length=64)  # SHA-256 of the body
    url: str | None = Field(default=None, max_length=2000)
    material_change: bool = Field(default=False)
    state: str = Field(default="draft", max_length=20)  # draft | published | retired
    effective_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    published_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    retired_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    inserted_at: datetime = Field(sa_type=UTCDateTime)
    updated_at: datetime = Field(sa_type=UTCDateTime)


class Acceptance(SQLModel, table=True):
    """Evidence that a registrant accepted an agreement version for a domain; immutable
    except for termination."""

    __tablename__ = "acceptances"
    __table_args__ = (
        Index(
            "uq_acceptances_active_domain",
            "domain_id",
            unique=True,
            sqlite_where=text("state = 'active'"),
            postgresql_where=text("state = 'active'"),
        ),
    )

    id: str = Field(default_factory=new_id, primary_key=True, max_length=36)
    tenant_id: str = Field(foreign_key="tenants.id", index=True, max_length=36)
    domain_id: str = Field(foreign_key="domains.id", index=True, max_length=36)
    agreement_version_id: str = Field(foreign_key="agreement_versions.id", max_length=36)
    acceptance_method: str = Field(max_length=30)  # api | change_of_registrant | ...
    accepted_at: datetime = Field(sa_type=UTCDateTime)
    source_ip: str | None = Field(default=None, max_length=64)
    user_agent: str | None = Field(default=None, max_length=500)
    content_hash: str = Field(max_length=64)
    redemption_fee_amount: Decimal | None = Field(default=None, sa_type=Money)
    redemption_fee_currency: str | None = Field(default=None, max_length=3)
    state: str = Field(default="active", max_length=20)  # active | terminated
    terminated_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    termination_reason: str | None = Field(default=None, max_length=200)
    inserted_at: datetime = Field(sa_type=UTCDateTime)
