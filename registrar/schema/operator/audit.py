"""The operator's audit log and platform clients in GraphQL."""

from __future__ import annotations

from datetime import datetime

import strawberry
from strawberry.scalars import JSON
from strawberry.types import Info

from registrar import models
from registrar.resolvers.operator import audit, clients
from registrar.schema.common import After, Filter, First, Node, UserError, attempt, read
from registrar.schema.context import context_of, operator_access
from registrar.schema.operator.common import OperatorFields


@strawberry.type(description="One action taken with operator rights.")
class AuditEntry(Node):
    occurred_at: datetime = strawberry.field(description="When it was taken.")
    actor_type: str = strawberry.field(description="`operator_client` or `cli`.")
    actor_id: str = strawberry.field(description="The operator client's client_id, or the CLI's OS user.")
    action: str = strawberry.field(description="e.g. `tenant.create`, `registry_account.rotate_password`.")
    target_type: str = strawberry.field(description="What kind of object it acted on.")
    target_id: str = strawberry.field(description="Which one.")
    tenant_id: strawberry.ID | None = strawberry.field(description="The tenant concerned, if any.")
    diff: JSON = strawberry.field(description='`{field: {"from": old, "to": new}}`; secrets only as `[redacted]`.')

    @classmethod
    def of(cls, row: models.AuditLogEntry) -> AuditEntry:
        return cls(
            id=strawberry.ID(str(row.id)),
            occurred_at=row.occurred_at,
            actor_type=row.actor_type,
            actor_id=row.actor_id,
            action=row.action,
            target_type=row.target_type,
            target_id=row.target_id,
            tenant_id=strawberry.ID(row.tenant_id) if row.tenant_id else None,
            diff=row.diff,
        )


@strawberry.type(description="A page of the audit log, newest first.")
class AuditLogPage:
    entries: list[AuditEntry] = strawberry.field(description="The entries of this page.")
    next_cursor: str | None = strawberry.field(description="Pass as `after` for the next page.")
    has_more: bool = strawberry.field(description="Whether another page follows.")


@strawberry.type(description="An OAuth client of the platform: `operator` or `directory` kind.")
class PlatformClient(Node):
    client_id: str = strawberry.field(description="The public client identifier.")
    kind: str = strawberry.field(description="`operator` (operator scope) or `directory` (directory:read).")
    name: str = strawberry.field(description="Display name.")
    inserted_at: datetime = strawberry.field(description="When it was created.")

    @classmethod
    def of(cls, row: models.OAuthClient) -> PlatformClient:
        kind = next(
            kind for kind, scopes in clients.PLATFORM_CLIENT_SCOPES.items() if tuple(row.allowed_scopes) == scopes
        )
        return cls(
            id=strawberry.ID(row.id), client_id=row.client_id, kind=kind, name=row.name, inserted_at=row.inserted_at
        )


@strawberry.type
class OperatorAuditFields(OperatorFields):
    @strawberry.field(description="The audit log, newest first, filtered by exact values.")
    async def audit_log(
        self,
        info: Info,
        first: First = 100,
        after: After = None,
        tenant_id: Filter = None,
        action: Filter = None,
        target_type: Filter = None,
        target_id: Filter = None,
    ) -> AuditLogPage:
        filters = audit.AuditFilter(tenant_id=tenant_id, action=action, target_type=target_type, target_id=target_id)
        page = await read(audit.list_audit_log(context_of(info), self.operator, filters, limit=first, cursor=after))
        return AuditLogPage(
            entries=[AuditEntry.of(row) for row in page.items], next_cursor=page.next_cursor, has_more=page.has_more
        )

    @strawberry.field(description="Live operator and directory clients.")
    async def clients(self, info: Info) -> list[PlatformClient]:
        return [
            PlatformClient.of(row) for row in await read(clients.list_platform_clients(context_of(info), self.operator))
        ]


@strawberry.type(description="Result of `operatorCreateClient`: the secret appears here once.")
class PlatformClientPayload:
    client: PlatformClient | None = strawberry.field(description="The client.")
    client_secret: str | None = strawberry.field(description="Its secret, shown this once.")
    errors: list[UserError] = strawberry.field(description="Expected failures.")


@strawberry.type
class OperatorAuditMutation:
    @strawberry.mutation(description="Create an operator or directory OAuth client (client_credentials).")
    async def operator_create_client(self, info: Info, kind: str, name: str) -> PlatformClientPayload:
        operator = operator_access(info)
        created, errors = await attempt(clients.create_platform_client(context_of(info), operator, kind, name))
        if created is None:
            return PlatformClientPayload(client=None, client_secret=None, errors=errors)
        return PlatformClientPayload(
            client=PlatformClient.of(created.client), client_secret=created.client_secret, errors=[]
        )

    @strawberry.mutation(description="Revoke a platform client and every token it holds.")
    async def operator_revoke_client(self, info: Info, client_id: str) -> PlatformClientPayload:
        operator = operator_access(info)
        row, errors = await attempt(clients.revoke_platform_client(context_of(info), operator, client_id))
        return PlatformClientPayload(client=PlatformClient.of(row) if row else None, client_secret=None, errors=errors)
