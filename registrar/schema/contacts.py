"""The contacts area: the `Contact` node, the tenant's `contacts` and `contact` fields, the
handle check, and the contact mutations; each field authorizes once and calls one resolver.
`verifyContact` is the one that needs no bearer token, as its REST twin."""

from __future__ import annotations

from datetime import datetime

import strawberry
from strawberry.types import Info

from registrar import models
from registrar.errors import RegistrarError
from registrar.resolvers._shared.pagination import encode_cursor
from registrar.resolvers.contacts import changes as contact_changes
from registrar.resolvers.contacts import records as contact_records
from registrar.schema.common import (
    After,
    Connection,
    EmptyPayload,
    First,
    Node,
    ObjectAvailability,
    TenantFields,
    TenantId,
    UserError,
    attempt,
    check_first,
    connection_of,
    input_fields,
    read,
    user_errors,
)
from registrar.schema.context import context_of, supplied_fields, tenant_access, top_level_error


@strawberry.type(description="A WHOIS/RDDS contact of the tenant.")
class Contact(Node):
    row: strawberry.Private[models.Contact]

    @strawberry.field(description="Tenant-unique handle.")
    def handle(self) -> str:
        return self.row.handle

    @strawberry.field(description="Full name.")
    def name(self) -> str:
        return self.row.name

    @strawberry.field(description="Organisation, when the holder is one.")
    def organization(self) -> str | None:
        return self.row.organization

    @strawberry.field(description="E-mail address.")
    def email(self) -> str:
        return self.row.email

    @strawberry.field(description="Voice number in E.164 form.")
    def phone(self) -> str:
        return self.row.phone

    @strawberry.field(description="Fax number in E.164 form.")
    def fax(self) -> str | None:
        return self.row.fax

    @strawberry.field(description="Street address lines (1 to 3).")
    def street(self) -> list[str]:
        return list(self.row.street)

    @strawberry.field(description="City.")
    def city(self) -> str:
        return self.row.city

    @strawberry.field(description="State or province.")
    def state_province(self) -> str | None:
        return self.row.state_province

    @strawberry.field(description="Postal code.")
    def postal_code(self) -> str | None:
        return self.row.postal_code

    @strawberry.field(description="ISO 3166-1 alpha-2 country code.")
    def country_code(self) -> str:
        return self.row.country_code

    @strawberry.field(description="Verification state of the contact's data.")
    def verification_state(self) -> str:
        return self.row.verification_state

    @strawberry.field(description="When the contact was created.")
    def inserted_at(self) -> datetime:
        return self.row.inserted_at

    @strawberry.field(description="When the contact last changed.")
    def updated_at(self) -> datetime:
        return self.row.updated_at

    @classmethod
    def of(cls, row: models.Contact | None) -> Contact | None:
        return None if row is None else cls(id=strawberry.ID(row.id), row=row)


@strawberry.type
class ContactTenantFields(TenantFields):
    """The contacts area's fields of `Tenant`."""

    @strawberry.field(description="The tenant's contacts, by handle.")
    async def contacts(self, info: Info, first: First, after: After = None) -> Connection[Contact]:
        try:
            page = await contact_records.list_contacts(
                context_of(info), self.access, limit=check_first(first), cursor=after
            )
        except RegistrarError as error:
            raise top_level_error(error) from None
        return connection_of(
            page,
            [Contact.of(row) for row in page.items],
            lambda row: encode_cursor((row.handle, row.id)),
        )

    @strawberry.field(description="One contact by handle, or null.")
    async def contact(self, info: Info, handle: str) -> Contact | None:
        try:
            return Contact.of(await contact_records.get_contact(context_of(info), self.access, handle))
        except RegistrarError as error:
            if error.code == "not_found":
                return None
            raise top_level_error(error) from None


@strawberry.type
class ContactQuery:
    @strawberry.field(description="Whether a contact handle is free in the tenant.")
    async def contact_handle_availability(self, info: Info, tenant_id: TenantId, handle: str) -> ObjectAvailability:
        access = await tenant_access(info, str(tenant_id))
        name, free = await read(contact_changes.check_contact(context_of(info), access, handle))
        return ObjectAvailability(name=name, available=free)


@strawberry.input(description="A new contact.")
class CreateContactInput:
    tenant_id: strawberry.ID = strawberry.field(description="Tenant to create the contact in.")
    name: str = strawberry.field(description="Full name.")
    email: str = strawberry.field(description="E-mail address.")
    phone: str = strawberry.field(description="Voice number, E.164 (+CCXXXXXXXXX).")
    street: list[str] = strawberry.field(description="1 to 3 street lines.")
    city: str = strawberry.field(description="City.")
    country_code: str = strawberry.field(description="ISO 3166-1 alpha-2 code, upper case.")
    handle: str | None = strawberry.field(default=None, description="Omit to mint an opaque one.")
    organization: str | None = strawberry.field(default=None, description="Organisation.")
    fax: str | None = strawberry.field(default=None, description="Fax number, E.164.")
    state_province: str | None = strawberry.field(default=None, description="State/province.")
    postal_code: str | None = strawberry.field(default=None, description="Postal code.")


