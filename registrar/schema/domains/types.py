"""Object types of the domains area: the `Domain` node and what hangs off it (events, the
auto-renewal disclosure, the condensed acceptance), and the availability answer. Fields hold
objects (loaded through per-request dataloaders), never foreign-key ids; no rule lives here —
every value comes from a resolver function."""

from __future__ import annotations

from datetime import datetime
from enum import Enum
from typing import Annotated

import strawberry
from strawberry.scalars import JSON
from strawberry.types import Info

from registrar import models
from registrar.resolvers.domains import transfer_eligibility
from registrar.resolvers.domains import views as domain_views
from registrar.resolvers.domains.acceptance_summary import AcceptanceView, acceptance_view
from registrar.resolvers.domains.views import AutoRenewal as AutoRenewalView
from registrar.schema.common import DomainName, Money, Node, money_or_none
from registrar.schema.contacts import Contact
from registrar.schema.context import context_of
from registrar.schema.hosts import Host
from registrar.schema.registry import RegistryAccount


@strawberry.enum(description="Lifecycle state of a domain.")
class DomainState(Enum):
    REGISTERED = "registered"
    ON_HOLD = "on_hold"
    EXPIRED = "expired"
    REDEMPTION = "redemption"
    PENDING_DELETE = "pending_delete"
    DELETED = "deleted"


@strawberry.enum(description="Per-domain auto-renewal override.")
class AutoRenewalMode(Enum):
    DEFAULT = "DEFAULT"
    AUTORENEW = "AUTORENEW"
    AUTOEXPIRE = "AUTOEXPIRE"
    RENEWONCE = "RENEWONCE"
    AUTODELETE = "AUTODELETE"


@strawberry.type(description="Something that happened to a domain.")
class DomainEvent(Node):
    row: strawberry.Private[models.DomainEvent]

    @strawberry.field(description="What happened, e.g. `registered`.")
    def event_type(self) -> str:
        return self.row.event_type

    @strawberry.field(description="`user`, `client`, `system` or `operator`.")
    def actor_type(self) -> str:
        return self.row.actor_type

    @strawberry.field(description="Id of the user or client that acted.")
    def actor_id(self) -> str | None:
        return self.row.actor_id

    @strawberry.field(description="The change, as a diff.")
    def payload(self) -> JSON:
        return self.row.payload

    @strawberry.field(description="When it happened.")
    def inserted_at(self) -> datetime:
        return self.row.inserted_at


@strawberry.type(description="Auto-renewal disclosure (RAA §3.7.5.1).")
class AutoRenewal:
    view: strawberry.Private[AutoRenewalView]

    @strawberry.field(description="Whether the domain renews automatically.")
    def enabled(self) -> bool:
        return self.view.enabled

    @strawberry.field(description="Per-domain override; DEFAULT follows the TLD.")
    def mode(self) -> AutoRenewalMode:
        return AutoRenewalMode(self.view.mode)

    @strawberry.field(description="Days after expiry the domain may still be renewed.")
    def grace_period_days(self) -> int | None:
        return self.view.grace_period_days

    @strawberry.field(description="Price of the automatic renewal.")
    def renewal_fee(self) -> Money | None:
        return money_or_none(self.view.renewal_fee)


@strawberry.type(description="The condensed acceptance a domain carries.")
class AcceptanceSummary:
    agreement_version_id: strawberry.ID = strawberry.field(description="The version accepted.")
    acceptance_method: str = strawberry.field(description="e.g. api.")
    accepted_at: datetime = strawberry.field(description="When it was accepted.")
    reacceptance_required: bool = strawberry.field(description="Whether to accept again.")
    redemption_fee_disclosure: Money | None = strawberry.field(description="Disclosed restore fee.")
    state: str = strawberry.field(description="active.")
    version_effective_at: datetime | None = strawberry.field(description="When the version took effect.")

    @classmethod
    def of(cls, view: AcceptanceView | None) -> AcceptanceSummary | None:
        if view is None:
            return None
        return cls(
            agreement_version_id=strawberry.ID(view.agreement_version_id),
            acceptance_method=view.acceptance_method,
            accepted_at=view.accepted_at,
            reacceptance_required=view.reacceptance_required,
            redemption_fee_disclosure=money_or_none(view.redemption_fee_disclosure),
            state=view.state,
            version_effective_at=view.version_effective_at,
        )


