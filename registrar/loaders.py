"""Per-request dataloaders: one `IN` query per batch, results in key order, tenant-filtered.

Keys carry the tenant id, so a loader can never hand one tenant's row to another even if a
caller passes a foreign id. Each batch opens its own short read session: concurrent sibling
GraphQL fields never share an `AsyncSession`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from aiodataloader import DataLoader
from sqlalchemy import func
from sqlalchemy.orm import aliased
from sqlmodel import col, select

from registrar.db import Database
from registrar.models import (
    Acceptance,
    AgreementVersion,
    Contact,
    DomainEvent,
    DomainNameserver,
    Host,
    RateCardEntry,
    RegistryAccount,
    TldAssociation,
)

TenantKey = tuple[str, str]
AcceptanceWithVersion = tuple[Acceptance, AgreementVersion]


def _group_by_tenant(keys: Sequence[TenantKey]) -> dict[str, set[str]]:
    grouped: dict[str, set[str]] = defaultdict(set)
    for tenant_id, value in keys:
        grouped[tenant_id].add(value)
    return grouped


class _TenantRowLoader(DataLoader):
    """Loads rows of `model` by (tenant_id, `column`) keys; `None` for misses."""

    model: Any
    column: str

    def __init__(self, db: Database) -> None:
        super().__init__()
        self.db = db

    async def batch_load_fn(self, keys: Sequence[TenantKey]) -> list[Any]:
        found: dict[TenantKey, Any] = {}
        column = getattr(self.model, self.column)
        async with self.db.read() as session:
            for tenant_id, values in _group_by_tenant(keys).items():
                rows = await session.exec(
                    select(self.model).where(self.model.tenant_id == tenant_id, column.in_(values))
                )
                for row in rows.all():
                    found[(tenant_id, getattr(row, self.column))] = row
        return [found.get(key) for key in keys]


class ContactByIdLoader(_TenantRowLoader):
    model = Contact
    column = "id"


class RegistryAccountByIdLoader(_TenantRowLoader):
    model = RegistryAccount
    column = "id"


class TldAssociationByTldLoader(_TenantRowLoader):
    model = TldAssociation
    column = "tld"


class NameserversByDomainIdLoader(DataLoader):
    def __init__(self, db: Database) -> None:
        super().__init__()
        self.db = db

    async def batch_load_fn(self, keys: Sequence[TenantKey]) -> list[list[Host]]:
        found: dict[TenantKey, list[Host]] = defaultdict(list)
        async with self.db.read() as session:
            for tenant_id, domain_ids in _group_by_tenant(keys).items():
                rows = await session.exec(
                    select(DomainNameserver.domain_id, Host)
                    .join(Host, Host.id == DomainNameserver.host_id)
                    .where(Host.tenant_id == tenant_id, col(DomainNameserver.domain_id).in_(domain_ids))
                    .order_by(DomainNameserver.domain_id, DomainNameserver.position)
                )
                for domain_id, host in rows.all():
                    found[(tenant_id, domain_id)].append(host)
        return [found.get(key, []) for key in keys]


class RenewalPriceByTldLoader(DataLoader):
    """The standard one-year renewal price per (tenant, tld), for the auto-renewal disclosure."""

    def __init__(self, db: Database) -> None:
        super().__init__()
        self.db = db

    async def batch_load_fn(self, keys: Sequence[TenantKey]) -> list[RateCardEntry | None]:
        found: dict[TenantKey, RateCardEntry] = {}
        async with self.db.read() as session:
            for tenant_id, tlds in _group_by_tenant(keys).items():
                rows = await session.exec(
                    select(RateCardEntry).where(
                        RateCardEntry.tenant_id == tenant_id,
                        col(RateCardEntry.tld).in_(tlds),
                        RateCardEntry.operation == "renew",
                        RateCardEntry.period == 1,
                        RateCardEntry.tier == "standard",
                    )
                )
                for row in rows.all():
                    found[(tenant_id, row.tld)] = row
        return [found.get(key) for key in keys]


class RecentEventsByDomainIdLoader(DataLoader):
    """The newest `limit` events of each domain, in one windowed query per batch."""

    def __init__(self, db: Database, limit: int) -> None:
        super().__init__()
        self.db = db
        self.limit = limit

    async def batch_load_fn(self, keys: Sequence[TenantKey]) -> list[list[DomainEvent]]:
        found: dict[TenantKey, list[DomainEvent]] = defaultdict(list)
        async with self.db.read() as session:
            for tenant_id, domain_ids in _group_by_tenant(keys).items():
                rank = (
                    func.row_number()
                    .over(
                        partition_by=DomainEvent.domain_id,
                        order_by=(col(DomainEvent.inserted_at).desc(), col(DomainEvent.id).desc()),
                    )
                    .label("rank")
                )
                ranked = (
                    select(DomainEvent, rank)
                    .where(
                        DomainEvent.tenant_id == tenant_id,
                        col(DomainEvent.domain_id).in_(domain_ids),
                    )
                    .subquery()
                )
                event = aliased(DomainEvent, ranked)
                rows = await session.exec(select(event).where(ranked.c.rank <= self.limit).order_by(ranked.c.rank))
                for row in rows.all():
                    found[(tenant_id, row.domain_id)].append(row)
        return [found.get(key, []) for key in keys]


class ActiveAcceptanceByDomainIdLoader(DataLoader):
    """Each domain's active acceptance with its agreement version, or `None`."""

    def __init__(self, db: Database) -> None:
        super().__init__()
        self.db = db

    async def batch_load_fn(self, keys: Sequence[TenantKey]) -> list[AcceptanceWithVersion | None]:
        found: dict[TenantKey, AcceptanceWithVersion] = {}
        async with self.db.read() as session:
            for tenant_id, domain_ids in _group_by_tenant(keys).items():
                rows = await session.exec(
                    select(Acceptance, AgreementVersion)
                    .join(AgreementVersion, AgreementVersion.id == Acceptance.agreement_version_id)
                    .where(
                        Acceptance.tenant_id == tenant_id,
                        col(Acceptance.domain_id).in_(domain_ids),
                        Acceptance.state == "active",
                    )
                )
                for acceptance, version in rows.all():
                    found[(tenant_id, acceptance.domain_id)] = (acceptance, version)
        return [found.get(key) for key in keys]


