"""The domain list: every filter and ordering the spec documents, cursor or offset pages.

Cursor pages are keyset pages on (name, id); offset pages may be ordered by any documented
key and carry a `total`. A cursor wins over an offset; `order_by` with a cursor is a 422.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import and_, exists, or_
from sqlmodel import col, func, select

from registrar.context import RequestContext
from registrar.errors import FieldErrors, RegistrarError
from registrar.models import Contact, Domain, DomainNameserver, Host
from registrar.names import InvalidName, normalize_name
from registrar.resolvers._shared.pagination import (
    MAX_OFFSET,
    Page,
    after_keyset,
    decode_cursor,
    make_page,
    parse_count,
    parse_limit,
)
from registrar.resolvers.auth.guard import TenantAccess
from registrar.resolvers.registry.guard import DEFAULT_POLICY, active_associations, policy

ORDER_KEYS = ("name", "registered_at", "expires_at", "updated_at", "last_renewed_at")
VERIFICATION_STATES = ("pending_verification", "active", "suspended", "deleted")
STATES = ("registered", "on_hold", "expired", "redemption", "pending_delete")


@dataclass
class DomainQuery:
    """The list's query parameters exactly as received (strings, or None when absent)."""

    state: str | None = None
    tld: str | None = None
    name_like: str | None = None
    unicode_name_like: str | None = None
    updated_after: str | None = None
    updated_before: str | None = None
    expires_within_days: str | None = None
    renewed_within_days: str | None = None
    in_grace: str | None = None
    in_redemption: str | None = None
    nameserver: str | None = None
    out_of_sync: str | None = None
    registrant_verification_state: str | None = None
    order_by: str | None = None
    order: str | None = None
    limit: str | None = None
    cursor: str | None = None
    offset: str | None = None
    extra: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class OffsetPage:
    items: list[Domain]
    offset: int
    limit: int
    total: int

    @property
    def has_more(self) -> bool:
        return self.offset + len(self.items) < self.total


def _positive(errors: FieldErrors, name: str, raw: str | None) -> int | None:
    if raw is None:
        return None
    value = parse_count(raw, minimum=1, maximum=36_500)
    if value is None:
        errors.add(name, "must be a positive integer")
    return value


def _boolean(errors: FieldErrors, name: str, raw: str | None) -> bool | None:
    if raw is None:
        return None
    if raw.lower() not in ("true", "false"):
        errors.add(name, "must be true or false")
        return None
    return raw.lower() == "true"


def _timestamp(errors: FieldErrors, name: str, raw: str | None) -> datetime | None:
    if raw is None:
        return None
    try:
        moment = datetime.fromisoformat(raw.replace("Z", "+00:00"))
    except ValueError:
        errors.add(name, "must be an RFC 3339 timestamp")
        return None
    if moment.tzinfo is None:
        errors.add(name, "must carry a time zone")
        return None
    return moment


def _filters(query: DomainQuery, now: datetime, errors: FieldErrors, grace_by_tld: dict[str, int]) -> list:
    return [
        *_name_filters(query, errors),
        *_time_filters(query, now, errors),
        *_flag_filters(query, now, errors, grace_by_tld),
        *_relation_filters(query, errors),
    ]


def _name_filters(query: DomainQuery, errors: FieldErrors) -> list:
    conditions: list = []
    if query.state is not None:
        if query.state not in STATES:
            errors.add("state", f"must be one of {', '.join(STATES)}")
        conditions.append(Domain.state == query.state)
    if query.tld:
        conditions.append(Domain.tld == query.tld.lower().lstrip("."))
    if query.name_like:
        conditions.append(func.lower(Domain.name).contains(query.name_like.lower(), autoescape=True))
    if query.unicode_name_like:
        conditions.append(func.lower(Domain.unicode_name).contains(query.unicode_name_like.lower(), autoescape=True))
    return conditions


def _time_filters(query: DomainQuery, now: datetime, errors: FieldErrors) -> list:
    conditions: list = []
    after = _timestamp(errors, "updated_after", query.updated_after)
    before = _timestamp(errors, "updated_before", query.updated_before)
    if after:
        conditions.append(Domain.updated_at >= after)
    if before:
        conditions.append(Domain.updated_at <= before)
    expiring = _positive(errors, "expires_within_days", query.expires_within_days)
    if expiring:
        conditions.append(and_(Domain.expires_at >= now, Domain.expires_at <= now + timedelta(days=expiring)))
    renewed = _positive(errors, "renewed_within_days", query.renewed_within_days)
    if renewed:
        conditions.append(Domain.last_renewed_at >= now - timedelta(days=renewed))
    return conditions


