"""Extractors for domain renew/transfer/restore responses and poll messages.

A low-balance notice has no resData in our XSDs (Verisign's `lowbalance-poll` extension is not
among them), so it is recognised by its `<msg>`: "balance" with a "threshold" and the amounts,
as in `LOW_BALANCE_TEXT`, which the sandbox writes.
"""

from __future__ import annotations

import re

from registrar.epp.objects import (
    DomainRenewed,
    LowBalance,
    PendingAction,
    PollMessage,
    TransferStatus,
)
from registrar.epp.responses import (
    EppResponse,
    extension_child,
    parse_bool,
    required_text,
    res_data_child,
)
from registrar.epp.xml import (
    DOMAIN,
    EPP,
    RGP,
    Element,
    child,
    child_text,
    children,
    parse_datetime,
    text_of,
)

LOW_BALANCE_TEXT = "Low account balance: {balance} {currency} available, below the threshold of {threshold} {currency}."
_AMOUNT = r"(-?[0-9]+(?:\.[0-9]+)?)\s*([A-Z]{3})"
_LOW_BALANCE = re.compile(rf"balance\D*?{_AMOUNT}.*?threshold\D*?{_AMOUNT}", re.IGNORECASE)


def domain_renewed(response: EppResponse) -> DomainRenewed:
    data = res_data_child(response, DOMAIN, "renData")
    return DomainRenewed(
        name=required_text(data, DOMAIN, "name"),
        expires_at=parse_datetime(child_text(data, DOMAIN, "exDate")),
    )


def transfer_status(response: EppResponse) -> TransferStatus:
    return transfer_from_element(res_data_child(response, DOMAIN, "trnData"))


def transfer_from_element(data: Element) -> TransferStatus:
    return TransferStatus(
        name=required_text(data, DOMAIN, "name"),
        status=required_text(data, DOMAIN, "trStatus"),
        requested_by=child_text(data, DOMAIN, "reID") or "",
        requested_at=parse_datetime(child_text(data, DOMAIN, "reDate")),
        act_by=child_text(data, DOMAIN, "acID") or "",
        act_by_date=parse_datetime(child_text(data, DOMAIN, "acDate")),
        expires_at=parse_datetime(child_text(data, DOMAIN, "exDate")),
    )


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


def restore_statuses(response: EppResponse) -> tuple[str, ...]:
    """The rgp statuses a restore left (`pendingRestore` when a report is due), else ()."""
    data = extension_child(response, RGP, "upData")
    if data is None:
        return ()
    return tuple(node.get("s", "") for node in children(data, RGP, "rgpStatus"))


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
