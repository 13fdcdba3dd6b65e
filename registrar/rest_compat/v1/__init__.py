"""The spec's routes under `/api/v1`, one module per area (the resolvers' aggregates), each
route declared once beside its OpenAPI operation."""
