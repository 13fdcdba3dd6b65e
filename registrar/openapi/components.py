"""Shared component schemas: the error envelope and the documented object shapes."""

from __future__ import annotations

from registrar.openapi.schema import (
    ANY_OBJECT,
    BOOLEAN,
    INTEGER,
    MONEY,
    STRING,
    TIMESTAMP,
    Schema,
    array,
    enum,
    nullable,
    obj,
    ref,
)

N_STRING = nullable(STRING)
N_TIMESTAMP = nullable(TIMESTAMP)
N_INTEGER = nullable(INTEGER)

ERROR_ENVELOPE = obj(
    {"error": {"type": "string", "pattern": "^[a-z0-9_:]+$"}},
    {
        "detail": ANY_OBJECT,
        "details": {"type": "object", "additionalProperties": array(STRING)},
        "meta": ANY_OBJECT,
    },
    closed=True,
)

CURSOR_PAGINATION = obj({"next_cursor": N_STRING, "has_more": BOOLEAN})
OFFSET_PAGINATION = obj({"offset": INTEGER, "limit": INTEGER, "total": INTEGER, "has_more": BOOLEAN})

CONTACT = obj(
    {
        "id": STRING,
        "tenant_id": STRING,
        "handle": STRING,
        "name": STRING,
        "organization": N_STRING,
        "email": STRING,
        "phone": STRING,
        "fax": N_STRING,
        "street": array(STRING),
        "city": STRING,
        "state_province": N_STRING,
        "postal_code": N_STRING,
        "country_code": STRING,
        "verification_state": STRING,
        "inserted_at": TIMESTAMP,
        "updated_at": TIMESTAMP,
    }
)

DS_RECORD = obj(
    {"key_tag": INTEGER, "algorithm": INTEGER, "digest_type": INTEGER, "digest": STRING},
    {"max_sig_life": N_INTEGER},
)

DOMAIN = obj(
    {
        "id": STRING,
        "tenant_id": STRING,
        "name": STRING,
        "unicode_name": STRING,
        "tld": STRING,
        "state": enum("registered", "on_hold", "expired", "redemption", "pending_delete", "deleted"),
        "epp_statuses": array(STRING),
        "hold_reason": N_STRING,
        "nameservers": array(STRING),
        "ds_records": array(DS_RECORD),
        "dnssec_signed": BOOLEAN,
        "registrant_handle": N_STRING,
        "admin_handle": N_STRING,
        "tech_handle": N_STRING,
        "billing_handle": N_STRING,
        "registry_account_id": N_STRING,
        "registry_account": nullable(obj({"id": STRING, "name": STRING, "registry_binding": STRING})),
        "acceptance": nullable(ANY_OBJECT),
        "auto_renewal": obj(
            {
                "enabled": BOOLEAN,
                "mode": enum("DEFAULT", "AUTORENEW", "AUTOEXPIRE", "RENEWONCE", "AUTODELETE"),
                "grace_period_days": N_INTEGER,
                "opt_out_url": N_STRING,
                "renewal_fee": nullable(obj({"amount": MONEY, "currency": STRING})),
            }
        ),
        "out_of_sync": BOOLEAN,
        "registered_at": N_TIMESTAMP,
        "expires_at": N_TIMESTAMP,
        "last_renewed_at": N_TIMESTAMP,
        "last_reconciled_at": N_TIMESTAMP,
        "deletion_scheduled_at": N_TIMESTAMP,
        "transfer_lock_until": N_TIMESTAMP,
        "inserted_at": TIMESTAMP,
        "updated_at": TIMESTAMP,
    }
)

FEE = obj(
    {
        "amount": STRING,
        "command": STRING,
        "currency": STRING,
        "period_years": INTEGER,
        "refundable": nullable(BOOLEAN),
    }
)
AVAILABILITY = obj(
    {
        "name": STRING,
        "status": STRING,
        "fees": array(FEE),
        "client_transaction_id": N_STRING,
    },
    {"premium": obj({"marker": STRING}), "error": ANY_OBJECT},
)

QUOTE = obj(
    {
        "quote_id": STRING,
        "fqdn": STRING,
        "tld": STRING,
        "operation": STRING,
        "period": N_INTEGER,
        "tier": STRING,
        "premium_class": N_STRING,
        "amount": MONEY,
        "currency": STRING,
        "quoted_at": TIMESTAMP,
        "valid_until": TIMESTAMP,
    }
)

DOMAIN_EVENT = obj(
    {
        "id": STRING,
        "domain_id": STRING,
        "event_type": STRING,
        "actor_type": STRING,
        "actor_id": N_STRING,
        "payload": ANY_OBJECT,
        "inserted_at": TIMESTAMP,
    }
)

HOST = obj(
    {"id": STRING, "tenant_id": STRING, "name": STRING, "addresses": array(STRING)},
    {
        "subordinate": BOOLEAN,
        "statuses": array(STRING),
        "state": STRING,
        "registry_account_id": N_STRING,
        "inserted_at": TIMESTAMP,
        "updated_at": TIMESTAMP,
    },
)

