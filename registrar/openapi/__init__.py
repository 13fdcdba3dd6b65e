"""The OpenAPI 3.1 document of the REST surface, built from one declaration per route.

Each `routes_*.py` module declares its area's operations as data (`Operation`); `document`
matches them against the app's routes, so the document describes exactly what is served and
a route without a declaration is reported by `undocumented_routes`.
"""

from registrar.openapi.document import build_document, undocumented_routes

__all__ = ["build_document", "undocumented_routes"]
