"""JSON shapes of tenants, memberships and invitations, as the spec documents them."""

from __future__ import annotations

from typing import Any

from registrar.models import Invitation, Membership, Tenant
from registrar.resolvers.operator.memberships import Member
from registrar.resolvers.tenancy.tenants import TenantMembership
from registrar.rest_compat.render.formats import ts


def tenant(row: Tenant) -> dict[str, Any]:
    return {
        "id": row.id,
        "name": row.name,
        "slug": row.slug,
        "status": row.status,
        "transfer_out_mode": row.transfer_out_mode,
        "verification_from_email": row.verification_from_email,
        "suspension_from_email": row.suspension_from_email,
        "renewal_from_email": row.renewal_from_email,
        "verification_from_phone": row.verification_from_phone,
        "suspension_from_phone": row.suspension_from_phone,
        "verification_url_template": row.verification_url_template,
        "inserted_at": ts(row.inserted_at),
        "updated_at": ts(row.updated_at),
    }


def membership(row: Membership) -> dict[str, Any]:
    return {
        "id": row.id,
        "inserted_at": ts(row.inserted_at),
        "role": row.role,
        "state": row.state,
        "tenant_id": row.tenant_id,
        "updated_at": ts(row.updated_at),
        "user_id": row.user_id,
    }


def operator_member(member: Member) -> dict[str, Any]:
    return {**membership(member.membership), "email": member.email, "email_verified": member.email_verified}


def invitation(row: Invitation) -> dict[str, Any]:
    return {
        "accepted_at": ts(row.accepted_at),
        "email": row.email,
        "expires_at": ts(row.expires_at),
        "id": row.id,
        "inserted_at": ts(row.inserted_at),
        "role": row.role,
        "state": row.state,
        "tenant_id": row.tenant_id,
    }


def tenant_membership(item: TenantMembership) -> dict[str, Any]:
    return {
        "id": item.tenant.id,
        "inserted_at": ts(item.tenant.inserted_at),
        "membership_state": item.membership.state,
        "name": item.tenant.name,
        "role": item.membership.role,
        "slug": item.tenant.slug,
        "status": item.tenant.status,
        "updated_at": ts(item.tenant.updated_at),
    }


def operator_tenant(row: Tenant) -> dict[str, Any]:
    """A tenant as the operator sees it (the `OperatorTenant` component)."""
    return {
        **tenant(row),
        "iana_registrar_id": row.iana_registrar_id,
        "abuse_email": row.abuse_email,
        "abuse_form_url": row.abuse_form_url,
        "transfer_lock_opt_out": row.transfer_lock_opt_out,
        "reseller_approved_at": ts(row.reseller_approved_at),
    }


def issued_invitation(row: Invitation, token: str, accept_url: str) -> dict[str, Any]:
    """An invitation the operator just made, with its token (shown this once)."""
    return {**invitation(row), "token": token, "accept_url": accept_url}