@strawberry.type(description="A domain held by the tenant.")
class Domain(Node):
    row: strawberry.Private[models.Domain]

    @strawberry.field(description="A-label name.")
    def name(self) -> DomainName:
        return DomainName(self.row.name)

    @strawberry.field(description="U-label name.")
    def unicode_name(self) -> str:
        return self.row.unicode_name

    @strawberry.field(description="Top-level domain.")
    def tld(self) -> str:
        return self.row.tld

    @strawberry.field(description="Lifecycle state.")
    def state(self) -> DomainState:
        return DomainState(self.row.state)

    @strawberry.field(description="EPP statuses, as at the registry.")
    def epp_statuses(self) -> list[str]:
        return list(self.row.epp_statuses)

    @strawberry.field(description="When the domain was registered.")
    def registered_at(self) -> datetime:
        return self.row.registered_at

    @strawberry.field(description="When the registration expires.")
    def expires_at(self) -> datetime:
        return self.row.expires_at

    @strawberry.field(description="Last renewal, if any.")
    def last_renewed_at(self) -> datetime | None:
        return self.row.last_renewed_at

    @strawberry.field(description="Whether the row diverges from the registry's view.")
    def out_of_sync(self) -> bool:
        return self.row.out_of_sync

    @strawberry.field(description="Reason of the current hold, if any.")
    def hold_reason(self) -> str | None:
        return self.row.hold_reason

    @strawberry.field(description="End of the 60-day transfer lock, if any.")
    def transfer_lock_until(self) -> datetime | None:
        return self.row.transfer_lock_until

    @strawberry.field(description="Whether DS records are published.")
    def dnssec_signed(self) -> bool:
        return bool(self.row.ds_records)

    @strawberry.field(description="When the row last changed.")
    def updated_at(self) -> datetime:
        return self.row.updated_at

    @strawberry.field(description="Registrant contact.")
    async def registrant(self, info: Info) -> Contact | None:
        return Contact.of((await domain_views.domain_contacts(context_of(info), self.row))["registrant"])

    @strawberry.field(description="Administrative contact.")
    async def admin_contact(self, info: Info) -> Contact | None:
        return Contact.of((await domain_views.domain_contacts(context_of(info), self.row))["admin"])

    @strawberry.field(description="Technical contact.")
    async def tech_contact(self, info: Info) -> Contact | None:
        return Contact.of((await domain_views.domain_contacts(context_of(info), self.row))["tech"])

    @strawberry.field(description="Billing contact.")
    async def billing_contact(self, info: Info) -> Contact | None:
        return Contact.of((await domain_views.domain_contacts(context_of(info), self.row))["billing"])

    @strawberry.field(description="Name servers, in order.")
    async def nameservers(self, info: Info) -> list[Host]:
        hosts = await context_of(info).loaders.nameservers_by_domain_id.load((self.row.tenant_id, self.row.id))
        return [Host(id=strawberry.ID(host.id), row=host) for host in hosts]

    @strawberry.field(description="Registry account every EPP command on this domain uses.")
    async def registry_account(self, info: Info) -> RegistryAccount | None:
        account = await domain_views.domain_registry_account(context_of(info), self.row)
        return None if account is None else RegistryAccount(id=strawberry.ID(account.id), row=account)

    @strawberry.field(description="Auto-renewal disclosure.")
    async def auto_renewal(self, info: Info) -> AutoRenewal:
        return AutoRenewal(view=await domain_views.domain_auto_renewal(context_of(info), self.row))

    @strawberry.field(description="Current registrant-agreement acceptance (null when none).")
    async def acceptance(self, info: Info) -> AcceptanceSummary | None:
        found = await acceptance_view(context_of(info), self.row)
        return None if found is None else AcceptanceSummary.of(found)

    @strawberry.field(description="The newest events, newest first.")
    async def events(
        self,
        info: Info,
        last: Annotated[int, strawberry.argument(description="How many (1–50).")] = 5,
    ) -> list[DomainEvent]:
        loader = context_of(info).loaders.recent_events_by_domain_id(max(1, min(last, 50)))
        events = await loader.load((self.row.tenant_id, self.row.id))
        return [DomainEvent(id=strawberry.ID(event.id), row=event) for event in events]

    @strawberry.field(description="Whether it can be transferred to another registrar now, and why not.")
    async def transfer_out_eligibility(self, info: Info) -> TransferOutEligibility:
        return TransferOutEligibility.of(await transfer_eligibility.eligibility_of(context_of(info), self.row))

    @classmethod
    def of(cls, row: models.Domain) -> Domain:
        return cls(id=strawberry.ID(row.id), row=row)


@strawberry.type(description="One reason a domain cannot be transferred away now.")
class TransferObstacle:
    code: str = strawberry.field(
        description="domain_state, recently_registered, transfer_lock, client_transfer_prohibited, "
        "server_transfer_prohibited, pending_transfer or pending_operation."
    )
    until: datetime | None = strawberry.field(description="When it ends by itself; null when someone must act.")
    detail: JSON = strawberry.field(description="Context: the state, the pending command.")


@strawberry.type(description="Whether a domain can be transferred to another registrar now.")
class TransferOutEligibility:
    eligible: bool = strawberry.field(description="True when nothing stands in the way.")
    checked_at: datetime = strawberry.field(description="When this was worked out.")
    reasons: list[TransferObstacle] = strawberry.field(description="Every obstacle, none when eligible.")

    @classmethod
    def of(cls, eligibility: transfer_eligibility.TransferEligibility) -> TransferOutEligibility:
        reasons = [TransferObstacle(code=o.code, until=o.until, detail=o.detail) for o in eligibility.obstacles]
        return cls(eligible=eligibility.eligible, checked_at=eligibility.checked_at, reasons=reasons)


@strawberry.type(description="A registry fee for one command.")
class Fee:
    command: str = strawberry.field(description="create, renew, transfer or restore.")
    amount: str = strawberry.field(description="Registry amount as a decimal string.")
    currency: str = strawberry.field(description="ISO 4217 currency code.")
    period_years: int | None = strawberry.field(description="Period the fee is for.")
    refundable: bool | None = strawberry.field(description="Whether the registry refunds it.")


@strawberry.type(description="Availability of one name at its registry.")
class DomainAvailability:
    name: str = strawberry.field(description="The name, in A-label form.")
    status: str = strawberry.field(description="available, unavailable or error.")
    fees: list[Fee] = strawberry.field(description="Fees the registry disclosed.")
    premium_marker: str | None = strawberry.field(description="Premium class, for premium names.")
    error: str | None = strawberry.field(description="Error code when status is error.")
