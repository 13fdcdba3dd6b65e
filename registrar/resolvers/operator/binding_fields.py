"""The field rules of a registry binding: each takes the raw value and the request's
`FieldErrors`, adds a message when the value is bad, and returns it normalised."""

from __future__ import annotations

import hashlib
import ipaddress
import re
from collections.abc import Callable
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives import hashes

from registrar.errors import FieldErrors
from registrar.models import RegistryBinding
from registrar.names import InvalidName, normalize_tld
from registrar.resolvers._shared.input_text import check_single_line

BINDING_NAME = re.compile(r"[a-z0-9](?:[a-z0-9_-]{0,62}[a-z0-9])?")
HOST_LABEL = re.compile(r"(?!-)[a-z0-9-]{1,63}(?<!-)")
NAMESPACE_URI = re.compile(r"(?:urn:[a-z0-9][a-z0-9-]{0,31}:|https?://)[!-~]+", re.IGNORECASE)
MAX_PEM_LENGTH = 65_536
MAX_EXTENSIONS = 50
MAX_TLDS = 1_000
HOST_RULE = "must be a DNS host name or an IP address, without scheme, port or path"

BINDING_DEFAULTS: dict[str, Any] = {
    "port": 700,  # IANA's EPP port (RFC 5734)
    "ca_pem": None,
    "extensions": [],
    "names_per_check": 5,
    "max_connections": 2,
    "commands_per_minute": None,
    "tlds": [],
}
AUDITED_FIELDS = ("name", "host", "port", *BINDING_DEFAULTS)


def validated_name(value: object, errors: FieldErrors) -> object:
    if not isinstance(value, str) or not BINDING_NAME.fullmatch(value):
        errors.add(
            "name", "must be 1-64 lower-case letters, digits, hyphens and underscores, starting and ending with one"
        )
    return value


def _host(value: object, errors: FieldErrors) -> object:
    if not isinstance(value, str) or not value.strip() or len(value) > 255:
        errors.add("host", HOST_RULE)
        return value
    text = value.strip().lower()
    try:
        return str(ipaddress.ip_address(text))
    except ValueError:
        pass
    labels = text.removesuffix(".").split(".")
    if not all(HOST_LABEL.fullmatch(label) for label in labels) or labels[-1].isdigit():
        errors.add("host", HOST_RULE)
    return ".".join(labels)


def _integer(field: str, low: int, high: int, *, nullable: bool = False) -> Callable[[object, FieldErrors], object]:
    def rule(value: object, errors: FieldErrors) -> object:
        if value is None and nullable:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            errors.add(field, f"must be an integer from {low} to {high}" + (", or null" if nullable else ""))
        return value

    return rule


def _ca_pem(value: object, errors: FieldErrors) -> object:
    """One or more PEM X.509 certificates (the registry's CA bundle); null or "" clears it."""
    if value is None or value == "":
        return None
    if not isinstance(value, str) or len(value) > MAX_PEM_LENGTH:
        errors.add("ca_pem", f"must be PEM text of at most {MAX_PEM_LENGTH} characters")
        return value
    try:
        x509.load_pem_x509_certificates(value.encode())
    except ValueError:
        errors.add("ca_pem", "must hold one or more PEM X.509 certificates")
        return value
    return value.strip() + "\n"


def _list_of(
    field: str, limit: int, item: Callable[[object], str | None], rule: str
) -> Callable[[object, FieldErrors], object]:
    """A list whose items each normalise through `item` (None: bad); duplicates collapse."""

    def validate(value: object, errors: FieldErrors) -> object:
        if not isinstance(value, list) or len(value) > limit:
            errors.add(field, f"must be a list of at most {limit} items")
            return value
        normalised: list[str] = []
        for entry in value:
            good = item(entry)
            if good is None:
                errors.add(field, f"{str(entry)[:80]!r} {rule}")
            elif good not in normalised:
                normalised.append(good)
        return normalised

    return validate


def _extension_uri(value: object) -> str | None:
    if isinstance(value, str) and len(value) <= 255 and NAMESPACE_URI.fullmatch(value):
        return value
    return None


def tld_label(value: object) -> str | None:
    """A TLD (or a registry suffix such as `co.uk`) as a lower-case A-label; None when invalid."""
    if not isinstance(value, str) or not value.strip() or len(value) > 63 * 2:
        return None
    errors = FieldErrors()
    if not check_single_line(errors, "tld", value):
        return None
    try:
        return normalize_tld(value)
    except InvalidName:
        return None


RULES: dict[str, Callable[[object, FieldErrors], object]] = {
    "host": _host,
    "port": _integer("port", 1, 65_535),
    "ca_pem": _ca_pem,
    "extensions": _list_of("extensions", MAX_EXTENSIONS, _extension_uri, "is not a namespace URI (urn:… or http…)"),
    "names_per_check": _integer("names_per_check", 1, 100),
    "max_connections": _integer("max_connections", 1, 100),
    "commands_per_minute": _integer("commands_per_minute", 1, 100_000, nullable=True),
    "tlds": _list_of("tlds", MAX_TLDS, tld_label, "is not a valid TLD label"),
}


def _fingerprints(ca_pem: str | None) -> list[str] | None:
    """The audit log shows a CA bundle as its certificates' SHA-256 fingerprints (short, and
    enough to tell one bundle from another)."""
    if ca_pem is None:
        return None
    try:
        certificates = x509.load_pem_x509_certificates(ca_pem.encode())
    except ValueError:  # stored before validation existed: show that it changed
        return ["sha256-of-text:" + hashlib.sha256(ca_pem.encode()).hexdigest()]
    return [certificate.fingerprint(hashes.SHA256()).hex() for certificate in certificates]


def audited(binding: RegistryBinding) -> dict[str, Any]:
    """The binding's fields as its audit entries show them."""
    values = {field: getattr(binding, field) for field in AUDITED_FIELDS}
    values["ca_pem"] = _fingerprints(binding.ca_pem)
    values["extensions"] = list(values["extensions"])
    values["tlds"] = list(values["tlds"])
    return values
