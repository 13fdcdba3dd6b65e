"""The GraphQL schema: Strawberry types mapped onto `registrar.resolvers`."""

from __future__ import annotations

import strawberry
from graphql import GraphQLError
from strawberry.extensions import (
    AddValidationRules,
    MaskErrors,
    MaxAliasesLimiter,
    MaxTokensLimiter,
    ParserCache,
    QueryDepthLimiter,
    ValidationCache,
)
from strawberry.schema.config import StrawberryConfig
from strawberry.tools import merge_types

from registrar.schema.agreements import AgreementMutation, AgreementQuery
from registrar.schema.auth import AuthMutation
from registrar.schema.common import DOMAIN_NAME_SCALAR, DomainName
from registrar.schema.contacts import ContactChangeMutation, ContactQuery, ContactRecordMutation
from registrar.schema.domains.mutations import DomainMutation, DomainRegistrationMutation
from registrar.schema.domains.queries import DomainQuery
from registrar.schema.hosts import HostMutation, HostQuery
from registrar.schema.limits import MaxDocumentBytes, SafeStringLiterals
from registrar.schema.operator import OperatorMutation, OperatorQuery
from registrar.schema.pricing import PricingMutation, PricingQuery
from registrar.schema.registry import RegistryMutation, RegistryQuery
from registrar.schema.tenancy import TenancyMutation, TenancyQuery
from registrar.schema.users import UserMutation, UserQuery

MAX_DEPTH = 10
MAX_ALIASES = 30
MAX_TOKENS = 2_000
MAX_DOCUMENT_BYTES = 65_536


def _is_unexpected(error: GraphQLError) -> bool:
    """Mask exceptions that escaped a resolver; keep GraphQL's own and our coded errors."""
    return error.original_error is not None and not isinstance(error.original_error, GraphQLError)


# Each area contributes its own root fields; they are merged here and nowhere else. The order
# of the classes is the order of the fields in schema.graphql, which is published: an area with
# two classes (contacts, domains) has fields in two places of that order.
Query = merge_types(
    "Query",
    (
        TenancyQuery,
        DomainQuery,
        UserQuery,
        ContactQuery,
        HostQuery,
        RegistryQuery,
        PricingQuery,
        AgreementQuery,
        OperatorQuery,
    ),
)
Mutation = merge_types(
    "Mutation",
    (
        ContactRecordMutation,
        PricingMutation,
        DomainRegistrationMutation,
        UserMutation,
        TenancyMutation,
        AuthMutation,
        DomainMutation,
        ContactChangeMutation,
        HostMutation,
        RegistryMutation,
        AgreementMutation,
        OperatorMutation,
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
        lambda: MaxDocumentBytes(max_bytes=MAX_DOCUMENT_BYTES),
        lambda: MaxTokensLimiter(max_token_count=MAX_TOKENS),
        lambda: AddValidationRules([SafeStringLiterals]),
        lambda: ParserCache(maxsize=256),
        lambda: ValidationCache(maxsize=256),
        lambda: MaskErrors(should_mask_error=_is_unexpected),
    ],
)
