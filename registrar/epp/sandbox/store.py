"""The sandbox registry's objects (domains, hosts, contacts) and their seeded starting state.

Plain in-memory dataclasses keyed by lower-cased name or handle. `seed()` builds the fixed
starting world: names sponsored by another registrar (so transfers can be tested), reserved
names, external name servers and a few contacts. `Store.reset()` returns to it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal

from registrar.epp.objects import Disclose, DsData, PostalInfo
from registrar.epp.wire.xml import Element

OTHER_REGISTRAR = "OtherRegistrar"
TLDS = ("test", "example")
RESERVED = frozenset({"nic.test", "reserved.test", "registry.test", "nic.example"})
SUPPORTED_IDN_TABLES = frozenset({"de", "es", "fr", "pl", "latn", "ja", "zh"})

_LABEL = re.compile(r"^(?!-)[a-z0-9-]{1,63}(?<!-)$")


@dataclass
class Contact:
    handle: str
    roid: str
    sponsor: str
    creator: str
    created_at: datetime
    email: str
    auth_info: str = field(repr=False)
    postal_info: list[PostalInfo] = field(default_factory=list)
    voice: str | None = None
    voice_ext: str | None = None
    fax: str | None = None
    fax_ext: str | None = None
    disclose: Disclose | None = None
    statuses: set[str] = field(default_factory=set)
    updater: str | None = None
    updated_at: datetime | None = None
    transferred_at: datetime | None = None


@dataclass
class Host:
    name: str
    roid: str
    sponsor: str
    creator: str
    created_at: datetime
    addresses: list[str] = field(default_factory=list)
    statuses: set[str] = field(default_factory=set)
    updater: str | None = None
    updated_at: datetime | None = None
    transferred_at: datetime | None = None


@dataclass
class Transfer:
    """A domain transfer (RFC 5731 §3.2.4): pending until acted on or auto-approved."""

    status: str
    gaining: str
    losing: str
    requested_at: datetime
    act_by: datetime
    period_years: int
    acted_at: datetime | None = None


@dataclass
class Domain:
    name: str
    roid: str
    sponsor: str
    creator: str
    created_at: datetime
    expires_at: datetime
    registrant: str
    auth_info: str = field(repr=False)
    contacts: list[tuple[str, str]] = field(default_factory=list)
    nameservers: list[str] = field(default_factory=list)
    statuses: set[str] = field(default_factory=set)
    ds_data: list[DsData] = field(default_factory=list)
    max_sig_life: int | None = None
    idn_table: str | None = None
    rgp_statuses: set[str] = field(default_factory=set)
    deleted_at: datetime | None = None
    """When a delete put the domain into its redemption period (rgp-1.0)."""
    restore_requested_at: datetime | None = None
    transfer: Transfer | None = None
    updater: str | None = None
    updated_at: datetime | None = None
    transferred_at: datetime | None = None


@dataclass
class PollMessage:
    message_id: str
    recipient: str
    queued_at: datetime
    text: str
    payload: Element | None = None
    """The message's `<resData>` content (a transfer's `<domain:trnData>`), if any."""


class Store:
    """Every object the registry holds, plus id counters; `reset()` reseeds it."""

    def __init__(self, now: datetime) -> None:
        self.domains: dict[str, Domain] = {}
        self.hosts: dict[str, Host] = {}
        self.contacts: dict[str, Contact] = {}
        self.poll: list[PollMessage] = []
        self.balances: dict[str, Decimal] = {}
        self.next_roid = 1000
        self.next_message_id = 1
        seed(self, now)

    def reset(self, now: datetime) -> None:
        self.__init__(now)  # type: ignore[misc]

    def roid(self, kind: str) -> str:
        self.next_roid += 1
        return f"{kind}{self.next_roid - 1}-SANDBOX"

    def enqueue(self, recipient: str, now: datetime, text: str, payload: Element | None = None) -> None:
        message_id, self.next_message_id = str(self.next_message_id), self.next_message_id + 1
        self.poll.append(PollMessage(message_id, recipient, now, text, payload))

    def superordinate(self, host_name: str) -> Domain | None:
        """The domain a host name sits under, when this registry holds it."""
        labels = host_name.lower().split(".")
        for start in range(1, len(labels) - 1):
            domain = self.domains.get(".".join(labels[start:]))
            if domain is not None:
                return domain
        return None

    def linked_hosts(self, domain: Domain) -> list[Host]:
        """Hosts subordinate to `domain`."""
        suffix = "." + domain.name
        return [host for key, host in self.hosts.items() if key.endswith(suffix)]

    def domains_using_host(self, host_name: str) -> list[Domain]:
        key = host_name.lower()
        return [d for d in self.domains.values() if key in (n.lower() for n in d.nameservers)]

    def domains_using_contact(self, handle: str) -> list[Domain]:
        key = handle.lower()
        return [
            d
            for d in self.domains.values()
            if d.registrant.lower() == key or any(h.lower() == key for _, h in d.contacts)
        ]


def is_valid_name(name: str) -> bool:
    """LDH syntax: at least two labels, each 1-63 characters, 253 in total."""
    if not name or len(name) > 253 or not name.isascii():
        return False
    labels = name.lower().split(".")
    return len(labels) >= 2 and all(_LABEL.match(label) for label in labels)


def add_years(moment: datetime, years: int) -> datetime:
    """`moment` plus whole calendar years; 29 February becomes 28 February."""
    try:
        return moment.replace(year=moment.year + years)
    except ValueError:
        return moment.replace(year=moment.year + years, day=28)


def served_tld(name: str) -> bool:
    return name.lower().rsplit(".", 1)[-1] in TLDS


def seed(store: Store, now: datetime) -> None:
    """The starting world every test can rely on."""
    created = now - timedelta(days=400)
    for handle in ("OTHER-1", "OTHER-2"):
        store.contacts[handle.lower()] = Contact(
            handle=handle,
            roid=store.roid("C"),
            sponsor=OTHER_REGISTRAR,
            creator=OTHER_REGISTRAR,
            created_at=created,
            email="hostmaster@other-registrar.example",
            auth_info="contact-auth-1",
            postal_info=[
                PostalInfo(
                    name="Other Holder",
                    street=("1 Main St",),
                    city="Springfield",
                    pc="12345",
                    cc="US",
                )
            ],
        )
    for host_name, addresses in (
        ("ns1.dns-provider.example", ["192.0.2.1"]),
        ("ns2.dns-provider.example", ["192.0.2.2", "2001:db8::2"]),
    ):
        store.hosts[host_name] = Host(host_name, store.roid("H"), OTHER_REGISTRAR, OTHER_REGISTRAR, created, addresses)
    for name, auth in (
        ("taken.test", "secret-taken-1"),
        ("transfer-me.test", "secret-transfer-1"),
        ("dns-provider.example", "secret-provider-1"),
    ):
        store.domains[name] = Domain(
            name=name,
            roid=store.roid("D"),
            sponsor=OTHER_REGISTRAR,
            creator=OTHER_REGISTRAR,
            created_at=created,
            expires_at=created + timedelta(days=365 * 2),
            registrant="OTHER-1",
            auth_info=auth,
            contacts=[("admin", "OTHER-2"), ("tech", "OTHER-2")],
            nameservers=["ns1.dns-provider.example", "ns2.dns-provider.example"],
        )
