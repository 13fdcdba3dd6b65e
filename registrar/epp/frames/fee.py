"""The RFC 8748 fee-1.0 parts of domain frames: fee checks and the fee a client agrees to pay."""

from __future__ import annotations

from collections.abc import Sequence

from registrar.epp.wire.xml import FEE, Element, sub

FEE_COMMANDS = ("create", "renew", "transfer", "restore", "update", "delete")


def fee_check(ext: Element, commands: Sequence[str], period_years: int, currency: str | None) -> None:
    """Append `<fee:check>` asking the price of each command for `period_years`."""
    fee = sub(ext, FEE, "check")
    if currency:
        sub(fee, FEE, "currency", currency)
    for fee_command in commands:
        if fee_command not in FEE_COMMANDS:
            raise ValueError(f"fee-1.0 has no command {fee_command!r}")
        entry = sub(fee, FEE, "command", name=fee_command)
        sub(entry, FEE, "period", str(period_years), unit="y")


def fee_agreement(ext: Element, verb: str, amount: str, currency: str | None) -> None:
    """Append `<fee:create>` or `<fee:update>`: the amount the client agrees to be charged."""
    fee = sub(ext, FEE, verb)
    if currency:
        sub(fee, FEE, "currency", currency)
    sub(fee, FEE, "fee", amount)
