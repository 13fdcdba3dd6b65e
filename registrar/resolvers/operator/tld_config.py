"""The policy keys an operator may set on a TLD association, each typed and range-checked.

A key left unset falls back to `registry.guard.DEFAULT_POLICY` (or is simply absent), which is
what the tenant-side reads and the domain lifecycle see through `policy()`. Keys written by
the platform itself (the low-balance credit snapshot of the poll consumer) are not settable
here, so an operator's change never overwrites them.

`auto_renewal_mode` is the TLD-wide default; `DEFAULT` is only a per-domain value ("follow the
TLD") and is refused here, because a TLD whose default is "the default" renews nothing.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from email_validator import EmailNotValidError, validate_email

from registrar.errors import FieldErrors

TLD_AUTO_RENEWAL_MODES = ("AUTORENEW", "AUTOEXPIRE", "RENEWONCE", "AUTODELETE")
MAX_IDN_LANGUAGES = 200
_LANGUAGE_TAG = re.compile(r"^[A-Za-z0-9]{1,8}(?:-[A-Za-z0-9]{1,8})*$")


class InvalidSetting(ValueError):
    """A value the key does not accept; the message completes "<key> …"."""


def _boolean(value: object) -> bool:
    if not isinstance(value, bool):
        raise InvalidSetting("must be true or false")
    return value


def _days(low: int, high: int) -> Callable[[object], int]:
    def check(value: object) -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise InvalidSetting("must be an integer number of days")
        if not low <= value <= high:
            raise InvalidSetting(f"must be between {low} and {high}")
        return value

    return check


def _renewal_mode(value: object) -> str:
    if value not in TLD_AUTO_RENEWAL_MODES:
        raise InvalidSetting(f"must be one of {', '.join(TLD_AUTO_RENEWAL_MODES)}")
    return str(value)


def _languages(value: object) -> list[str]:
    if not isinstance(value, list):
        raise InvalidSetting("must be a list of IDN language tags")
    if len(value) > MAX_IDN_LANGUAGES:
        raise InvalidSetting(f"must hold at most {MAX_IDN_LANGUAGES} tags")
    tags: list[str] = []
    for tag in value:
        if not isinstance(tag, str) or not _LANGUAGE_TAG.match(tag):
            raise InvalidSetting("must hold language tags such as `de` or `zh-Hans`")
        if tag not in tags:
            tags.append(tag)
    return tags


def _email(value: object) -> str:
    if not isinstance(value, str):
        raise InvalidSetting("must be an email address")
    try:
        return validate_email(value, check_deliverability=False).normalized
    except EmailNotValidError:
        raise InvalidSetting("has invalid format") from None


@dataclass(frozen=True)
class PolicyKey:
    check: Callable[[object], object]
    description: str


POLICY_KEYS: dict[str, PolicyKey] = {
    "dnssec_supported": PolicyKey(_boolean, "DS records may be set on the TLD's domains"),
    "auto_renewal_mode": PolicyKey(_renewal_mode, "the TLD-wide auto-renewal mode"),
    "auto_renewal_grace_period_days": PolicyKey(_days(0, 45), "days after expiry a domain may still be renewed"),
    "redemption_period_days": PolicyKey(_days(0, 90), "days a deleted domain may be restored"),
    "transfer_lock_days": PolicyKey(_days(0, 365), "days a domain is locked after a transfer or registrant change"),
    "add_grace_period_days": PolicyKey(_days(0, 30), "days after a registration it may be deleted for a refund"),
    "renew_grace_period_days": PolicyKey(_days(0, 30), "days after a renewal it may be undone"),
    "transfer_grace_period_days": PolicyKey(_days(0, 30), "days after a transfer it may be undone"),
    "idn_supported": PolicyKey(_boolean, "internationalised names may be registered"),
    "idn_language_required": PolicyKey(_boolean, "an IDN registration must name its language tag"),
    "idn_languages": PolicyKey(_languages, "the IDN language tags the registry accepts"),
    "low_balance_notification_email": PolicyKey(_email, "where the registry's low-balance alerts go"),
}


def check_config_patch(patch: object, errors: FieldErrors, *, within: str | None = None) -> dict[str, object | None]:
    """Each supplied key checked, failures added to `errors` (keyed by policy key, prefixed
    with `within.` when the keys sit in a field of a larger body); `None` means "back to the
    default"."""
    if not isinstance(patch, Mapping):
        errors.add(within or "config", "must be an object of policy keys")
        return {}
    values: dict[str, object | None] = {}
    for name, value in patch.items():
        field = f"{within}.{name}" if within else str(name)
        key = POLICY_KEYS.get(name)
        if key is None:
            errors.add(field, "is not a known policy key")
        elif value is None:
            values[name] = None
        else:
            try:
                values[name] = key.check(value)
            except InvalidSetting as exc:
                errors.add(field, str(exc))
    return values


def validate_config_patch(patch: object) -> dict[str, object | None]:
    """`check_config_patch` on its own.

    Errors: unprocessable_entity (an unknown key, or a value of the wrong type or range).
    """
    errors = FieldErrors()
    values = check_config_patch(patch, errors)
    errors.raise_if_any()
    return values


def apply_config_patch(config: Mapping[str, object], values: Mapping[str, object | None]) -> dict[str, object]:
    """A new config dict: each value set, each `None` removed (back to the default)."""
    updated = dict(config)
    for name, value in values.items():
        if value is None:
            updated.pop(name, None)
        else:
            updated[name] = value
    return updated
