"""Extractors for poll messages (RFC 5730 §2.9.2.3): transfers, pending actions, low balance.

A low-balance notice has no resData in our XSDs (Verisign's `lowbalance-poll` extension is not
among them), so it is recognised by its `<msg>`: "balance" with a "threshold" and the amounts,
as in `LOW_BALANCE_TEXT`, which the sandbox writes.
"""

from __future__ import annotations

import re

from registrar.epp.objects import LowBalance, PendingAction, PollMessage
from registrar.epp.responses.envelope import EppResponse, parse_bool
from registrar.epp.responses.transfer import transfer_from_element
from registrar.epp.wire.xml import DOMAIN, EPP, Element, child, child_text, parse_datetime, text_of

LOW_BALANCE_TEXT = "Low account balance: {balance} {currency} available, below the threshold of {threshold} {currency}."
_AMOUNT = r"(-?[0-9]+(?:\.[0-9]+)?)\s*([A-Z]{3})"
_LOW_BALANCE = re.compile(rf"balance\D*?{_AMOUNT}.*?threshold\D*?{_AMOUNT}", re.IGNORECASE)


def poll_message(response: EppResponse) -> PollMessage | None:
    """The message a `poll req` returned, or None when the queue is empty (1300)."""
    queue = response.queue
    if queue is None or response.code == 1300 or queue.message_id is None:
        return None
    text = queue.message or ""
    res = response.res_data
    trn = child(res, DOMAIN, "trnData") if res is not None else None
    pan = child(res, DOMAIN, "panData") if res is not None else None
    if trn is not None:
        return PollMessage(
            queue.message_id,
            queue.count,
            queue.queued_at,
            text,
            "transfer",
            transfer=transfer_from_element(trn),
        )
    if pan is not None:
        return PollMessage(
            queue.message_id,
            queue.count,
            queue.queued_at,
            text,
            "pending_action",
            pending_action=_pending_action(pan),
        )
    if "balance" in text.lower():
        return PollMessage(
            queue.message_id,
            queue.count,
            queue.queued_at,
            text,
            "low_balance",
            low_balance=low_balance(text),
        )
    return PollMessage(queue.message_id, queue.count, queue.queued_at, text, "other")


def low_balance(text: str) -> LowBalance | None:
    """The amounts of a low-balance notice, or None when its text does not state them."""
    found = _LOW_BALANCE.search(text)
    if found is None:
        return None
    balance, currency, threshold, _ = found.groups()
    return LowBalance(balance=balance, threshold=threshold, currency=currency.upper())


def _pending_action(pan: Element) -> PendingAction:
    name = child(pan, DOMAIN, "name")
    tr_id = child(pan, DOMAIN, "paTRID")
    return PendingAction(
        name=text_of(name) or "",
        succeeded=parse_bool(name.get("paResult") if name is not None else None),
        cltrid=child_text(tr_id, EPP, "clTRID") if tr_id is not None else None,
        svtrid=child_text(tr_id, EPP, "svTRID") if tr_id is not None else None,
        acted_at=parse_datetime(child_text(pan, DOMAIN, "paDate")),
    )
