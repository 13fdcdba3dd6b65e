"""The operator API, `/operator/v1/…`: operator-client tokens only (`operator` scope), the
house error envelope, Idempotency-Key on every mutation, every route in `/openapi.json`."""

from registrar.rest_compat.operator import audit, clients, pricing, registry, tenants, tld_associations

routes = [
    *tenants.routes,
    *registry.routes,
    *tld_associations.routes,
    *pricing.routes,
    *clients.routes,
    *audit.routes,
]
