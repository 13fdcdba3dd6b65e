"""JSON shapes of domains, their availability answers and their events."""

from __future__ import annotations

from typing import Any

from registrar.models import DomainEvent
from registrar.resolvers.domains.availability import Availability
from registrar.resolvers.domains.transfer_eligibility import TransferEligibility
from registrar.resolvers.domains.views import DomainView
from registrar.rest_compat.render.agreements import acceptance_summary
from registrar.rest_compat.render.formats import money, ts


def domain(view: DomainView) -> dict[str, Any]:
    row = view.domain
    account = view.registry_account
    renewal = view.auto_renewal

    def handle(role: str) -> str | None:
        found = view.contacts.get(role)
        return found.handle if found else None

    return {
        "acceptance": acceptance_summary(view.acceptance),
        "auto_renewal": {
            "enabled": renewal.enabled,
            "grace_period_days": renewal.grace_period_days,
            "mode": renewal.mode,
            "opt_out_url": renewal.opt_out_url,
            "renewal_fee": (
                {"amount": money(renewal.renewal_fee[0]), "currency": renewal.renewal_fee[1]}
                if renewal.renewal_fee
                else None
            ),
        },
        "deletion_scheduled_at": ts(row.deletion_scheduled_at),
        "dnssec_signed": bool(row.ds_records),
        "ds_records": row.ds_records,
        "epp_statuses": row.epp_statuses,
        "expires_at": ts(row.expires_at),
        "hold_reason": row.hold_reason,
        "id": row.id,
        "inserted_at": ts(row.inserted_at),
        "last_reconciled_at": ts(row.last_reconciled_at),
        "last_renewed_at": ts(row.last_renewed_at),
        "name": row.name,
        "nameservers": view.nameservers,
        "out_of_sync": row.out_of_sync,
        "registered_at": ts(row.registered_at),
        "registrant_handle": handle("registrant"),
        "admin_handle": handle("admin"),
        "tech_handle": handle("tech"),
        "billing_handle": handle("billing"),
        "registry_account": (
            {"id": account.id, "name": account.name, "registry_binding": account.registry_binding} if account else None
        ),
        "registry_account_id": row.registry_account_id,
        "state": row.state,
        "tenant_id": row.tenant_id,
        "tld": row.tld,
        "transfer_lock_until": ts(row.transfer_lock_until),
        "unicode_name": row.unicode_name,
        "updated_at": ts(row.updated_at),
    }


def availability(item: Availability, client_transaction_id: str | None) -> dict[str, Any]:
    body: dict[str, Any] = {
        "client_transaction_id": client_transaction_id,
        "fees": [
            {
                "amount": fee.amount,
                "command": fee.command,
                "currency": fee.currency,
                "period_years": fee.period_years,
                "refundable": fee.refundable,
            }
            for fee in item.fees
        ],
        "name": item.name,
        "status": item.status,
    }
    if item.premium_marker:
        body["premium"] = {"marker": item.premium_marker}
    if item.error:
        body["error"] = item.error
    return body


def event(row: DomainEvent) -> dict[str, Any]:
    return {
        "actor_id": row.actor_id,
        "actor_type": row.actor_type,
        "domain_id": row.domain_id,
        "event_type": row.event_type,
        "id": row.id,
        "inserted_at": ts(row.inserted_at),
        "payload": row.payload,
    }


def transfer_eligibility(eligibility: TransferEligibility) -> dict[str, Any]:
    return {
        "name": eligibility.name,
        "eligible": eligibility.eligible,
        "checked_at": ts(eligibility.checked_at),
        "reasons": [
            {"code": obstacle.code, "until": ts(obstacle.until), "detail": obstacle.detail}
            for obstacle in eligibility.obstacles
        ],
    }
