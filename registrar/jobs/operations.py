"""The worker job that settles registry operations whose outcome is unknown (DESIGN §6).

The table of command handlers is assembled here, where the jobs meet the aggregates: each
aggregate declares the handlers of the commands it sends, and the journal stays free of them.
"""

from __future__ import annotations

from registrar.context import RequestContext, Services
from registrar.resolvers.domains.auth_codes import AUTH_CODE_ROTATION, AUTH_CODE_ROTATION_HANDLER
from registrar.resolvers.domains.changes import NAMESERVER_UPDATE, NAMESERVER_UPDATE_HANDLER
from registrar.resolvers.domains.deletion import DOMAIN_DELETE, DOMAIN_DELETE_HANDLER
from registrar.resolvers.domains.registration import DOMAIN_CREATE, DOMAIN_CREATE_HANDLER
from registrar.resolvers.domains.renewal import (
    DOMAIN_RENEW,
    DOMAIN_RENEW_HANDLER,
    DOMAIN_RESTORE,
    DOMAIN_RESTORE_HANDLER,
)
from registrar.resolvers.hosts.records import HOST_CREATE, HOST_CREATE_HANDLER
from registrar.resolvers.operations.journal import CommandHandler, resolve_expired_operations
from registrar.resolvers.operator.registry_passwords import ACCOUNT_PASSWORD, ACCOUNT_PASSWORD_HANDLER

HANDLERS: dict[str, CommandHandler] = {
    DOMAIN_CREATE: DOMAIN_CREATE_HANDLER,
    DOMAIN_RENEW: DOMAIN_RENEW_HANDLER,
    DOMAIN_DELETE: DOMAIN_DELETE_HANDLER,
    DOMAIN_RESTORE: DOMAIN_RESTORE_HANDLER,
    NAMESERVER_UPDATE: NAMESERVER_UPDATE_HANDLER,
    AUTH_CODE_ROTATION: AUTH_CODE_ROTATION_HANDLER,
    HOST_CREATE: HOST_CREATE_HANDLER,
    ACCOUNT_PASSWORD: ACCOUNT_PASSWORD_HANDLER,
}


async def settle_registry_operations(services: Services) -> int:
    """Ask the registries what became of every operation whose lease has run out."""
    return await resolve_expired_operations(RequestContext(services=services), HANDLERS)
