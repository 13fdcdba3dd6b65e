"""A sandbox EPP registry: a real RFC 5730-5734 server over TLS for tests and development.

`SandboxRegistry` runs in-process (`await server.start(port=0)`); `serve_forever` runs it
standalone with a development PKI kept in a directory.
"""

from registrar.epp.sandbox.server import SandboxRegistry
from registrar.epp.sandbox.standalone import serve_forever

__all__ = ["SandboxRegistry", "serve_forever"]
