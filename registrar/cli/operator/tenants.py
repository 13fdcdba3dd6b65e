"""`registrar operator list-tenants | show-tenant | create-tenant | update-tenant |
suspend-tenant | reactivate-tenant | approve-reseller | revoke-reseller | list-members |
list-invitations | invite-owner | invite-member | revoke-invitation | create-client |
resend-verification`. A tenant (`TENANT`) is named by its slug or id."""

from __future__ import annotations

import argparse
from functools import partial

from registrar.cli.output import Output, add_command
from registrar.context import RequestContext
from registrar.models import Tenant
from registrar.resolvers._shared.patch import Patch
from registrar.resolvers.auth.oauth_clients import FLOWS, TENANT_SCOPES, OAuthClientInput
from registrar.resolvers.operator import memberships, tenant_clients, tenants, users
from registrar.resolvers.operator.guard import OperatorAccess
from registrar.rest_compat.render.auth import oauth_client
from registrar.rest_compat.render.formats import ts
from registrar.rest_compat.render.tenancy import invitation, issued_invitation, operator_member, operator_tenant
from registrar.rest_compat.render.users import verified_user

TENANT_HELP = "the tenant's slug or id"
UPDATE_OPTIONS = {  # option → (field, help)
    "name": ("name", "new display name"),
    "iana_registrar_id": ("iana-registrar-id", "IANA registrar id (a positive integer; '' clears it)"),
    "abuse_email": ("abuse-email", "abuse contact address ('' clears it)"),
    "abuse_form_url": ("abuse-form-url", "https URL of the abuse report form ('' clears it)"),
}


def _integer_or_raw(value: str) -> object:
    """An integer option as the API takes it: digits become an int, '' clears, anything else
    goes to the resolver as given (which refuses it with a field message)."""
    if value == "":
        return None
    return int(value) if value.isascii() and value.isdigit() and len(value) < 12 else value


def _yes_no(value: str | None) -> bool | None:
    return None if value is None else value == "yes"


def _one(tenant: Tenant, text: str) -> Output:
    return Output({"data": operator_tenant(tenant)}, text)


def _describe(tenant: Tenant) -> str:
    shape = operator_tenant(tenant)
    return "\n".join(f"{name}: {'' if value is None else value}" for name, value in shape.items())


async def _list(ctx: RequestContext, operator: OperatorAccess, args: argparse.Namespace) -> Output:
    filters = tenants.TenantFilter(status=args.status, slug=args.slug, name=args.name)
    page = await tenants.list_tenants(ctx, operator, filters, limit=args.limit, cursor=args.cursor)
    lines = [f"{row.slug:<24} {row.status:<10} {row.id}  {row.name}" for row in page.items]
    if page.next_cursor:
        lines.append(f"more: --cursor {page.next_cursor}")
    return Output(
        {
            "data": [operator_tenant(row) for row in page.items],
            "pagination": {"next_cursor": page.next_cursor, "has_more": page.has_more},
        },
        "\n".join(lines) or "no tenants",
    )


async def _show(ctx: RequestContext, operator: OperatorAccess, args: argparse.Namespace) -> Output:
    tenant = await tenants.get_tenant(ctx, operator, args.tenant)
    return _one(tenant, _describe(tenant))


async def _create(ctx: RequestContext, operator: OperatorAccess, args: argparse.Namespace) -> Output:
    data = tenants.NewTenant(
        name=args.name,
        slug=args.slug,
        iana_registrar_id=_integer_or_raw(args.iana_registrar_id or ""),
        abuse_email=args.abuse_email,
        abuse_form_url=args.abuse_form_url,
        transfer_lock_opt_out=bool(_yes_no(args.transfer_lock_opt_out)),
    )
    tenant = await tenants.create_tenant(ctx, operator, data)
    return _one(tenant, f"tenant {tenant.slug} created: {tenant.id}")


async def _update(ctx: RequestContext, operator: OperatorAccess, args: argparse.Namespace) -> Output:
    supplied = {field: getattr(args, field) for field in UPDATE_OPTIONS if getattr(args, field) is not None}
    if "iana_registrar_id" in supplied:
        supplied["iana_registrar_id"] = _integer_or_raw(supplied["iana_registrar_id"])
    if args.transfer_lock_opt_out is not None:
        supplied["transfer_lock_opt_out"] = _yes_no(args.transfer_lock_opt_out)
    tenant = await tenants.update_tenant(ctx, operator, args.tenant, Patch(supplied))
    return _one(tenant, f"tenant {tenant.slug} updated")


