"""The operator's registry bindings and tenants' registry accounts in GraphQL, over the same
resolvers as `/operator/v1/registry_bindings` and `/operator/v1/tenants/{tenant}/
registry_accounts`; no field ever carries a secret."""

from __future__ import annotations

from datetime import datetime

import strawberry
from strawberry.scalars import JSON
from strawberry.types import Info

from registrar import models
from registrar.epp.objects import Greeting
from registrar.resolvers.operator import registry_accounts, registry_bindings, registry_passwords
from registrar.resolvers.operator.registry_bindings import BindingTest
from registrar.schema.common import EmptyPayload, UserError, attempt, read, read_or_none
from registrar.schema.context import context_of, operator_access, supplied_fields
from registrar.schema.operator.common import OperatorFields
from registrar.schema.registry import RegistryAccount, RegistryAccountPayload


@strawberry.type(description="A registry endpoint: where to connect, what it speaks and serves, and its limits.")
class RegistryBinding:
    name: str = strawberry.field(description="The binding's unique name (a slug).")
    host: str = strawberry.field(description="The registry's EPP host name or IP address.")
    port: int = strawberry.field(description="The EPP port (usually 700).")
    ca_pem: str | None = strawberry.field(description="The CA bundle the registry's certificate is checked against.")
    extensions: list[str] = strawberry.field(description="EPP extension namespace URIs the registry supports.")
    names_per_check: int = strawberry.field(description="How many names one `<check>` may carry.")
    max_connections: int = strawberry.field(description="The registry's session limit per account.")
    commands_per_minute: int | None = strawberry.field(
        description="Commands per minute, paced per process; null: no limit."
    )
    tlds: list[str] = strawberry.field(description="The TLDs this registry serves (A-labels).")
    inserted_at: datetime = strawberry.field(description="When the binding was created.")
    updated_at: datetime = strawberry.field(description="When it last changed.")

    @classmethod
    def of(cls, row: models.RegistryBinding) -> RegistryBinding:
        fields = ("name", "host", "port", "ca_pem", "names_per_check", "max_connections", "commands_per_minute")
        return cls(
            **{name: getattr(row, name) for name in fields},
            extensions=list(row.extensions),
            tlds=list(row.tlds),
            inserted_at=row.inserted_at,
            updated_at=row.updated_at,
        )


@strawberry.type(description="What a registry announced in its EPP greeting.")
class RegistryGreeting:
    server_id: str = strawberry.field(description="The server's name (`svID`).")
    server_date: datetime | None = strawberry.field(description="The server's clock (`svDate`).")
    versions: list[str] = strawberry.field(description="EPP versions offered.")
    languages: list[str] = strawberry.field(description="Languages offered.")
    objects: list[str] = strawberry.field(description="Object namespace URIs offered.")
    extensions: list[str] = strawberry.field(description="Extension namespace URIs offered.")

    @classmethod
    def of(cls, greeting: Greeting) -> RegistryGreeting:
        return cls(
            server_id=greeting.server_id,
            server_date=greeting.server_date,
            versions=list(greeting.versions),
            languages=list(greeting.languages),
            objects=list(greeting.object_uris),
            extensions=list(greeting.extension_uris),
        )


@strawberry.type(description="A registry failure met by a connectivity test.")
class RegistryTestError:
    code: str = strawberry.field(description="The error code, as the REST API's.")
    detail: JSON | None = strawberry.field(description="The registry's or the transport's own words.")


@strawberry.type(description="The result of connecting to a registry once (and logging in and out once).")
class RegistryBindingTest:
    binding: str = strawberry.field(description="The binding tested.")
    registry_account_id: strawberry.ID | None = strawberry.field(description="The account it logged in as, if any.")
    reachable: bool = strawberry.field(description="Whether the registry's greeting arrived.")
    logged_in: bool = strawberry.field(description="Whether the login (and logout) succeeded.")
    greeting: RegistryGreeting | None = strawberry.field(description="The greeting, when the registry was reached.")
    latency_ms: int | None = strawberry.field(description="Milliseconds from connecting to the greeting.")
    error: RegistryTestError | None = strawberry.field(description="What went wrong, or null.")

    @classmethod
    def of(cls, result: BindingTest) -> RegistryBindingTest:
        report, error = result.report, result.report.error
        return cls(
            binding=result.binding,
            registry_account_id=strawberry.ID(result.registry_account_id) if result.registry_account_id else None,
            reachable=report.reachable,
            logged_in=report.logged_in,
            greeting=RegistryGreeting.of(report.greeting) if report.greeting else None,
            latency_ms=report.latency_ms,
            error=RegistryTestError(code=str(error.code), detail=error.detail) if error else None,
        )


def _account(row: models.RegistryAccount | None) -> RegistryAccount | None:
    return RegistryAccount(id=strawberry.ID(row.id), row=row) if row is not None else None


