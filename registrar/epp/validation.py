"""Input checks the session runs before building a frame.

A bad value is the caller's 422 (`unprocessable_entity` with field details), never a frame the
registry rejects as a syntax error (which we would have to report as our own 502).
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Collection, Sequence

from registrar.errors import FieldErrors, RegistrarError

MAX_PERIOD_YEARS = 99
_LABEL = re.compile(r"(?!-)[A-Za-z0-9-]{1,63}(?<!-)")
_PHONE = re.compile(r"\+[0-9]{1,3}\.[0-9]{1,14}")


def fields_error(field: str, message: str) -> RegistrarError:
    errors = FieldErrors()
    errors.add(field, message)
    return RegistrarError("unprocessable_entity", details=errors.details)


def verify_names(field: str, names: Sequence[str], *, allow_empty: bool = False) -> None:
    """Names must be LDH host names in A-label form: what every registry accepts."""
    if not names and not allow_empty:
        raise fields_error(field, "at least one name is required")
    for name in names:
        if not (isinstance(name, str) and len(name) <= 253 and _is_ldh(name)):
            raise fields_error(field, f"not a valid A-label name: {name!r:.80}")


def _is_ldh(name: str) -> bool:
    labels = name.split(".")
    return len(labels) >= 2 and all(_LABEL.fullmatch(label) for label in labels)


def verify_handles(field: str, handles: Sequence[str]) -> None:
    """Contact ids are 3-16 characters (RFC 5730 clIDType)."""
    for handle in handles:
        if not (isinstance(handle, str) and 3 <= len(handle) <= 16 and handle.isascii()):
            raise fields_error(field, f"not a valid contact id: {handle!r:.40}")
        if any(char.isspace() for char in handle):
            raise fields_error(field, f"not a valid contact id: {handle!r:.40}")


def verify_period(years: int) -> None:
    if not 1 <= years <= MAX_PERIOD_YEARS:
        raise RegistrarError("period_not_allowed", detail={"period_years": years})


def verify_addresses(field: str, addresses: Sequence[str]) -> None:
    for address in addresses:
        try:
            ipaddress.ip_address(address)
        except ValueError:
            raise fields_error(field, f"not an IP address: {address!r:.60}") from None


def verify_statuses(field: str, statuses: Sequence[str], allowed: Collection[str]) -> None:
    """Only client-settable statuses may be added or removed by a registrar."""
    for status in statuses:
        if status not in allowed:
            raise fields_error(field, f"{status!r:.40} is not a status a registrar can set")
    if len(set(statuses)) != len(statuses):
        raise fields_error(field, "a status is listed twice")


def verify_phone(field: str, number: str | None) -> None:
    """E.164 as EPP writes it (`+1.5555550100`); "" clears the number in an update."""
    if number and not _PHONE.fullmatch(number):
        raise fields_error(field, f"not an EPP phone number (+CC.NUMBER): {number!r:.24}")


def verify_password(field: str, password: str) -> None:
    """An EPP login password: RFC 5730 pwType, 6-16 characters; we also refuse whitespace."""
    if not (6 <= len(password) <= 16) or any(char.isspace() for char in password):
        raise fields_error(field, "must be 6-16 characters without spaces")
