"""Typed values the EPP layer takes and returns: requests in, registry facts out.

All datetimes are timezone-aware UTC. Secrets (authInfo, passwords) are excluded from `repr`,
so logging one of these objects never leaks them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

CONTACT_TYPES = ("admin", "tech", "billing")
DOMAIN_CLIENT_STATUSES = frozenset(
    {
        "clientDeleteProhibited",
        "clientHold",
        "clientRenewProhibited",
        "clientTransferProhibited",
        "clientUpdateProhibited",
    }
)
HOST_CLIENT_STATUSES = frozenset({"clientDeleteProhibited", "clientUpdateProhibited"})
CONTACT_CLIENT_STATUSES = frozenset({"clientDeleteProhibited", "clientTransferProhibited", "clientUpdateProhibited"})
"""The statuses a registrar may add or remove (RFC 5731-5733 §2.3); the rest are the registry's."""


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
class KeyData:
    """A secDNS-1.1 DNSKEY record (the keyData interface, RFC 5910 §4.2)."""

    flags: int
    protocol: int
    alg: int
    pub_key: str


@dataclass(frozen=True)
class HostAddress:
    """One `<host:addr>` (or `<domain:hostAddr>`): the address text as the registry wrote it
    and its IP version from the `ip` attribute (RFC 5732: "v4" unless it says "v6")."""

    address: str
    version: int = 4


@dataclass(frozen=True)
class HostAttribute:
    """A name server given as `<domain:hostAttr>` (RFC 5731 §1.1): its name and glue."""

    name: str
    addresses: tuple[HostAddress, ...] = ()


@dataclass(frozen=True)
class DomainInfo:
    """A domain as the registry reports it in `<domain:infData>`.

    `nameservers` names every name server, whether a host object or a `hostAttr`;
    `host_attributes` adds the glue of those given as `hostAttr`. `ds_data` and `key_data`
    are the two secDNS-1.1 interfaces (a registry uses one of them).
    """

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
    host_attributes: tuple[HostAttribute, ...] = ()
    key_data: tuple[KeyData, ...] = ()


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
class ObjectStatus:
    """A status to add, with the optional human-readable reason EPP lets it carry."""

    value: str
    text: str | None = None


@dataclass(frozen=True)
class DomainUpdateRequest:
    """Everything a `<domain:update>` can change (RFC 5731 §3.2.5, secDNS-1.1 §5.2.5).

    Contacts are (type, handle) pairs; `ds_rem_all` removes every DS record (it excludes
    `ds_rem`); `registrant`, `auth_info` and `max_sig_life` are changed when not None.
    """

    name: str
    add_nameservers: tuple[str, ...] = ()
    rem_nameservers: tuple[str, ...] = ()
    add_statuses: tuple[ObjectStatus, ...] = ()
    rem_statuses: tuple[str, ...] = ()
    add_contacts: tuple[tuple[str, str], ...] = ()
    rem_contacts: tuple[tuple[str, str], ...] = ()
    registrant: str | None = None
    auth_info: str | None = field(default=None, repr=False)
    ds_add: tuple[DsData, ...] = ()
    ds_rem: tuple[DsData, ...] = ()
    ds_rem_all: bool = False
    max_sig_life: int | None = None

    @property
    def changes_secdns(self) -> bool:
        return bool(self.ds_add or self.ds_rem or self.ds_rem_all or self.max_sig_life is not None)

    @property
    def is_empty(self) -> bool:
        """Nothing to change: such an update is never sent."""
        return not (
            self.add_nameservers
            or self.rem_nameservers
            or self.add_statuses
            or self.rem_statuses
            or self.add_contacts
            or self.rem_contacts
            or self.registrant is not None
            or self.auth_info is not None
            or self.changes_secdns
        )


@dataclass(frozen=True)
class RestoreReport:
    """The rgp-1.0 restore report (RFC 3915 §4.2.5): what the registrar attests to."""

    pre_data: str
    post_data: str
    deleted_at: datetime
    restored_at: datetime
    reason: str
    statements: tuple[str, ...]
    """One or two statements (the RFC's "not restored for a third party" and "accurate")."""
    other: str | None = None


