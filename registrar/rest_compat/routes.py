"""Every documented REST route, mapped to its handler."""

from __future__ import annotations

from starlette.routing import Route

from registrar.rest_compat import contacts, domains, health, pricing, users

TENANT = "/api/v1/tenants/{tenant_id}"

routes = [
    Route("/healthz", health.healthz, methods=["GET"]),
    Route("/health", health.health, methods=["GET"]),
    Route("/api/v1/user/tenants", users.list_my_tenants, methods=["GET"]),
    Route(f"{TENANT}/contacts", contacts.list_contacts, methods=["GET"]),
    Route(f"{TENANT}/contacts", contacts.create_contact, methods=["POST"]),
    Route(f"{TENANT}/contacts/{{handle}}", contacts.get_contact, methods=["GET"]),
    Route(f"{TENANT}/domains/check", domains.check_domains, methods=["POST"]),
    Route(f"{TENANT}/domains", domains.list_domains, methods=["GET"]),
    Route(f"{TENANT}/domains", domains.register_domain, methods=["POST"]),
    Route(f"{TENANT}/domains/{{name}}", domains.get_domain, methods=["GET"]),
    Route(f"{TENANT}/quotes", pricing.create_quote, methods=["POST"]),
]
