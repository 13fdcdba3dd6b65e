"""JSON shapes of agreement versions and acceptance records (full and condensed)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from registrar.models import AgreementVersion
from registrar.resolvers.agreements.acceptances import AcceptanceRecord
from registrar.resolvers.domains.acceptance_summary import AcceptanceView, redemption_fee
from registrar.rest_compat.render.formats import money, ts


def agreement_version(row: AgreementVersion) -> dict[str, Any]:
    return {
        "body": row.body,
        "content_hash": row.content_hash,
        "effective_at": ts(row.effective_at),
        "id": row.id,
        "inserted_at": ts(row.inserted_at),
        "material_change": row.material_change,
        "published_at": ts(row.published_at),
        "retired_at": ts(row.retired_at),
        "state": row.state,
        "tenant_id": row.tenant_id,
        "title": row.title,
        "updated_at": ts(row.updated_at),
        "url": row.url,
        "version": row.version,
    }


def _fee(fee: tuple[Decimal, str] | None) -> dict[str, str] | None:
    return {"amount": money(fee[0]), "currency": fee[1]} if fee else None


def acceptance(record: AcceptanceRecord) -> dict[str, Any]:
    """The full evidence bundle of one acceptance record."""
    row = record.acceptance
    return {
        "acceptance_method": row.acceptance_method,
        "accepted_at": ts(row.accepted_at),
        "agreement_version_id": row.agreement_version_id,
        "content_hash": row.content_hash,
        "domain_id": row.domain_id,
        "domain_name": record.domain_name,
        "id": row.id,
        "reacceptance_required": record.reacceptance_required,
        "redemption_fee_disclosure": _fee(redemption_fee(row)),
        "source_ip": row.source_ip,
        "state": row.state,
        "tenant_id": row.tenant_id,
        "terminated_at": ts(row.terminated_at),
        "termination_reason": row.termination_reason,
        "user_agent": row.user_agent,
        "version_effective_at": ts(record.version_effective_at),
    }


def acceptance_summary(view: AcceptanceView | None) -> dict[str, Any] | None:
    """The condensed `acceptance` of a domain object; None without an active acceptance."""
    if view is None:
        return None
    return {
        "acceptance_method": view.acceptance_method,
        "accepted_at": ts(view.accepted_at),
        "agreement_version_id": view.agreement_version_id,
        "reacceptance_required": view.reacceptance_required,
        "redemption_fee_disclosure": _fee(view.redemption_fee_disclosure),
        "state": view.state,
        "version_effective_at": ts(view.version_effective_at),
    }
