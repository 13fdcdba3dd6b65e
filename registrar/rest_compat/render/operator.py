"""JSON shapes of the operator API's own objects: audit entries and platform clients."""

from __future__ import annotations

from typing import Any

from registrar.models import AuditLogEntry, OAuthClient
from registrar.resolvers.auth.oauth_clients import PLATFORM_CLIENT_SCOPES
from registrar.rest_compat.render.formats import ts

KIND_OF_SCOPES = {scopes: kind for kind, scopes in PLATFORM_CLIENT_SCOPES.items()}


def audit_entry(row: AuditLogEntry) -> dict[str, Any]:
    return {
        "id": str(row.id),
        "occurred_at": ts(row.occurred_at),
        "actor_type": row.actor_type,
        "actor_id": row.actor_id,
        "action": row.action,
        "target_type": row.target_type,
        "target_id": row.target_id,
        "tenant_id": row.tenant_id,
        "diff": row.diff,
    }


def platform_client(row: OAuthClient, client_secret: str | None = None) -> dict[str, Any]:
    shape = {
        "id": row.id,
        "client_id": row.client_id,
        "kind": KIND_OF_SCOPES[tuple(row.allowed_scopes)],
        "name": row.name,
        "allowed_scopes": row.allowed_scopes,
        "inserted_at": ts(row.inserted_at),
    }
    if client_secret is not None:
        shape["client_secret"] = client_secret
    return shape
