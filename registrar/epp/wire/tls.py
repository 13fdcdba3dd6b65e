"""TLS contexts for EPP (RFC 5734: TLS with mutual authentication), built from PEM in memory.

Python's `ssl` can take CA certificates from memory but loads a certificate chain only from a
file. For that one call the key goes to a fresh private directory (mode 0700, file 0600) and
is deleted as soon as `load_cert_chain` returns.
"""

from __future__ import annotations

import os
import ssl
import tempfile
from pathlib import Path


def client_context(ca_pem: bytes | None, cert_pem: bytes | None, key_pem: bytes | None) -> ssl.SSLContext:
    """TLS 1.2+ client context verifying the server against `ca_pem` (None: system store)."""
    context = ssl.create_default_context(ssl.Purpose.SERVER_AUTH)
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    if ca_pem is not None:
        context.load_verify_locations(cadata=ca_pem.decode("ascii"))
    if cert_pem is not None and key_pem is not None:
        load_chain(context, cert_pem, key_pem)
    return context


def server_context(ca_pem: bytes, cert_pem: bytes, key_pem: bytes) -> ssl.SSLContext:
    """TLS 1.2+ server context that requires a client certificate signed by `ca_pem`."""
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    context.verify_mode = ssl.CERT_REQUIRED
    context.load_verify_locations(cadata=ca_pem.decode("ascii"))
    load_chain(context, cert_pem, key_pem)
    return context


def load_chain(context: ssl.SSLContext, cert_pem: bytes, key_pem: bytes) -> None:
    """`load_cert_chain` from memory via a private temporary file removed at once."""
    with tempfile.TemporaryDirectory(prefix="epp-tls-") as directory:
        path = Path(directory) / "chain.pem"
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(key_pem.rstrip(b"\n") + b"\n" + cert_pem)
            context.load_cert_chain(path)
        finally:
            path.unlink(missing_ok=True)
