"""The client TLS certificate of a registry account (EPP mTLS).

Both PEMs are parsed with `cryptography`, the key must match the certificate, and both are
stored encrypted at rest. The private key is write-only: reads return parsed metadata and
the public certificate. The legacy `tld_associations/:id/certificate` paths resolve the
association's bound account and then behave exactly like the account paths.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from sqlmodel.ext.asyncio.session import AsyncSession

from registrar.context import RequestContext
from registrar.errors import CommonError, RegistrarError
from registrar.models import RegistryAccount, TldAssociation
from registrar.resolvers.auth.guard import TenantAccess
from registrar.resolvers.registry.accounts import find_registry_account
from registrar.resolvers.registry.errors import RegistryError

MAX_PEM_LENGTH = 65_536


@dataclass(frozen=True)
class CertificateView:
    """What may be shown of an account's certificate: never the private key."""

    registry_account_id: str
    cert_pem: str
    fingerprint_sha256: str
    issuer: str
    subject: str
    serial_number: str
    not_before: datetime
    not_after: datetime
    public_key_algorithm: str
    key_size: int
    signature_algorithm: str
    rotated_at: datetime | None


def _public_key_algorithm(key: object) -> str:
    if isinstance(key, rsa.RSAPublicKey):
        return "RSA"
    if isinstance(key, ec.EllipticCurvePublicKey):
        return "EC"
    raise RegistrarError(
        RegistryError.INVALID_PEM, detail={"field": "cert_pem", "reason": "only RSA and EC keys are supported"}
    )


def describe(account: RegistryAccount, cert_pem: str) -> CertificateView:
    cert = x509.load_pem_x509_certificate(cert_pem.encode())
    key = cert.public_key()
    algorithm = _public_key_algorithm(key)
    oid = cert.signature_algorithm_oid
    return CertificateView(
        registry_account_id=account.id,
        cert_pem=cert_pem,
        fingerprint_sha256=cert.fingerprint(hashes.SHA256()).hex(),
        issuer=cert.issuer.rfc4514_string(),
        subject=cert.subject.rfc4514_string(),
        serial_number=format(cert.serial_number, "x"),
        not_before=cert.not_valid_before_utc,
        not_after=cert.not_valid_after_utc,
        public_key_algorithm=algorithm,
        key_size=key.key_size,  # type: ignore[union-attr]  # RSA or EC, checked above
        signature_algorithm=getattr(oid, "_name", oid.dotted_string),
        rotated_at=account.rotated_at,
    )


def _required(value: object, field: str, missing: RegistryError) -> str:
    if not isinstance(value, str) or not value.strip():
        raise RegistrarError(missing)
    if len(value) > MAX_PEM_LENGTH:
        raise RegistrarError(RegistryError.INVALID_PEM, detail={"field": field, "reason": "too long"})
    return value.strip() + "\n"


def parse_pair(cert_pem: object, key_pem: object) -> tuple[str, str]:
    """Validated (certificate, key) PEM texts.

    Errors: cert_pem_required, key_pem_required, invalid_pem (with `detail.field`),
    key_mismatch.
    """
    cert_text = _required(cert_pem, "cert_pem", RegistryError.CERT_PEM_REQUIRED)
    key_text = _required(key_pem, "key_pem", RegistryError.KEY_PEM_REQUIRED)
    try:
        cert = x509.load_pem_x509_certificate(cert_text.encode())
    except ValueError as exc:
        raise RegistrarError(RegistryError.INVALID_PEM, detail={"field": "cert_pem"}) from exc
    _public_key_algorithm(cert.public_key())
    try:
        key = serialization.load_pem_private_key(key_text.encode(), password=None)
    except (ValueError, TypeError) as exc:  # TypeError: the key is password-protected
        raise RegistrarError(RegistryError.INVALID_PEM, detail={"field": "key_pem"}) from exc
    if not isinstance(key, rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey):
        raise RegistrarError(
            RegistryError.INVALID_PEM,
            detail={"field": "key_pem", "reason": "only RSA and EC keys are supported"},
        )
    spki = serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    if key.public_key().public_bytes(*spki) != cert.public_key().public_bytes(*spki):
        raise RegistrarError(RegistryError.KEY_MISMATCH)
    return cert_text, key_text


@dataclass(frozen=True)
class CertificateTarget:
    """A certificate path names an account, or (legacy) a TLD association bound to one."""

    account_id: str | None = None
    association_id: str | None = None


async def _load_account(session: AsyncSession, access: TenantAccess, target: CertificateTarget) -> RegistryAccount:
    """Errors: not_found (unknown or foreign account or association, or an unbound one)."""
    account_id = target.account_id
    if target.association_id is not None:
        association = await session.get(TldAssociation, target.association_id)
        if association is None or association.tenant_id != access.tenant_id:
            raise RegistrarError(CommonError.NOT_FOUND)
        account_id = association.registry_account_id
    if account_id is None:
        raise RegistrarError(CommonError.NOT_FOUND)
    return await find_registry_account(session, access, account_id)


async def get_certificate(ctx: RequestContext, access: TenantAccess, target: CertificateTarget) -> CertificateView:
    """Errors: insufficient_scope; not_found (no such account, or no certificate)."""
    access.require_scope("read")
    async with ctx.db.read() as session:
        account = await _load_account(session, access, target)
    if account.cert_pem_encrypted is None:
        raise RegistrarError(CommonError.NOT_FOUND)
    return describe(account, ctx.services.encryptor.decrypt(account.cert_pem_encrypted))


async def put_certificate(
    ctx: RequestContext,
    access: TenantAccess,
    target: CertificateTarget,
    cert_pem: object,
    key_pem: object,
) -> CertificateView:
    """Upload or rotate the account's certificate and key (owner or admin).

    Errors: insufficient_scope; forbidden; not_found; cert_pem_required; key_pem_required;
    invalid_pem; key_mismatch.
    """
    access.require_scope("write")
    access.require_role("admin")
    async with ctx.db.read() as session:
        await _load_account(session, access, target)
    cert_text, key_text = parse_pair(cert_pem, key_pem)
    encrypt = ctx.services.encryptor.encrypt
    now = ctx.clock.now()
    async with ctx.db.transaction() as session:
        account = await _load_account(session, access, target)
        account.cert_pem_encrypted = encrypt(cert_text)
        account.key_pem_encrypted = encrypt(key_text)
        account.rotated_at = account.updated_at = now
        session.add(account)
    return describe(account, cert_text)


async def delete_certificate(ctx: RequestContext, access: TenantAccess, target: CertificateTarget) -> None:
    """Remove the certificate and key (owner or admin); idempotent.

    Errors: insufficient_scope; forbidden; not_found (no such account).
    """
    access.require_scope("write")
    access.require_role("admin")
    async with ctx.db.transaction() as session:
        account = await _load_account(session, access, target)
        if account.cert_pem_encrypted is None and account.key_pem_encrypted is None:
            return
        account.cert_pem_encrypted = account.key_pem_encrypted = None
        account.updated_at = ctx.clock.now()
        session.add(account)
