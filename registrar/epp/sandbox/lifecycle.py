"""Sandbox domain renew, delete and transfers (RFC 5731 §3.2.2-3.2.4), plus the poll queue.

Transfers are approved automatically `AUTO_APPROVE` after the request, on the registry's own
clock (`tick` runs before every command); each state change queues poll messages for the
gaining and losing registrars. Renewals and transfers are charged (`billing`); a delete hands
the domain to its rgp-1.0 redemption period (`rgp`).
"""

from __future__ import annotations

import copy
from datetime import datetime, timedelta
from decimal import Decimal

from registrar.epp.sandbox import billing, pricing, rgp
from registrar.epp.sandbox.context import Context, required, years_of
from registrar.epp.sandbox.domain_create import MAX_YEARS
from registrar.epp.sandbox.domain_rules import (
    find_domain,
    prohibit,
    verify_not_pending,
    verify_sponsor,
)
from registrar.epp.sandbox.policy import Policy
from registrar.epp.sandbox.replies import CommandFailed, Reply
from registrar.epp.sandbox.store import Domain, Store, Transfer, add_years
from registrar.epp.wire.xml import DOMAIN, Element, child, child_text, element, format_datetime, sub

AUTO_APPROVE = timedelta(days=5)


def renew(ctx: Context) -> Reply:
    domain = find_domain(ctx)
    verify_sponsor(domain, ctx.clid)
    prohibit(domain, "Renew")
    verify_not_pending(domain)
    if required(ctx.command, DOMAIN, "curExpDate") != domain.expires_at.date().isoformat():
        raise CommandFailed(2306, "curExpDate does not match the expiry date")
    years = years_of(child(ctx.command, DOMAIN, "period"))
    expires = add_years(domain.expires_at, years)
    if years < 1 or expires > add_years(ctx.now, MAX_YEARS):
        raise CommandFailed(2306, f"registrations end at most {MAX_YEARS} years ahead")
    billing.charge(ctx, pricing.price(domain.name, "renew", years).amount, "renew")
    domain.expires_at = expires
    if not ctx.policy.domain_renew_res_data:
        return Reply()
    data = element(DOMAIN, "renData")
    sub(data, DOMAIN, "name", domain.name)
    sub(data, DOMAIN, "exDate", format_datetime(domain.expires_at))
    reply = Reply()
    reply.res_data.append(data)
    return reply


def delete(ctx: Context) -> Reply:
    """Delete: the domain enters its redemption period (see `rgp`); subordinate hosts stay
    until it is purged, and none of them may be delegated to by another domain (2305)."""
    domain = find_domain(ctx)
    verify_sponsor(domain, ctx.clid)
    prohibit(domain, "Delete")
    verify_not_pending(domain)
    subordinates = ctx.store.linked_hosts(domain)
    for host in subordinates:
        users = [d for d in ctx.store.domains_using_host(host.name) if d is not domain]
        if users:
            raise CommandFailed(2305, f"host {host.name} is used by {users[0].name}")
    rgp.enter_redemption(domain, ctx.now)
    domain.updater, domain.updated_at = ctx.clid, ctx.now
    return Reply()


def trn_data(domain: Domain, transfer: Transfer) -> Element:
    data = element(DOMAIN, "trnData")
    sub(data, DOMAIN, "name", domain.name)
    sub(data, DOMAIN, "trStatus", transfer.status)
    sub(data, DOMAIN, "reID", transfer.gaining)
    sub(data, DOMAIN, "reDate", format_datetime(transfer.requested_at))
    sub(data, DOMAIN, "acID", transfer.losing)
    sub(data, DOMAIN, "acDate", format_datetime(transfer.acted_at or transfer.act_by))
    sub(data, DOMAIN, "exDate", format_datetime(domain.expires_at))
    return data


def transfer(ctx: Context, op: str) -> Reply:
    domain = find_domain(ctx)
    handler = {
        "request": _request,
        "query": _query,
        "approve": _approve,
        "reject": _reject,
        "cancel": _cancel,
    }.get(op)
    if handler is None:
        raise CommandFailed(2005, f"unknown transfer op {op[:20]!r}")
    reply = handler(ctx, domain)
    assert domain.transfer is not None
    reply.res_data.append(trn_data(domain, domain.transfer))
    return reply


def _request(ctx: Context, domain: Domain) -> Reply:
    if domain.sponsor == ctx.clid:
        raise CommandFailed(2106, "the requesting registrar already sponsors the domain")
    auth = child(ctx.command, DOMAIN, "authInfo")
    if auth is None or child_text(auth, DOMAIN, "pw") != domain.auth_info:
        raise CommandFailed(2202, "authInfo does not match")
    prohibit(domain, "Transfer")
    if domain.transfer is not None and domain.transfer.status == "pending":
        raise CommandFailed(2300, "a transfer is already pending")
    if rgp.PENDING_DELETE in domain.statuses:
        raise CommandFailed(2304, "pendingDelete: the domain is in its redemption period")
    years = years_of(child(ctx.command, DOMAIN, "period"))
    if years != 1:
        raise CommandFailed(2306, "transfers add exactly one year")
    billing.charge(ctx, _transfer_fee(domain), "transfer")
    domain.transfer = Transfer("pending", ctx.clid, domain.sponsor, ctx.now, ctx.now + AUTO_APPROVE, 1)
    _notify(ctx.store, domain, ctx.now, domain.sponsor, "Transfer requested.")
    return Reply(1001)


