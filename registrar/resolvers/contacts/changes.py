"""Changes to existing contacts: handle check, update, delete, transfer, verification.

An update validates the merged contact exactly as a create does, then pushes the change to
every registry that holds the contact, inside the transaction that writes the row: if one
registry refuses, the ones already updated are put back and the row is not written. A
delete is refused while any live domain uses the contact; it removes the contact from each
registry first, recording each removal as it happens, so a failure half-way leaves the
local records true.
"""

from __future__ import annotations

from contextlib import suppress
from typing import NoReturn

from sqlalchemy import delete, or_, update
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from registrar.context import RequestContext
from registrar.epp.commands.session import RegistrySession
from registrar.epp.objects import ContactUpdateRequest
from registrar.errors import FieldErrors, RegistrarError, UpstreamError, validation_error
from registrar.models import Contact, ContactRegistryObject, ContactVerification, Domain
from registrar.resolvers._shared.patch import Patch
from registrar.resolvers._shared.rate_limits import consume
from registrar.resolvers.auth.guard import TenantAccess
from registrar.resolvers.contacts.errors import ContactError
from registrar.resolvers.contacts.guard import find_contact
from registrar.resolvers.contacts.records import (
    HANDLE_PATTERN,
    ContactInput,
    epp_phone,
    postal_info_of,
    validate_contact_input,
)
from registrar.resolvers.contacts.verification import (
    CHANNELS,
    ISSUABLE_CHANNELS,
    consume_challenge,
    issue_challenge,
    load_contact_to_verify,
)
from registrar.resolvers.registry.accounts import account_registry

UPDATABLE_FIELDS = (
    "name",
    "organization",
    "email",
    "phone",
    "fax",
    "street",
    "city",
    "state_province",
    "postal_code",
    "country_code",
)
IMMUTABLE_FIELDS = ("handle", "tenant_id")
ROLE_COLUMNS = (
    "registrant_contact_id",
    "admin_contact_id",
    "tech_contact_id",
    "billing_contact_id",
)
VERIFY_RATE_LIMIT = 20
VERIFY_RATE_WINDOW_SECONDS = 300


async def check_contact(ctx: RequestContext, access: TenantAccess, handle: object) -> tuple[str, bool]:
    """Whether the handle is free in the tenant: `(handle, available)`.

    Errors: insufficient_scope; unprocessable_entity when the handle is malformed.
    """
    access.require_scope("read")
    if not isinstance(handle, str) or not HANDLE_PATTERN.match(handle):
        raise validation_error({"handle": ["must match [A-Za-z0-9][A-Za-z0-9_.-]{0,62}"]})
    async with ctx.db.read() as session:
        taken = (
            await session.exec(
                select(Contact.id).where(Contact.tenant_id == access.tenant_id, Contact.handle == handle)
            )
        ).first()
    return handle, taken is None


def _verify_changes(patch: Patch) -> None:
    errors = FieldErrors()
    for name, _ in patch.items():
        if name in IMMUTABLE_FIELDS:
            errors.add(name, "cannot be changed")
        elif name not in UPDATABLE_FIELDS:
            errors.add(name, "is not a known field")
    errors.raise_if_any()


def _update_request(contact: Contact) -> ContactUpdateRequest:
    """The whole contact as a `<contact:update>`; an absent fax removes the registry's."""
    return ContactUpdateRequest(
        handle=contact.epp_id,
        postal_info=(postal_info_of(contact),),
        voice=epp_phone(contact.phone),
        fax=epp_phone(contact.fax) or "",
        email=contact.email,
    )


async def _registries_holding(session: AsyncSession, ctx: RequestContext, contact: Contact) -> list[RegistrySession]:
    account_ids = (
        await session.exec(
            select(ContactRegistryObject.registry_account_id)
            .where(ContactRegistryObject.contact_id == contact.id)
            .order_by(col(ContactRegistryObject.registry_account_id))
        )
    ).all()
    return [await account_registry(ctx, account_id) for account_id in account_ids]


async def _push_update(
    registries: list[RegistrySession], before: ContactUpdateRequest, after: ContactUpdateRequest
) -> None:
    """Update every registry; on a refusal, restore those already changed and re-raise."""
    done: list[RegistrySession] = []
    try:
        for registry in registries:
            await registry.update_contact(after)
            done.append(registry)
    except RegistrarError:
        for registry in done:
            with suppress(RegistrarError):  # best effort; the original error is what matters
                await registry.update_contact(before)
        raise


async def update_contact(ctx: RequestContext, access: TenantAccess, handle: str, patch: Patch) -> Contact:
    """Change a contact's attributes (not its handle or tenant) here and at its registries.

    Errors: insufficient_scope; unprocessable_entity (unknown or immutable fields, and every
    create-time rule, e.g. "is not a valid number for its country code"); not_found;
    registry errors (422 / 502 / 503 / 504; after one, nothing has changed).
    """
    access.require_scope("write")
    _verify_changes(patch)
    async with ctx.db.transaction() as session:
        contact = await find_contact(session, access.tenant_id, handle, lock=True)
        current = {name: getattr(contact, name) for name in UPDATABLE_FIELDS}
        values = validate_contact_input(ContactInput(**{**current, **patch.supplied}))
        values.pop("handle")
        if all(values[name] == current[name] for name in UPDATABLE_FIELDS):
            return contact
        before = _update_request(contact)
        for name, value in values.items():
            setattr(contact, name, value)
        contact.updated_at = ctx.clock.now()
        session.add(contact)
        await _push_update(await _registries_holding(session, ctx, contact), before, _update_request(contact))
    return contact


