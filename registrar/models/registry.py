"""Registry bindings (endpoints), tenants' accounts on them, and TLD associations."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, UniqueConstraint
from sqlmodel import Field, SQLModel

from registrar.models.base import UTCDateTime, new_id


class RegistryBinding(SQLModel, table=True):
    """A registry endpoint: where to connect and the limits that registry imposes."""

    __tablename__ = "registry_bindings"

    name: str = Field(primary_key=True, max_length=64)
    host: str = Field(max_length=255)
    port: int = Field(default=700)
    ca_pem: str | None = Field(default=None)  # public CA certificate, not a secret
    max_connections: int = Field(default=2)  # the registry's session limit for one account
    names_per_check: int = Field(default=5)
    commands_per_minute: int | None = Field(default=None)  # None: the registry sets no limit
    extensions: list[str] = Field(default_factory=list, sa_type=JSON)  # extension namespace URIs
    tlds: list[str] = Field(default_factory=list, sa_type=JSON)  # the TLDs this registry serves
    inserted_at: datetime = Field(sa_type=UTCDateTime)
    updated_at: datetime = Field(sa_type=UTCDateTime)


class RegistryAccount(SQLModel, table=True):
    """A tenant's credentials on one binding. Secrets are encrypted at rest."""

    __tablename__ = "registry_accounts"

    id: str = Field(default_factory=new_id, primary_key=True, max_length=36)
    tenant_id: str = Field(foreign_key="tenants.id", index=True, max_length=36)
    registry_binding: str = Field(foreign_key="registry_bindings.name", max_length=64)
    name: str = Field(max_length=100)
    clid: str = Field(max_length=16)
    password_encrypted: str = Field(repr=False)
    cert_pem_encrypted: str | None = Field(default=None, repr=False)
    key_pem_encrypted: str | None = Field(default=None, repr=False)
    state: str = Field(default="active", max_length=20)  # active | disabled
    is_default: bool = Field(default=False)
    rotated_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    inserted_at: datetime = Field(sa_type=UTCDateTime)
    updated_at: datetime = Field(sa_type=UTCDateTime)


class TldAssociation(SQLModel, table=True):
    __tablename__ = "tld_associations"
    __table_args__ = (UniqueConstraint("tenant_id", "tld"),)

    id: str = Field(default_factory=new_id, primary_key=True, max_length=36)
    tenant_id: str = Field(foreign_key="tenants.id", index=True, max_length=36)
    tld: str = Field(max_length=63)
    registry_binding: str = Field(foreign_key="registry_bindings.name", max_length=64)
    registry_account_id: str | None = Field(default=None, foreign_key="registry_accounts.id")
    accreditation_type: str = Field(max_length=20)  # icann_accredited | non_icann
    state: str = Field(default="active", max_length=20)
    config: dict = Field(default_factory=dict, sa_type=JSON)
    inserted_at: datetime = Field(sa_type=UTCDateTime)
    updated_at: datetime = Field(sa_type=UTCDateTime)
