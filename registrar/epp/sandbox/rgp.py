"""rgp-1.0 in the sandbox (RFC 3915): redemption after delete, restore request and report.

A deleted domain stays in the store with `pendingDelete`: `redemptionPeriod` for
`Policy.redemption_period` (restorable), then rgp `pendingDelete` for
`Policy.pending_delete_period`, then it is purged with its subordinate hosts. `tick` applies
what the clock made due whenever the store is touched. A restore request charges the restore
fee and restores at once, or, when the policy demands reports, moves the domain to
`pendingRestore` until the report arrives (or `Policy.pending_restore_period` lapses and it
falls back to `redemptionPeriod`).
"""

from __future__ import annotations

from datetime import datetime

from registrar.epp.sandbox import billing, pricing
from registrar.epp.sandbox.context import Context, required, required_element
from registrar.epp.sandbox.domain_create import fee_result, verify_fee
from registrar.epp.sandbox.domain_rules import find_domain, verify_sponsor
from registrar.epp.sandbox.policy import Policy
from registrar.epp.sandbox.replies import CommandFailed, Reply
from registrar.epp.sandbox.store import Domain, Store
from registrar.epp.wire.xml import FEE, RGP, Element, EppXmlError, children, element, parse_datetime, sub

REDEMPTION = "redemptionPeriod"
PENDING_RESTORE = "pendingRestore"
PENDING_DELETE = "pendingDelete"


def enter_redemption(domain: Domain, now: datetime) -> None:
    domain.statuses.add(PENDING_DELETE)
    domain.deleted_at = now
    domain.restore_requested_at = None
    domain.rgp_statuses = {REDEMPTION}


def phase(domain: Domain, now: datetime, policy: Policy) -> str | None:
    """The rgp status `domain` is in at `now`; None once it is due to be purged."""
    assert domain.deleted_at is not None
    requested = domain.restore_requested_at
    if requested is not None and now < requested + policy.pending_restore_period:
        return PENDING_RESTORE
    redemption_ends = domain.deleted_at + policy.redemption_period
    if now < redemption_ends:
        return REDEMPTION
    if now < redemption_ends + policy.pending_delete_period:
        return PENDING_DELETE
    return None


def tick(store: Store, now: datetime, policy: Policy) -> bool:
    """Advance every deleted domain to its current rgp phase; True when anything changed."""
    changed = False
    for domain in list(store.domains.values()):
        if domain.deleted_at is None:
            continue
        current = phase(domain, now, policy)
        if current is None:
            purge(store, domain)
            changed = True
        elif domain.rgp_statuses != {current}:
            domain.rgp_statuses = {current}
            changed = True
    return changed


def purge(store: Store, domain: Domain) -> None:
    """Remove the domain and its subordinate hosts, and every delegation to those hosts."""
    for host in store.linked_hosts(domain):
        for user in store.domains_using_host(host.name):
            user.nameservers = [ns for ns in user.nameservers if ns.lower() != host.name]
        del store.hosts[host.name]
    del store.domains[domain.name]


def restore(ctx: Context, rgp_update: Element) -> Reply:
    domain = find_domain(ctx)
    verify_sponsor(domain, ctx.clid)
    node = required_element(rgp_update, RGP, "restore")
    op = node.get("op", "")
    if op == "request":
        return _request(ctx, domain)
    if op == "report":
        return _report(ctx, domain, required_element(node, RGP, "report"))
    raise CommandFailed(2005, f"unknown restore op {op[:20]!r}")


def _request(ctx: Context, domain: Domain) -> Reply:
    if REDEMPTION not in domain.rgp_statuses:
        raise CommandFailed(2304, "the domain is not in its redemption period")
    price = pricing.price(domain.name, "restore", 1)
    fee_element = ctx.ext(FEE, "update")
    verify_fee(ctx, fee_element, price.amount, premium=False)
    billing.charge(ctx, price.amount, "restore")
    reply = Reply()
    if ctx.policy.restore_report_required:
        domain.restore_requested_at = ctx.now
        domain.rgp_statuses = {PENDING_RESTORE}
        data = element(RGP, "upData")
        sub(data, RGP, "rgpStatus", s=PENDING_RESTORE)
        reply.extensions.append(data)
    else:
        _reinstate(ctx, domain)
    if fee_element is not None:
        reply.extensions.append(fee_result("updData", price.amount, None))
    return reply


def _report(ctx: Context, domain: Domain, report: Element) -> Reply:
    if PENDING_RESTORE not in domain.rgp_statuses:
        raise CommandFailed(2304, "no restore request awaits a report")
    for name in ("preData", "postData", "resReason"):
        required(report, RGP, name)
    try:
        deleted = parse_datetime(required(report, RGP, "delTime"))
        restored = parse_datetime(required(report, RGP, "resTime"))
    except EppXmlError as exc:
        raise CommandFailed(2005, str(exc)) from None
    if not 1 <= len(children(report, RGP, "statement")) <= 2:
        raise CommandFailed(2003, "a restore report carries one or two statements")
    assert deleted is not None and restored is not None and domain.deleted_at is not None
    if abs(deleted - domain.deleted_at).total_seconds() > 86400 or restored < deleted:
        raise CommandFailed(2306, "delTime and resTime do not match the deletion and restore")
    _reinstate(ctx, domain)
    return Reply()


def _reinstate(ctx: Context, domain: Domain) -> None:
    domain.statuses.discard(PENDING_DELETE)
    domain.deleted_at = domain.restore_requested_at = None
    domain.rgp_statuses = set()
    domain.updater, domain.updated_at = ctx.clid, ctx.now
