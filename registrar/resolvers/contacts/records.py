"""Contacts: create, read, list, and provisioning at a registry when a domain needs them.

Changes to existing contacts (check, update, delete, transfer) live in `contacts_admin`,
verification challenges in `contact_verification`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import phonenumbers
import pycountry
from email_validator import EmailNotValidError, validate_email
from sqlalchemy.exc import IntegrityError
from sqlmodel import select

from registrar.context import RequestContext
from registrar.crypto import random_hex, random_token
from registrar.epp.commands.session import RegistrySession
from registrar.epp.objects import ContactCreateRequest, PostalInfo
from registrar.errors import FieldErrors, RegistrarError, UpstreamError, validation_error
from registrar.models import Contact, ContactRegistryObject, RegistryAccount
from registrar.resolvers._shared.input_text import check_single_line, is_single_line_text
from registrar.resolvers._shared.pagination import Page, after_keyset, decode_cursor, make_page
from registrar.resolvers.auth.guard import TenantAccess
from registrar.resolvers.contacts.guard import find_contact
from registrar.resolvers.contacts.verification import issue_challenge

HANDLE_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}$")
E164_PATTERN = re.compile(r"^\+[1-9]\d{1,14}$")


@dataclass
class ContactInput:
    """Weakly typed input, exactly as a client sent it; validated into field errors."""

    name: object = None
    email: object = None
    phone: object = None
    street: object = None
    city: object = None
    country_code: object = None
    handle: object = None
    organization: object = None
    fax: object = None
    state_province: object = None
    postal_code: object = None
    extra: dict[str, object] = field(default_factory=dict)


def _text(errors: FieldErrors, name: str, value: object, *, required: bool, max_len: int) -> str | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            errors.add(name, "can't be blank")
        return None
    if not isinstance(value, str):
        errors.add(name, "must be a string")
        return None
    value = value.strip()
    if len(value) > max_len:
        errors.add(name, f"should be at most {max_len} character(s)")
        return None
    if not check_single_line(errors, name, value):  # it goes into EPP frames and mails
        return None
    return value


def _phone(errors: FieldErrors, name: str, value: object, *, required: bool) -> str | None:
    text = _text(errors, name, value, required=required, max_len=17)
    if text is None:
        return None
    if not E164_PATTERN.match(text):
        errors.add(name, "must be in E.164 format (+CCXXXXXXXXX)")
        return None
    try:
        number = phonenumbers.parse(text, None)
    except phonenumbers.NumberParseException:
        errors.add(name, "is not a valid number for its country code")
        return None
    if not phonenumbers.is_valid_number(number):
        errors.add(name, "is not a valid number for its country code")
        return None
    return text


def _street(errors: FieldErrors, value: object) -> list[str]:
    lines = [value] if isinstance(value, str) else value
    if not isinstance(lines, list) or not lines:
        errors.add("street", "can't be blank")
        return []
    if len(lines) > 3:
        errors.add("street", "should have at most 3 line(s)")
        return []
    cleaned = []
    for line in lines:
        if not isinstance(line, str) or not line.strip() or len(line) > 255:
            errors.add("street", "lines must be non-blank strings of at most 255 characters")
            return []
        if not is_single_line_text(line):
            errors.add("street", "lines must not contain control characters or line breaks")
            return []
        cleaned.append(line.strip())
    return cleaned


def validate_contact_input(data: ContactInput) -> dict[str, object]:
    """Every field checked at once; raises 422 `unprocessable_entity` with `details`."""
    errors = FieldErrors()
    for unknown in data.extra:
        errors.add(unknown, "is not a known field")
    handle = data.handle
    if handle is None or handle == "":
        handle = None
    elif not isinstance(handle, str) or not HANDLE_PATTERN.match(handle):
        errors.add("handle", "must match [A-Za-z0-9][A-Za-z0-9_.-]{0,62}")
    email = _text(errors, "email", data.email, required=True, max_len=320)
    if email is not None:
        try:
            email = validate_email(email, check_deliverability=False).normalized
        except EmailNotValidError:
            errors.add("email", "has invalid format")
    country = _text(errors, "country_code", data.country_code, required=True, max_len=2)
    if country is not None and (country != country.upper() or pycountry.countries.get(alpha_2=country) is None):
        errors.add("country_code", "must be an upper-case ISO 3166-1 alpha-2 code")
    values: dict[str, object] = {
        "handle": handle,
        "name": _text(errors, "name", data.name, required=True, max_len=255),
        "organization": _text(errors, "organization", data.organization, required=False, max_len=255),
        "email": email,
        "phone": _phone(errors, "phone", data.phone, required=True),
        "fax": _phone(errors, "fax", data.fax, required=False),
        "street": _street(errors, data.street),
        "city": _text(errors, "city", data.city, required=True, max_len=255),
        "state_province": _text(errors, "state_province", data.state_province, required=False, max_len=255),
        "postal_code": _text(errors, "postal_code", data.postal_code, required=False, max_len=16),
        "country_code": country,
    }
    errors.raise_if_any()
    return values


async def create_contact(ctx: RequestContext, access: TenantAccess, data: ContactInput) -> Contact:
    """Create a contact in the tenant; mints an opaque 16-hex handle when none is given.

    An email verification challenge goes out in the same transaction. Errors:
    insufficient_scope; unprocessable_entity (field `details`, including a taken handle).
    The contact reaches a registry only when a domain first uses it there.
    """
    access.require_scope("write")
    values = validate_contact_input(data)
    now = ctx.clock.now()
    epp_id = random_hex(16)
    contact = Contact(
        tenant_id=access.tenant_id,
        epp_id=epp_id,
        inserted_at=now,
        updated_at=now,
        **{**values, "handle": values["handle"] or epp_id},
    )
    try:
        async with ctx.db.transaction() as session:
            session.add(contact)
            await session.flush()
            issue_challenge(session, ctx, access.tenant, contact, "email")
    except IntegrityError as exc:
        raise validation_error({"handle": ["has already been taken"]}) from exc
    return contact


async def get_contact(ctx: RequestContext, access: TenantAccess, handle: str) -> Contact:
    """Errors: insufficient_scope; not_found when the tenant has no such handle."""
    access.require_scope("read")
    async with ctx.db.read() as session:
        return await find_contact(session, access.tenant_id, handle)


async def list_contacts(
    ctx: RequestContext, access: TenantAccess, *, limit: int, cursor: str | None = None
) -> Page[Contact]:
    """Contacts by handle, keyset-paginated."""
    access.require_scope("read")
    statement = select(Contact).where(Contact.tenant_id == access.tenant_id)
    if cursor:
        handle, contact_id = decode_cursor(cursor, 2)
        statement = statement.where(after_keyset([Contact.handle, Contact.id], [handle, contact_id]))
    statement = statement.order_by(Contact.handle, Contact.id).limit(limit + 1)
    async with ctx.db.read() as session:
        rows = list((await session.exec(statement)).all())
    return make_page(rows, limit, lambda contact: (contact.handle, contact.id))


def epp_phone(e164: str | None) -> str | None:
    """`+14155550100` → `+1.4155550100`, the form RFC 5733 requires."""
    if e164 is None:
        return None
    number = phonenumbers.parse(e164, None)
    return f"+{number.country_code}.{number.national_number}"


def postal_info_of(contact: Contact) -> PostalInfo:
    """The contact's address as an RFC 5733 postalInfo: type `int` when every field is
    ASCII (as the `int` form requires), else the localized `loc` form."""
    texts = [
        contact.name,
        contact.organization,
        contact.city,
        contact.state_province,
        contact.postal_code,
        *contact.street,
    ]
    ascii_only = all(text is None or text.isascii() for text in texts)
    return PostalInfo(
        type="int" if ascii_only else "loc",
        name=contact.name,
        org=contact.organization,
        street=tuple(contact.street),
        city=contact.city,
        sp=contact.state_province,
        pc=contact.postal_code,
        cc=contact.country_code,
    )


async def ensure_contact_at_registry(
    ctx: RequestContext, contact: Contact, account: RegistryAccount, registry: RegistrySession
) -> None:
    """Create the contact at the account's registry once; later calls are no-ops.

    Runs in its own transaction so a later failure does not forget an object the registry
    already holds. A concurrent twin sees `object_exists` for the same deterministic EPP id
    and treats it as done.
    """
    async with ctx.db.read() as session:
        known = (
            await session.exec(
                select(ContactRegistryObject).where(
                    ContactRegistryObject.contact_id == contact.id,
                    ContactRegistryObject.registry_account_id == account.id,
                )
            )
        ).first()
    if known is not None:
        return
    try:
        await registry.create_contact(
            ContactCreateRequest(
                handle=contact.epp_id,
                postal_info=(postal_info_of(contact),),
                email=contact.email,
                voice=epp_phone(contact.phone),
                fax=epp_phone(contact.fax),
                # Registries require a contact authInfo; we never transfer contacts, so it
                # is random and not kept.
                auth_info=random_token(12),
            )
        )
    except RegistrarError as exc:
        if exc.code != UpstreamError.OBJECT_EXISTS:
            raise
    try:
        async with ctx.db.transaction() as session:
            session.add(
                ContactRegistryObject(
                    contact_id=contact.id,
                    registry_account_id=account.id,
                    inserted_at=ctx.clock.now(),
                )
            )
    except IntegrityError:
        pass  # a concurrent request recorded it first
