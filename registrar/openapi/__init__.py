"""The OpenAPI 3.1 document of the REST surface, built from one declaration per route.

Each REST route is declared once, beside its `schema.Operation` (`rest_compat.endpoints`);
`document` builds the document from the operations the app's routes carry, so it describes
exactly what is served and a route without a declaration is reported by `undocumented_routes`.
"""

from registrar.openapi.document import build_document, undocumented_routes

__all__ = ["build_document", "undocumented_routes"]
