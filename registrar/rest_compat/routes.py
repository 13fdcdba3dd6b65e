"""Every documented REST route: each handler module lists its own, assembled here."""

from __future__ import annotations

from starlette.routing import BaseRoute

from registrar.rest_compat import (
    account,
    contacts,
    domain_actions,
    domains,
    health,
    login_page,
    oauth,
    pages,
    pricing,
    tenant_admin,
    users,
)

routes: list[BaseRoute] = [
    *health.routes,
    *users.routes,
    *account.routes,
    *pages.routes,
    *contacts.routes,
    *domains.routes,
    *domain_actions.routes,
    *pricing.routes,
    *oauth.routes,
    *login_page.routes,
    *tenant_admin.routes,
]
