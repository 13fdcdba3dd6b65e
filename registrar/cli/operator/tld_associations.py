"""`registrar operator add-tld | list-tlds | set-tld-config | rebind-tld | delete-tld`: a
tenant's TLD associations. A tenant (`TENANT`) is named by its slug or id, an association by
its TLD label or id."""

from __future__ import annotations

import argparse
import json

from registrar.cli.output import CommandFailed, Output, add_command
from registrar.context import RequestContext
from registrar.models import TldAssociation
from registrar.resolvers.operator import tld_associations
from registrar.resolvers.operator.guard import OperatorAccess
from registrar.resolvers.registry.tld_associations import ACCREDITATION_TYPES
from registrar.rest_compat.render.registry import tld_association

TENANT_HELP = "the tenant's slug or id"
TLD_HELP = "the TLD label (e.g. shop) or the association's id"
SETTING_HELP = "a policy key and its value, e.g. transfer_lock_days=0 (the value is JSON when it parses; null resets)"


def parse_settings(pairs: list[str] | None) -> dict[str, object]:
    """`KEY=VALUE` pairs as a config patch: each value as JSON when it parses, else the text.
    Errors: CommandFailed (a pair without `=`)."""
    settings: dict[str, object] = {}
    for pair in pairs or []:
        key, separator, raw = pair.partition("=")
        if not separator or not key:
            raise CommandFailed(f"expected KEY=VALUE, got {pair!r}")
        try:
            settings[key] = json.loads(raw)
        except ValueError:
            settings[key] = raw
    return settings


def _line(row: TldAssociation) -> str:
    return (
        f"{row.tld:<16} {row.accreditation_type:<16} {row.registry_binding:<16} {row.registry_account_id}  {row.state}"
    )


def _one(row: TldAssociation, text: str) -> Output:
    return Output({"data": tld_association(row)}, text)


async def _add(ctx: RequestContext, operator: OperatorAccess, args: argparse.Namespace) -> Output:
    data = tld_associations.TldAssociationInput(
        tld=args.tld,
        accreditation_type=args.accreditation,
        registry_account_id=args.account,
        config=parse_settings(args.config),
    )
    row = await tld_associations.create_tld_association(ctx, operator, args.tenant, data)
    return _one(row, f"{row.tld} associated with {args.tenant} through {row.registry_binding}: {row.id}")


async def _list(ctx: RequestContext, operator: OperatorAccess, args: argparse.Namespace) -> Output:
    rows = await tld_associations.list_tld_associations(ctx, operator, args.tenant)
    return Output({"data": [tld_association(row) for row in rows]}, "\n".join(map(_line, rows)) or "no TLDs")


async def _set_config(ctx: RequestContext, operator: OperatorAccess, args: argparse.Namespace) -> Output:
    row = await tld_associations.update_tld_config(ctx, operator, args.tenant, args.tld, parse_settings(args.settings))
    settings = ", ".join(f"{key}={json.dumps(value)}" for key, value in sorted(row.config.items()))
    return _one(row, f"{row.tld} policy: {settings or 'defaults'}")


async def _rebind(ctx: RequestContext, operator: OperatorAccess, args: argparse.Namespace) -> Output:
    row = await tld_associations.rebind_tld_association(ctx, operator, args.tenant, args.tld, args.account)
    return _one(row, f"{row.tld} now through account {row.registry_account_id} on {row.registry_binding}")


async def _delete(ctx: RequestContext, operator: OperatorAccess, args: argparse.Namespace) -> Output:
    await tld_associations.delete_tld_association(ctx, operator, args.tenant, args.tld)
    return Output({}, f"{args.tld} no longer associated with {args.tenant}")


def add_commands(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    add = add_command(commands, "add-tld", "let a tenant sell a TLD through one of its registry accounts", _add)
    add.add_argument("tenant", help=TENANT_HELP)
    add.add_argument("tld", help="the TLD label, e.g. shop or co.uk")
    add.add_argument(
        "--account", required=True, help="the tenant's registry account id (its binding must serve the TLD)"
    )
    add.add_argument("--accreditation", required=True, choices=ACCREDITATION_TYPES, help="how the tenant sells the TLD")
    add.add_argument("--config", action="append", metavar="KEY=VALUE", help=SETTING_HELP + "; repeatable")

    listing = add_command(commands, "list-tlds", "list a tenant's TLD associations", _list)
    listing.add_argument("tenant", help=TENANT_HELP)

    config = add_command(commands, "set-tld-config", "set policy keys of a tenant's TLD association", _set_config)
    config.add_argument("tenant", help=TENANT_HELP)
    config.add_argument("tld", help=TLD_HELP)
    config.add_argument("settings", nargs="+", metavar="KEY=VALUE", help=SETTING_HELP)

    rebind = add_command(commands, "rebind-tld", "bind a TLD association to another registry account", _rebind)
    rebind.add_argument("tenant", help=TENANT_HELP)
    rebind.add_argument("tld", help=TLD_HELP)
    rebind.add_argument(
        "--account", required=True, help="the tenant's registry account id (another binding only while unused)"
    )

    delete = add_command(commands, "delete-tld", "stop a tenant selling a TLD (refused while domains use it)", _delete)
    delete.add_argument("tenant", help=TENANT_HELP)
    delete.add_argument("tld", help=TLD_HELP)
