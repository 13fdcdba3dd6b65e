"""`registrar operator create-operator-client | create-directory-client | list-clients |
revoke-client`."""

from __future__ import annotations

import argparse
from functools import partial

from registrar.cli.output import Output, add_command
from registrar.context import RequestContext
from registrar.resolvers.operator import clients
from registrar.resolvers.operator.guard import OperatorAccess
from registrar.rest_compat.render.operator import platform_client


async def _create(kind: str, ctx: RequestContext, operator: OperatorAccess, args: argparse.Namespace) -> Output:
    created = await clients.create_platform_client(ctx, operator, kind, args.name)
    return Output(
        {"data": platform_client(created.client, created.client_secret)},
        f"client_id: {created.client.client_id}\nclient_secret (shown once): {created.client_secret}",
    )


async def _list(ctx: RequestContext, operator: OperatorAccess, args: argparse.Namespace) -> Output:
    rows = [platform_client(row) for row in await clients.list_platform_clients(ctx, operator)]
    text = "\n".join(f"{row['client_id']}  {row['kind']:<9}  {row['name']}" for row in rows)
    return Output({"data": rows}, text or "no clients")


async def _revoke(ctx: RequestContext, operator: OperatorAccess, args: argparse.Namespace) -> Output:
    row = await clients.revoke_platform_client(ctx, operator, args.client_id)
    return Output({"data": platform_client(row)}, f"client {row.client_id} revoked")


def add_commands(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    for kind, described in (("operator", "an operator"), ("directory", "a directory")):
        create = add_command(
            commands,
            f"create-{kind}-client",
            f"create {described} OAuth client (client_credentials, the {kind} scope only); prints its secret once",
            partial(_create, kind),
        )
        create.add_argument("--name", required=True, help="what the client is for")
    add_command(commands, "list-clients", "list live operator and directory clients", _list)
    revoke = add_command(commands, "revoke-client", "revoke a platform client and its tokens", _revoke)
    revoke.add_argument("client_id", help="the client's public client_id")
