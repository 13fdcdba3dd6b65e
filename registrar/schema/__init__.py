"""The GraphQL schema: Strawberry types mapped onto `registrar.resolvers`."""

from __future__ import annotations

import strawberry
from graphql import GraphQLError
from strawberry.extensions import (
    MaskErrors,
    MaxAliasesLimiter,
    MaxTokensLimiter,
    ParserCache,
    QueryDepthLimiter,
    ValidationCache,
)
from strawberry.schema.config import StrawberryConfig
from strawberry.tools import merge_types

from registrar.schema.admin_mutations import TenantAdminMutation
from registrar.schema.domain_mutations import DomainLifecycleMutation
from registrar.schema.lifecycle_mutations import ContactHostMutation
from registrar.schema.lifecycle_queries import LifecycleQuery
from registrar.schema.lifecycle_registry_mutations import RegistryMutation
from registrar.schema.mutations import DomainMutation
from registrar.schema.queries import DomainQuery
from registrar.schema.types import DOMAIN_NAME_SCALAR, DomainName
from registrar.schema.viewer import AccountMutation, ViewerQuery

MAX_DEPTH = 10
MAX_ALIASES = 30
MAX_TOKENS = 2_000


def _is_unexpected(error: GraphQLError) -> bool:
    """Mask exceptions that escaped a resolver; keep GraphQL's own and our coded errors."""
    return error.original_error is not None and not isinstance(error.original_error, GraphQLError)


# Each area contributes its own root fields; they are merged here and nowhere else.
Query = merge_types("Query", (DomainQuery, ViewerQuery, LifecycleQuery))
Mutation = merge_types(
    "Mutation",
    (
        DomainMutation,
        AccountMutation,
        TenantAdminMutation,
        DomainLifecycleMutation,
        ContactHostMutation,
        RegistryMutation,
    ),
)

schema = strawberry.Schema(
    query=Query,
    mutation=Mutation,
    config=StrawberryConfig(scalar_map={DomainName: DOMAIN_NAME_SCALAR}),
    # Factories: a fresh extension per request; the parse and validation caches are
    # module-level inside Strawberry, so they are shared all the same.
    extensions=[
        lambda: QueryDepthLimiter(max_depth=MAX_DEPTH),
        lambda: MaxAliasesLimiter(max_alias_count=MAX_ALIASES),
        lambda: MaxTokensLimiter(max_token_count=MAX_TOKENS),
        lambda: ParserCache(maxsize=256),
        lambda: ValidationCache(maxsize=256),
        lambda: MaskErrors(should_mask_error=_is_unexpected),
    ],
)
