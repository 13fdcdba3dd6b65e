"""Registrar balances in the sandbox: fees are charged, and a low balance is announced.

Every registrar starts with `Policy.initial_balance`. A fee larger than the balance is a 2104
(billing failure) and nothing happens; a charge that takes the balance below
`Policy.low_balance_threshold` queues one low-balance poll message (a `<msg>` without
resData, worded as `LOW_BALANCE_TEXT`, which the client's poll parser reads).
"""

from __future__ import annotations

from decimal import Decimal

from registrar.epp.responses.poll import LOW_BALANCE_TEXT
from registrar.epp.sandbox.context import Context
from registrar.epp.sandbox.policy import Policy
from registrar.epp.sandbox.pricing import CURRENCY
from registrar.epp.sandbox.replies import CommandFailed
from registrar.epp.sandbox.store import Store


def balance(store: Store, policy: Policy, clid: str) -> Decimal:
    return store.balances.get(clid, policy.initial_balance)


def charge(ctx: Context, amount: Decimal, what: str) -> None:
    """Take `amount` from the caller's balance, or fail with 2104 and take nothing."""
    before = balance(ctx.store, ctx.policy, ctx.clid)
    if amount > before:
        raise CommandFailed(2104, f"the {what} fee of {amount:.2f} {CURRENCY} exceeds the balance {before:.2f}")
    after = before - amount
    ctx.store.balances[ctx.clid] = after
    threshold = ctx.policy.low_balance_threshold
    if after < threshold <= before:
        text = LOW_BALANCE_TEXT.format(balance=f"{after:.2f}", threshold=f"{threshold:.2f}", currency=CURRENCY)
        ctx.store.enqueue(ctx.clid, ctx.now, text)


def refund(store: Store, policy: Policy, clid: str, amount: Decimal) -> None:
    store.balances[clid] = balance(store, policy, clid) + amount