async def _status(status: str, ctx: RequestContext, operator: OperatorAccess, args: argparse.Namespace) -> Output:
    tenant = await tenants.set_tenant_status(ctx, operator, args.tenant, status)
    return _one(tenant, f"tenant {tenant.slug} is {tenant.status}")


async def _approve_reseller(ctx: RequestContext, operator: OperatorAccess, args: argparse.Namespace) -> Output:
    tenant = await tenants.approve_reseller(ctx, operator, args.tenant)
    return _one(tenant, f"tenant {tenant.slug} is an approved reseller since {ts(tenant.reseller_approved_at)}")


async def _revoke_reseller(ctx: RequestContext, operator: OperatorAccess, args: argparse.Namespace) -> Output:
    tenant = await tenants.revoke_reseller_approval(ctx, operator, args.tenant)
    return _one(tenant, f"tenant {tenant.slug} is not an approved reseller")


async def _members(ctx: RequestContext, operator: OperatorAccess, args: argparse.Namespace) -> Output:
    rows = [operator_member(row) for row in await memberships.list_tenant_members(ctx, operator, args.tenant)]
    text = "\n".join(f"{row['user_id']}  {row['email']}  {row['role']:<6}  {row['state']}" for row in rows)
    return Output({"data": rows}, text or "no members")


async def _invitations(ctx: RequestContext, operator: OperatorAccess, args: argparse.Namespace) -> Output:
    rows = [invitation(row) for row in await memberships.list_tenant_invitations(ctx, operator, args.tenant)]
    text = "\n".join(
        f"{row['id']}  {row['email']}  {row['role']:<6}  {row['state']:<8}  expires {row['expires_at']}" for row in rows
    )
    return Output({"data": rows}, text or "no invitations")


async def _invite(role: str | None, ctx: RequestContext, operator: OperatorAccess, args: argparse.Namespace) -> Output:
    issued = await memberships.invite_member(ctx, operator, args.tenant, args.email, role or args.role)
    row = issued.invitation
    return Output(
        {"data": issued_invitation(row, issued.token, issued.accept_url)},
        f"invitation {row.id} for {row.email} ({row.role} of {args.tenant}), expires {ts(row.expires_at)}\n"
        f"accept with: POST {issued.accept_url}",
    )


async def _revoke_invitation(ctx: RequestContext, operator: OperatorAccess, args: argparse.Namespace) -> Output:
    await memberships.revoke_tenant_invitation(ctx, operator, args.tenant, args.invitation_id)
    return Output({}, f"invitation {args.invitation_id} revoked")


async def _create_client(ctx: RequestContext, operator: OperatorAccess, args: argparse.Namespace) -> Output:
    data = OAuthClientInput(
        name=args.name,
        client_type="public" if args.public else "confidential",
        allowed_flows=args.flow,
        allowed_scopes=args.scope,
        redirect_uris=args.redirect_uri,
        refresh_token_ttl_seconds=args.refresh_ttl,
    )
    created = await tenant_clients.create_tenant_client(ctx, operator, args.tenant, data)
    lines = [f"client_id: {created.client.client_id}"]
    body = oauth_client(created.client)
    if created.client_secret:
        body["client_secret"] = created.client_secret
        lines.append(f"client_secret (shown once): {created.client_secret}")
    return Output({"data": body}, "\n".join(lines))


async def _resend_verification(ctx: RequestContext, operator: OperatorAccess, args: argparse.Namespace) -> Output:
    sent = await users.resend_verification(ctx, operator, args.email)
    body = {"data": {"user": verified_user(sent.user), "status": "queued"}}
    lines = [f"verification email queued for {sent.user.email}"]
    if args.print_token:
        body["token"] = sent.token
        lines.append(f"token: {sent.token}")
    return Output(body, "\n".join(lines))


def _add_tenant_fields(parser: argparse.ArgumentParser) -> None:
    for field, (option, described) in UPDATE_OPTIONS.items():
        if field != "name":
            parser.add_argument(f"--{option}", dest=field, help=described)
    parser.add_argument(
        "--transfer-lock-opt-out",
        choices=("yes", "no"),
        help="whether the 60-day transfer lock is waived for the tenant's domains",
    )


