"""Rate cards and the single-use quotes that assure payment."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import Index, text
from sqlmodel import Field, SQLModel

from registrar.models.base import Money, UTCDateTime, new_id


class RateCardEntry(SQLModel, table=True):
    __tablename__ = "rate_card_entries"
    # One row per price key. `period` (restore) and `premium_class` (standard tier) are
    # nullable, and to a plain unique constraint two NULLs differ, so the key coalesces them.
    __table_args__ = (
        Index(
            "uq_rate_card_entries_key",
            "tenant_id",
            "tld",
            "operation",
            text("coalesce(period, 0)"),
            "tier",
            text("coalesce(premium_class, '')"),
            unique=True,
        ),
    )

    id: str = Field(default_factory=new_id, primary_key=True, max_length=36)
    tenant_id: str = Field(foreign_key="tenants.id", index=True, max_length=36)
    tld: str = Field(max_length=63)
    operation: str = Field(max_length=20)  # register | renew | transfer_in | restore
    period: int | None = Field(default=None)  # None for restore
    tier: str = Field(default="standard", max_length=20)
    premium_class: str | None = Field(default=None, max_length=64)
    amount: Decimal = Field(sa_type=Money)
    currency: str = Field(default="USD", max_length=3)
    inserted_at: datetime = Field(sa_type=UTCDateTime)
    updated_at: datetime = Field(sa_type=UTCDateTime)


class Quote(SQLModel, table=True):
    __tablename__ = "quotes"

    id: str = Field(default_factory=new_id, primary_key=True, max_length=36)
    tenant_id: str = Field(foreign_key="tenants.id", index=True, max_length=36)
    fqdn: str = Field(max_length=255)
    tld: str = Field(max_length=63)
    operation: str = Field(max_length=20)
    period: int | None = Field(default=None)
    tier: str = Field(max_length=20)
    premium_class: str | None = Field(default=None, max_length=64)
    amount: Decimal = Field(sa_type=Money)
    currency: str = Field(max_length=3)
    quoted_at: datetime = Field(sa_type=UTCDateTime)
    valid_until: datetime = Field(sa_type=UTCDateTime, index=True)
    consumed_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    consumed_by_domain_id: str | None = Field(default=None, max_length=36)