@dataclass(frozen=True)
class DomainCreated:
    """What a create told us. `pending` (with dates None unless a follow-up `info` read them):
    the registry accepted the create but has not completed it (1001, as the .dk registry
    answers) or answered without `<domain:creData>` and no `info` could confirm the dates;
    the outcome then comes as a poll message (`PendingAction`) or a later `info`."""

    name: str
    created_at: datetime | None
    expires_at: datetime | None
    pending: bool = False


@dataclass(frozen=True)
class PostalInfo:
    """`<contact:postalInfo>`; `type` is "int" (ASCII) or "loc" (localized).

    `city` and `cc` are None only in what a registry reports without an `<addr>` (some hide
    it from info answers); a request always carries them.
    """

    name: str
    city: str | None
    cc: str | None
    type: str = "int"
    org: str | None = None
    street: tuple[str, ...] = ()
    sp: str | None = None
    pc: str | None = None

    @property
    def has_address(self) -> bool:
        return self.city is not None and self.cc is not None


@dataclass(frozen=True)
class Disclose:
    """`<contact:disclose flag>`: the fields the flag applies to (RFC 5733 §2.9).

    `name`, `org` and `addr` list the postalInfo types ("int", "loc") they apply to.
    """

    flag: bool
    name: tuple[str, ...] = ()
    org: tuple[str, ...] = ()
    addr: tuple[str, ...] = ()
    voice: bool = False
    fax: bool = False
    email: bool = False

    @property
    def is_empty(self) -> bool:
        return not (self.name or self.org or self.addr or self.voice or self.fax or self.email)


@dataclass(frozen=True)
class ContactCreateRequest:
    """Everything a `<contact:create>` carries (RFC 5733 §3.2.1)."""

    handle: str
    postal_info: tuple[PostalInfo, ...]
    email: str
    auth_info: str = field(repr=False)
    voice: str | None = None
    fax: str | None = None
    disclose: Disclose | None = None


@dataclass(frozen=True)
class ContactUpdateRequest:
    """Everything a `<contact:update>` can change (RFC 5733 §3.2.5).

    A postalInfo given replaces the one of its type; None leaves a field as it is, and an
    empty `voice` or `fax` removes the number.
    """

    handle: str
    add_statuses: tuple[ObjectStatus, ...] = ()
    rem_statuses: tuple[str, ...] = ()
    postal_info: tuple[PostalInfo, ...] = ()
    voice: str | None = None
    fax: str | None = None
    email: str | None = None
    auth_info: str | None = field(default=None, repr=False)
    disclose: Disclose | None = None

    @property
    def changes(self) -> bool:
        """Whether a `<contact:chg>` is needed."""
        return bool(self.postal_info) or any(
            value is not None for value in (self.voice, self.fax, self.email, self.auth_info, self.disclose)
        )

    @property
    def is_empty(self) -> bool:
        return not (self.add_statuses or self.rem_statuses or self.changes)


@dataclass(frozen=True)
class ContactInfo:
    """A contact as the registry reports it in `<contact:infData>`."""

    handle: str
    roid: str | None
    statuses: tuple[str, ...]
    postal_info: tuple[PostalInfo, ...]
    email: str
    sponsor: str | None
    creator: str | None
    created_at: datetime | None
    voice: str | None = None
    fax: str | None = None
    updater: str | None = None
    updated_at: datetime | None = None
    transferred_at: datetime | None = None
    auth_info: str | None = field(default=None, repr=False)
    disclose: Disclose | None = None


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
    """The address texts; `ip_addresses` has them with their IP version."""
    sponsor: str | None
    creator: str | None
    created_at: datetime | None
    updater: str | None = None
    updated_at: datetime | None = None
    transferred_at: datetime | None = None
    ip_addresses: tuple[HostAddress, ...] = ()


@dataclass(frozen=True)
class ContactAvailability:
    handle: str
    available: bool
    reason: str | None = None


@dataclass(frozen=True)
class DomainRenewed:
    """What a renew told us; `pending` as for `DomainCreated` (the .dk registry answers a
    renew with 1000 and no `<domain:renData>`: the new expiry then comes from `info`)."""

    name: str
    expires_at: datetime | None
    pending: bool = False


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
class LowBalance:
    """A low-balance notice: the account's balance fell below the registry's threshold."""

    balance: str
    threshold: str
    currency: str


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
    low_balance: LowBalance | None = None
