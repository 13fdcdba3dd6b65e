"""GraphQL request context and the helpers every field uses to reach the resolvers."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import strawberry
from graphql import GraphQLError
from strawberry.types import Info

from registrar.context import RequestContext
from registrar.errors import RegistrarError
from registrar.resolvers._shared.patch import Patch
from registrar.resolvers.auth.guard import TenantAccess, authorize_tenant
from registrar.resolvers.operator.guard import OperatorAccess, authorize_operator


@dataclass
class GraphQLContext:
    request_context: RequestContext
    auth_error: RegistrarError | None
    request: Any = None
    response: Any = None


def context_of(info: Info) -> RequestContext:
    return info.context.request_context


def top_level_error(error: RegistrarError) -> GraphQLError:
    """Auth failures surface as top-level errors with `extensions.code`."""
    extensions: dict[str, Any] = {"code": error.code, "status": error.status}
    if error.detail:
        extensions["detail"] = error.detail
    return GraphQLError(error.code, extensions=extensions)


async def tenant_access(info: Info, tenant_id: str) -> TenantAccess:
    """Authenticate once per request and authorize the tenant once per operation."""
    graphql_context: GraphQLContext = info.context
    if graphql_context.auth_error is not None:
        raise top_level_error(graphql_context.auth_error)
    try:
        return await authorize_tenant(graphql_context.request_context, tenant_id)
    except RegistrarError as error:
        raise top_level_error(error) from None


def operator_access(info: Info) -> OperatorAccess:
    """Authenticate once per request; only an operator client's token passes."""
    graphql_context: GraphQLContext = info.context
    if graphql_context.auth_error is not None:
        raise top_level_error(graphql_context.auth_error)
    try:
        return authorize_operator(graphql_context.request_context)
    except RegistrarError as error:
        raise top_level_error(error) from None


def supplied_fields(input: object, *addressing: str) -> Patch:
    """The partial update an input carries: its fields that are not UNSET, minus those that
    say what to update (`tenant_id`, `handle`, …)."""
    return Patch(
        {name: value for name, value in vars(input).items() if name not in addressing and value is not strawberry.UNSET}
    )
