"""The floor for the dashboard benchmark: bare Starlette + hand-written SQL, no resolvers, no
ORM, no GraphQL, building the same JSON as the dashboard query for a page of domains.

Six statements per page whatever its size: the page, then contacts, nameservers with
addresses, registry accounts, active acceptances and the last five events per domain, each
one `IN` query over the page.
"""

from __future__ import annotations

import json
from collections import defaultdict
from typing import Any

from sqlalchemy import bindparam, text
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from registrar.db import Database

PAGE = text(
    "SELECT id, name, expires_at, registrant_contact_id, admin_contact_id, registry_account_id,"
    " auto_renew_mode FROM domains WHERE tenant_id = :tenant ORDER BY name, id LIMIT :limit"
)
CONTACTS = text("SELECT id, handle, email FROM contacts WHERE id IN :ids").bindparams(bindparam("ids", expanding=True))
NAMESERVERS = text(
    "SELECT dn.domain_id, h.name, h.addresses FROM domain_nameservers dn"
    " JOIN hosts h ON h.id = dn.host_id WHERE dn.domain_id IN :ids ORDER BY dn.position"
).bindparams(bindparam("ids", expanding=True))
ACCOUNTS = text("SELECT id, name FROM registry_accounts WHERE id IN :ids").bindparams(bindparam("ids", expanding=True))
ACCEPTANCES = text(
    "SELECT domain_id, state, agreement_version_id FROM acceptances WHERE state = 'active' AND domain_id IN :ids"
).bindparams(bindparam("ids", expanding=True))
EVENTS = text(
    "SELECT domain_id, event_type, inserted_at FROM ("
    " SELECT domain_id, event_type, inserted_at, ROW_NUMBER() OVER"
    " (PARTITION BY domain_id ORDER BY inserted_at DESC, id DESC) AS rank"
    " FROM domain_events WHERE domain_id IN :ids) ranked WHERE rank <= 5"
).bindparams(bindparam("ids", expanding=True))


def _json_list(value: Any) -> Any:
    return json.loads(value) if isinstance(value, str) else value


def _iso(value: Any) -> str:
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


def create_floor_app(db: Database) -> Starlette:
    async def dashboard(request: Request) -> JSONResponse:
        limit = min(int(request.query_params.get("limit", "100")), 500)
        async with db.read_engine.connect() as connection:
            page = (await connection.execute(PAGE, {"tenant": request.path_params["tenant_id"], "limit": limit})).all()
            ids = [row.id for row in page] or [""]
            contact_ids = {c for row in page for c in (row.registrant_contact_id, row.admin_contact_id) if c}
            contacts = {row.id: row for row in (await connection.execute(CONTACTS, {"ids": list(contact_ids) or [""]}))}
            nameservers: dict[str, list[dict[str, Any]]] = defaultdict(list)
            for row in await connection.execute(NAMESERVERS, {"ids": ids}):
                nameservers[row.domain_id].append({"name": row.name, "addresses": _json_list(row.addresses)})
            account_ids = list({row.registry_account_id for row in page}) or [""]
            accounts = {row.id: row.name for row in await connection.execute(ACCOUNTS, {"ids": account_ids})}
            acceptances = {
                row.domain_id: {
                    "state": row.state,
                    "agreement_version_id": row.agreement_version_id,
                }
                for row in await connection.execute(ACCEPTANCES, {"ids": ids})
            }
            events: dict[str, list[dict[str, str]]] = defaultdict(list)
            for row in await connection.execute(EVENTS, {"ids": ids}):
                events[row.domain_id].append({"eventType": row.event_type, "insertedAt": _iso(row.inserted_at)})

        def contact(contact_id: str | None) -> dict[str, Any] | None:
            found = contacts.get(contact_id) if contact_id else None
            return {"handle": found.handle, "email": found.email} if found else None

        nodes = [
            {
                "name": row.name,
                "expiresAt": _iso(row.expires_at),
                "registrant": contact(row.registrant_contact_id),
                "adminContact": contact(row.admin_contact_id),
                "nameservers": nameservers[row.id],
                "registryAccount": {"name": accounts.get(row.registry_account_id)},
                "acceptance": acceptances.get(row.id),
                "autoRenewal": {"enabled": row.auto_renew_mode not in ("AUTOEXPIRE", "AUTODELETE")},
                "events": events[row.id],
            }
            for row in page
        ]
        return JSONResponse({"data": {"domains": {"edges": [{"node": node} for node in nodes]}}})

    return Starlette(routes=[Route("/floor/tenants/{tenant_id}/domains", dashboard)])
