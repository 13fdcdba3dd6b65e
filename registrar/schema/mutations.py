"""Mutations: one per business action, one `input`, a payload with a nullable result and
`errors`. Each authorizes once, then calls exactly one resolver."""

from __future__ import annotations

import strawberry
from strawberry.types import Info

from registrar.errors import RegistrarError
from registrar.resolvers.contacts import records as contact_records
from registrar.resolvers.domains import registration
from registrar.resolvers.pricing import quotes
from registrar.schema.context import context_of, tenant_access
from registrar.schema.errors import UserError, user_errors
from registrar.schema.types import Contact, Domain, Quote


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


@strawberry.input(description="What to price.")
class CreateQuoteInput:
    tenant_id: strawberry.ID = strawberry.field(description="Tenant asking for the quote.")
    fqdn: str = strawberry.field(description="Fully qualified domain name.")
    operation: str = strawberry.field(description="register, renew, transfer_in or restore.")
    period: int | None = strawberry.field(default=None, description="Years (1–10); not for restore.")
    tier: str | None = strawberry.field(default=None, description="standard (default) or premium.")
    premium_class: str | None = strawberry.field(default=None, description="For premium names.")


@strawberry.type(description="Result of `createQuote`.")
class CreateQuotePayload:
    quote: Quote | None = strawberry.field(description="The quote, on success.")
    errors: list[UserError] = strawberry.field(description="Expected failures.")


@strawberry.input(description="A domain to register.")
class RegisterDomainInput:
    tenant_id: strawberry.ID = strawberry.field(description="Tenant registering the domain.")
    name: str = strawberry.field(description="Fully qualified domain name.")
    registrant_handle: str = strawberry.field(description="Registrant contact handle.")
    years: int | None = strawberry.field(default=None, description="Years (1–10), default 1.")
    admin_handle: str | None = strawberry.field(default=None, description="Admin contact.")
    tech_handle: str | None = strawberry.field(default=None, description="Tech contact.")
    billing_handle: str | None = strawberry.field(default=None, description="Billing contact.")
    nameservers: list[str] | None = strawberry.field(default=None, description="Host names.")
    quote_id: strawberry.ID | None = strawberry.field(
        default=None, description="Quote from `createQuote`; required for ICANN TLDs."
    )
    payment_assured: bool | None = strawberry.field(default=None, description="Legacy assurance, non-ICANN TLDs only.")
    registry_account_id: strawberry.ID | None = strawberry.field(
        default=None, description="Needed when several accounts serve the TLD's registry."
    )
    idn_language: str | None = strawberry.field(default=None, description="IDN language tag.")


@strawberry.type(description="Result of `registerDomain`.")
class RegisterDomainPayload:
    domain: Domain | None = strawberry.field(description="The new domain, on success.")
    errors: list[UserError] = strawberry.field(description="Expected failures.")


def _fields(data: object) -> dict[str, object]:
    values = dict(vars(data))
    values.pop("tenant_id")
    return values


@strawberry.type
class DomainMutation:
    @strawberry.mutation(description="Create a contact in the tenant.")
    async def create_contact(self, info: Info, input: CreateContactInput) -> CreateContactPayload:
        access = await tenant_access(info, str(input.tenant_id))
        try:
            row = await contact_records.create_contact(
                context_of(info), access, contact_records.ContactInput(**_fields(input))
            )
        except RegistrarError as error:
            return CreateContactPayload(contact=None, errors=user_errors(error))
        return CreateContactPayload(contact=Contact.of(row), errors=[])

    @strawberry.mutation(description="Price an operation; the quote is single-use.")
    async def create_quote(self, info: Info, input: CreateQuoteInput) -> CreateQuotePayload:
        access = await tenant_access(info, str(input.tenant_id))
        try:
            row = await quotes.create_quote(context_of(info), access, quotes.QuoteInput(**_fields(input)))
        except RegistrarError as error:
            return CreateQuotePayload(quote=None, errors=user_errors(error))
        return CreateQuotePayload(quote=Quote(row=row), errors=[])

    @strawberry.mutation(description="Register a domain at its registry.")
    async def register_domain(self, info: Info, input: RegisterDomainInput) -> RegisterDomainPayload:
        access = await tenant_access(info, str(input.tenant_id))
        try:
            row = await registration.register_domain(
                context_of(info), access, registration.RegisterDomainInput(**_fields(input))
            )
        except RegistrarError as error:
            return RegisterDomainPayload(domain=None, errors=user_errors(error))
        return RegisterDomainPayload(domain=Domain.of(row), errors=[])
