"""User-account security rows: one-time challenge tokens and TOTP recovery codes."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Field, SQLModel

from registrar.models.base import UTCDateTime, new_id


class UserToken(SQLModel, table=True):
    """A single-use challenge (email verification, password reset), kept as its SHA-256."""

    __tablename__ = "user_tokens"

    id: str = Field(default_factory=new_id, primary_key=True, max_length=36)
    user_id: str = Field(foreign_key="users.id", index=True, max_length=36)
    purpose: str = Field(max_length=30)  # verify_email | reset_password
    token_hash: str = Field(max_length=64, unique=True, repr=False)
    expires_at: datetime = Field(sa_type=UTCDateTime)
    consumed_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    inserted_at: datetime = Field(sa_type=UTCDateTime)


class RecoveryCode(SQLModel, table=True):
    __tablename__ = "recovery_codes"

    id: str = Field(default_factory=new_id, primary_key=True, max_length=36)
    user_id: str = Field(foreign_key="users.id", index=True, max_length=36)
    code_hash: str = Field(max_length=64, repr=False)
    used_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    inserted_at: datetime = Field(sa_type=UTCDateTime)
