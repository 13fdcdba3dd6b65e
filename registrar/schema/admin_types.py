"""Object types of tenant administration: members, invitations, OAuth clients, sessions,
API keys. Secrets never appear here except in the one payload that creates them."""

from __future__ import annotations

from datetime import datetime
from enum import Enum

import strawberry

from registrar import models
from registrar.schema.types import Node


@strawberry.enum(description="A member's role in a tenant.")
class Role(Enum):
    OWNER = "owner"
    ADMIN = "admin"
    MEMBER = "member"


@strawberry.type(description="A user's membership in the tenant.")
class Member(Node):
    row: strawberry.Private[models.Membership]

    @strawberry.field(description="The member's user id.")
    def user_id(self) -> strawberry.ID:
        return strawberry.ID(self.row.user_id)

    @strawberry.field(description="Role in the tenant.")
    def role(self) -> Role:
        return Role(self.row.role)

    @strawberry.field(description="`active` or `deactivated`.")
    def state(self) -> str:
        return self.row.state

    @strawberry.field(description="When the membership began.")
    def inserted_at(self) -> datetime:
        return self.row.inserted_at

    @classmethod
    def of(cls, row: models.Membership) -> Member:
        return cls(id=strawberry.ID(row.id), row=row)


@strawberry.type(description="An invitation to join the tenant (its token is only mailed).")
class Invitation(Node):
    row: strawberry.Private[models.Invitation]

    @strawberry.field(description="Invited address.")
    def email(self) -> str:
        return self.row.email

    @strawberry.field(description="Role granted on acceptance.")
    def role(self) -> Role:
        return Role(self.row.role)

    @strawberry.field(description="`pending`, `accepted` or `revoked`.")
    def state(self) -> str:
        return self.row.state

    @strawberry.field(description="When the invitation stops working.")
    def expires_at(self) -> datetime:
        return self.row.expires_at

    @strawberry.field(description="When it was accepted, if it was.")
    def accepted_at(self) -> datetime | None:
        return self.row.accepted_at

    @classmethod
    def of(cls, row: models.Invitation) -> Invitation:
        return cls(id=strawberry.ID(row.id), row=row)


@strawberry.type(description="An OAuth client registered in the tenant.")
class OAuthClient(Node):
    row: strawberry.Private[models.OAuthClient]

    @strawberry.field(description="Public client identifier.")
    def client_id(self) -> str:
        return self.row.client_id

    @strawberry.field(description="Display name.")
    def name(self) -> str:
        return self.row.name

    @strawberry.field(description="`confidential` or `public`.")
    def client_type(self) -> str:
        return self.row.client_type

    @strawberry.field(description="Grant types it may use.")
    def allowed_flows(self) -> list[str]:
        return list(self.row.allowed_flows)

    @strawberry.field(description="Scopes it may request.")
    def allowed_scopes(self) -> list[str]:
        return list(self.row.allowed_scopes)

    @strawberry.field(description="Registered redirect URIs (exact match).")
    def redirect_uris(self) -> list[str]:
        return list(self.row.redirect_uris)

    @strawberry.field(description="Access-token lifetime in seconds.")
    def access_token_ttl_seconds(self) -> int:
        return self.row.access_token_ttl_seconds

    @strawberry.field(description="Refresh-token lifetime in seconds; null when none are issued.")
    def refresh_token_ttl_seconds(self) -> int | None:
        return self.row.refresh_token_ttl_seconds

    @classmethod
    def of(cls, row: models.OAuthClient) -> OAuthClient:
        return cls(id=strawberry.ID(row.id), row=row)


@strawberry.type(description="One of the caller's signed-in sessions.")
class Session(Node):
    row: strawberry.Private[models.UserSession]

    @strawberry.field(description="Address the session was opened from.")
    def ip_address(self) -> str | None:
        return self.row.ip_address

    @strawberry.field(description="User agent that opened it.")
    def user_agent(self) -> str | None:
        return self.row.user_agent

    @strawberry.field(description="When it ends.")
    def expires_at(self) -> datetime:
        return self.row.expires_at

    @strawberry.field(description="When it began.")
    def inserted_at(self) -> datetime:
        return self.row.inserted_at

    @classmethod
    def of(cls, row: models.UserSession) -> Session:
        return cls(id=strawberry.ID(row.id), row=row)


@strawberry.type(description="A personal access token of the tenant (its secret is shown once).")
class ApiKey(Node):
    row: strawberry.Private[models.ApiKey]

    @strawberry.field(description="Display name.")
    def name(self) -> str:
        return self.row.name

    @strawberry.field(description="Non-secret prefix, to recognise the key.")
    def prefix(self) -> str:
        return self.row.prefix

    @strawberry.field(description="Scopes the key carries.")
    def scopes(self) -> list[str]:
        return list(self.row.scopes)

    @strawberry.field(description="When the key stops working, if ever.")
    def expires_at(self) -> datetime | None:
        return self.row.expires_at

    @classmethod
    def of(cls, row: models.ApiKey) -> ApiKey:
        return cls(id=strawberry.ID(row.id), row=row)
