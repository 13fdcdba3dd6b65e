"""JSON shapes of hosts."""

from __future__ import annotations

from typing import Any

from registrar.models import Host
from registrar.rest_compat.render.formats import ts


def host(row: Host) -> dict[str, Any]:
    return {
        "addresses": row.addresses,
        "id": row.id,
        "inserted_at": ts(row.inserted_at),
        "name": row.name,
        "registry_account_id": row.registry_account_id,
        "state": row.state,
        "statuses": row.statuses,
        "subordinate": row.subordinate,
        "tenant_id": row.tenant_id,
        "updated_at": ts(row.updated_at),
    }
