"""Tables and enums only; importing this package registers every table on the metadata."""

from sqlmodel import SQLModel

from registrar.models.accounts import RecoveryCode, UserToken
from registrar.models.contacts import Contact, ContactRegistryObject
from registrar.models.domains import Domain, DomainEvent, DomainNameserver
from registrar.models.hosts import Host
from registrar.models.oauth import ApiKey, AuthorizationCode, OAuthClient, OAuthToken, UserSession
from registrar.models.operations import Notification, RateLimitBucket
from registrar.models.pricing import Quote, RateCardEntry
from registrar.models.registry import RegistryAccount, RegistryBinding, TldAssociation
from registrar.models.tenancy import Invitation, Membership, Tenant, User

metadata = SQLModel.metadata

__all__ = [
    "ApiKey",
    "AuthorizationCode",
    "Invitation",
    "Notification",
    "RateLimitBucket",
    "RecoveryCode",
    "UserSession",
    "UserToken",
    "Contact",
    "ContactRegistryObject",
    "Domain",
    "DomainEvent",
    "DomainNameserver",
    "Host",
    "Membership",
    "OAuthClient",
    "OAuthToken",
    "Quote",
    "RateCardEntry",
    "RegistryAccount",
    "RegistryBinding",
    "Tenant",
    "TldAssociation",
    "User",
    "metadata",
]
