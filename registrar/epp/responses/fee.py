"""Extractors for RFC 8748 fee-1.0 data: the prices of a domain check."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from registrar.epp.objects import FeeQuote
from registrar.epp.responses.envelope import EppResponse, extension_child, parse_bool, parse_int
from registrar.epp.wire.xml import FEE, Element, EppXmlError, child, child_text, children, text_of


def fee_quotes_by_name(response: EppResponse) -> dict[str, list[FeeQuote]]:
    """The `<fee:chkData>` quotes keyed by lower-case name; {} when the response has none."""
    chk = extension_child(response, FEE, "chkData")
    if chk is None:
        return {}
    currency = child_text(chk, FEE, "currency") or ""
    quotes: dict[str, list[FeeQuote]] = {}
    for cd in children(chk, FEE, "cd"):
        name = child_text(cd, FEE, "objID")
        if not name:
            raise EppXmlError("<fee:cd> lacks <fee:objID>")
        fee_class = child_text(cd, FEE, "class") or None
        available = parse_bool(cd.get("avail"), default=True)
        cd_reason = child_text(cd, FEE, "reason") or None
        for cmd in children(cd, FEE, "command"):
            quotes.setdefault(name.lower(), []).append(
                FeeQuote(
                    command=cmd.get("name") or "",
                    period_years=_years(child(cmd, FEE, "period")),
                    amount=_amount(children(cmd, FEE, "fee")),
                    currency=currency,
                    fee_class=fee_class,
                    premium=_is_premium(fee_class, cmd.get("standard")),
                    available=available,
                    reason=child_text(cmd, FEE, "reason") or cd_reason,
                )
            )
    return quotes


def _amount(fees: list[Element]) -> str:
    total = Decimal(0)
    for fee in fees:
        try:
            total += Decimal(text_of(fee) or "")
        except InvalidOperation:
            raise EppXmlError("<fee:fee> is not a decimal amount") from None
    if not total.is_finite():
        raise EppXmlError("<fee:fee> is not a finite amount")
    return str(total)


def _is_premium(fee_class: str | None, standard: str | None) -> bool:
    if fee_class and "premium" in fee_class.lower():
        return True
    return standard is not None and not parse_bool(standard)


def _years(period: Element | None) -> int | None:
    if period is None:
        return None
    value = parse_int(text_of(period), "period")
    unit = period.get("unit", "y")
    if unit == "y":
        return value
    return value // 12 if unit == "m" and value % 12 == 0 else None
