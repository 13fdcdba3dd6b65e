"""Every REST route, in the order the app serves them: each module declares its own.

The order is part of the contract: Starlette matches routes in this order, and the published
OpenAPI document lists paths in it (tests/snapshots/openapi.json).
"""

from __future__ import annotations

from starlette.routing import BaseRoute

from registrar.rest_compat import health, oauth, openapi_route
from registrar.rest_compat import operator as operator_api
from registrar.rest_compat.pages import sign_in
from registrar.rest_compat.pages import users as user_pages
from registrar.rest_compat.v1 import agreements, auth, contacts, hosts, pricing, registry, tenancy, users
from registrar.rest_compat.v1.domains import actions as domain_actions
from registrar.rest_compat.v1.domains import records as domain_records

routes: list[BaseRoute] = [
    *health.routes,
    *openapi_route.routes,
    *users.routes,
    *user_pages.routes,
    *contacts.routes,
    *domain_records.routes,
    *domain_actions.routes,
    *pricing.quote_routes,
    *hosts.routes,
    *registry.routes,
    *pricing.rate_card_routes,
    *agreements.routes,
    *oauth.routes,
    *sign_in.routes,
    *tenancy.routes,
    *auth.routes,
    *operator_api.routes,
]
