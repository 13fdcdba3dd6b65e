"""Registry accounts (list, default flag, concurrency) and their client certificates (also
through the legacy TLD-association paths): metadata, validation, encryption at rest."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.x509.oid import NameOID
from sqlmodel import select

from registrar.models import RegistryAccount, TldAssociation

ACCOUNT_KEYS = {
    "id",
    "tenant_id",
    "registry_binding",
    "name",
    "state",
    "is_default",
    "rotated_at",
    "inserted_at",
    "updated_at",
}
CERT_KEYS = {
    "cert_pem",
    "fingerprint_sha256",
    "id",
    "issuer",
    "key_size",
    "not_after",
    "not_before",
    "public_key_algorithm",
    "registry_account_id",
    "rotated_at",
    "serial_number",
    "signature_algorithm",
    "subject",
}


def pem_pair(key) -> tuple[str, str]:
    name = x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "US"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Example Co"),
            x509.NameAttribute(NameOID.COMMON_NAME, "registrar.example"),
        ]
    )
    start = datetime(2026, 4, 22, tzinfo=UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(0x1A2B3C)
        .not_valid_before(start)
        .not_valid_after(start + timedelta(days=365))
        .sign(key, hashes.SHA256())
    )
    key_pem = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    return cert.public_bytes(serialization.Encoding.PEM).decode(), key_pem.decode()


async def accounts(services) -> list[RegistryAccount]:
    async with services.db.read() as session:
        return list((await session.exec(select(RegistryAccount).order_by(RegistryAccount.name))).all())


async def add_account(services, demo, name: str, *, state: str = "active") -> str:
    now = services.clock.now()
    async with services.db.transaction() as session:
        account = RegistryAccount(
            tenant_id=demo.tenant_id,
            registry_binding="sandbox",
            name=name,
            clid=name[:16],
            password_encrypted=services.encryptor.encrypt("secret-pw"),
            state=state,
            inserted_at=now,
            updated_at=now,
        )
        session.add(account)
    return account.id


async def test_list_exposes_no_credentials_and_filters(client, demo, services):
    await add_account(services, demo, "backup", state="disabled")
    response = await client.get(demo.url("/registry_accounts"), headers=demo.headers)
    assert response.status_code == 200
    data = response.json()["data"]
    assert [row["name"] for row in data] == ["backup", "primary"]
    assert all(set(row) == ACCOUNT_KEYS for row in data)
    disabled = await client.get(demo.url("/registry_accounts?state=disabled"), headers=demo.headers)
    assert [row["name"] for row in disabled.json()["data"]] == ["backup"]
    other = await client.get(demo.url("/registry_accounts?registry_binding=nowhere"), headers=demo.headers)
    assert other.json()["data"] == []


async def test_set_default_moves_the_flag_and_clear_default_removes_it(client, demo, services):
    second = await add_account(services, demo, "second")
    response = await client.post(demo.url(f"/registry_accounts/{second}/set_default"), headers=demo.headers)
    assert response.status_code == 200, response.text
    assert response.json()["data"]["is_default"] is True
    assert {a.name: a.is_default for a in await accounts(services)} == {
        "primary": False,
        "second": True,
    }
    cleared = await client.post(demo.url(f"/registry_accounts/{second}/clear_default"), headers=demo.headers)
    assert cleared.json()["data"]["is_default"] is False
    assert not any(a.is_default for a in await accounts(services))


async def test_set_default_refuses_a_disabled_account_and_unknown_ids(client, demo, services):
    disabled = await add_account(services, demo, "off", state="disabled")
    response = await client.post(demo.url(f"/registry_accounts/{disabled}/set_default"), headers=demo.headers)
    assert (response.status_code, response.json()["error"]) == (422, "registry_account_unavailable")
    missing = await client.post(demo.url("/registry_accounts/nope/set_default"), headers=demo.headers)
    assert missing.status_code == 404


async def test_concurrent_set_default_leaves_exactly_one_default(client, demo, services):
    ids = [await add_account(services, demo, f"acct{index}") for index in range(4)]
    responses = await asyncio.gather(
        *(
            client.post(demo.url(f"/registry_accounts/{account_id}/set_default"), headers=demo.headers)
            for account_id in ids
        )
    )
    assert all(response.status_code == 200 for response in responses)
    assert sum(account.is_default for account in await accounts(services)) == 1


async def test_the_seeded_certificate_is_described_without_its_key(client, demo, services):
    (account,) = await accounts(services)
    response = await client.get(demo.url(f"/registry_accounts/{account.id}/certificate"), headers=demo.headers)
    assert response.status_code == 200, response.text
    data = response.json()["data"]
    assert set(data) == CERT_KEYS
    assert data["cert_pem"].startswith("-----BEGIN CERTIFICATE-----")
    assert "PRIVATE KEY" not in response.text


async def test_put_rsa_certificate_returns_metadata_and_stores_both_encrypted(client, demo, services):
    (account,) = await accounts(services)
    cert_pem, key_pem = pem_pair(rsa.generate_private_key(public_exponent=65537, key_size=2048))
    response = await client.put(
        demo.url(f"/registry_accounts/{account.id}/certificate"),
        json={"cert_pem": cert_pem, "key_pem": key_pem},
        headers=demo.headers,
    )
    assert response.status_code == 200, response.text
    data = response.json()["data"]
    assert data["subject"] == "CN=registrar.example,O=Example Co,C=US"
    assert data["issuer"] == data["subject"]
    assert (data["public_key_algorithm"], data["key_size"]) == ("RSA", 2048)
    assert data["signature_algorithm"] == "sha256WithRSAEncryption"
    assert data["serial_number"] == "1a2b3c"
    assert data["not_before"] == "2026-04-22T00:00:00.000000Z"
    assert data["not_after"] == "2027-04-22T00:00:00.000000Z"
    assert data["rotated_at"] is not None and len(data["fingerprint_sha256"]) == 64
    (stored,) = await accounts(services)
    assert "BEGIN" not in stored.cert_pem_encrypted and "BEGIN" not in stored.key_pem_encrypted
    assert services.encryptor.decrypt(stored.key_pem_encrypted).strip() == key_pem.strip()
    again = await client.get(demo.url(f"/registry_accounts/{account.id}/certificate"), headers=demo.headers)
    assert again.json()["data"] == data


async def test_put_ec_certificate(client, demo, services):
    (account,) = await accounts(services)
    cert_pem, key_pem = pem_pair(ec.generate_private_key(ec.SECP256R1()))
    response = await client.put(
        demo.url(f"/registry_accounts/{account.id}/certificate"),
        json={"cert_pem": cert_pem, "key_pem": key_pem},
        headers=demo.headers,
    )
    assert response.status_code == 200, response.text
    data = response.json()["data"]
    assert (data["public_key_algorithm"], data["key_size"], data["signature_algorithm"]) == (
        "EC",
        256,
        "ecdsa-with-SHA256",
    )


async def test_put_refuses_missing_malformed_and_mismatched_material(client, demo, services):
    (account,) = await accounts(services)
    cert_pem, key_pem = pem_pair(ec.generate_private_key(ec.SECP256R1()))
    _, other_key = pem_pair(ec.generate_private_key(ec.SECP256R1()))
    url = demo.url(f"/registry_accounts/{account.id}/certificate")
    cases = [
        ({"key_pem": key_pem}, "cert_pem_required"),
        ({"cert_pem": "  ", "key_pem": key_pem}, "cert_pem_required"),
        ({"cert_pem": cert_pem}, "key_pem_required"),
        (
            {
                "cert_pem": "-----BEGIN CERTIFICATE-----\nnope\n-----END CERTIFICATE-----",
                "key_pem": key_pem,
            },
            "invalid_pem",
        ),
        ({"cert_pem": cert_pem, "key_pem": "garbage"}, "invalid_pem"),
        ({"cert_pem": cert_pem, "key_pem": other_key}, "key_mismatch"),
    ]
    before = (await accounts(services))[0].cert_pem_encrypted
    for body, code in cases:
        response = await client.put(url, json=body, headers=demo.headers)
        assert (response.status_code, response.json()["error"]) == (422, code), code
    assert (await accounts(services))[0].cert_pem_encrypted == before


async def test_delete_is_idempotent_and_get_then_answers_404(client, demo, services):
    (account,) = await accounts(services)
    url = demo.url(f"/registry_accounts/{account.id}/certificate")
    assert (await client.delete(url, headers=demo.headers)).status_code == 204
    assert (await client.delete(url, headers=demo.headers)).status_code == 204
    assert (await client.get(url, headers=demo.headers)).status_code == 404
    (stored,) = await accounts(services)
    assert stored.cert_pem_encrypted is None and stored.key_pem_encrypted is None


async def test_legacy_tld_association_paths_act_on_the_bound_account(client, demo, services):
    async with services.db.read() as session:
        association = (await session.exec(select(TldAssociation).where(TldAssociation.tld == "test"))).one()
    url = demo.url(f"/tld_associations/{association.id}/certificate")
    cert_pem, key_pem = pem_pair(ec.generate_private_key(ec.SECP384R1()))
    put = await client.put(url, json={"cert_pem": cert_pem, "key_pem": key_pem}, headers=demo.headers)
    assert put.status_code == 200, put.text
    assert put.json()["data"]["registry_account_id"] == association.registry_account_id
    assert put.json()["data"]["key_size"] == 384
    assert (await client.get(url, headers=demo.headers)).json()["data"] == put.json()["data"]
    assert (await client.delete(url, headers=demo.headers)).status_code == 204
    account_url = demo.url(f"/registry_accounts/{association.registry_account_id}/certificate")
    assert (await client.get(account_url, headers=demo.headers)).status_code == 404
    assert (await client.get(demo.url("/tld_associations/nope/certificate"), headers=demo.headers)).status_code == 404
