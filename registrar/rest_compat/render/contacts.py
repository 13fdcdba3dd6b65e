"""JSON shapes of contacts."""

from __future__ import annotations

from typing import Any

from registrar.models import Contact
from registrar.rest_compat.render.formats import ts


def contact(row: Contact) -> dict[str, Any]:
    return {
        "id": row.id,
        "tenant_id": row.tenant_id,
        "handle": row.handle,
        "name": row.name,
        "organization": row.organization,
        "email": row.email,
        "phone": row.phone,
        "fax": row.fax,
        "street": row.street,
        "city": row.city,
        "state_province": row.state_province,
        "postal_code": row.postal_code,
        "country_code": row.country_code,
        "verification_state": row.verification_state,
        "inserted_at": ts(row.inserted_at),
        "updated_at": ts(row.updated_at),
    }
