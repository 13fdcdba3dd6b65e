"""The sandbox's fee-1.0 price table: standard yearly prices and some premium names."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

CURRENCY = "USD"
STANDARD_YEARLY = Decimal("10.00")
RESTORE_FEE = Decimal("40.00")
PREMIUM_YEARLY: dict[str, Decimal] = {
    "premium.test": Decimal("500.00"),
    "rich.test": Decimal("100.00"),
    "gold.example": Decimal("2500.00"),
}


@dataclass(frozen=True)
class Price:
    amount: Decimal
    fee_class: str

    @property
    def premium(self) -> bool:
        return self.fee_class == "premium"


def yearly(name: str) -> Price:
    premium = PREMIUM_YEARLY.get(name.lower())
    if premium is not None:
        return Price(premium, "premium")
    return Price(STANDARD_YEARLY, "standard")


def price(name: str, command: str, years: int) -> Price:
    """The fee for `command` on `name`: yearly price times years; transfer adds one year."""
    base = yearly(name)
    if command == "restore":
        return Price(RESTORE_FEE, base.fee_class)
    if command == "transfer":
        return Price(base.amount, base.fee_class)
    if command in ("create", "renew"):
        return Price(base.amount * years, base.fee_class)
    return Price(Decimal("0.00"), base.fee_class)
