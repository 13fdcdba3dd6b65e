"""Tables and enums only; importing this package registers every table on the metadata."""

from sqlmodel import SQLModel

from registrar.models.agreements import Acceptance, AgreementVersion
from registrar.models.contacts import Contact, ContactRegistryObject, ContactVerification
from registrar.models.domains import Domain, DomainEvent, DomainNameserver
from registrar.models.hosts import Host
from registrar.models.oauth import ApiKey, AuthorizationCode, OAuthClient, OAuthToken, UserSession
from registrar.models.operations import RegistryOperation
from registrar.models.operator import AuditLogEntry
from registrar.models.plumbing import IdempotencyRecord, Notification, RateLimitBucket
from registrar.models.pricing import Quote, RateCardEntry
from registrar.models.registry import RegistryAccount, RegistryBinding, TldAssociation
from registrar.models.tenancy import Invitation, Membership, Tenant, User
from registrar.models.user_credentials import RecoveryCode, UserToken

metadata = SQLModel.metadata

__all__ = [
    "Acceptance",
    "AgreementVersion",
    "ContactVerification",
    "IdempotencyRecord",
    "ApiKey",
    "AuditLogEntry",
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
    "RegistryOperation",
    "Tenant",
    "TldAssociation",
    "User",
    "metadata",
]
