"""`registrar operator audit-log`."""

from __future__ import annotations

import argparse

from registrar.cli.output import Output, add_command
from registrar.context import RequestContext
from registrar.resolvers.operator import audit
from registrar.resolvers.operator.guard import OperatorAccess
from registrar.rest_compat.render.operator import audit_entry


async def _audit_log(ctx: RequestContext, operator: OperatorAccess, args: argparse.Namespace) -> Output:
    filters = audit.AuditFilter(tenant_id=args.tenant, action=args.action, target_id=args.target)
    page = await audit.list_audit_log(ctx, operator, filters, limit=args.limit, cursor=args.cursor)
    lines = [
        f"{row.occurred_at:%Y-%m-%dT%H:%M:%SZ}  {row.actor_type}:{row.actor_id}  {row.action}  "
        f"{row.target_type}:{row.target_id}"
        for row in page.items
    ]
    if page.next_cursor:
        lines.append(f"more: --cursor {page.next_cursor}")
    return Output(
        {
            "data": [audit_entry(row) for row in page.items],
            "pagination": {"next_cursor": page.next_cursor, "has_more": page.has_more},
        },
        "\n".join(lines) or "no entries",
    )


def add_commands(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    log = add_command(commands, "audit-log", "list operator actions, newest first", _audit_log)
    log.add_argument("--tenant", help="only actions on this tenant (id)")
    log.add_argument("--action", help="only this action, e.g. tenant.create")
    log.add_argument("--target", help="only actions on this object id")
    log.add_argument("--limit", type=int, default=50, help="how many entries (1-500, default 50)")
    log.add_argument("--cursor", help="continue after a previous page (printed as `more: --cursor …`)")
