"""`registrar operator …`: the platform operator's commands, over the same resolvers.

Secrets these commands create (invitation tokens, client secrets) are printed once to the
operator's terminal and never logged.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from collections.abc import Awaitable, Callable

from registrar.context import RequestContext, Services
from registrar.errors import RegistrarError
from registrar.resolvers.auth import oauth_clients, users
from registrar.resolvers.auth.guard import operator_access
from registrar.resolvers.tenancy import invitations, tenants
from registrar.runtime import offline_services
from registrar.settings import Settings


async def _create_tenant(ctx: RequestContext, args: argparse.Namespace) -> None:
    tenant = await tenants.create_tenant(ctx, args.name, args.slug)
    print(f"tenant {tenant.slug} created: {tenant.id}")


async def _set_status(ctx: RequestContext, args: argparse.Namespace) -> None:
    tenant = await tenants.set_tenant_status(ctx, args.slug, args.status)
    print(f"tenant {tenant.slug} is {tenant.status}")


async def _invite_owner(ctx: RequestContext, args: argparse.Namespace) -> None:
    tenant = await tenants.tenant_by_slug(ctx, args.slug)
    invitation, token = await invitations.invite_first_owner(ctx, tenant, args.email)
    print(
        f"invitation {invitation.id} for {invitation.email} (owner of {tenant.slug}), "
        f"expires {invitation.expires_at:%Y-%m-%dT%H:%M:%SZ}"
    )
    print(f"accept with: POST /api/v1/invitations/{token}/accept")


async def _create_client(ctx: RequestContext, args: argparse.Namespace) -> None:
    tenant = await tenants.tenant_by_slug(ctx, args.slug)
    created = await oauth_clients.create_oauth_client(
        ctx,
        operator_access(tenant),
        oauth_clients.OAuthClientInput(
            name=args.name,
            client_type="public" if args.public else "confidential",
            allowed_flows=args.flow,
            allowed_scopes=args.scope,
            redirect_uris=args.redirect_uri,
            refresh_token_ttl_seconds=args.refresh_ttl,
        ),
    )
    print(f"client_id: {created.client.client_id}")
    if created.client_secret:
        print(f"client_secret (shown once): {created.client_secret}")


async def _resend_verification(ctx: RequestContext, args: argparse.Namespace) -> None:
    user = await users.user_by_email(ctx, args.email)
    token = await users.issue_email_verification(ctx, user.id)
    print(f"verification email queued for {user.email}")
    if args.print_token:
        print(f"token: {token}")


def add_operator_commands(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    operator = commands.add_parser("operator", help="platform operator commands")
    sub = operator.add_subparsers(dest="operator_command", required=True)

    create = sub.add_parser("create-tenant", help="create a tenant")
    create.add_argument("--name", required=True)
    create.add_argument("--slug", required=True)
    create.set_defaults(action=_create_tenant)

    for name, status in (("suspend-tenant", "suspended"), ("reactivate-tenant", "active")):
        command = sub.add_parser(name, help=f"mark a tenant {status}")
        command.add_argument("slug")
        command.set_defaults(action=_set_status, status=status)

    invite = sub.add_parser("invite-owner", help="invite a tenant's first owner; prints the token")
    invite.add_argument("slug")
    invite.add_argument("email")
    invite.set_defaults(action=_invite_owner)

    client = sub.add_parser("create-client", help="register an OAuth client for a tenant")
    client.add_argument("slug")
    client.add_argument("--name", required=True)
    client.add_argument("--flow", action="append", required=True, choices=oauth_clients.FLOWS)
    client.add_argument("--scope", action="append", required=True, choices=oauth_clients.TENANT_SCOPES)
    client.add_argument("--redirect-uri", action="append", default=[])
    client.add_argument("--public", action="store_true", help="a public client (no secret)")
    client.add_argument("--refresh-ttl", type=int, help="issue refresh tokens with this lifetime (s)")
    client.set_defaults(action=_create_client)

    resend = sub.add_parser("resend-verification", help="send a user a new email-verification link")
    resend.add_argument("email")
    resend.add_argument("--print-token", action="store_true", help="also print the token (test environments)")
    resend.set_defaults(action=_resend_verification)

    operator.set_defaults(handler=run_operator_command)


def run_operator_command(args: argparse.Namespace, settings: Settings) -> int:
    action: Callable[[RequestContext, argparse.Namespace], Awaitable[None]] = args.action

    async def run() -> int:
        services: Services = offline_services(settings)
        try:
            await action(RequestContext(services=services), args)
            return 0
        except RegistrarError as error:
            print(
                f"registrar: {error.code} {error.detail or error.details or ''}".rstrip(),
                file=sys.stderr,
            )
            return 1
        finally:
            await services.registry.aclose()
            await services.db.dispose()

    return asyncio.run(run())
