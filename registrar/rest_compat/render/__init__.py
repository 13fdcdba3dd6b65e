"""The documented JSON shapes, one module per area: snake_case keys, ISO-8601 UTC timestamps,
money with four decimals (`formats`)."""
