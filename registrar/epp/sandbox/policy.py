"""What a sandbox registry is configured to do: grace periods, restore reports, billing, and
the answers some real registries give where RFC 5731 allows a choice."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal


@dataclass(frozen=True)
class Policy:
    redemption_period: timedelta = timedelta(days=30)
    """rgp-1.0: how long a deleted domain can be restored (RFC 3915 §3.1)."""
    pending_delete_period: timedelta = timedelta(days=5)
    """rgp-1.0: after redemption, how long until the name is purged."""
    pending_restore_period: timedelta = timedelta(days=7)
    """rgp-1.0: how long a restore request waits for its report before it lapses."""
    restore_report_required: bool = False
    """Whether a restore request needs a restore report to complete (`pendingRestore`)."""
    initial_balance: Decimal = Decimal("1000000.00")
    """Every registrar's starting balance, in the price table's currency."""
    low_balance_threshold: Decimal = Decimal("1000.00")
    """Falling below it queues a low-balance poll message for the registrar."""
    domain_create_pending: bool = False
    """Answer a domain create with 1001 "action pending" and no `<domain:creData>`, as the .dk
    registry does. The sandbox completes the create at once and queues the `<domain:panData>`
    poll message that reports a completed pending action (RFC 5731 §3.3)."""
    domain_renew_res_data: bool = True
    """False: answer a successful renew with 1000 and no `<domain:renData>`, as the .dk
    registry does; the new expiry is then only known from an info."""
