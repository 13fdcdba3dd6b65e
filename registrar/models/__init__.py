"""Tables and enums only; importing this package registers every table on the metadata."""

from sqlmodel import SQLModel

from registrar.models.contacts import Contact, ContactRegistryObject
from registrar.models.domains import Domain, DomainEvent, DomainNameserver
from registrar.models.hosts import Host
from registrar.models.oauth import OAuthClient, OAuthToken
from registrar.models.pricing import Quote, RateCardEntry
from registrar.models.registry import RegistryAccount, RegistryBinding, TldAssociation
from registrar.models.tenancy import Membership, Tenant, User

metadata = SQLModel.metadata

__all__ = [
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
