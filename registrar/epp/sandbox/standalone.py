"""Running the sandbox registry as a standalone server with a persistent dev PKI."""

from __future__ import annotations

import asyncio
import os
from pathlib import Path

from registrar.epp.sandbox.server import SandboxRegistry
from registrar.epp.wire import pki


def _load_or_create(directory: Path, stem: str, make: object) -> pki.CertifiedKey:
    cert_path, key_path = directory / f"{stem}.pem", directory / f"{stem}.key"
    if cert_path.exists() and key_path.exists():
        return pki.CertifiedKey(cert_path.read_bytes(), key_path.read_bytes())
    issued: pki.CertifiedKey = make()  # type: ignore[operator]
    cert_path.write_bytes(issued.cert_pem)
    fd = os.open(key_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(issued.key_pem)
    return issued


def prepare_pki(pki_dir: Path, clids: list[str]) -> tuple[pki.CertifiedKey, pki.CertifiedKey]:
    """Write (or reuse) ca, server and one client certificate per clID in `pki_dir`."""
    pki_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    ca = _load_or_create(pki_dir, "ca", lambda: pki.generate_ca("Registrar Sandbox CA"))
    server = _load_or_create(pki_dir, "server", lambda: pki.issue_server_cert(ca))
    for clid in clids:
        _load_or_create(pki_dir, f"client-{clid}", lambda clid=clid: pki.issue_client_cert(ca, clid))
    return ca, server


async def serve_forever(host: str, port: int, pki_dir: Path, accounts: dict[str, str]) -> None:
    """Serve EPP on host:port until cancelled; prints where the client certificates are."""
    ca, server_cert = prepare_pki(pki_dir, sorted(accounts))
    registry = SandboxRegistry(accounts, ca=ca, server_cert=server_cert)
    await registry.start(host, port)
    print(f"sandbox EPP registry on {host}:{registry.port} (TLS, client certificate required)")
    print(f"  CA certificate: {pki_dir / 'ca.pem'}")
    for clid in sorted(accounts):
        print(f"  client {clid}: {pki_dir / f'client-{clid}.pem'} + {pki_dir / f'client-{clid}.key'}")
    try:
        await asyncio.Event().wait()
    finally:
        await registry.stop()
