"""Every documented REST route: each handler module lists its own, assembled here."""

from __future__ import annotations

from starlette.routing import BaseRoute

from registrar.rest_compat import (
    account,
    agreements,
    contacts,
    domain_actions,
    domains,
    health,
    hosts,
    login_page,
    oauth,
    openapi_route,
    pages,
    pricing,
    registry,
    tenant_admin,
    users,
)

routes: list[BaseRoute] = [
    *health.routes,
    *openapi_route.routes,
    *users.routes,
    *account.routes,
    *pages.routes,
    *contacts.routes,
    *domains.routes,
    *domain_actions.routes,
    *pricing.routes,
    *hosts.routes,
    *registry.routes,
    *agreements.routes,
    *oauth.routes,
    *login_page.routes,
    *tenant_admin.routes,
]