def _flag_filters(query: DomainQuery, now: datetime, errors: FieldErrors, grace_by_tld: dict[str, int]) -> list:
    conditions: list = []
    if _boolean(errors, "in_redemption", query.in_redemption):
        conditions.append(Domain.state == "redemption")
    if _boolean(errors, "in_grace", query.in_grace):
        conditions.append(_in_grace(now, grace_by_tld))
    out_of_sync = _boolean(errors, "out_of_sync", query.out_of_sync)
    if out_of_sync is not None:
        conditions.append(Domain.out_of_sync == out_of_sync)
    return conditions


def _relation_filters(query: DomainQuery, errors: FieldErrors) -> list:
    conditions: list = []
    if query.nameserver is not None:
        try:
            host = normalize_name(query.nameserver)
        except InvalidName:
            errors.add("nameserver", "must be a fully qualified host name")
        else:
            conditions.append(
                exists().where(
                    DomainNameserver.domain_id == Domain.id,
                    DomainNameserver.host_id == Host.id,
                    Host.name == host,
                )
            )
    if query.registrant_verification_state is not None:
        if query.registrant_verification_state not in VERIFICATION_STATES:
            errors.add("registrant_verification_state", f"must be one of {', '.join(VERIFICATION_STATES)}")
        conditions.append(
            exists().where(
                Contact.id == Domain.registrant_contact_id,
                Contact.verification_state == query.registrant_verification_state,
            )
        )
    return conditions


def _in_grace(now: datetime, grace_by_tld: dict[str, int]):
    """state=expired and expires_at >= now − the TLD's auto-renewal grace period."""
    default = int(DEFAULT_POLICY["auto_renewal_grace_period_days"])
    windows = [
        and_(Domain.tld == tld, Domain.expires_at >= now - timedelta(days=days)) for tld, days in grace_by_tld.items()
    ]
    windows.append(
        and_(
            col(Domain.tld).not_in(list(grace_by_tld)),
            Domain.expires_at >= now - timedelta(days=default),
        )
    )
    return and_(Domain.state == "expired", or_(*windows))


def _paging(query: DomainQuery, errors: FieldErrors) -> tuple[int | None, int | None, list | None]:
    """Limit, offset and cursor position, each checked; offset pages alone may be ordered."""
    limit = offset = cursor_values = None
    try:
        limit = parse_limit(query.limit)
    except RegistrarError as exc:
        errors.details.update(exc.details or {})
    if query.offset is not None:
        offset = parse_count(query.offset, minimum=0, maximum=MAX_OFFSET)
        if offset is None:
            errors.add("offset", "must be a non-negative integer")
    _check_ordering(query, errors)
    if query.cursor:
        try:
            cursor_values = decode_cursor(query.cursor, 2)
        except RegistrarError as exc:
            errors.details.update(exc.details or {})
    return limit, offset, cursor_values


def _check_ordering(query: DomainQuery, errors: FieldErrors) -> None:
    if query.order_by is not None:
        if query.order_by not in ORDER_KEYS:
            errors.add("order_by", f"must be one of {', '.join(ORDER_KEYS)}")
        if query.cursor:
            errors.add("order_by", "cannot be combined with cursor")
    if query.order is not None and query.order not in ("asc", "desc"):
        errors.add("order", "must be asc or desc")


async def list_domains(ctx: RequestContext, access: TenantAccess, query: DomainQuery) -> Page[Domain] | OffsetPage:
    """Errors: insufficient_scope; unprocessable_entity for any malformed parameter and for
    `order_by` with `cursor`."""
    access.require_scope("read")
    errors = FieldErrors()
    for unknown in query.extra:
        errors.add(unknown, "is not a known parameter")
    now = ctx.clock.now()
    grace_by_tld = {
        tld: int(policy(association, "auto_renewal_grace_period_days"))
        for tld, association in (await active_associations(ctx, access)).items()
    }
    conditions = _filters(query, now, errors, grace_by_tld)
    limit, offset, cursor_values = _paging(query, errors)
    errors.raise_if_any()
    assert limit is not None
    statement = select(Domain).where(Domain.tenant_id == access.tenant_id, Domain.state != "deleted", *conditions)
    async with ctx.db.read() as session:
        if query.cursor or offset is None:
            if cursor_values:
                statement = statement.where(after_keyset([Domain.name, Domain.id], cursor_values))
            rows = list((await session.exec(statement.order_by(Domain.name, Domain.id).limit(limit + 1))).all())
            return make_page(rows, limit, lambda domain: (domain.name, domain.id))
        total = (await session.exec(select(func.count()).select_from(statement.subquery()))).one()
        key = col(getattr(Domain, query.order_by or "name"))
        ordering = key.desc() if query.order == "desc" and query.order_by else key.asc()
        rows = list(
            (
                await session.exec(
                    statement.order_by(ordering.nulls_last(), col(Domain.id)).offset(offset).limit(limit)
                )
            ).all()
        )
    return OffsetPage(items=rows, offset=offset, limit=limit, total=total)
