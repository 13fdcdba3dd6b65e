"""The domains area of the schema: `types` (the `Domain` node and what hangs off it), `queries`
(availability and the tenant's domain fields) and `mutations` (one per business action)."""
