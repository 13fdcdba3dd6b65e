"""First-start seeding of the embedded default: a demo tenant bound to the sandbox registry.

Idempotent: each run re-points the `sandbox` binding at the running sandbox (its port and
CA may change) and creates the demo rows only when they are missing.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from sqlmodel import select

from registrar.context import RequestContext, Services
from registrar.epp.wire.xml import FEE, RGP, SECDNS
from registrar.models import (
    Membership,
    OAuthClient,
    RateCardEntry,
    RegistryAccount,
    RegistryBinding,
    Tenant,
    TldAssociation,
    User,
)
from registrar.resolvers.auth.tokens import issue_access_token

DEMO_SLUG = "demo"
DEMO_OWNER_EMAIL = "owner@demo.example"
CLI_CLIENT_ID = "registrar-cli"
SANDBOX_BINDING = "sandbox"
DEMO_TLDS = {"test": "icann_accredited", "example": "non_icann"}
SANDBOX_EXTENSIONS = (SECDNS, RGP, FEE)
STANDARD_PRICES = {
    "register": Decimal("9.9900"),
    "renew": Decimal("11.4900"),
    "transfer_in": Decimal("9.4900"),
}
RESTORE_PRICE = Decimal("79.0000")
PREMIUM_PRICES = {"gold": Decimal("499.0000"), "silver": Decimal("99.0000")}


@dataclass(frozen=True)
class SandboxAccess:
    """Where the embedded sandbox listens and the demo registrar's credentials there."""

    host: str
    port: int
    ca_pem: str
    clid: str
    password: str
    client_cert_pem: str
    client_key_pem: str


@dataclass(frozen=True)
class DemoSeed:
    tenant_id: str
    owner_email: str


async def ensure_demo(services: Services, sandbox: SandboxAccess) -> DemoSeed:
    now = services.clock.now()
    encrypt = services.encryptor.encrypt
    async with services.db.transaction() as session:
        binding = await session.get(RegistryBinding, SANDBOX_BINDING)
        if binding is None:
            binding = RegistryBinding(
                name=SANDBOX_BINDING,
                host=sandbox.host,
                port=sandbox.port,
                inserted_at=now,
                updated_at=now,
            )
        binding.host, binding.port, binding.ca_pem, binding.updated_at = (
            sandbox.host,
            sandbox.port,
            sandbox.ca_pem,
            now,
        )
        # what the sandbox serves and speaks; filled when empty, so an operator's edits stay
        binding.tlds = binding.tlds or list(DEMO_TLDS)
        binding.extensions = binding.extensions or list(SANDBOX_EXTENSIONS)
        session.add(binding)

        await _ensure_cli_client(session, now)
        tenant = (await session.exec(select(Tenant).where(Tenant.slug == DEMO_SLUG))).first()
        if tenant is None:
            tenant = Tenant(name="Demo Registrar", slug=DEMO_SLUG, inserted_at=now, updated_at=now)
            # No password: scripts use `registrar demo-token`; a person sets one through
            # the password-reset flow, so no secret is ever printed or logged.
            owner = User(
                email=DEMO_OWNER_EMAIL,
                email_verified_at=now,
                inserted_at=now,
                updated_at=now,
            )
            session.add_all([tenant, owner])
            await session.flush()
            session.add(
                Membership(
                    tenant_id=tenant.id,
                    user_id=owner.id,
                    role="owner",
                    inserted_at=now,
                    updated_at=now,
                )
            )
            account = RegistryAccount(
                tenant_id=tenant.id,
                registry_binding=SANDBOX_BINDING,
                name="primary",
                clid=sandbox.clid,
                password_encrypted=encrypt(sandbox.password),
                is_default=True,
                inserted_at=now,
                updated_at=now,
            )
            session.add(account)
            await session.flush()
            for tld, accreditation in DEMO_TLDS.items():
                session.add(
                    TldAssociation(
                        tenant_id=tenant.id,
                        tld=tld,
                        registry_binding=SANDBOX_BINDING,
                        registry_account_id=account.id,
                        accreditation_type=accreditation,
                        inserted_at=now,
                        updated_at=now,
                    )
                )
                session.add_all(_rate_card(tenant.id, tld, now))
        account = (
            await session.exec(
                select(RegistryAccount).where(
                    RegistryAccount.tenant_id == tenant.id,
                    RegistryAccount.registry_binding == SANDBOX_BINDING,
                    RegistryAccount.clid == sandbox.clid,
                )
            )
        ).first()
        if account is not None:  # the sandbox's client certificate may have been regenerated
            account.cert_pem_encrypted = encrypt(sandbox.client_cert_pem)
            account.key_pem_encrypted = encrypt(sandbox.client_key_pem)
            account.password_encrypted = encrypt(sandbox.password)
            session.add(account)
    return DemoSeed(tenant_id=tenant.id, owner_email=DEMO_OWNER_EMAIL)


async def _ensure_cli_client(session, now) -> None:
    existing = (await session.exec(select(OAuthClient).where(OAuthClient.client_id == CLI_CLIENT_ID))).first()
    if existing is None:
        session.add(
            OAuthClient(
                client_id=CLI_CLIENT_ID,
                name="registrar command line",
                client_type="public",
                allowed_flows=[],
                allowed_scopes=["read", "write"],
                inserted_at=now,
                updated_at=now,
            )
        )


def _rate_card(tenant_id: str, tld: str, now) -> list[RateCardEntry]:
    rows = [
        RateCardEntry(
            tenant_id=tenant_id,
            tld=tld,
            operation=operation,
            period=period,
            amount=price * period,
            inserted_at=now,
            updated_at=now,
        )
        for operation, price in STANDARD_PRICES.items()
        for period in range(1, 11)
    ]
    rows.append(
        RateCardEntry(
            tenant_id=tenant_id,
            tld=tld,
            operation="restore",
            period=None,
            amount=RESTORE_PRICE,
            inserted_at=now,
            updated_at=now,
        )
    )
    rows.extend(
        RateCardEntry(
            tenant_id=tenant_id,
            tld=tld,
            operation="register",
            period=1,
            tier="premium",
            premium_class=premium_class,
            amount=price,
            inserted_at=now,
            updated_at=now,
        )
        for premium_class, price in PREMIUM_PRICES.items()
    )
    return rows


async def mint_demo_token(services: Services, scope: str = "read write", ttl_seconds: int = 86_400) -> str:
    """A bearer token for the demo tenant's owner (what `registrar demo-token` prints)."""

    async with services.db.transaction() as session:
        row = (
            await session.exec(
                select(Tenant, User)
                .join(Membership, Membership.tenant_id == Tenant.id)
                .join(User, User.id == Membership.user_id)
                .where(Tenant.slug == DEMO_SLUG, Membership.role == "owner")
            )
        ).first()
        client = (await session.exec(select(OAuthClient).where(OAuthClient.client_id == CLI_CLIENT_ID))).first()
        if row is None or client is None:
            raise LookupError("no demo tenant yet: start the server once with `make run`")
        tenant, owner = row
        minted = await issue_access_token(
            session,
            RequestContext(services=services),
            client=client,
            user_id=owner.id,
            tenant_id=tenant.id,
            scope=scope,
            ttl_seconds=ttl_seconds,
        )
    return minted.token
