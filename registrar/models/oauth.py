"""OAuth clients and the issued-token ledger that makes JWTs revocable."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON
from sqlmodel import Field, SQLModel

from registrar.models.base import UTCDateTime, new_id


class OAuthClient(SQLModel, table=True):
    __tablename__ = "oauth_clients"

    id: str = Field(default_factory=new_id, primary_key=True, max_length=36)
    tenant_id: str | None = Field(default=None, foreign_key="tenants.id", index=True)
    client_id: str = Field(max_length=64, unique=True)
    name: str = Field(max_length=200)
    client_type: str = Field(max_length=20)  # confidential | public
    secret_hash: str | None = Field(default=None, max_length=255)  # Argon2
    allowed_flows: list[str] = Field(default_factory=list, sa_type=JSON)
    allowed_scopes: list[str] = Field(default_factory=list, sa_type=JSON)
    redirect_uris: list[str] = Field(default_factory=list, sa_type=JSON)
    access_token_ttl_seconds: int = Field(default=3600)
    refresh_token_ttl_seconds: int | None = Field(default=None)
    revoked_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    inserted_at: datetime = Field(sa_type=UTCDateTime)
    updated_at: datetime = Field(sa_type=UTCDateTime)


class OAuthToken(SQLModel, table=True):
    """One row per issued access or refresh token, keyed by its `jti`."""

    __tablename__ = "oauth_tokens"

    id: str = Field(default_factory=new_id, primary_key=True, max_length=36)
    jti: str = Field(max_length=64, unique=True)
    token_type: str = Field(max_length=20)  # access | refresh
    # No foreign key: the ledger outlives an operator's purge of a tenant, and a token that
    # names a vanished tenant must still answer `tenant_not_found`.
    tenant_id: str | None = Field(default=None, max_length=36, index=True)
    user_id: str | None = Field(default=None, foreign_key="users.id", index=True)
    oauth_client_id: str | None = Field(default=None, foreign_key="oauth_clients.id")
    scope: str = Field(default="", max_length=500)
    family_id: str | None = Field(default=None, max_length=36, index=True)
    expires_at: datetime = Field(sa_type=UTCDateTime)
    revoked_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    inserted_at: datetime = Field(sa_type=UTCDateTime)
