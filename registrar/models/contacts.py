"""Contacts (WHOIS/RDDS persons and organisations) and their objects at registries."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, UniqueConstraint
from sqlmodel import Field, SQLModel

from registrar.models.base import UTCDateTime, new_id


class Contact(SQLModel, table=True):
    __tablename__ = "contacts"
    __table_args__ = (UniqueConstraint("tenant_id", "handle"),)

    id: str = Field(default_factory=new_id, primary_key=True, max_length=36)
    tenant_id: str = Field(foreign_key="tenants.id", index=True, max_length=36)
    handle: str = Field(max_length=63)
    epp_id: str = Field(max_length=16, unique=True)  # the id used at every registry
    name: str = Field(max_length=255)
    organization: str | None = Field(default=None, max_length=255)
    email: str = Field(max_length=320)
    phone: str = Field(max_length=32)
    fax: str | None = Field(default=None, max_length=32)
    street: list[str] = Field(default_factory=list, sa_type=JSON)
    city: str = Field(max_length=255)
    state_province: str | None = Field(default=None, max_length=255)
    postal_code: str | None = Field(default=None, max_length=16)
    country_code: str = Field(max_length=2)
    verification_state: str = Field(default="pending_verification", max_length=30)
    inserted_at: datetime = Field(sa_type=UTCDateTime)
    updated_at: datetime = Field(sa_type=UTCDateTime)


class ContactRegistryObject(SQLModel, table=True):
    """Records that a contact exists at the registry behind one registry account."""

    __tablename__ = "contact_registry_objects"
    __table_args__ = (UniqueConstraint("contact_id", "registry_account_id"),)

    id: str = Field(default_factory=new_id, primary_key=True, max_length=36)
    contact_id: str = Field(foreign_key="contacts.id", index=True, max_length=36)
    registry_account_id: str = Field(foreign_key="registry_accounts.id", max_length=36)
    inserted_at: datetime = Field(sa_type=UTCDateTime)


class ContactVerification(SQLModel, table=True):
    """A verification challenge sent to a contact over one channel; kept as its SHA-256."""

    __tablename__ = "contact_verifications"

    id: str = Field(default_factory=new_id, primary_key=True, max_length=36)
    contact_id: str = Field(foreign_key="contacts.id", index=True, max_length=36)
    channel: str = Field(max_length=10)  # email | sms
    token_hash: str = Field(max_length=64, unique=True, repr=False)
    expires_at: datetime = Field(sa_type=UTCDateTime)
    consumed_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    inserted_at: datetime = Field(sa_type=UTCDateTime)
