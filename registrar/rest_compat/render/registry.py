"""JSON shapes of registry bindings (and their connectivity test), registry accounts, their
certificates and TLD associations. Credentials and private keys have no field here to leak
through."""

from __future__ import annotations

from datetime import UTC
from typing import Any

from registrar.epp.objects import Greeting
from registrar.models import RegistryAccount, RegistryBinding, TldAssociation
from registrar.resolvers.operator.registry_bindings import BindingTest
from registrar.resolvers.registry.certificates import CertificateView
from registrar.resolvers.registry.guard import DEFAULT_POLICY
from registrar.rest_compat.render.formats import ts, ts_micro


def registry_account(row: RegistryAccount) -> dict[str, Any]:
    return {
        "id": row.id,
        "inserted_at": ts(row.inserted_at),
        "is_default": row.is_default,
        "name": row.name,
        "registry_binding": row.registry_binding,
        "rotated_at": ts(row.rotated_at),
        "state": row.state,
        "tenant_id": row.tenant_id,
        "updated_at": ts(row.updated_at),
    }


def certificate(view: CertificateView) -> dict[str, Any]:
    return {
        "cert_pem": view.cert_pem,
        "fingerprint_sha256": view.fingerprint_sha256,
        "id": view.registry_account_id,
        "issuer": view.issuer,
        "key_size": view.key_size,
        "not_after": ts_micro(view.not_after),
        "not_before": ts_micro(view.not_before),
        "public_key_algorithm": view.public_key_algorithm,
        "registry_account_id": view.registry_account_id,
        "rotated_at": ts_micro(view.rotated_at),
        "serial_number": view.serial_number,
        "signature_algorithm": view.signature_algorithm,
        "subject": view.subject,
    }


def tld_association(row: TldAssociation) -> dict[str, Any]:
    return {
        "accreditation_type": row.accreditation_type,
        "config": {**DEFAULT_POLICY, **row.config},
        "id": row.id,
        "inserted_at": ts(row.inserted_at),
        "registry_account_id": row.registry_account_id,
        "state": row.state,
        "tenant_id": row.tenant_id,
        "tld": row.tld,
        "updated_at": ts(row.updated_at),
    }


def registry_binding(row: RegistryBinding) -> dict[str, Any]:
    return {
        "ca_pem": row.ca_pem,
        "commands_per_minute": row.commands_per_minute,
        "extensions": list(row.extensions),
        "host": row.host,
        "inserted_at": ts(row.inserted_at),
        "max_connections": row.max_connections,
        "name": row.name,
        "names_per_check": row.names_per_check,
        "port": row.port,
        "tlds": list(row.tlds),
        "updated_at": ts(row.updated_at),
    }


def greeting(value: Greeting) -> dict[str, Any]:
    server_date = value.server_date.astimezone(UTC) if value.server_date else None
    return {
        "extensions": list(value.extension_uris),
        "languages": list(value.languages),
        "objects": list(value.object_uris),
        "server_date": ts(server_date),
        "server_id": value.server_id,
        "versions": list(value.versions),
    }


def registry_binding_test(result: BindingTest) -> dict[str, Any]:
    report = result.report
    error = report.error
    return {
        "binding": result.binding,
        "error": {"code": str(error.code), "detail": error.detail or {}} if error is not None else None,
        "greeting": greeting(report.greeting) if report.greeting is not None else None,
        "latency_ms": report.latency_ms,
        "logged_in": report.logged_in,
        "reachable": report.reachable,
        "registry_account_id": result.registry_account_id,
    }