TENANT = obj(
    {
        "id": STRING,
        "name": STRING,
        "slug": STRING,
        "status": STRING,
        "transfer_out_mode": enum("auto", "explicit"),
        "verification_from_email": N_STRING,
        "suspension_from_email": N_STRING,
        "renewal_from_email": N_STRING,
        "verification_from_phone": N_STRING,
        "suspension_from_phone": N_STRING,
        "verification_url_template": N_STRING,
        "inserted_at": TIMESTAMP,
        "updated_at": TIMESTAMP,
    }
)

TENANT_MEMBERSHIP = obj(
    {
        "id": STRING,
        "name": STRING,
        "slug": STRING,
        "status": STRING,
        "role": enum("owner", "admin", "member"),
        "membership_state": STRING,
        "inserted_at": TIMESTAMP,
        "updated_at": TIMESTAMP,
    }
)

MEMBERSHIP = obj(
    {
        "id": STRING,
        "tenant_id": STRING,
        "user_id": STRING,
        "role": enum("owner", "admin", "member"),
        "state": STRING,
        "inserted_at": TIMESTAMP,
        "updated_at": TIMESTAMP,
    }
)

OPERATOR_MEMBER = obj({**MEMBERSHIP["properties"], "email": STRING, "email_verified": BOOLEAN})

INVITATION = obj(
    {
        "id": STRING,
        "tenant_id": STRING,
        "email": STRING,
        "role": STRING,
        "state": STRING,
        "expires_at": TIMESTAMP,
        "accepted_at": N_TIMESTAMP,
        "inserted_at": TIMESTAMP,
    }
)

OAUTH_CLIENT = obj(
    {
        "id": STRING,
        "tenant_id": N_STRING,
        "client_id": STRING,
        "client_type": enum("confidential", "public"),
        "name": STRING,
        "allowed_flows": array(STRING),
        "allowed_scopes": array(STRING),
        "redirect_uris": array(STRING),
        "access_token_ttl_seconds": N_INTEGER,
        "refresh_token_ttl_seconds": N_INTEGER,
        "inserted_at": TIMESTAMP,
    },
    {"client_secret": STRING},
)

USER_SESSION = obj(
    {
        "id": STRING,
        "ip_address": N_STRING,
        "user_agent": N_STRING,
        "expires_at": TIMESTAMP,
        "inserted_at": TIMESTAMP,
    }
)

API_KEY = obj(
    {
        "id": STRING,
        "tenant_id": STRING,
        "name": STRING,
        "prefix": STRING,
        "scopes": array(STRING),
        "expires_at": N_TIMESTAMP,
        "inserted_at": TIMESTAMP,
    },
    {"api_key": STRING},
)

REGISTRY_ACCOUNT = obj(
    {
        "id": STRING,
        "tenant_id": STRING,
        "registry_binding": STRING,
        "name": STRING,
        "state": enum("active", "disabled"),
        "is_default": BOOLEAN,
        "rotated_at": N_TIMESTAMP,
        "inserted_at": TIMESTAMP,
        "updated_at": TIMESTAMP,
    }
)

CERTIFICATE = obj(
    {
        "id": STRING,
        "registry_account_id": STRING,
        "cert_pem": STRING,
        "fingerprint_sha256": STRING,
        "issuer": STRING,
        "subject": STRING,
        "serial_number": STRING,
        "key_size": N_INTEGER,
        "public_key_algorithm": STRING,
        "signature_algorithm": STRING,
        "not_before": TIMESTAMP,
        "not_after": TIMESTAMP,
        "rotated_at": N_TIMESTAMP,
    }
)


def _days(maximum: int) -> Schema:
    return {"type": "integer", "minimum": 0, "maximum": maximum}


# The policy keys the operator sets (resolvers/operator/tld_config.py) and their defaults; the
# config also echoes what the platform writes itself (the low-balance credit snapshot).
TLD_CONFIG = obj(
    optional={
        "dnssec_supported": BOOLEAN,
        "auto_renewal_mode": enum("AUTORENEW", "AUTOEXPIRE", "RENEWONCE", "AUTODELETE"),
        "auto_renewal_grace_period_days": _days(45),
        "redemption_period_days": _days(90),
        "transfer_lock_days": _days(365),
        "add_grace_period_days": _days(30),
        "renew_grace_period_days": _days(30),
        "transfer_grace_period_days": _days(30),
        "idn_supported": BOOLEAN,
        "idn_language_required": BOOLEAN,
        "idn_languages": array(STRING),
        "low_balance_notification_email": STRING,
    }
)

TLD_ASSOCIATION = obj(
    {
        "id": STRING,
        "tenant_id": STRING,
        "tld": STRING,
        "accreditation_type": enum("icann_accredited", "non_icann"),
        "state": STRING,
        "registry_account_id": N_STRING,
        "config": TLD_CONFIG,
        "inserted_at": TIMESTAMP,
        "updated_at": TIMESTAMP,
    }
)