@strawberry.type(description="Result of `createContact`.")
class CreateContactPayload:
    contact: Contact | None = strawberry.field(description="The new contact, on success.")
    errors: list[UserError] = strawberry.field(description="Expected failures.")


@strawberry.type(description="Result of a contact mutation.")
class ContactPayload:
    contact: Contact | None = strawberry.field(description="The contact after the change.")
    errors: list[UserError] = strawberry.field(description="Expected failures.")


@strawberry.input(description="A contact of a tenant, by handle.")
class ContactRefInput:
    tenant_id: strawberry.ID = strawberry.field(description="The tenant.")
    handle: str = strawberry.field(description="The contact's handle.")


@strawberry.input(description="Contact attributes to change; omitted fields stay as they are.")
class UpdateContactInput:
    tenant_id: strawberry.ID = strawberry.field(description="The tenant.")
    handle: str = strawberry.field(description="The contact's handle (cannot change).")
    name: str | None = strawberry.field(default=strawberry.UNSET, description="Full name.")
    organization: str | None = strawberry.field(default=strawberry.UNSET, description="Organisation.")
    email: str | None = strawberry.field(default=strawberry.UNSET, description="E-mail address.")
    phone: str | None = strawberry.field(default=strawberry.UNSET, description="Voice number, E.164.")
    fax: str | None = strawberry.field(default=strawberry.UNSET, description="Fax number, E.164; null removes it.")
    street: list[str] | None = strawberry.field(default=strawberry.UNSET, description="1 to 3 street lines.")
    city: str | None = strawberry.field(default=strawberry.UNSET, description="City.")
    state_province: str | None = strawberry.field(default=strawberry.UNSET, description="State/province.")
    postal_code: str | None = strawberry.field(default=strawberry.UNSET, description="Postal code.")
    country_code: str | None = strawberry.field(default=strawberry.UNSET, description="ISO 3166-1 alpha-2.")


@strawberry.input(description="A verification token the registrant received.")
class VerifyContactInput:
    tenant_id: strawberry.ID = strawberry.field(description="The tenant.")
    handle: str = strawberry.field(description="The contact's handle.")
    channel: str = strawberry.field(description="email or sms.")
    token: str = strawberry.field(description="The token received on that channel.")


@strawberry.type
class ContactRecordMutation:
    @strawberry.mutation(description="Create a contact in the tenant.")
    async def create_contact(self, info: Info, input: CreateContactInput) -> CreateContactPayload:
        access = await tenant_access(info, str(input.tenant_id))
        try:
            row = await contact_records.create_contact(
                context_of(info), access, contact_records.ContactInput(**input_fields(input))
            )
        except RegistrarError as error:
            return CreateContactPayload(contact=None, errors=user_errors(error))
        return CreateContactPayload(contact=Contact.of(row), errors=[])


@strawberry.type
class ContactChangeMutation:
    @strawberry.mutation(description="Change a contact here and at every registry that holds it.")
    async def update_contact(self, info: Info, input: UpdateContactInput) -> ContactPayload:
        access = await tenant_access(info, str(input.tenant_id))
        patch = supplied_fields(input, "tenant_id", "handle")
        row, errors = await attempt(contact_changes.update_contact(context_of(info), access, input.handle, patch))
        return ContactPayload(contact=Contact.of(row), errors=errors)

    @strawberry.mutation(description="Delete a contact no live domain uses.")
    async def delete_contact(self, info: Info, input: ContactRefInput) -> EmptyPayload:
        access = await tenant_access(info, str(input.tenant_id))
        _, errors = await attempt(contact_changes.delete_contact(context_of(info), access, input.handle))
        return EmptyPayload(ok=not errors, errors=errors)

    @strawberry.mutation(description="Contact transfers are not supported: always `transfer_not_supported`.")
    async def transfer_contact(self, info: Info, input: ContactRefInput) -> EmptyPayload:
        access = await tenant_access(info, str(input.tenant_id))
        _, errors = await attempt(contact_changes.transfer_contact(context_of(info), access, input.handle))
        return EmptyPayload(ok=False, errors=errors)

    @strawberry.mutation(description="Send the contact a fresh verification challenge by email.")
    async def request_contact_verification(self, info: Info, input: ContactRefInput) -> ContactPayload:
        access = await tenant_access(info, str(input.tenant_id))
        row, errors = await attempt(
            contact_changes.request_contact_verification(context_of(info), access, input.handle)
        )
        return ContactPayload(contact=Contact.of(row), errors=errors)

    @strawberry.mutation(description="Prove control of a contact's channel; needs no bearer token.")
    async def verify_contact(self, info: Info, input: VerifyContactInput) -> ContactPayload:
        row, errors = await attempt(
            contact_changes.verify_contact(
                context_of(info), str(input.tenant_id), input.handle, input.channel, input.token
            )
        )
        return ContactPayload(contact=Contact.of(row), errors=errors)