def _add_tenant_commands(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    listing = add_command(commands, "list-tenants", "list tenants by slug", _list)
    listing.add_argument("--status", choices=tenants.STATUSES, help="only tenants in this status")
    listing.add_argument("--slug", help="only the tenant with this slug")
    listing.add_argument("--name", help="only tenants whose name contains this (any case)")
    listing.add_argument("--limit", type=int, default=100, help="how many tenants (1-500, default 100)")
    listing.add_argument("--cursor", help="continue after a previous page (printed as `more: --cursor …`)")
    add_command(commands, "show-tenant", "show a tenant", _show).add_argument("tenant", help=TENANT_HELP)

    create = add_command(commands, "create-tenant", "create a tenant; prints its id", _create)
    create.add_argument("--name", required=True, help="display name")
    create.add_argument("--slug", required=True, help="unique slug: 2-63 lower-case letters, digits and hyphens")
    _add_tenant_fields(create)

    update = add_command(commands, "update-tenant", "change a tenant's settings (only the options given)", _update)
    update.add_argument("tenant", help=TENANT_HELP)
    update.add_argument("--name", help=UPDATE_OPTIONS["name"][1])
    _add_tenant_fields(update)

    for name, status, described in (
        ("suspend-tenant", "suspended", "suspend a tenant (revokes every token, session and key of it)"),
        ("reactivate-tenant", "active", "reactivate a suspended tenant"),
    ):
        add_command(commands, name, described, partial(_status, status)).add_argument("tenant", help=TENANT_HELP)
    for name, action, described in (
        ("approve-reseller", _approve_reseller, "approve a tenant as a reseller"),
        ("revoke-reseller", _revoke_reseller, "withdraw a tenant's reseller approval"),
    ):
        add_command(commands, name, described, action).add_argument("tenant", help=TENANT_HELP)


def _add_people_commands(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    add_command(commands, "list-members", "list a tenant's members", _members).add_argument("tenant", help=TENANT_HELP)
    add_command(commands, "list-invitations", "list a tenant's invitations", _invitations).add_argument(
        "tenant", help=TENANT_HELP
    )
    owner = add_command(
        commands, "invite-owner", "invite a tenant's owner; prints the accept URL (once)", partial(_invite, "owner")
    )
    member = add_command(
        commands,
        "invite-member",
        "invite a tenant's admin or member; prints the accept URL (once)",
        partial(_invite, None),
    )
    for parser in (owner, member):
        parser.add_argument("tenant", help=TENANT_HELP)
        parser.add_argument("email", help="the invitee's address (the invitation is also mailed there)")
    member.add_argument("--role", required=True, choices=("admin", "member"), help="the role granted on acceptance")
    revoke = add_command(commands, "revoke-invitation", "revoke a tenant's pending invitation", _revoke_invitation)
    revoke.add_argument("tenant", help=TENANT_HELP)
    revoke.add_argument("invitation_id", metavar="ID", help="the invitation's id (see list-invitations)")

    resend = add_command(
        commands, "resend-verification", "send a user a new email-verification link", _resend_verification
    )
    resend.add_argument("email", help="the user's address")
    resend.add_argument("--print-token", action="store_true", help="also print the token (test environments only)")


def _add_client_command(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    client = add_command(
        commands, "create-client", "register an OAuth client for a tenant; prints its secret once", _create_client
    )
    client.add_argument("tenant", help=TENANT_HELP)
    client.add_argument("--name", required=True, help="what the client is for")
    client.add_argument("--flow", action="append", required=True, choices=FLOWS, help="a grant it may use (repeat)")
    client.add_argument(
        "--scope", action="append", required=True, choices=TENANT_SCOPES, help="a scope it may hold (repeat)"
    )
    client.add_argument("--redirect-uri", action="append", default=[], help="for authorization_code (repeat)")
    client.add_argument("--public", action="store_true", help="a public client (no secret, no client_credentials)")
    client.add_argument("--refresh-ttl", type=int, help="issue refresh tokens with this lifetime, in seconds")


def add_commands(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    _add_tenant_commands(commands)
    _add_people_commands(commands)
    _add_client_command(commands)
