"""Domains, their name-server links and their event history."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Index, UniqueConstraint, text
from sqlmodel import Field, SQLModel

from registrar.models.base import UTCDateTime, new_id

DOMAIN_STATES = ("registered", "on_hold", "expired", "redemption", "pending_delete", "deleted")


class Domain(SQLModel, table=True):
    __tablename__ = "domains"
    __table_args__ = (
        # A name is live at most once on the platform, whichever tenant holds it.
        Index(
            "uq_domains_live_name",
            "name",
            unique=True,
            sqlite_where=text("state <> 'deleted'"),
            postgresql_where=text("state <> 'deleted'"),
        ),
        # Keyset pages of the domain list walk (name, id) within a tenant.
        Index("ix_domains_tenant_name_id", "tenant_id", "name", "id"),
    )

    id: str = Field(default_factory=new_id, primary_key=True, max_length=36)
    tenant_id: str = Field(foreign_key="tenants.id", index=True, max_length=36)
    name: str = Field(max_length=255)  # A-label, lower case, no trailing dot
    unicode_name: str = Field(max_length=255)
    tld: str = Field(max_length=63)
    state: str = Field(default="registered", max_length=20)
    epp_statuses: list[str] = Field(default_factory=lambda: ["ok"], sa_type=JSON)
    registrant_contact_id: str | None = Field(default=None, foreign_key="contacts.id")
    admin_contact_id: str | None = Field(default=None, foreign_key="contacts.id")
    tech_contact_id: str | None = Field(default=None, foreign_key="contacts.id")
    billing_contact_id: str | None = Field(default=None, foreign_key="contacts.id")
    registry_account_id: str = Field(foreign_key="registry_accounts.id", max_length=36)
    ds_records: list[dict] = Field(default_factory=list, sa_type=JSON)
    auth_code_hash: str | None = Field(default=None, max_length=64, repr=False)
    auto_renew_mode: str = Field(default="DEFAULT", max_length=20)
    hold_reason: str | None = Field(default=None, max_length=30)
    out_of_sync: bool = Field(default=False)
    registered_at: datetime = Field(sa_type=UTCDateTime)
    expires_at: datetime = Field(sa_type=UTCDateTime)
    last_renewed_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    last_reconciled_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    transfer_lock_until: datetime | None = Field(default=None, sa_type=UTCDateTime)
    deletion_scheduled_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    inserted_at: datetime = Field(sa_type=UTCDateTime)
    updated_at: datetime = Field(sa_type=UTCDateTime)


class DomainNameserver(SQLModel, table=True):
    __tablename__ = "domain_nameservers"
    __table_args__ = (UniqueConstraint("domain_id", "host_id"),)

    id: str = Field(default_factory=new_id, primary_key=True, max_length=36)
    domain_id: str = Field(foreign_key="domains.id", index=True, max_length=36)
    host_id: str = Field(foreign_key="hosts.id", index=True, max_length=36)
    position: int = Field(default=0)


class DomainEvent(SQLModel, table=True):
    __tablename__ = "domain_events"
    __table_args__ = (Index("ix_domain_events_domain_time", "domain_id", "inserted_at"),)

    id: str = Field(default_factory=new_id, primary_key=True, max_length=36)
    tenant_id: str = Field(foreign_key="tenants.id", index=True, max_length=36)
    domain_id: str = Field(foreign_key="domains.id", max_length=36)
    event_type: str = Field(max_length=50)
    actor_type: str = Field(max_length=20)  # user | client | system | operator
    actor_id: str | None = Field(default=None, max_length=36)
    payload: dict = Field(default_factory=dict, sa_type=JSON)
    inserted_at: datetime = Field(sa_type=UTCDateTime)
