"""The operator registering an OAuth client for a tenant (as the tenant's owner could): the
tenant's own rules through `operator.on(tenant)`, scopes within the tenant scopes (never
`operator`), the secret shown once and audited only as redacted."""

from __future__ import annotations

from registrar.context import RequestContext
from registrar.resolvers.auth.oauth_clients import ClientWithSecret, OAuthClientInput, build_oauth_client
from registrar.resolvers.operator.audit import REDACTED, diff, record
from registrar.resolvers.operator.guard import OperatorAccess, load_tenant

AUDITED_FIELDS = (
    "name",
    "client_type",
    "allowed_flows",
    "allowed_scopes",
    "redirect_uris",
    "refresh_token_ttl_seconds",
)


async def create_tenant_client(
    ctx: RequestContext, operator: OperatorAccess, reference: object, data: OAuthClientInput
) -> ClientWithSecret:
    """Register a client in the tenant (`oauth_client.create`); a confidential client's secret
    is returned this once.

    Errors: not_found; unprocessable_entity (as `create_oauth_client`: name, type, flows,
    scopes outside read, write and directory:read, redirect URIs, lifetimes).
    """
    async with ctx.db.read() as session:
        tenant = await load_tenant(session, reference)
    created = build_oauth_client(ctx, operator.on(tenant), data)  # hashes the secret outside the write
    client = created.client
    values = {name: getattr(client, name) for name in AUDITED_FIELDS}
    if created.client_secret is not None:
        values["client_secret"] = REDACTED
    async with ctx.db.transaction() as session:
        session.add(client)
        await record(
            session,
            ctx,
            operator,
            "oauth_client.create",
            ("oauth_client", client.client_id),
            tenant_id=tenant.id,
            changes=diff(None, values),
        )
    return created
