"""Mutations on existing contacts and on hosts; each authorizes once and calls one resolver.
`verifyContact` is the one that needs no bearer token, as its REST twin."""

from __future__ import annotations

import strawberry
from strawberry.types import Info

from registrar import models
from registrar.resolvers.contacts import changes as contact_changes
from registrar.resolvers.hosts import records as host_records
from registrar.schema.admin_mutations import EmptyPayload, attempt
from registrar.schema.context import context_of, tenant_access
from registrar.schema.errors import UserError
from registrar.schema.types import Contact, Host


@strawberry.type(description="Result of a contact mutation.")
class ContactPayload:
    contact: Contact | None = strawberry.field(description="The contact after the change.")
    errors: list[UserError] = strawberry.field(description="Expected failures.")


@strawberry.type(description="Result of a host mutation.")
class HostPayload:
    host: Host | None = strawberry.field(description="The host after the change.")
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


@strawberry.input(description="A host of a tenant, by name.")
class HostRefInput:
    tenant_id: strawberry.ID = strawberry.field(description="The tenant.")
    name: str = strawberry.field(description="Host name.")


@strawberry.input(description="A new host; subordinate hosts need addresses, external ones have none.")
class CreateHostInput:
    tenant_id: strawberry.ID = strawberry.field(description="The tenant.")
    name: str = strawberry.field(description="Fully qualified host name.")
    addresses: list[str] | None = strawberry.field(default=None, description="IPv4/IPv6 glue addresses.")


@strawberry.input(description="Glue addresses to add to and remove from a subordinate host.")
class UpdateHostAddressesInput:
    tenant_id: strawberry.ID = strawberry.field(description="The tenant.")
    name: str = strawberry.field(description="Host name.")
    add: list[str] | None = strawberry.field(default=None, description="Addresses to add.")
    rem: list[str] | None = strawberry.field(default=None, description="Addresses to remove.")


@strawberry.input(description="A subordinate host and its new name.")
class RenameHostInput:
    tenant_id: strawberry.ID = strawberry.field(description="The tenant.")
    name: str = strawberry.field(description="Current host name.")
    new_name: str = strawberry.field(description="New host name, under a domain of the same account.")


def _host(row: models.Host | None) -> Host | None:
    return Host(id=strawberry.ID(row.id), row=row) if row is not None else None


@strawberry.type
class ContactHostMutation:
    @strawberry.mutation(description="Change a contact here and at every registry that holds it.")
    async def update_contact(self, info: Info, input: UpdateContactInput) -> ContactPayload:
        access = await tenant_access(info, str(input.tenant_id))
        changes = {
            name: value
            for name, value in vars(input).items()
            if name not in ("tenant_id", "handle") and value is not strawberry.UNSET
        }
        row, errors = await attempt(contact_changes.update_contact(context_of(info), access, input.handle, changes))
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

    @strawberry.mutation(description="Create a host; a subordinate one also at its registry.")
    async def create_host(self, info: Info, input: CreateHostInput) -> HostPayload:
        access = await tenant_access(info, str(input.tenant_id))
        row, errors = await attempt(host_records.create_host(context_of(info), access, input.name, input.addresses))
        return HostPayload(host=_host(row), errors=errors)

    @strawberry.mutation(description="Add and remove glue addresses of a subordinate host.")
    async def update_host_addresses(self, info: Info, input: UpdateHostAddressesInput) -> HostPayload:
        access = await tenant_access(info, str(input.tenant_id))
        row, errors = await attempt(
            host_records.update_host_addresses(context_of(info), access, input.name, input.add, input.rem)
        )
        return HostPayload(host=_host(row), errors=errors)

    @strawberry.mutation(description="Rename a subordinate host; delegating domains follow.")
    async def rename_host(self, info: Info, input: RenameHostInput) -> HostPayload:
        access = await tenant_access(info, str(input.tenant_id))
        row, errors = await attempt(host_records.rename_host(context_of(info), access, input.name, input.new_name))
        return HostPayload(host=_host(row), errors=errors)

    @strawberry.mutation(description="Delete a host no live domain delegates to.")
    async def delete_host(self, info: Info, input: HostRefInput) -> EmptyPayload:
        access = await tenant_access(info, str(input.tenant_id))
        _, errors = await attempt(host_records.delete_host(context_of(info), access, input.name))
        return EmptyPayload(ok=not errors, errors=errors)

    @strawberry.mutation(description="Write the registry's view of a subordinate host onto it.")
    async def reconcile_host(self, info: Info, input: HostRefInput) -> HostPayload:
        access = await tenant_access(info, str(input.tenant_id))
        row, errors = await attempt(host_records.reconcile_host(context_of(info), access, input.name))
        return HostPayload(host=_host(row), errors=errors)
