"""Platform OAuth clients: operator clients (`operator` scope) and directory clients
(`directory:read`), both client_credentials only and of no tenant."""

from __future__ import annotations

from sqlmodel import col, select

from registrar.context import RequestContext
from registrar.errors import CommonError, RegistrarError
from registrar.models import OAuthClient
from registrar.resolvers.auth.oauth_clients import (
    PLATFORM_CLIENT_SCOPES,
    ClientWithSecret,
    build_platform_client,
    is_platform_client,
)
from registrar.resolvers.auth.tokens import revoke_credentials
from registrar.resolvers.operator.audit import REDACTED, diff, record
from registrar.resolvers.operator.guard import OperatorAccess

CLIENT_KINDS = tuple(PLATFORM_CLIENT_SCOPES)


async def create_platform_client(
    ctx: RequestContext, operator: OperatorAccess, kind: str, name: object
) -> ClientWithSecret:
    """Create an operator or directory client; its secret is returned once and audited only
    as redacted.

    Errors: unprocessable_entity (name, or an unknown kind).
    """
    if kind not in PLATFORM_CLIENT_SCOPES:
        raise RegistrarError(
            CommonError.UNPROCESSABLE_ENTITY, details={"kind": [f"must be one of {', '.join(CLIENT_KINDS)}"]}
        )
    created = build_platform_client(ctx, kind, name)
    client = created.client
    async with ctx.db.transaction() as session:
        session.add(client)
        await record(
            session,
            ctx,
            operator,
            f"{kind}_client.create",
            ("oauth_client", client.client_id),
            changes=diff(
                None, {"name": client.name, "allowed_scopes": client.allowed_scopes, "client_secret": REDACTED}
            ),
        )
    return created


async def list_platform_clients(ctx: RequestContext, operator: OperatorAccess) -> list[OAuthClient]:
    """Live operator and directory clients, oldest first."""
    async with ctx.db.read() as session:
        rows = await session.exec(
            select(OAuthClient)
            .where(col(OAuthClient.tenant_id).is_(None), col(OAuthClient.revoked_at).is_(None))
            .order_by(col(OAuthClient.inserted_at), col(OAuthClient.id))
        )
        return [client for client in rows.all() if is_platform_client(client)]


async def revoke_platform_client(ctx: RequestContext, operator: OperatorAccess, client_id: str) -> OAuthClient:
    """Revoke a platform client and every token it holds (an operator may revoke its own).

    Errors: not_found.
    """
    now = ctx.clock.now()
    async with ctx.db.transaction() as session:
        client = (await session.exec(select(OAuthClient).where(OAuthClient.client_id == client_id))).first()
        if client is None or client.revoked_at is not None or not is_platform_client(client):
            raise RegistrarError(CommonError.NOT_FOUND)
        client.revoked_at = client.updated_at = now
        session.add(client)
        await revoke_credentials(session, ctx, client_id=client.id)
        await record(
            session,
            ctx,
            operator,
            "oauth_client.revoke",
            ("oauth_client", client.client_id),
            changes=diff({"revoked": False}, {"revoked": True}),
        )
    return client