@strawberry.type
class OperatorRegistryFields(OperatorFields):
    @strawberry.field(description="Every registry binding, by name.")
    async def registry_bindings(self, info: Info) -> list[RegistryBinding]:
        rows = await read(registry_bindings.list_registry_bindings(context_of(info), self.operator))
        return [RegistryBinding.of(row) for row in rows]

    @strawberry.field(description="One registry binding by name, or null.")
    async def registry_binding(self, info: Info, name: str) -> RegistryBinding | None:
        row = await read_or_none(registry_bindings.get_registry_binding(context_of(info), self.operator, name))
        return RegistryBinding.of(row) if row else None

    @strawberry.field(description="A tenant's registry accounts (never their credentials); null: no such tenant.")
    async def registry_accounts(self, info: Info, tenant: str) -> list[RegistryAccount] | None:
        action = registry_accounts.list_tenant_registry_accounts(context_of(info), self.operator, tenant)
        rows = await read_or_none(action)
        return [RegistryAccount(id=strawberry.ID(row.id), row=row) for row in rows] if rows is not None else None


@strawberry.input(description="A new registry binding; only `name` and `host` are required.")
class CreateRegistryBindingInput:
    name: str = strawberry.field(description="Unique name: lower-case letters, digits, hyphens, underscores.")
    host: str = strawberry.field(description="EPP host name or IP address (no scheme, port or path).")
    port: int | None = strawberry.field(default=strawberry.UNSET, description="EPP port, 1-65535 (default 700).")
    ca_pem: str | None = strawberry.field(default=strawberry.UNSET, description="CA bundle, PEM certificates.")
    extensions: list[str] | None = strawberry.field(default=strawberry.UNSET, description="Extension URIs.")
    names_per_check: int | None = strawberry.field(default=strawberry.UNSET, description="1-100 (default 5).")
    max_connections: int | None = strawberry.field(default=strawberry.UNSET, description="1-100 (default 2).")
    commands_per_minute: int | None = strawberry.field(
        default=strawberry.UNSET, description="1-100000, paced per process; null: no limit."
    )
    tlds: list[str] | None = strawberry.field(default=strawberry.UNSET, description="The TLDs it serves.")


@strawberry.input(description="The fields of a registry binding to change; absent fields stay as they are.")
class UpdateRegistryBindingInput:
    name: str = strawberry.field(description="The binding to change (its name cannot change).")
    host: str | None = strawberry.field(default=strawberry.UNSET, description="EPP host name or IP address.")
    port: int | None = strawberry.field(default=strawberry.UNSET, description="EPP port, 1-65535.")
    ca_pem: str | None = strawberry.field(default=strawberry.UNSET, description="CA bundle; null clears it.")
    extensions: list[str] | None = strawberry.field(default=strawberry.UNSET, description="Extension URIs.")
    names_per_check: int | None = strawberry.field(default=strawberry.UNSET, description="1-100.")
    max_connections: int | None = strawberry.field(default=strawberry.UNSET, description="1-100.")
    commands_per_minute: int | None = strawberry.field(
        default=strawberry.UNSET, description="1-100000; null removes the limit."
    )
    tlds: list[str] | None = strawberry.field(
        default=strawberry.UNSET, description="The TLDs it serves (one still associated cannot go)."
    )


@strawberry.input(description="Which binding to test, and as which account.")
class TestRegistryBindingInput:
    name: str = strawberry.field(description="The binding.")
    registry_account_id: strawberry.ID | None = strawberry.field(
        default=None, description="The account to log in as; default: the first active one on the binding by name."
    )


@strawberry.input(description="A tenant's credentials on a registry binding (write-only secrets).")
class CreateRegistryAccountInput:
    tenant: str = strawberry.field(description="The tenant's id or slug.")
    registry_binding: str = strawberry.field(description="The binding's name.")
    name: str = strawberry.field(description="Unique per tenant and binding.")
    clid: str = strawberry.field(description="The registrar's client id at the registry (3-16 characters).")
    password: str = strawberry.field(description="The EPP password (6-16 characters), write-only.")
    cert_pem: str | None = strawberry.field(default=None, description="Client certificate, PEM.")
    key_pem: str | None = strawberry.field(default=None, description="Its unencrypted private key, PEM, write-only.")


@strawberry.input(description="A registry account, by id.")
class RegistryAccountInput:
    registry_account_id: strawberry.ID = strawberry.field(description="The account.")


@strawberry.input(description="A registry account's new password.")
class RotateRegistryPasswordInput:
    registry_account_id: strawberry.ID = strawberry.field(description="The account.")
    new_password: str = strawberry.field(description="6-16 characters without spaces, write-only.")


