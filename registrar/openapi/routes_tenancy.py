"""Tenant administration, the caller's own account, registry accounts, certificates, TLD
associations and agreement versions."""

from __future__ import annotations

from registrar.openapi.components import component
from registrar.openapi.schema import (
    EMAIL,
    INTEGER,
    STRING,
    Operation,
    Param,
    array,
    data,
    data_list,
    enum,
    obj,
)

TENANT = "/api/v1/tenants/{tenant_id}"
MEMBER = f"{TENANT}/members/{{user_id}}"
ROLE = enum("owner", "admin", "member")
MEMBER_DATA = data(component("Membership"))
TENANT_BODY = obj(
    optional={
        "name": STRING,
        "verification_from_email": STRING,
        "suspension_from_email": STRING,
        "renewal_from_email": STRING,
        "verification_from_phone": STRING,
        "suspension_from_phone": STRING,
        "verification_url_template": STRING,
        "transfer_out_mode": enum("auto", "explicit"),
    }
)
CLIENT_BODY = obj(
    {"name": STRING},
    {
        "client_type": enum("confidential", "public"),
        "allowed_flows": array(STRING),
        "allowed_scopes": array(STRING),
        "redirect_uris": array(STRING),
        "access_token_ttl_seconds": INTEGER,
        "refresh_token_ttl_seconds": INTEGER,
    },
)
CERT_DATA = data(component("Certificate"))
CERT_BODY = obj({"cert_pem": STRING, "key_pem": STRING})
AGREEMENT = f"{TENANT}/agreement_versions/{{id}}"
AGREEMENT_DATA = data(component("AgreementVersion"))


def _certificate_operations(base: str, owner: str) -> tuple[Operation, ...]:
    return (
        Operation(
            "GET",
            f"{base}/certificate",
            f"Client certificate metadata of the {owner}",
            response=CERT_DATA,
            errors=(404,),
            tag="registry",
        ),
        Operation(
            "PUT",
            f"{base}/certificate",
            f"Upload or rotate the {owner}'s client certificate",
            response=CERT_DATA,
            body=CERT_BODY,
            errors=(404, 422),
            tag="registry",
        ),
        Operation(
            "DELETE",
            f"{base}/certificate",
            f"Remove the {owner}'s client certificate",
            status=204,
            errors=(404,),
            tag="registry",
        ),
    )


