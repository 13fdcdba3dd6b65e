"""JSON shapes of quotes and rate cards: money with four decimals."""

from __future__ import annotations

from typing import Any

from registrar.models import Quote, RateCardEntry
from registrar.resolvers.pricing.rate_cards import RateCard
from registrar.rest_compat.render.formats import money, ts, ts_micro


def quote(row: Quote) -> dict[str, Any]:
    return {
        "amount": money(row.amount),
        "currency": row.currency,
        "fqdn": row.fqdn,
        "operation": row.operation,
        "period": row.period,
        "premium_class": row.premium_class,
        "quote_id": row.id,
        "quoted_at": ts_micro(row.quoted_at),
        "tier": row.tier,
        "tld": row.tld,
        "valid_until": ts_micro(row.valid_until),
    }


def rate_card_entry(row: RateCardEntry) -> dict[str, Any]:
    return {
        "amount": money(row.amount),
        "currency": row.currency,
        "id": row.id,
        "inserted_at": ts(row.inserted_at),
        "operation": row.operation,
        "period": row.period,
        "premium_class": row.premium_class,
        "tier": row.tier,
        "tld": row.tld,
        "updated_at": ts(row.updated_at),
    }


def rate_card(card: RateCard) -> dict[str, Any]:
    return {"entries": [rate_card_entry(row) for row in card.entries], "tld": card.tld}
