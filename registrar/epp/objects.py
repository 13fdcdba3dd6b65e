"""Typed values the EPP layer takes and returns: requests in, registry facts out.

All datetimes are timezone-aware UTC. Secrets (authInfo, passwords) are excluded from `repr`,
so logging one of these objects never leaks them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal


@dataclass(frozen=True)
class Greeting:
    """What the server offers (RFC 5730 §2.4)."""

    server_id: str
    server_date: datetime | None
    versions: tuple[str, ...]
    languages: tuple[str, ...]
    object_uris: tuple[str, ...]
    extension_uris: tuple[str, ...]


@dataclass(frozen=True)
class FeeQuote:
    """One fee-1.0 price for one command on one name."""

    command: str
    period_years: int | None
    amount: str
    """Exact decimal string as the registry stated it (summed over its `<fee>` parts)."""
    currency: str
    fee_class: str | None = None
    premium: bool = False
    available: bool = True
    reason: str | None = None

    @property
    def value(self) -> Decimal:
        return Decimal(self.amount)


@dataclass(frozen=True)
class DomainAvailability:
    """One `<domain:cd>` of a check, with its fee-1.0 quotes when asked for."""

    name: str
    available: bool
    reason: str | None = None
    fees: tuple[FeeQuote, ...] = ()


@dataclass(frozen=True)
class DsData:
    """A secDNS-1.1 delegation signer record."""

    key_tag: int
    alg: int
    digest_type: int
    digest: str


@dataclass(frozen=True)
class DomainInfo:
    """A domain as the registry reports it in `<domain:infData>`."""

    name: str
    roid: str | None
    statuses: tuple[str, ...]
    registrant: str | None
    contacts: dict[str, tuple[str, ...]]
    nameservers: tuple[str, ...]
    hosts: tuple[str, ...]
    sponsor: str | None
    creator: str | None
    created_at: datetime | None
    updater: str | None
    updated_at: datetime | None
    expires_at: datetime | None
    transferred_at: datetime | None
    auth_info: str | None = field(default=None, repr=False)
    ds_data: tuple[DsData, ...] = ()
    max_sig_life: int | None = None
    rgp_statuses: tuple[str, ...] = ()


@dataclass(frozen=True)
class DomainCreateRequest:
    """Everything a `<domain:create>` carries (RFC 5731 §3.2.1, secDNS-1.1, idn-1.0, fee-1.0)."""

    name: str
    registrant: str
    auth_info: str = field(repr=False)
    period_years: int = 1
    nameservers: tuple[str, ...] = ()
    admin: tuple[str, ...] = ()
    tech: tuple[str, ...] = ()
    billing: tuple[str, ...] = ()
    ds_data: tuple[DsData, ...] = ()
    max_sig_life: int | None = None
    idn_language: str | None = None
    fee_amount: str | None = None
    fee_currency: str | None = None


@dataclass(frozen=True)
class DomainCreated:
    name: str
    created_at: datetime
    expires_at: datetime | None


@dataclass(frozen=True)
class PostalInfo:
    """`<contact:postalInfo>`; `type` is "int" (ASCII) or "loc" (localized)."""

    name: str
    city: str
    cc: str
    type: str = "int"
    org: str | None = None
    street: tuple[str, ...] = ()
    sp: str | None = None
    pc: str | None = None


@dataclass(frozen=True)
class ContactCreateRequest:
    """Everything a `<contact:create>` carries (RFC 5733 §3.2.1)."""

    handle: str
    postal_info: tuple[PostalInfo, ...]
    email: str
    auth_info: str = field(repr=False)
    voice: str | None = None
    fax: str | None = None


@dataclass(frozen=True)
class ContactCreated:
    handle: str
    created_at: datetime


@dataclass(frozen=True)
class HostAvailability:
    name: str
    available: bool
    reason: str | None = None


@dataclass(frozen=True)
class HostInfo:
    """A host as the registry reports it in `<host:infData>`."""

    name: str
    roid: str | None
    statuses: tuple[str, ...]
    addresses: tuple[str, ...]
    sponsor: str | None
    creator: str | None
    created_at: datetime | None
    updater: str | None = None
    updated_at: datetime | None = None
    transferred_at: datetime | None = None


@dataclass(frozen=True)
class ContactAvailability:
    handle: str
    available: bool
    reason: str | None = None


@dataclass(frozen=True)
class DomainRenewed:
    name: str
    expires_at: datetime | None


@dataclass(frozen=True)
class TransferStatus:
    """`<domain:trnData>`: a transfer's state (pending, clientApproved, serverApproved, …)."""

    name: str
    status: str
    requested_by: str
    requested_at: datetime | None
    act_by: str
    act_by_date: datetime | None
    expires_at: datetime | None = None


@dataclass(frozen=True)
class PendingAction:
    """`<domain:panData>`: the outcome of an earlier command that answered 1001."""

    name: str
    succeeded: bool
    cltrid: str | None
    svtrid: str | None
    acted_at: datetime | None


@dataclass(frozen=True)
class PollMessage:
    """One queued service message; `kind` is "transfer", "pending_action",
    "low_balance" or "other"."""

    message_id: str
    remaining: int
    queued_at: datetime | None
    text: str
    kind: str
    transfer: TransferStatus | None = None
    pending_action: PendingAction | None = None
