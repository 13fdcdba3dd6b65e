"""Every documented REST route: each handler module lists its own, assembled here."""

from __future__ import annotations

from starlette.routing import BaseRoute

from registrar.rest_compat import contacts, domains, health, oauth, pricing, tenant_admin, users

routes: list[BaseRoute] = [
    *health.routes,
    *users.routes,
    *contacts.routes,
    *domains.routes,
    *pricing.routes,
    *oauth.routes,
    *tenant_admin.routes,
]
