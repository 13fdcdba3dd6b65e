"""JSON shapes of the tenant-administration objects, as the spec documents them."""

from __future__ import annotations

from typing import Any

from registrar.models import ApiKey, Invitation, Membership, OAuthClient, Tenant, UserSession
from registrar.rest_compat.formats import ts


def tenant(row: Tenant) -> dict[str, Any]:
    return {
        "id": row.id,
        "name": row.name,
        "slug": row.slug,
        "status": row.status,
        "transfer_out_mode": row.transfer_out_mode,
        "verification_from_email": row.verification_from_email,
        "suspension_from_email": row.suspension_from_email,
        "renewal_from_email": row.renewal_from_email,
        "verification_from_phone": row.verification_from_phone,
        "suspension_from_phone": row.suspension_from_phone,
        "verification_url_template": row.verification_url_template,
        "inserted_at": ts(row.inserted_at),
        "updated_at": ts(row.updated_at),
    }


def membership(row: Membership) -> dict[str, Any]:
    return {
        "id": row.id,
        "inserted_at": ts(row.inserted_at),
        "role": row.role,
        "state": row.state,
        "tenant_id": row.tenant_id,
        "updated_at": ts(row.updated_at),
        "user_id": row.user_id,
    }


def invitation(row: Invitation) -> dict[str, Any]:
    return {
        "accepted_at": ts(row.accepted_at),
        "email": row.email,
        "expires_at": ts(row.expires_at),
        "id": row.id,
        "inserted_at": ts(row.inserted_at),
        "role": row.role,
        "state": row.state,
        "tenant_id": row.tenant_id,
    }


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
