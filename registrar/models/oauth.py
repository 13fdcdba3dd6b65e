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
    family_id: str | None = Field(default=None, max_length=36, index=True)  # = session id
    # The access token whose bearer authorized the code this token descends from: the token
    # is only as alive as that one (and, transitively, its own parent).
    parent_jti: str | None = Field(default=None, max_length=64)
    expires_at: datetime = Field(sa_type=UTCDateTime)
    revoked_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    rotated_at: datetime | None = Field(default=None, sa_type=UTCDateTime)  # refresh reuse
    inserted_at: datetime = Field(sa_type=UTCDateTime)


class AuthorizationCode(SQLModel, table=True):
    """A single-use PKCE authorization code, stored as its SHA-256."""

    __tablename__ = "authorization_codes"

    id: str = Field(default_factory=new_id, primary_key=True, max_length=36)
    code_hash: str = Field(max_length=64, unique=True, repr=False)
    oauth_client_id: str = Field(foreign_key="oauth_clients.id", max_length=36)
    user_id: str = Field(foreign_key="users.id", max_length=36)
    tenant_id: str | None = Field(default=None, max_length=36)
    redirect_uri: str = Field(max_length=2000)
    code_challenge: str = Field(max_length=128)
    scope: str = Field(default="", max_length=500)
    parent_jti: str | None = Field(default=None, max_length=64)  # the bearer token that authorized it
    expires_at: datetime = Field(sa_type=UTCDateTime)
    consumed_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    inserted_at: datetime = Field(sa_type=UTCDateTime)


class UserSession(SQLModel, table=True):
    """A signed-in session: one refresh-token family, listed and revocable by its user."""

    __tablename__ = "user_sessions"

    id: str = Field(default_factory=new_id, primary_key=True, max_length=36)
    user_id: str = Field(foreign_key="users.id", index=True, max_length=36)
    tenant_id: str | None = Field(default=None, max_length=36, index=True)
    oauth_client_id: str | None = Field(default=None, foreign_key="oauth_clients.id")
    ip_address: str | None = Field(default=None, max_length=64)
    user_agent: str | None = Field(default=None, max_length=500)
    expires_at: datetime = Field(sa_type=UTCDateTime)
    revoked_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    inserted_at: datetime = Field(sa_type=UTCDateTime)


class ApiKey(SQLModel, table=True):
    """A personal access token of a tenant: shown once, kept as its SHA-256."""

    __tablename__ = "api_keys"

    id: str = Field(default_factory=new_id, primary_key=True, max_length=36)
    tenant_id: str = Field(foreign_key="tenants.id", index=True, max_length=36)
    user_id: str | None = Field(default=None, foreign_key="users.id", max_length=36)
    name: str = Field(max_length=200)
    prefix: str = Field(max_length=16)
    key_hash: str = Field(max_length=64, unique=True, repr=False)
    scopes: list[str] = Field(default_factory=list, sa_type=JSON)
    expires_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    last_used_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    revoked_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    inserted_at: datetime = Field(sa_type=UTCDateTime)
