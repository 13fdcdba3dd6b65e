"""Tenants (registrars and resellers), users and their memberships."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import UniqueConstraint
from sqlmodel import Field, SQLModel

from registrar.models.base import UTCDateTime, new_id


class Tenant(SQLModel, table=True):
    __tablename__ = "tenants"

    id: str = Field(default_factory=new_id, primary_key=True, max_length=36)
    name: str = Field(max_length=200)
    slug: str = Field(max_length=100, unique=True)
    status: str = Field(default="active", max_length=20)  # active | suspended
    iana_registrar_id: int | None = Field(default=None, unique=True)
    abuse_email: str | None = Field(default=None, max_length=320)
    abuse_form_url: str | None = Field(default=None, max_length=500)
    # The 60-day lock after a transfer or change of registrant (ICANN Transfer Policy) is not
    # applied to this tenant's domains when it opted out, as the policy allows.
    transfer_lock_opt_out: bool = Field(default=False)
    reseller_approved_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    transfer_out_mode: str = Field(default="auto", max_length=20)
    verification_from_email: str | None = Field(default=None, max_length=320)
    suspension_from_email: str | None = Field(default=None, max_length=320)
    renewal_from_email: str | None = Field(default=None, max_length=320)
    verification_from_phone: str | None = Field(default=None, max_length=32)
    suspension_from_phone: str | None = Field(default=None, max_length=32)
    verification_url_template: str | None = Field(default=None, max_length=500)
    inserted_at: datetime = Field(sa_type=UTCDateTime)
    updated_at: datetime = Field(sa_type=UTCDateTime)


class User(SQLModel, table=True):
    __tablename__ = "users"

    id: str = Field(default_factory=new_id, primary_key=True, max_length=36)
    email: str = Field(max_length=320, unique=True)
    password_hash: str | None = Field(default=None, max_length=255)
    email_verified_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    totp_state: str = Field(default="not_enrolled", max_length=20)  # not_enrolled|pending|enrolled
    totp_secret_encrypted: str | None = Field(default=None, repr=False)
    totp_enrolled_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    totp_last_step: int | None = Field(default=None)  # replay protection
    inserted_at: datetime = Field(sa_type=UTCDateTime)
    updated_at: datetime = Field(sa_type=UTCDateTime)


class Membership(SQLModel, table=True):
    __tablename__ = "memberships"
    __table_args__ = (UniqueConstraint("tenant_id", "user_id"),)

    id: str = Field(default_factory=new_id, primary_key=True, max_length=36)
    tenant_id: str = Field(foreign_key="tenants.id", index=True, max_length=36)
    user_id: str = Field(foreign_key="users.id", index=True, max_length=36)
    role: str = Field(max_length=20)  # owner | admin | member
    state: str = Field(default="active", max_length=20)  # active | deactivated
    inserted_at: datetime = Field(sa_type=UTCDateTime)
    updated_at: datetime = Field(sa_type=UTCDateTime)


class Invitation(SQLModel, table=True):
    __tablename__ = "invitations"

    id: str = Field(default_factory=new_id, primary_key=True, max_length=36)
    tenant_id: str = Field(foreign_key="tenants.id", index=True, max_length=36)
    email: str = Field(max_length=320)
    role: str = Field(max_length=20)
    state: str = Field(default="pending", max_length=20)  # pending|accepted|revoked
    token_hash: str = Field(max_length=64, unique=True, repr=False)  # SHA-256
    invited_by_user_id: str | None = Field(default=None, max_length=36)
    expires_at: datetime = Field(sa_type=UTCDateTime)
    accepted_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    inserted_at: datetime = Field(sa_type=UTCDateTime)
    updated_at: datetime = Field(sa_type=UTCDateTime)
