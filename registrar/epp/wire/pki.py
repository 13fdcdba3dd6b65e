"""A development PKI for EPP over mTLS: a CA, a server certificate and client certificates.

Everything is returned as PEM bytes. Used by tests, the sandbox registry and the embedded
default; never meant for a production registry (those issue their own certificates).
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID


@dataclass(frozen=True)
class CertifiedKey:
    """A certificate and its private key, both PEM."""

    cert_pem: bytes
    key_pem: bytes = field(repr=False)


def generate_ca(common_name: str = "Registrar Dev EPP CA", days: int = 3650) -> CertifiedKey:
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])
    now = datetime.now(UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(minutes=5))
        .not_valid_after(now + timedelta(days=days))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=True,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256())
    )
    return _pem(cert, key)


def issue_server_cert(
    ca: CertifiedKey,
    hostnames: tuple[str, ...] = ("localhost",),
    ips: tuple[str, ...] = ("127.0.0.1", "::1"),
    days: int = 825,
) -> CertifiedKey:
    """A TLS server certificate for the sandbox, valid for `hostnames` and `ips`."""
    names: list[x509.GeneralName] = [x509.DNSName(host) for host in hostnames]
    names += [x509.IPAddress(ipaddress.ip_address(ip)) for ip in ips]
    return _issue(ca, hostnames[0], ExtendedKeyUsageOID.SERVER_AUTH, days, names)


def issue_client_cert(ca: CertifiedKey, common_name: str, days: int = 825) -> CertifiedKey:
    """A TLS client certificate for one registrar's EPP login."""
    return _issue(ca, common_name, ExtendedKeyUsageOID.CLIENT_AUTH, days, [])


def _issue(
    ca: CertifiedKey,
    common_name: str,
    usage: x509.ObjectIdentifier,
    days: int,
    alt_names: list[x509.GeneralName],
) -> CertifiedKey:
    ca_cert = x509.load_pem_x509_certificate(ca.cert_pem)
    ca_key = serialization.load_pem_private_key(ca.key_pem, password=None)
    if not isinstance(ca_key, ec.EllipticCurvePrivateKey):
        raise TypeError("the dev CA key must be an EC key")
    key = ec.generate_private_key(ec.SECP256R1())
    now = datetime.now(UTC)
    builder = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)]))
        .issuer_name(ca_cert.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(minutes=5))
        .not_valid_after(now + timedelta(days=days))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(x509.ExtendedKeyUsage([usage]), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()),
            critical=False,
        )
    )
    if alt_names:
        builder = builder.add_extension(x509.SubjectAlternativeName(alt_names), critical=False)
    return _pem(builder.sign(ca_key, hashes.SHA256()), key)


def _pem(cert: x509.Certificate, key: ec.EllipticCurvePrivateKey) -> CertifiedKey:
    return CertifiedKey(
        cert_pem=cert.public_bytes(serialization.Encoding.PEM),
        key_pem=key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        ),
    )


def subject_common_name(cert_der: bytes) -> str | None:
    """The subject CN of a DER certificate (what a TLS peer presented), or None."""
    cert = x509.load_der_x509_certificate(cert_der)
    names = cert.subject.get_attributes_for_oid(NameOID.COMMON_NAME)
    if not names:
        return None
    value = names[0].value
    return value if isinstance(value, str) else value.decode("utf-8", "replace")
