"""Checks the sandbox's domain transform commands share: existence, sponsorship, statuses."""

from __future__ import annotations

from registrar.epp.sandbox.context import Context, required
from registrar.epp.sandbox.replies import CommandFailed
from registrar.epp.sandbox.store import Domain
from registrar.epp.wire.xml import DOMAIN


def find_domain(ctx: Context) -> Domain:
    name = required(ctx.command, DOMAIN, "name").lower()
    domain = ctx.store.domains.get(name)
    if domain is None:
        raise CommandFailed(2303, f"domain {name} does not exist")
    return domain


def verify_sponsor(domain: Domain, clid: str) -> None:
    if domain.sponsor != clid:
        raise CommandFailed(2201, "domain is sponsored by another registrar")


def prohibit(domain: Domain, action: str) -> None:
    """2304 when the client or server `<action>Prohibited` status is set."""
    for prefix in ("client", "server"):
        if f"{prefix}{action}Prohibited" in domain.statuses:
            raise CommandFailed(2304, f"{prefix}{action}Prohibited")


def verify_not_pending(domain: Domain) -> None:
    """RFC 5731 §2.3: pendingDelete and pendingTransfer refuse other transform commands."""
    if "pendingDelete" in domain.statuses:
        raise CommandFailed(2304, "pendingDelete: the domain is in its redemption period")
    if domain.transfer is not None and domain.transfer.status == "pending":
        raise CommandFailed(2304, "pendingTransfer")
