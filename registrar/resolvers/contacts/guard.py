"""Loads of a tenant's contacts by handle, one or many (row-locked when the action changes them)."""

from __future__ import annotations

from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from registrar.context import RequestContext
from registrar.errors import CommonError, RegistrarError
from registrar.models import Contact
from registrar.resolvers.auth.guard import TenantAccess
from registrar.resolvers.contacts.errors import ContactError


async def find_contact(session: AsyncSession, tenant_id: str, handle: str, *, lock: bool = False) -> Contact:
    """The tenant's contact by handle, optionally row-locked. Errors: not_found."""
    statement = select(Contact).where(Contact.tenant_id == tenant_id, Contact.handle == handle)
    contact = (await session.exec(statement.with_for_update() if lock else statement)).first()
    if contact is None:
        raise RegistrarError(CommonError.NOT_FOUND)
    return contact


async def load_contacts_by_handle(
    ctx: RequestContext, access: TenantAccess, handles: dict[str, str]
) -> dict[str, Contact]:
    """Resolve role → handle to role → contact; unknown handles raise `contact_not_found`."""
    wanted = set(handles.values())
    async with ctx.db.read() as session:
        found = {
            contact.handle: contact
            for contact in (
                await session.exec(
                    select(Contact).where(Contact.tenant_id == access.tenant_id, Contact.handle.in_(wanted))
                )
            ).all()
        }
    for role, handle in handles.items():
        if handle not in found:
            raise RegistrarError(ContactError.CONTACT_NOT_FOUND, detail={"field": role, "handle": handle})
    return {role: found[handle] for role, handle in handles.items()}
