"""Path prefixes shared by the route tables."""

TENANT = "/api/v1/tenants/{tenant_id}"
OPERATOR = "/operator/v1"