OPERATIONS: tuple[Operation, ...] = (
    *(
        Operation(
            method,
            TENANT,
            "Update the tenant's settings",
            response=data(component("Tenant")),
            body=TENANT_BODY,
            body_optional=True,
            errors=(422,),
            tag="tenants",
        )
        for method in ("PATCH", "PUT")
    ),
    Operation(
        "GET",
        "/api/v1/user/tenants",
        "Tenants the caller belongs to",
        response=data_list(component("TenantMembership")),
        tag="account",
    ),
    Operation(
        "GET",
        f"{TENANT}/members",
        "List members",
        response=data_list(component("Membership")),
        tag="tenants",
    ),
    Operation("GET", MEMBER, "Get a member", response=MEMBER_DATA, errors=(404,), tag="tenants"),
    Operation("DELETE", MEMBER, "Remove a member", status=204, errors=(404, 422), tag="tenants"),
    Operation(
        "PUT",
        f"{MEMBER}/role",
        "Change a member's role",
        response=MEMBER_DATA,
        body=obj({"role": ROLE}),
        errors=(404, 422),
        tag="tenants",
    ),
    *(
        Operation(
            "PUT",
            f"{MEMBER}/{action}",
            f"{action.capitalize()} a member",
            response=MEMBER_DATA,
            errors=(404, 422),
            tag="tenants",
        )
        for action in ("activate", "deactivate")
    ),
    Operation(
        "GET",
        f"{TENANT}/invitations",
        "List invitations",
        response=data_list(component("Invitation")),
        tag="tenants",
    ),
    Operation(
        "POST",
        f"{TENANT}/invitations",
        "Invite someone by email",
        status=201,
        response=data(component("Invitation")),
        body=obj({"email": EMAIL, "role": ROLE}),
        errors=(422,),
        tag="tenants",
    ),
    Operation(
        "DELETE",
        f"{TENANT}/invitations/{{id}}",
        "Revoke an invitation",
        status=204,
        errors=(404, 422),
        tag="tenants",
    ),
    Operation(
        "POST",
        "/api/v1/invitations/{token}/accept",
        "Accept an invitation",
        response=data(obj({"message": enum("invitation_accepted"), "user_id": STRING})),
        body=obj(optional={"password": STRING}),
        body_optional=True,
        auth="none",
        errors=(404, 422),
        tag="tenants",
    ),
    Operation(
        "GET",
        f"{TENANT}/oauth_clients",
        "List OAuth clients",
        response=data_list(component("OAuthClient")),
        tag="tenants",
    ),
    Operation(
        "POST",
        f"{TENANT}/oauth_clients",
        "Create an OAuth client (secret returned once)",
        status=201,
        response=data(component("OAuthClient")),
        body=CLIENT_BODY,
        errors=(422,),
        tag="tenants",
    ),
    Operation(
        "GET",
        f"{TENANT}/oauth_clients/{{id}}",
        "Get an OAuth client",
        response=data(component("OAuthClient")),
        errors=(404,),
        tag="tenants",
    ),
    Operation(
        "DELETE",
        f"{TENANT}/oauth_clients/{{id}}",
        "Revoke an OAuth client",
        status=204,
        errors=(404,),
        tag="tenants",
    ),
    Operation(
        "POST",
        f"{TENANT}/oauth_clients/{{id}}/rotate_secret",
        "Rotate a client secret",
        response=data(obj({"client_id": STRING, "client_secret": STRING})),
        errors=(404, 422),
        tag="tenants",
    ),
    Operation(
        "GET",
        f"{TENANT}/sessions",
        "List sign-in sessions",
        response=data_list(component("UserSession")),
        tag="tenants",
    ),
    Operation(
        "DELETE",
        f"{TENANT}/sessions/{{id}}",
        "Revoke a session",
        status=204,
        errors=(404,),
        tag="tenants",
    ),
    Operation(
        "GET",
        f"{TENANT}/api_keys",
        "List API keys",
        response=data_list(component("ApiKey")),
        tag="tenants",
    ),
    Operation(
        "POST",
        f"{TENANT}/api_keys",
        "Create an API key (returned once)",
        status=201,
        response=data(component("ApiKey")),
        body=obj(
            {"name": STRING},
            {"scopes": array(STRING), "expires_in_days": {"type": "integer", "minimum": 1}},
        ),
        errors=(422,),
        tag="tenants",
    ),
    Operation(
        "DELETE",
        f"{TENANT}/api_keys/{{id}}",
        "Revoke an API key",
        status=204,
        errors=(404,),
        tag="tenants",
    ),
    Operation(
        "GET",
        f"{TENANT}/registry_accounts",
        "List registry accounts",
        response=data_list(component("RegistryAccount")),
        params=(Param("registry_binding", "Binding name."), Param("state", "active|disabled.")),
        tag="registry",
    ),
    *(
        Operation(
            "POST",
            f"{TENANT}/registry_accounts/{{id}}/{action}",
            summary,
            response=data(component("RegistryAccount")),
            errors=(404, 422),
            tag="registry",
        )
        for action, summary in (
            ("set_default", "Make the account its binding's default"),
            ("clear_default", "Clear the account's default flag"),
        )
    ),
    *_certificate_operations(f"{TENANT}/registry_accounts/{{id}}", "registry account"),
    *_certificate_operations(f"{TENANT}/tld_associations/{{id}}", "TLD association's account"),
    Operation(
        "GET",
        f"{TENANT}/tld_associations",
        "List TLD associations",
        response=data_list(component("TldAssociation")),
        params=(
            Param("state", "Association state."),
            Param("accreditation_type", "icann_accredited or non_icann."),
            Param("registry_account_id", "Bound registry account."),
        ),
        tag="registry",
    ),
    Operation(
        "GET",
        f"{TENANT}/tld_associations/{{id_or_tld}}",
        "Get a TLD association by id or TLD",
        response=data(component("TldAssociation")),
        errors=(404,),
        tag="registry",
    ),
    Operation(
        "PATCH",
        f"{TENANT}/tld_associations/{{id}}/notifications",
        "Update an association's notification settings",
        response=data(component("TldAssociation")),
        body=obj(optional={"low_balance_notification_email": STRING}),
        errors=(404, 422),
        tag="registry",
    ),
    Operation(
        "GET",
        f"{TENANT}/agreement_versions",
        "List agreement versions",
        response=data_list(component("AgreementVersion")),
        params=(Param("state", "State."),),
        tag="agreements",
    ),
    Operation(
        "POST",
        f"{TENANT}/agreement_versions",
        "Create a draft agreement version",
        status=201,
        response=AGREEMENT_DATA,
        body=obj(
            {"version": STRING, "title": STRING, "body": STRING},
            {"url": STRING, "material_change": {"type": "boolean"}, "effective_at": STRING},
        ),
        errors=(422,),
        tag="agreements",
    ),
    Operation(
        "GET",
        AGREEMENT,
        "Get an agreement version",
        response=AGREEMENT_DATA,
        errors=(404,),
        tag="agreements",
    ),
    *(
        Operation(
            "POST",
            f"{AGREEMENT}/{action}",
            summary,
            response=AGREEMENT_DATA,
            errors=(404, 422),
            tag="agreements",
        )
        for action, summary in (
            ("publish", "Publish a draft version"),
            ("retire", "Retire a published version"),
        )
    ),
    *(
        Operation(
            method,
            AGREEMENT,
            "Not allowed: versions are immutable (405)",
            status=405,
            response=component("Error"),
            body_optional=True,
            tag="agreements",
        )
        for method in ("PUT", "PATCH")
    ),
)