def _query(ctx: Context, domain: Domain) -> Reply:
    if domain.transfer is None:
        raise CommandFailed(2301, "no transfer on record")
    if ctx.clid not in (domain.transfer.gaining, domain.transfer.losing):
        auth = child(ctx.command, DOMAIN, "authInfo")
        if auth is None or child_text(auth, DOMAIN, "pw") != domain.auth_info:
            raise CommandFailed(2201, "not a party to this transfer")
    return Reply()


def _pending(domain: Domain) -> Transfer:
    if domain.transfer is None or domain.transfer.status != "pending":
        raise CommandFailed(2301, "no pending transfer")
    return domain.transfer


def _approve(ctx: Context, domain: Domain) -> Reply:
    pending = _pending(domain)
    if ctx.clid != pending.losing:
        raise CommandFailed(2201, "only the losing registrar approves")
    complete(ctx.store, domain, ctx.now, "clientApproved")
    return Reply()


def _reject(ctx: Context, domain: Domain) -> Reply:
    pending = _pending(domain)
    if ctx.clid != pending.losing:
        raise CommandFailed(2201, "only the losing registrar rejects")
    pending.status, pending.acted_at = "clientRejected", ctx.now
    billing.refund(ctx.store, ctx.policy, pending.gaining, _transfer_fee(domain))
    _notify(ctx.store, domain, ctx.now, pending.gaining, "Transfer rejected.")
    return Reply()


def _cancel(ctx: Context, domain: Domain) -> Reply:
    pending = _pending(domain)
    if ctx.clid != pending.gaining:
        raise CommandFailed(2201, "only the gaining registrar cancels")
    pending.status, pending.acted_at = "clientCancelled", ctx.now
    billing.refund(ctx.store, ctx.policy, pending.gaining, _transfer_fee(domain))
    _notify(ctx.store, domain, ctx.now, pending.losing, "Transfer cancelled.")
    return Reply()


def _transfer_fee(domain: Domain) -> Decimal:
    """Charged to the gaining registrar on request, refunded when the transfer does not happen."""
    return pricing.price(domain.name, "transfer", 1).amount


def complete(store: Store, domain: Domain, now: datetime, status: str) -> None:
    """Move sponsorship (and subordinate hosts) to the gaining registrar, add a year."""
    pending = _pending(domain)
    pending.status, pending.acted_at = status, now
    domain.sponsor = pending.gaining
    domain.transferred_at = now
    domain.expires_at = add_years(domain.expires_at, pending.period_years)
    for host in store.linked_hosts(domain):
        host.sponsor, host.transferred_at = pending.gaining, now
    text = "Transfer approved." if status == "clientApproved" else "Transfer auto-approved."
    _notify(store, domain, now, pending.gaining, text)
    if status == "serverApproved":
        _notify(store, domain, now, pending.losing, text)


def tick(store: Store, now: datetime, policy: Policy) -> bool:
    """Apply what the registry's clock makes due: transfer auto-approval, then the rgp phases
    of deleted domains. True when anything changed."""
    changed = False
    for domain in list(store.domains.values()):
        pending = domain.transfer
        if pending is not None and pending.status == "pending" and pending.act_by <= now:
            complete(store, domain, pending.act_by, "serverApproved")
            changed = True
    return rgp.tick(store, now, policy) or changed


def _notify(store: Store, domain: Domain, now: datetime, recipient: str, text: str) -> None:
    assert domain.transfer is not None
    store.enqueue(recipient, now, text, trn_data(domain, domain.transfer))


def poll(ctx: Context, verb: Element) -> Reply:
    mine = [m for m in ctx.store.poll if m.recipient == ctx.clid]
    op = verb.get("op")
    if op == "req":
        if not mine:
            return Reply(1300)
        first = mine[0]
        reply = Reply(1301)
        reply.queue = (len(mine), first.message_id, first.queued_at, first.text)
        if isinstance(first.payload, Element):
            reply.res_data.append(copy.deepcopy(first.payload))
        return reply
    if op == "ack":
        target = next((m for m in mine if m.message_id == verb.get("msgID")), None)
        if target is None:
            raise CommandFailed(2303, "no such message")
        ctx.store.poll.remove(target)
        reply = Reply()
        reply.queue = (len(mine) - 1, target.message_id, target.queued_at, target.text)
        return reply
    raise CommandFailed(2005, "poll op must be req or ack")
