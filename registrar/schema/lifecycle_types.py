"""Object types of the registry-facing lifecycle: certificates, TLD associations, rate cards,
agreement versions and acceptance records. Hosts and registry accounts are the `Host` and
`RegistryAccount` types of `schema.types`. Private keys and credentials have no field."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

import strawberry
from strawberry.scalars import JSON

from registrar import models
from registrar.resolvers.agreements.acceptances import AcceptanceRecord, AcceptanceView, redemption_fee
from registrar.resolvers.pricing.rate_cards import RateCard as RateCardView
from registrar.resolvers.registry.certificates import CertificateView
from registrar.resolvers.registry.guard import DEFAULT_POLICY
from registrar.schema.types import Money, Node


def _price(amount: Decimal, currency: str) -> Money:
    return Money(amount=f"{amount:.4f}", currency=currency)


def _money(fee: tuple[Decimal, str] | None) -> Money | None:
    return _price(*fee) if fee else None


@strawberry.type(description="Whether a contact handle or host name is free in the tenant.")
class ObjectAvailability:
    name: str = strawberry.field(description="The handle or host name checked (normalised).")
    available: bool = strawberry.field(description="True when nothing in the tenant uses it.")


@strawberry.type(description="Parsed metadata of a registry account's client TLS certificate.")
class RegistryCertificate:
    registry_account_id: strawberry.ID = strawberry.field(description="The account it belongs to.")
    cert_pem: str = strawberry.field(description="The public certificate (never the key).")
    fingerprint_sha256: str = strawberry.field(description="SHA-256 fingerprint, lower-case hex.")
    issuer: str = strawberry.field(description="Issuer distinguished name (RFC 4514).")
    subject: str = strawberry.field(description="Subject distinguished name (RFC 4514).")
    serial_number: str = strawberry.field(description="Serial number, lower-case hex.")
    not_before: datetime = strawberry.field(description="Start of validity.")
    not_after: datetime = strawberry.field(description="End of validity.")
    public_key_algorithm: str = strawberry.field(description="RSA or EC.")
    key_size: int = strawberry.field(description="Key size in bits.")
    signature_algorithm: str = strawberry.field(description="e.g. sha256WithRSAEncryption.")
    rotated_at: datetime | None = strawberry.field(description="When the certificate was last set.")

    @classmethod
    def of(cls, view: CertificateView) -> RegistryCertificate:
        values = dict(vars(view))
        values["registry_account_id"] = strawberry.ID(view.registry_account_id)
        return cls(**values)


@strawberry.type(description="A TLD the tenant may sell, bound to a registry account.")
class TldAssociation(Node):
    tld: str = strawberry.field(description="The TLD label, e.g. `com` or `co.uk`.")
    accreditation_type: str = strawberry.field(description="icann_accredited or non_icann.")
    state: str = strawberry.field(description="e.g. active.")
    registry_account_id: strawberry.ID | None = strawberry.field(description="The bound account.")
    config: JSON = strawberry.field(description="Policy and notification settings.")
    inserted_at: datetime = strawberry.field(description="When the association was created.")
    updated_at: datetime = strawberry.field(description="When it last changed.")

    @classmethod
    def of(cls, row: models.TldAssociation) -> TldAssociation:
        return cls(
            id=strawberry.ID(row.id),
            tld=row.tld,
            accreditation_type=row.accreditation_type,
            state=row.state,
            registry_account_id=strawberry.ID(row.registry_account_id) if row.registry_account_id else None,
            config={**DEFAULT_POLICY, **row.config},
            inserted_at=row.inserted_at,
            updated_at=row.updated_at,
        )


@strawberry.type(description="One priced row of the tenant's rate card.")
class RateCardEntry(Node):
    operation: str = strawberry.field(description="register, renew, transfer_in or restore.")
    period: int | None = strawberry.field(description="Years; null for restore.")
    tier: str = strawberry.field(description="standard or premium.")
    premium_class: str | None = strawberry.field(description="Registry premium class, if premium.")
    price: Money = strawberry.field(description="The price.")

    @classmethod
    def of(cls, row: models.RateCardEntry) -> RateCardEntry:
        return cls(
            id=strawberry.ID(row.id),
            operation=row.operation,
            period=row.period,
            tier=row.tier,
            premium_class=row.premium_class,
            price=_price(row.amount, row.currency),
        )


@strawberry.type(description="The priced rows of one TLD.")
class RateCard:
    tld: str = strawberry.field(description="The TLD.")
    entries: list[RateCardEntry] = strawberry.field(description="Its priced rows.")

    @classmethod
    def of(cls, card: RateCardView) -> RateCard:
        return cls(tld=card.tld, entries=[RateCardEntry.of(row) for row in card.entries])


@strawberry.type(description="A version of the registrant agreement; immutable once created.")
class AgreementVersion(Node):
    version: str = strawberry.field(description="Tenant-unique version label.")
    title: str = strawberry.field(description="Title.")
    body: str = strawberry.field(description="Full text.")
    content_hash: str = strawberry.field(description="SHA-256 of the body, hex.")
    url: str | None = strawberry.field(description="Where the text is published.")
    material_change: bool = strawberry.field(description="Whether accepting it again is required.")
    state: str = strawberry.field(description="draft, published or retired.")
    effective_at: datetime | None = strawberry.field(description="When it takes effect.")
    published_at: datetime | None = strawberry.field(description="When it was published.")
    retired_at: datetime | None = strawberry.field(description="When it was retired.")

    @classmethod
    def of(cls, row: models.AgreementVersion) -> AgreementVersion:
        fields = ("version", "title", "body", "content_hash", "url", "material_change", "state")
        times = ("effective_at", "published_at", "retired_at")
        return cls(id=strawberry.ID(row.id), **{name: getattr(row, name) for name in fields + times})


@strawberry.type(description="Evidence that a domain's registrant accepted an agreement version.")
class Acceptance(Node):
    domain_name: str = strawberry.field(description="The domain.")
    agreement_version_id: strawberry.ID = strawberry.field(description="The version accepted.")
    acceptance_method: str = strawberry.field(description="e.g. api.")
    accepted_at: datetime = strawberry.field(description="When it was accepted.")
    source_ip: str | None = strawberry.field(description="IP address of the accepting request.")
    user_agent: str | None = strawberry.field(description="User agent of the accepting request.")
    content_hash: str = strawberry.field(description="SHA-256 of the accepted text.")
    redemption_fee_disclosure: Money | None = strawberry.field(
        description="Restore fee shown at acceptance (ICANN TLDs only)."
    )
    state: str = strawberry.field(description="active or terminated.")
    terminated_at: datetime | None = strawberry.field(description="When it was terminated.")
    termination_reason: str | None = strawberry.field(description="Why it was terminated.")
    version_effective_at: datetime | None = strawberry.field(description="When the version took effect.")
    reacceptance_required: bool = strawberry.field(description="A material-change version was published since.")

    @classmethod
    def of(cls, record: AcceptanceRecord) -> Acceptance:
        row = record.acceptance
        return cls(
            id=strawberry.ID(row.id),
            domain_name=record.domain_name,
            agreement_version_id=strawberry.ID(row.agreement_version_id),
            acceptance_method=row.acceptance_method,
            accepted_at=row.accepted_at,
            source_ip=row.source_ip,
            user_agent=row.user_agent,
            content_hash=row.content_hash,
            redemption_fee_disclosure=_money(redemption_fee(row)),
            state=row.state,
            terminated_at=row.terminated_at,
            termination_reason=row.termination_reason,
            version_effective_at=record.version_effective_at,
            reacceptance_required=record.reacceptance_required,
        )


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
            redemption_fee_disclosure=_money(view.redemption_fee_disclosure),
            state=view.state,
            version_effective_at=view.version_effective_at,
        )