RATE_CARD = obj(
    {
        "tld": STRING,
        "entries": array(
            obj(
                {
                    "id": STRING,
                    "tld": STRING,
                    "operation": STRING,
                    "period": N_INTEGER,
                    "tier": STRING,
                    "premium_class": N_STRING,
                    "amount": MONEY,
                    "currency": STRING,
                    "inserted_at": TIMESTAMP,
                    "updated_at": TIMESTAMP,
                }
            )
        ),
    }
)

AGREEMENT_VERSION = obj(
    {
        "id": STRING,
        "tenant_id": STRING,
        "version": STRING,
        "title": STRING,
        "state": enum("draft", "published", "retired"),
    },
    {
        "body": STRING,
        "content_hash": STRING,
        "url": N_STRING,
        "material_change": BOOLEAN,
        "effective_at": N_TIMESTAMP,
        "published_at": N_TIMESTAMP,
        "retired_at": N_TIMESTAMP,
        "inserted_at": TIMESTAMP,
        "updated_at": TIMESTAMP,
    },
)

ACCEPTANCE = obj(
    {"id": STRING, "domain_id": STRING, "agreement_version_id": STRING, "state": STRING},
    {
        "tenant_id": STRING,
        "accepted_at": TIMESTAMP,
        "terminated_at": N_TIMESTAMP,
        "ip_address": N_STRING,
        "user_agent": N_STRING,
    },
)

OPERATOR_TENANT = obj(
    {
        **TENANT["properties"],
        "iana_registrar_id": N_INTEGER,
        "abuse_email": N_STRING,
        "abuse_form_url": N_STRING,
        "transfer_lock_opt_out": BOOLEAN,
        "reseller_approved_at": N_TIMESTAMP,
    }
)

REGISTRY_BINDING = obj(
    {
        "name": STRING,
        "host": STRING,
        "port": INTEGER,
        "ca_pem": N_STRING,
        "extensions": array(STRING),
        "names_per_check": INTEGER,
        "max_connections": INTEGER,
        "commands_per_minute": N_INTEGER,
        "tlds": array(STRING),
        "inserted_at": TIMESTAMP,
        "updated_at": TIMESTAMP,
    }
)

RATE_CARD_ENTRY = obj(
    {
        **RATE_CARD["properties"]["entries"]["items"]["properties"],
        "operation": enum("register", "renew", "transfer_in", "restore"),
        "tier": enum("standard", "premium"),
        "currency": {"type": "string", "pattern": "^[A-Z]{3}$"},
    }
)

AUDIT_ENTRY = obj(
    {
        "id": STRING,
        "occurred_at": TIMESTAMP,
        "actor_type": enum("operator_client", "cli"),
        "actor_id": STRING,
        "action": STRING,
        "target_type": STRING,
        "target_id": STRING,
        "tenant_id": N_STRING,
        "diff": ANY_OBJECT,
    }
)

PLATFORM_CLIENT = obj(
    {
        "id": STRING,
        "client_id": STRING,
        "kind": enum("operator", "directory"),
        "name": STRING,
        "allowed_scopes": array(STRING),
        "inserted_at": TIMESTAMP,
    },
    {"client_secret": STRING},
)

COMPONENTS: dict[str, Schema] = {
    "Error": ERROR_ENVELOPE,
    "CursorPagination": CURSOR_PAGINATION,
    "OffsetPagination": OFFSET_PAGINATION,
    "Contact": CONTACT,
    "Domain": DOMAIN,
    "Availability": AVAILABILITY,
    "Quote": QUOTE,
    "DomainEvent": DOMAIN_EVENT,
    "Host": HOST,
    "Tenant": TENANT,
    "TenantMembership": TENANT_MEMBERSHIP,
    "Membership": MEMBERSHIP,
    "Invitation": INVITATION,
    "OAuthClient": OAUTH_CLIENT,
    "UserSession": USER_SESSION,
    "ApiKey": API_KEY,
    "RegistryAccount": REGISTRY_ACCOUNT,
    "Certificate": CERTIFICATE,
    "TldAssociation": TLD_ASSOCIATION,
    "RateCard": RATE_CARD,
    "AgreementVersion": AGREEMENT_VERSION,
    "Acceptance": ACCEPTANCE,
    "OperatorTenant": OPERATOR_TENANT,
    "OperatorMember": OPERATOR_MEMBER,
    "RegistryBinding": REGISTRY_BINDING,
    "RateCardEntry": RATE_CARD_ENTRY,
    "AuditEntry": AUDIT_ENTRY,
    "PlatformClient": PLATFORM_CLIENT,
}


def component(name: str) -> Schema:
    """A `$ref` to a registered component; a typo fails at import, not in a client."""
    if name not in COMPONENTS:
        raise KeyError(name)
    return ref(name)
