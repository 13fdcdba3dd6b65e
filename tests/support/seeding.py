"""Bulk rows for tests that need many domains (no registry round trips)."""

from __future__ import annotations

from datetime import timedelta

from sqlmodel import select

from registrar.context import Services
from registrar.models import Contact, Domain, DomainEvent, DomainNameserver, Host, RegistryAccount
from registrar.models.base import new_id


async def seed_domains(services: Services, tenant_id: str, count: int, *, prefix: str = "bulk") -> None:
    now = services.clock.now()
    async with services.db.transaction() as session:
        account = (await session.exec(select(RegistryAccount).where(RegistryAccount.tenant_id == tenant_id))).first()
        contact = Contact(
            tenant_id=tenant_id,
            handle=f"{prefix}-holder",
            epp_id=new_id()[:16],
            name="Bulk Holder",
            email="bulk@example.net",
            phone="+14155550123",
            street=["1 Main St"],
            city="SF",
            country_code="US",
            inserted_at=now,
            updated_at=now,
        )
        hosts = [
            Host(
                tenant_id=tenant_id,
                name=f"ns{i}.{prefix}-dns.net",
                addresses=[],
                inserted_at=now,
                updated_at=now,
            )
            for i in (1, 2)
        ]
        session.add_all([contact, *hosts])
        await session.flush()
        for index in range(count):
            domain = Domain(
                tenant_id=tenant_id,
                name=f"{prefix}-{index:06d}.test",
                unicode_name=f"{prefix}-{index:06d}.test",
                tld="test",
                registrant_contact_id=contact.id,
                admin_contact_id=contact.id,
                registry_account_id=account.id,
                registered_at=now,
                expires_at=now + timedelta(days=365),
                inserted_at=now,
                updated_at=now,
            )
            session.add(domain)
            await session.flush()
            session.add_all(
                [DomainNameserver(domain_id=domain.id, host_id=host.id, position=i) for i, host in enumerate(hosts)]
            )
            session.add(
                DomainEvent(
                    tenant_id=tenant_id,
                    domain_id=domain.id,
                    event_type="registered",
                    actor_type="system",
                    payload={},
                    inserted_at=now,
                )
            )
