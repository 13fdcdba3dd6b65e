"""The operator's rate cards: one priced row per (tenant, TLD, operation, period, tier, premium
class), set, deleted and listed one at a time (`rate_import.py` brings a whole CSV at once).

These are the rows `resolvers/pricing/quotes.py` prices quotes from: `period` is 1–10 years
and null for (and only for) `restore`; `premium_class` names the registry's class and is set
for (and only for) the `premium` tier; amounts are positive with at most four decimals. The
database holds one row per key (a unique index that counts a NULL period or class as a value),
so two writers of one key end with one row.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import TypeVar

import pycountry
from sqlalchemy.exc import IntegrityError
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession
from sqlmodel.sql.expression import SelectOfScalar

from registrar.context import RequestContext
from registrar.errors import CommonError, FieldErrors, RegistrarError
from registrar.models import RateCardEntry, TldAssociation
from registrar.models.base import MONEY_SCALE
from registrar.names import InvalidName, normalize_tld
from registrar.resolvers.operator.audit import diff, record, snapshot
from registrar.resolvers.operator.guard import OperatorAccess, load_tenant
from registrar.resolvers.pricing.quotes import OPERATIONS, TIERS
from registrar.resolvers.registry.errors import RegistryError

T = TypeVar("T")
AUDITED_FIELDS = ("tld", "operation", "period", "tier", "premium_class", "amount", "currency")
MAX_PERIOD = 10
MAX_AMOUNT = Decimal(10) ** 8
MAX_PREMIUM_CLASS_LENGTH = 64
DEFAULT_CURRENCY = "USD"

RateKey = tuple[str, str, int | None, str, str | None]


@dataclass
class RateInput:
    """One row as supplied (JSON values, or a CSV row's strings with blanks as None)."""

    tld: object = None
    operation: object = None
    period: object = None
    tier: object = None
    premium_class: object = None
    amount: object = None
    currency: object = None
    extra: dict[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class Rate:
    tld: str
    operation: str
    period: int | None
    tier: str
    premium_class: str | None
    amount: Decimal
    currency: str

    @property
    def key(self) -> RateKey:
        return (self.tld, self.operation, self.period, self.tier, self.premium_class)


@dataclass(frozen=True)
class RateUpsert:
    entry: RateCardEntry
    outcome: str  # created | updated | unchanged


def key_of(row: RateCardEntry) -> RateKey:
    return (row.tld, row.operation, row.period, row.tier, row.premium_class)


class _Invalid(ValueError):
    """A value a field does not accept; the message completes "<field> …"."""


def _tld(raw: object) -> str:
    try:
        return normalize_tld(raw)
    except InvalidName as exc:
        raise _Invalid(str(exc)) from None


def _operation(raw: object) -> str:
    if raw not in OPERATIONS:
        raise _Invalid(f"must be one of {', '.join(OPERATIONS)}")
    return str(raw)


def _period(operation: str, raw: object) -> int | None:
    if isinstance(raw, str) and raw.isascii() and raw.isdigit() and len(raw) <= 3:
        raw = int(raw)  # a CSV cell
    if operation == "restore":
        if raw is not None:
            raise _Invalid("must be empty for restore")
        return None
    if raw is None:
        raise _Invalid("is required for register, renew and transfer_in")
    if isinstance(raw, bool) or not isinstance(raw, int) or not 1 <= raw <= MAX_PERIOD:
        raise _Invalid(f"must be a whole number of years from 1 to {MAX_PERIOD}")
    return raw


def _tier(raw: object) -> str:
    if raw in (None, ""):
        return "standard"
    if raw not in TIERS:
        raise _Invalid(f"must be one of {', '.join(TIERS)}")
    return str(raw)


def _premium_class(tier: str, raw: object) -> str | None:
    if isinstance(raw, str):
        raw = raw.strip() or None
    if tier == "standard":
        if raw is not None:
            raise _Invalid("must be empty for the standard tier")
        return None
    if raw is None:
        raise _Invalid("is required for the premium tier")
    if not isinstance(raw, str) or not raw.isprintable():
        raise _Invalid("must be printable text")
    if len(raw) > MAX_PREMIUM_CLASS_LENGTH:
        raise _Invalid(f"must be at most {MAX_PREMIUM_CLASS_LENGTH} characters")
    return raw


def parse_amount(raw: object) -> Decimal:
    """A positive amount below 10^8 with at most four decimals, from a string or a number."""
    if isinstance(raw, bool) or not isinstance(raw, str | int | float):
        raise _Invalid("must be a decimal number such as 9.99")
    text = (repr(raw) if isinstance(raw, float) else str(raw)).strip()
    try:
        value = Decimal(text) if len(text) <= 40 else Decimal("NaN")
    except InvalidOperation:
        value = Decimal("NaN")
    if not value.is_finite():
        raise _Invalid("must be a decimal number such as 9.99")
    if value <= 0:
        raise _Invalid("must be positive")
    if value >= MAX_AMOUNT:
        raise _Invalid(f"must be less than {MAX_AMOUNT:f}")
    if value != value.quantize(MONEY_SCALE):
        raise _Invalid("must have at most 4 decimal places")
    return value.quantize(MONEY_SCALE)


def parse_currency(raw: object) -> str:
    """An ISO 4217 code (upper-cased); USD when blank."""
    if raw in (None, ""):
        return DEFAULT_CURRENCY
    code = raw.strip().upper() if isinstance(raw, str) else ""
    if not (len(code) == 3 and code.isascii() and code.isalpha()) or pycountry.currencies.get(alpha_3=code) is None:
        raise _Invalid("must be an ISO 4217 currency code such as USD")
    return code


def _checked(errors: FieldErrors, name: str, check: Callable[[], T]) -> T | None:
    try:
        return check()
    except _Invalid as exc:
        errors.add(name, str(exc))
        return None


def check_rate(data: RateInput, errors: FieldErrors, *, prefix: str = "") -> Rate | None:
    """The row validated, or None with every bad field added to `errors` as `<prefix><field>`."""
    count = len(errors.details)
    for name in data.extra:
        errors.add(f"{prefix}{name}", "is not a known field")
    tld = _checked(errors, f"{prefix}tld", lambda: _tld(data.tld))
    operation = _checked(errors, f"{prefix}operation", lambda: _operation(data.operation))
    period = _checked(errors, f"{prefix}period", lambda: _period(operation, data.period)) if operation else None
    tier = _checked(errors, f"{prefix}tier", lambda: _tier(data.tier))
    premium_class = (
        _checked(errors, f"{prefix}premium_class", lambda: _premium_class(tier, data.premium_class)) if tier else None
    )
    amount = _checked(errors, f"{prefix}amount", lambda: parse_amount(data.amount))
    currency = _checked(errors, f"{prefix}currency", lambda: parse_currency(data.currency))
    if len(errors.details) > count or not (tld and operation and tier and amount and currency):
        return None
    return Rate(tld, operation, period, tier, premium_class, amount, currency)


def validate_rate(data: RateInput) -> Rate:
    """`check_rate` for one row. Errors: unprocessable_entity."""
    errors = FieldErrors()
    rate = check_rate(data, errors)
    if rate is None:
        errors.raise_if_any()
        raise RegistrarError(CommonError.UNPROCESSABLE_ENTITY)
    return rate


async def verify_associated(session: AsyncSession, tenant_id: str, tlds: Iterable[str]) -> None:
    """Errors: tld_not_associated (the first TLD the tenant has no association for)."""
    wanted = set(tlds)
    rows = await session.exec(
        select(TldAssociation.tld).where(TldAssociation.tenant_id == tenant_id, col(TldAssociation.tld).in_(wanted))
    )
    missing = sorted(wanted - set(rows.all()))
    if missing:
        raise RegistrarError(RegistryError.TLD_NOT_ASSOCIATED, detail={"tld": missing[0]})


async def retry_on_conflict(attempt: Callable[[], Awaitable[T]]) -> T:
    """Run `attempt` (one whole transaction) and, when a concurrent writer inserted one of its
    keys first (the unique index refuses ours), once more: it then finds that row and updates
    it. Errors: conflict (refused twice)."""
    try:
        return await attempt()
    except IntegrityError:
        pass
    try:
        return await attempt()
    except IntegrityError:
        raise RegistrarError(CommonError.CONFLICT) from None


def _matching(tenant_id: str, key: RateKey) -> SelectOfScalar[RateCardEntry]:
    tld, operation, period, tier, premium_class = key
    return select(RateCardEntry).where(
        RateCardEntry.tenant_id == tenant_id,
        RateCardEntry.tld == tld,
        RateCardEntry.operation == operation,
        col(RateCardEntry.period).is_(None) if period is None else RateCardEntry.period == period,
        RateCardEntry.tier == tier,
        col(RateCardEntry.premium_class).is_(None)
        if premium_class is None
        else RateCardEntry.premium_class == premium_class,
    )


def write_rate(
    session: AsyncSession, ctx: RequestContext, tenant_id: str, rate: Rate, row: RateCardEntry | None
) -> tuple[RateCardEntry, str]:
    """Add the row for `rate`, or change `row` (the stored row of its key) to its price."""
    now = ctx.clock.now()
    if row is None:
        row = RateCardEntry(
            tenant_id=tenant_id,
            tld=rate.tld,
            operation=rate.operation,
            period=rate.period,
            tier=rate.tier,
            premium_class=rate.premium_class,
            amount=rate.amount,
            currency=rate.currency,
            inserted_at=now,
            updated_at=now,
        )
        session.add(row)
        return row, "created"
    if row.amount == rate.amount and row.currency == rate.currency:
        return row, "unchanged"
    row.amount, row.currency, row.updated_at = rate.amount, rate.currency, now
    session.add(row)
    return row, "updated"


async def upsert_rate(ctx: RequestContext, operator: OperatorAccess, tenant_ref: object, data: RateInput) -> RateUpsert:
    """Set the price of one key of the tenant's rate card: the row is created, or its amount
    and currency replaced. Audited as `rate.upsert` unless nothing changed.

    Errors: unprocessable_entity (a bad field); not_found (no such tenant); tld_not_associated;
    conflict (refused twice by concurrent writers).
    """
    rate = validate_rate(data)

    async def attempt() -> RateUpsert:
        async with ctx.db.transaction() as session:
            tenant = await load_tenant(session, tenant_ref)
            await verify_associated(session, tenant.id, [rate.tld])
            stored = (await session.exec(_matching(tenant.id, rate.key).with_for_update())).first()
            before = snapshot(stored, AUDITED_FIELDS) if stored else None
            row, outcome = write_rate(session, ctx, tenant.id, rate, stored)
            if outcome != "unchanged":
                await session.flush()
                await record(
                    session,
                    ctx,
                    operator,
                    "rate.upsert",
                    ("rate_card_entry", row.id),
                    tenant_id=tenant.id,
                    changes=diff(before, snapshot(row, AUDITED_FIELDS)),
                )
        return RateUpsert(entry=row, outcome=outcome)

    return await retry_on_conflict(attempt)


async def delete_rate(ctx: RequestContext, operator: OperatorAccess, tenant_ref: object, entry_id: object) -> None:
    """Remove one row of the tenant's rate card (its key is then no longer sold). Audited as
    `rate.delete`.

    Errors: not_found (no such tenant, or no such row of the tenant).
    """
    async with ctx.db.transaction() as session:
        tenant = await load_tenant(session, tenant_ref)
        row = (
            await session.exec(
                select(RateCardEntry)
                .where(RateCardEntry.tenant_id == tenant.id, RateCardEntry.id == str(entry_id))
                .with_for_update()
            )
        ).first()
        if row is None:
            raise RegistrarError(CommonError.NOT_FOUND)
        await record(
            session,
            ctx,
            operator,
            "rate.delete",
            ("rate_card_entry", row.id),
            tenant_id=tenant.id,
            changes=diff(snapshot(row, AUDITED_FIELDS), None),
        )
        await session.delete(row)


async def list_rates(
    ctx: RequestContext, operator: OperatorAccess, tenant_ref: object, *, tld: object = None
) -> list[RateCardEntry]:
    """The tenant's rows by TLD, operation, tier, premium class and period; of one TLD when
    `tld` is given.

    Errors: not_found (no such tenant); unprocessable_entity (a `tld` that is not a TLD label).
    """
    label = None
    if tld not in (None, ""):
        errors = FieldErrors()
        label = _checked(errors, "tld", lambda: _tld(tld))
        errors.raise_if_any()
    async with ctx.db.read() as session:
        tenant = await load_tenant(session, tenant_ref)
        statement = select(RateCardEntry).where(RateCardEntry.tenant_id == tenant.id)
        if label:
            statement = statement.where(RateCardEntry.tld == label)
        rows = await session.exec(
            statement.order_by(
                col(RateCardEntry.tld),
                col(RateCardEntry.operation),
                col(RateCardEntry.tier),
                col(RateCardEntry.premium_class),
                col(RateCardEntry.period),
                col(RateCardEntry.id),
            )
        )
        return list(rows.all())
