"""RFC 7591 dynamic client registration (off unless enabled) and RFC 8414 metadata."""

from __future__ import annotations

from typing import Any

from registrar.context import RequestContext
from registrar.crypto import random_hex
from registrar.errors import CommonError, FieldErrors, RegistrarError
from registrar.models import OAuthClient
from registrar.resolvers.auth.oauth_clients import valid_redirect_uri
from registrar.settings import Settings

DYNAMIC_SCOPES = ("read", "write")


async def register_client(ctx: RequestContext, body: dict[str, Any]) -> OAuthClient:
    """A public, tenant-less client restricted to authorization_code + PKCE; the tenant is
    chosen at authorize time. Errors: not_found (registration disabled),
    unprocessable_entity."""
    if not ctx.services.settings.dcr_enabled:
        raise RegistrarError(CommonError.NOT_FOUND)
    errors = FieldErrors()
    uris = body.get("redirect_uris")
    if not isinstance(uris, list) or not uris:
        errors.add("redirect_uris", "can't be blank")
    elif not all(valid_redirect_uri(uri) for uri in uris):
        errors.add("redirect_uris", "must be absolute https URIs (http only on loopback)")
    name = body.get("client_name", "Dynamically registered client")
    if not isinstance(name, str) or not name.strip() or len(name) > 200:
        errors.add("client_name", "must be a non-blank string of at most 200 characters")
    scope = body.get("scope", "")
    if not isinstance(scope, str) or any(item not in DYNAMIC_SCOPES for item in scope.split()):
        errors.add("scope", f"must be space-separated scopes among {', '.join(DYNAMIC_SCOPES)}")
    errors.raise_if_any()
    now = ctx.clock.now()
    client = OAuthClient(
        tenant_id=None,
        client_id=random_hex(32),
        name=name.strip(),
        client_type="public",
        allowed_flows=["authorization_code"],
        allowed_scopes=scope.split() or list(DYNAMIC_SCOPES),
        redirect_uris=list(dict.fromkeys(uris)),  # type: ignore[arg-type]
        refresh_token_ttl_seconds=30 * 86_400,
        inserted_at=now,
        updated_at=now,
    )
    async with ctx.db.transaction() as session:
        session.add(client)
    return client


def registration_response(client: OAuthClient) -> dict[str, Any]:
    return {
        "client_id": client.client_id,
        "client_name": client.name,
        "client_type": "public",
        "grant_types": ["authorization_code", "refresh_token"],
        "redirect_uris": client.redirect_uris,
        "response_types": ["code"],
        "scope": " ".join(client.allowed_scopes),
        "token_endpoint_auth_method": "none",
    }


def server_metadata(settings: Settings) -> dict[str, Any]:
    base = settings.public_url
    metadata: dict[str, Any] = {
        "issuer": base,
        "authorization_endpoint": f"{base}/oauth/authorize",
        "token_endpoint": f"{base}/oauth/token",
        "revocation_endpoint": f"{base}/oauth/revoke",
        "introspection_endpoint": f"{base}/oauth/introspect",
        "response_types_supported": ["code"],
        "grant_types_supported": ["authorization_code", "client_credentials", "refresh_token"],
        "code_challenge_methods_supported": ["S256"],
        "token_endpoint_auth_methods_supported": [
            "client_secret_basic",
            "client_secret_post",
            "none",
        ],
        "scopes_supported": ["read", "write", "directory:read", "operator"],
    }
    if settings.dcr_enabled:
        metadata["registration_endpoint"] = f"{base}/oauth/register"
    return metadata
