"""Domains under `/api/v1/tenants/:tenant_id/domains`: the records (check, list, register,
get) and the lifecycle actions on one domain."""