async def _verify_not_in_use(session: AsyncSession, contact: Contact) -> None:
    uses = or_(*(getattr(Domain, column) == contact.id for column in ROLE_COLUMNS))
    names = (
        await session.exec(select(Domain.name).where(uses, Domain.state != "deleted").order_by(Domain.name).limit(10))
    ).all()
    if names:
        raise RegistrarError(ContactError.CONTACT_IN_USE, detail={"domains": list(names)})


async def delete_contact(ctx: RequestContext, access: TenantAccess, handle: str) -> None:
    """Delete a contact no live domain uses, at its registries and here.

    Errors: insufficient_scope; not_found; contact_in_use (with up to ten domain names);
    registry errors. Deleted domains keep their history but lose the link to the contact.
    """
    access.require_scope("write")
    async with ctx.db.read() as session:
        contact = await find_contact(session, access.tenant_id, handle)
        await _verify_not_in_use(session, contact)
        objects = (
            await session.exec(select(ContactRegistryObject).where(ContactRegistryObject.contact_id == contact.id))
        ).all()
    for held in objects:
        registry = await account_registry(ctx, held.registry_account_id)
        try:
            await registry.delete_contact(contact.epp_id)
        except RegistrarError as error:
            if error.code != UpstreamError.NOT_AT_REGISTRY:
                raise
        async with ctx.db.transaction() as session:
            await session.exec(delete(ContactRegistryObject).where(ContactRegistryObject.id == held.id))
    async with ctx.db.transaction() as session:
        contact = await find_contact(session, access.tenant_id, handle, lock=True)
        await _verify_not_in_use(session, contact)
        for column in ROLE_COLUMNS:
            await session.exec(update(Domain).where(getattr(Domain, column) == contact.id).values({column: None}))
        await session.exec(delete(ContactVerification).where(ContactVerification.contact_id == contact.id))
        await session.exec(delete(ContactRegistryObject).where(ContactRegistryObject.contact_id == contact.id))
        await session.delete(contact)


async def transfer_contact(ctx: RequestContext, access: TenantAccess, handle: str) -> NoReturn:
    """Contact transfers are not offered. Errors: insufficient_scope; not_found;
    transfer_not_supported."""
    access.require_scope("write")
    async with ctx.db.read() as session:
        await find_contact(session, access.tenant_id, handle)
    raise RegistrarError(ContactError.TRANSFER_NOT_SUPPORTED, detail={"reason": "contact transfer is not supported"})


async def request_contact_verification(
    ctx: RequestContext, access: TenantAccess, handle: str, channel: object = "email"
) -> Contact:
    """Send a fresh verification challenge to the contact.

    Errors: insufficient_scope; unprocessable_entity (channel); not_found.
    """
    access.require_scope("write")
    if channel not in ISSUABLE_CHANNELS:
        raise validation_error({"channel": [f"must be one of {', '.join(ISSUABLE_CHANNELS)}"]})
    async with ctx.db.transaction() as session:
        contact = await find_contact(session, access.tenant_id, handle)
        issue_challenge(session, ctx, access.tenant, contact, str(channel))
    return contact


async def verify_contact(ctx: RequestContext, tenant_id: str, handle: str, channel: object, token: object) -> Contact:
    """Unauthenticated: the registrant proves control of a channel with the token sent there.

    The contact becomes `active` (also from `suspended`). An unknown tenant or handle gets
    the very answer a wrong token gets, so the endpoint reveals no handle. Errors:
    rate_limited (per client IP); unprocessable_entity (channel or token missing or
    malformed); verification_token_invalid (unknown, expired or used token, or no such
    active tenant or contact).
    """
    await consume(
        ctx,
        f"contacts.verify:ip:{ctx.meta.ip or 'unknown'}",
        limit=VERIFY_RATE_LIMIT,
        window_seconds=VERIFY_RATE_WINDOW_SECONDS,
    )
    errors = FieldErrors()
    if channel not in CHANNELS:
        errors.add("channel", f"must be one of {', '.join(CHANNELS)}")
    if not isinstance(token, str) or not token.strip() or len(token) > 200:
        errors.add("token", "can't be blank")
    errors.raise_if_any()
    async with ctx.db.transaction() as session:
        contact = await load_contact_to_verify(session, tenant_id, handle)
        if contact is None or not await consume_challenge(session, ctx, contact, str(channel), str(token).strip()):
            raise RegistrarError(ContactError.VERIFICATION_TOKEN_INVALID)
        if contact.verification_state != "active":
            contact.verification_state = "active"
            contact.updated_at = ctx.clock.now()
            session.add(contact)
    return contact
