"""JSON shapes of a tenant's credentials: OAuth clients, sign-in sessions and API keys.
Secrets have no field here; the endpoints that mint one add it to their answer once."""

from __future__ import annotations

from typing import Any

from registrar.models import ApiKey, OAuthClient, UserSession
from registrar.rest_compat.render.formats import ts


def oauth_client(row: OAuthClient) -> dict[str, Any]:
    return {
        "access_token_ttl_seconds": row.access_token_ttl_seconds,
        "allowed_flows": row.allowed_flows,
        "allowed_scopes": row.allowed_scopes,
        "client_id": row.client_id,
        "client_type": row.client_type,
        "id": row.id,
        "inserted_at": ts(row.inserted_at),
        "name": row.name,
        "redirect_uris": row.redirect_uris,
        "refresh_token_ttl_seconds": row.refresh_token_ttl_seconds,
        "tenant_id": row.tenant_id,
    }


def user_session(row: UserSession) -> dict[str, Any]:
    return {
        "expires_at": ts(row.expires_at),
        "id": row.id,
        "inserted_at": ts(row.inserted_at),
        "ip_address": row.ip_address,
        "user_agent": row.user_agent,
    }


def api_key(row: ApiKey) -> dict[str, Any]:
    return {
        "id": row.id,
        "tenant_id": row.tenant_id,
        "name": row.name,
        "prefix": row.prefix,
        "scopes": row.scopes,
        "expires_at": ts(row.expires_at),
        "inserted_at": ts(row.inserted_at),
    }
