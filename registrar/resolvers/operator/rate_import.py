"""Bulk import of a tenant's rate card from CSV: every row is validated before anything is
written, then all of them are applied in one transaction, so an import lands whole or not at
all.

The header names the columns `tld,operation,period,tier,premium_class,amount,currency` (in any
order). A blank cell is "not given": no period (restore), the standard tier, no premium
class, USD. Rows are numbered as a spreadsheet shows them, the header being row 1; blank
lines are skipped. An error is reported under `row N: field`.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from registrar.context import RequestContext
from registrar.errors import FieldErrors, validation_error
from registrar.models import RateCardEntry, TldAssociation
from registrar.resolvers._shared.input_text import UNSAFE_TEXT_MESSAGE, is_unsafe_text
from registrar.resolvers.operator.audit import diff, record
from registrar.resolvers.operator.guard import OperatorAccess, load_tenant
from registrar.resolvers.operator.rate_cards import (
    Rate,
    RateInput,
    RateKey,
    check_rate,
    key_of,
    retry_on_conflict,
    verify_associated,
    write_rate,
)

HEADER = ("tld", "operation", "period", "tier", "premium_class", "amount", "currency")
MAX_ROWS = 100_000
MAX_ROWS_REPORTED = 100

Progress = Callable[[str, int, int], None]
"""`progress(phase, done, total)`, phase `validating` then `applying`."""


@dataclass(frozen=True)
class ImportResult:
    created: int
    updated: int
    unchanged: int
    tlds: list[str]  # those with a row created or updated


def _no_progress(phase: str, done: int, total: int) -> None:
    return None


def _header(cells: list[str] | None) -> list[str]:
    names = [cell.strip().lower() for cell in cells or []]
    if sorted(names) != sorted(HEADER):
        raise validation_error({"csv": [f"must start with the header {','.join(HEADER)}"]})
    return names


def parse_rate_csv(text: object) -> list[tuple[int, RateInput | str]]:
    """The data rows with their row numbers, blanks as None; a row with the wrong number of
    cells is its error message instead.

    Errors: unprocessable_entity (not text, unsafe characters, not CSV, a wrong header, no
    rows, more than `MAX_ROWS`).
    """
    if not isinstance(text, str) or not text.strip():
        raise validation_error({"csv": ["can't be blank"]})
    if is_unsafe_text(text):
        raise validation_error({"csv": [UNSAFE_TEXT_MESSAGE]})
    rows: list[tuple[int, RateInput | str]] = []
    try:
        reader = csv.reader(io.StringIO(text.removeprefix("\ufeff")), strict=True)
        names = _header(next(reader, None))
        for number, cells in enumerate(reader, start=2):
            if not any(cell.strip() for cell in cells):
                continue
            if len(rows) >= MAX_ROWS:
                raise validation_error({"csv": [f"must have at most {MAX_ROWS} rows"]})
            if len(cells) != len(names):
                rows.append((number, f"has {len(cells)} cells, not {len(names)}"))
            else:
                values = {name: cell.strip() or None for name, cell in zip(names, cells, strict=True)}
                rows.append((number, RateInput(**values)))
    except csv.Error as exc:
        raise validation_error({"csv": [f"is not valid CSV ({exc})"]}) from None
    if not rows:
        raise validation_error({"csv": ["has no rows"]})
    return rows


def _check_row(
    number: int, data: RateInput | str, associated: set[str], first_row_of: dict[RateKey, int], errors: FieldErrors
) -> Rate | None:
    """The row's rate, or None with its errors added."""
    if isinstance(data, str):
        errors.add(f"row {number}", data)
        return None
    rate = check_rate(data, errors, prefix=f"row {number}: ")
    if rate is None:
        return None
    if rate.tld not in associated:
        errors.add(f"row {number}: tld", "is not associated with the tenant")
        return None
    if rate.key in first_row_of:
        errors.add(f"row {number}", f"repeats the key of row {first_row_of[rate.key]}")
        return None
    first_row_of[rate.key] = number
    return rate


def _validated_rates(rows: list[tuple[int, RateInput | str]], associated: set[str], progress: Progress) -> list[Rate]:
    """Every row checked; the errors of the first `MAX_ROWS_REPORTED` bad rows reported."""
    errors = FieldErrors()
    rates: list[Rate] = []
    first_row_of: dict[RateKey, int] = {}
    bad_rows = 0
    for done, (number, data) in enumerate(rows, start=1):
        row_errors = FieldErrors()
        rate = _check_row(number, data, associated, first_row_of, row_errors)
        if rate is not None:
            rates.append(rate)
        elif row_errors:
            bad_rows += 1
            if bad_rows <= MAX_ROWS_REPORTED:
                errors.details.update(row_errors.details)
        progress("validating", done, len(rows))
    if bad_rows > MAX_ROWS_REPORTED:
        errors.add("csv", f"{bad_rows - MAX_ROWS_REPORTED} more rows have errors")
    errors.raise_if_any()
    return rates


async def _associated_tlds(session: AsyncSession, tenant_id: str) -> set[str]:
    rows = await session.exec(select(TldAssociation.tld).where(TldAssociation.tenant_id == tenant_id))
    return set(rows.all())


async def import_rates(
    ctx: RequestContext,
    operator: OperatorAccess,
    tenant_ref: object,
    text: object,
    *,
    progress: Progress | None = None,
) -> ImportResult:
    """Create or update every row of the CSV in the tenant's rate card; rows it does not name
    are left alone. Audited once as `rate.import` with the counts and the TLDs touched,
    unless nothing changed.

    Errors: not_found (no such tenant); unprocessable_entity (the CSV, or any of its rows:
    `details` keyed `row N: field`, a TLD the tenant is not associated with included);
    tld_not_associated (an association deleted while importing); conflict.
    """
    report = progress or _no_progress
    rows = parse_rate_csv(text)
    async with ctx.db.read() as session:
        tenant = await load_tenant(session, tenant_ref)
        associated = await _associated_tlds(session, tenant.id)
    rates = _validated_rates(rows, associated, report)
    tlds = {rate.tld for rate in rates}

    async def attempt() -> ImportResult:
        counts = {"created": 0, "updated": 0, "unchanged": 0}
        touched: set[str] = set()
        async with ctx.db.transaction() as session:
            await verify_associated(session, tenant.id, tlds)
            stored = await session.exec(
                select(RateCardEntry)
                .where(RateCardEntry.tenant_id == tenant.id, col(RateCardEntry.tld).in_(tlds))
                .with_for_update()
            )
            existing = {key_of(row): row for row in stored.all()}
            for done, rate in enumerate(rates, start=1):
                _, outcome = write_rate(session, ctx, tenant.id, rate, existing.get(rate.key))
                counts[outcome] += 1
                if outcome != "unchanged":
                    touched.add(rate.tld)
                report("applying", done, len(rates))
            if touched:
                await record(
                    session,
                    ctx,
                    operator,
                    "rate.import",
                    ("rate_card", tenant.id),
                    tenant_id=tenant.id,
                    changes=diff(None, {**counts, "tlds": sorted(touched)}),
                )
        return ImportResult(tlds=sorted(touched), **counts)

    return await retry_on_conflict(attempt)