@strawberry.type(description="Result of a registry-binding mutation.")
class RegistryBindingPayload:
    registry_binding: RegistryBinding | None = strawberry.field(description="The binding after the change.")
    errors: list[UserError] = strawberry.field(description="Expected failures.")


@strawberry.type(description="Result of `operatorTestRegistryBinding`.")
class RegistryBindingTestPayload:
    test: RegistryBindingTest | None = strawberry.field(description="What the connection showed.")
    errors: list[UserError] = strawberry.field(description="Expected failures (an unknown binding or account).")


def _binding_payload(row: models.RegistryBinding | None, errors: list[UserError]) -> RegistryBindingPayload:
    return RegistryBindingPayload(registry_binding=RegistryBinding.of(row) if row else None, errors=errors)


@strawberry.type
class OperatorRegistryMutation:
    @strawberry.mutation(description="Create a registry binding.")
    async def operator_create_registry_binding(
        self, info: Info, input: CreateRegistryBindingInput
    ) -> RegistryBindingPayload:
        operator = operator_access(info)
        action = registry_bindings.create_registry_binding(context_of(info), operator, supplied_fields(input))
        return _binding_payload(*await attempt(action))

    @strawberry.mutation(description="Change a registry binding's supplied fields.")
    async def operator_update_registry_binding(
        self, info: Info, input: UpdateRegistryBindingInput
    ) -> RegistryBindingPayload:
        operator = operator_access(info)
        patch = supplied_fields(input, "name")
        action = registry_bindings.update_registry_binding(context_of(info), operator, input.name, patch)
        return _binding_payload(*await attempt(action))

    @strawberry.mutation(description="Connect to a binding's registry once, read the greeting, log in and out once.")
    async def operator_test_registry_binding(
        self, info: Info, input: TestRegistryBindingInput
    ) -> RegistryBindingTestPayload:
        operator = operator_access(info)
        account_id = str(input.registry_account_id) if input.registry_account_id is not None else None
        action = registry_bindings.test_registry_binding(context_of(info), operator, input.name, account_id)
        result, errors = await attempt(action)
        return RegistryBindingTestPayload(test=RegistryBindingTest.of(result) if result else None, errors=errors)

    @strawberry.mutation(description="Create a tenant's registry account (secrets encrypted at rest, never returned).")
    async def operator_create_registry_account(
        self, info: Info, input: CreateRegistryAccountInput
    ) -> RegistryAccountPayload:
        operator = operator_access(info)
        values = {name: value for name, value in vars(input).items() if name != "tenant"}
        data = registry_accounts.NewRegistryAccount(**values)
        row, errors = await attempt(
            registry_accounts.create_registry_account(context_of(info), operator, input.tenant, data)
        )
        return RegistryAccountPayload(registry_account=_account(row), errors=errors)

    @strawberry.mutation(description="Change an account's password at its registry (EPP newPW), then here.")
    async def operator_rotate_registry_password(
        self, info: Info, input: RotateRegistryPasswordInput
    ) -> RegistryAccountPayload:
        operator = operator_access(info)
        action = registry_passwords.rotate_registry_password(
            context_of(info), operator, str(input.registry_account_id), input.new_password
        )
        row, errors = await attempt(action)
        return RegistryAccountPayload(registry_account=_account(row), errors=errors)

    @strawberry.mutation(description="Disable a registry account (it stops being its binding's default).")
    async def operator_disable_registry_account(
        self, info: Info, input: RegistryAccountInput
    ) -> RegistryAccountPayload:
        return await _account_action(info, registry_accounts.disable_registry_account, input)

    @strawberry.mutation(description="Enable a registry account again.")
    async def operator_enable_registry_account(self, info: Info, input: RegistryAccountInput) -> RegistryAccountPayload:
        return await _account_action(info, registry_accounts.enable_registry_account, input)

    @strawberry.mutation(description="Make a registry account its binding's default for the tenant.")
    async def operator_set_default_registry_account(
        self, info: Info, input: RegistryAccountInput
    ) -> RegistryAccountPayload:
        return await _account_action(info, registry_accounts.set_default_registry_account, input)

    @strawberry.mutation(description="Delete a registry account (refused while anything references it).")
    async def operator_delete_registry_account(self, info: Info, input: RegistryAccountInput) -> EmptyPayload:
        operator = operator_access(info)
        action = registry_accounts.delete_registry_account(context_of(info), operator, str(input.registry_account_id))
        _, errors = await attempt(action)
        return EmptyPayload(ok=not errors, errors=errors)


async def _account_action(info: Info, action, input: RegistryAccountInput) -> RegistryAccountPayload:
    operator = operator_access(info)
    row, errors = await attempt(action(context_of(info), operator, str(input.registry_account_id)))
    return RegistryAccountPayload(registry_account=_account(row), errors=errors)