class LastMaterialPublicationByTenantIdLoader(DataLoader):
    """When each tenant last published a material-change agreement version, or `None`."""

    def __init__(self, db: Database) -> None:
        super().__init__()
        self.db = db

    async def batch_load_fn(self, keys: Sequence[str]) -> list[Any]:
        async with self.db.read() as session:
            rows = await session.exec(
                select(AgreementVersion.tenant_id, func.max(AgreementVersion.published_at))
                .where(
                    col(AgreementVersion.tenant_id).in_(set(keys)),
                    AgreementVersion.material_change.is_(True),
                    col(AgreementVersion.published_at).is_not(None),
                )
                .group_by(AgreementVersion.tenant_id)
            )
            found = dict(rows.all())
        return [found.get(key) for key in keys]


class Loaders:
    """Every loader of one request; built lazily by `RequestContext.loaders`."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self.contact_by_id = ContactByIdLoader(db)
        self.registry_account_by_id = RegistryAccountByIdLoader(db)
        self.tld_association_by_tld = TldAssociationByTldLoader(db)
        self.nameservers_by_domain_id = NameserversByDomainIdLoader(db)
        self.renewal_price_by_tld = RenewalPriceByTldLoader(db)
        self.active_acceptance_by_domain_id = ActiveAcceptanceByDomainIdLoader(db)
        self.last_material_publication_by_tenant_id = LastMaterialPublicationByTenantIdLoader(db)
        self._recent_events: dict[int, RecentEventsByDomainIdLoader] = {}

    def recent_events_by_domain_id(self, limit: int) -> RecentEventsByDomainIdLoader:
        if limit not in self._recent_events:
            self._recent_events[limit] = RecentEventsByDomainIdLoader(self.db, limit)
        return self._recent_events[limit]
