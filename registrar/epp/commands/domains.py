"""The domain commands of a registry account (RFC 5731, with secDNS-1.1, rgp-1.0, fee-1.0 and
idn-1.0): check, info, create, update, restore, renew, transfer and delete."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date

from registrar.epp import results
from registrar.epp.commands.core import SessionCore, in_input_order, no_result
from registrar.epp.frames.domain import (
    TRANSFER_OPS,
    build_domain_check,
    build_domain_create,
    build_domain_delete,
    build_domain_info,
    build_domain_renew,
    build_domain_transfer,
    build_domain_update,
)
from registrar.epp.frames.fee import FEE_COMMANDS
from registrar.epp.frames.rgp import build_domain_restore
from registrar.epp.objects import (
    CONTACT_TYPES,
    DOMAIN_CLIENT_STATUSES,
    DomainAvailability,
    DomainCreated,
    DomainCreateRequest,
    DomainInfo,
    DomainRenewed,
    DomainUpdateRequest,
    Greeting,
    RestoreReport,
    TransferStatus,
)
from registrar.epp.responses.domain import domain_check_results, domain_created, domain_info, domain_renewed
from registrar.epp.responses.envelope import EppResponse
from registrar.epp.responses.rgp import restore_statuses
from registrar.epp.responses.transfer import transfer_status
from registrar.epp.validation import (
    fields_error,
    verify_handles,
    verify_names,
    verify_period,
    verify_statuses,
)
from registrar.epp.wire.xml import FEE, IDN, RGP, SECDNS
from registrar.errors import RegistrarError

AUTHORIZATION_RESULTS = frozenset({2201, 2202})


class DomainCommands(SessionCore):
    async def check_domains(
        self,
        names: list[str],
        *,
        fee_commands: Sequence[str] = (),
        fee_period: int = 1,
        idn_language: str | None = None,
    ) -> list[DomainAvailability]:
        """Availability (and fee-1.0 quotes, when the registry offers fee-1.0) in input order.

        Names go out in batches of `endpoint.names_per_check`, concurrently over the pool.
        """
        verify_names("names", names)
        verify_period(fee_period)
        unknown = [command for command in fee_commands if command not in FEE_COMMANDS]
        if unknown:
            raise fields_error("fee_commands", f"unsupported fee commands: {unknown}")
        unique = list(dict.fromkeys(name.lower() for name in names))

        def build(batch: list[str], greeting: Greeting, cltrid: str) -> bytes:
            offers_fee = FEE in greeting.extension_uris
            offers_idn = IDN in greeting.extension_uris
            return build_domain_check(
                batch,
                fee_commands=fee_commands if offers_fee else (),
                fee_period=fee_period,
                idn_table=idn_language if offers_idn else None,
                cltrid=cltrid,
            )

        answers = await self.query_batches(unique, build, domain_check_results)
        return in_input_order(names, answers, lambda answer: answer.name)

    async def domain_info(self, name: str, auth_code: str | None = None) -> DomainInfo:
        verify_names("name", [name])
        return await self.query(
            lambda _, cltrid: build_domain_info(name, auth_info=auth_code, cltrid=cltrid),
            domain_info,
        )

    async def create_domain(self, request: DomainCreateRequest, *, cltrid: str | None = None) -> DomainCreated:
        """Register a domain; an unknown outcome is settled by `info` (ours → success).

        A successful answer without `<domain:creData>` (1001 "action pending" at the .dk
        registry) is a success: the dates come from an `info`, or stay None with `pending`
        when the registry does not show the domain as ours yet.
        """
        verify_names("name", [request.name])
        verify_names("nameservers", list(request.nameservers), allow_empty=True)
        verify_period(request.period_years)
        verify_handles("registrant", [request.registrant])
        verify_handles("contacts", [*request.admin, *request.tech, *request.billing])

        def build(greeting: Greeting, cltrid: str) -> bytes:
            if request.idn_language:
                require_extension(greeting, IDN, "idn-1.0")
            return build_domain_create(request, cltrid=cltrid)

        def extract(response: EppResponse) -> DomainCreated:
            created = domain_created(response)
            return created or DomainCreated(request.name, None, None, pending=response.code == results.PENDING)

        try:
            created = await self.mutate(build, extract, cltrid=cltrid)
        except results.RegistryOutcomeUnknown as unknown:
            info = await self._own_domain_info(request.name)
            if info is None or info.registrant != request.registrant or info.created_at is None:
                raise unknown from None
            return DomainCreated(info.name, info.created_at, info.expires_at)
        if created.created_at is not None:
            return created
        info = await self._own_domain_info(request.name)
        if info is None or info.created_at is None:
            return replace(created, pending=True)
        return replace(created, created_at=info.created_at, expires_at=info.expires_at)

    async def update_domain(self, request: DomainUpdateRequest, *, cltrid: str | None = None) -> None:
        """Apply the changes of `request` in one `<domain:update>`; nothing to change sends
        nothing. secDNS changes need a registry that offers secDNS-1.1."""
        verify_domain_update(request)
        if request.is_empty:
            return

        def build(greeting: Greeting, cltrid: str) -> bytes:
            if request.changes_secdns:
                require_extension(greeting, SECDNS, "secDNS-1.1")
            return build_domain_update(request, cltrid=cltrid)

        await self.mutate(build, no_result, cltrid=cltrid)

    async def restore_domain(
        self,
        name: str,
        *,
        fee_amount: str | None = None,
        fee_currency: str | None = None,
        cltrid: str | None = None,
    ) -> tuple[str, ...]:
        """rgp-1.0 restore request for a domain in its redemption period.

        Returns the rgp statuses the registry reports afterwards: `("pendingRestore",)` when
        it wants a restore report (`restore_report`), () when the domain is restored.
        """
        verify_names("name", [name])

        def build(greeting: Greeting, cltrid: str) -> bytes:
            require_extension(greeting, RGP, "rgp-1.0")
            offers_fee = FEE in greeting.extension_uris
            return build_domain_restore(
                name,
                fee_amount=fee_amount if offers_fee else None,
                fee_currency=fee_currency if offers_fee else None,
                cltrid=cltrid,
            )

        return await self.mutate(build, restore_statuses, cltrid=cltrid)

    async def restore_report(self, name: str, report: RestoreReport) -> None:
        """Send the restore report that completes a restore in `pendingRestore`."""
        verify_names("name", [name])
        if not 1 <= len(report.statements) <= 2:
            raise fields_error("statements", "a restore report carries one or two statements")
        if report.deleted_at > report.restored_at:
            raise fields_error("restored_at", "the restore cannot precede the deletion")

        def build(greeting: Greeting, cltrid: str) -> bytes:
            require_extension(greeting, RGP, "rgp-1.0")
            return build_domain_restore(name, report, cltrid=cltrid)

        await self.mutate(build, no_result)

    async def renew_domain(
        self, name: str, current_expiry: date, years: int = 1, *, cltrid: str | None = None
    ) -> DomainRenewed:
        """Renew; `current_expiry` (the date we believe) makes a retried renew fail, not double.

        An answer without `<domain:renData>` is a success all the same: the new expiry comes
        from an `info`, and is None (`pending`) when that does not show it moved on.
        """
        verify_names("name", [name])
        verify_period(years)

        def extract(response: EppResponse) -> DomainRenewed:
            return domain_renewed(response) or DomainRenewed(name, None, pending=response.code == results.PENDING)

        renewed = await self.mutate(
            lambda _, cltrid: build_domain_renew(name, current_expiry, years, cltrid=cltrid),
            extract,
            cltrid=cltrid,
        )
        if renewed.expires_at is not None:
            return renewed
        info = await self._own_domain_info(name)
        if info is None or info.expires_at is None or info.expires_at.date() <= current_expiry:
            return replace(renewed, pending=True)
        return replace(renewed, expires_at=info.expires_at)

    async def transfer_domain(self, op: str, name: str, auth_code: str | None = None) -> TransferStatus:
        """Transfer `op` request/query/approve/reject/cancel; a request needs `auth_code`.

        A request the registry refuses for its auth code (2201/2202) is `auth_code_invalid`.
        """
        verify_names("name", [name])
        if op not in TRANSFER_OPS:
            raise fields_error("op", f"must be one of {', '.join(TRANSFER_OPS)}")
        if op == "request" and not auth_code:
            raise fields_error("auth_code", "a transfer request needs the auth code")
        build = lambda _, cltrid: build_domain_transfer(  # noqa: E731
            op, name, auth_info=auth_code, cltrid=cltrid
        )
        if op == "query":
            return await self.query(build, transfer_status)
        try:
            return await self.mutate(build, transfer_status)
        except RegistrarError as error:
            epp_code = (error.detail or {}).get("epp_code")
            if op == "request" and epp_code in AUTHORIZATION_RESULTS:
                raise RegistrarError("auth_code_invalid", detail=error.detail) from None
            raise

    async def _own_domain_info(self, name: str) -> DomainInfo | None:
        """`info` on a domain this account sponsors; None when the registry does not show one
        (or cannot be asked): what settles a create or renew whose answer lacked its data."""
        try:
            info = await self.domain_info(name)
        except RegistrarError:
            return None
        return info if info.sponsor == self.login.clid else None

    async def delete_domain(self, name: str, *, cltrid: str | None = None) -> None:
        """Delete; at a registry with rgp-1.0 the domain enters its redemption period."""
        verify_names("name", [name])
        await self.mutate(lambda _, sent: build_domain_delete(name, cltrid=sent), no_result, cltrid=cltrid)


def require_extension(greeting: Greeting, uri: str, label: str) -> None:
    if uri not in greeting.extension_uris:
        raise RegistrarError(
            "registry_policy_error",
            detail={"reason": f"the registry does not offer the {label} extension"},
        )


def verify_domain_update(request: DomainUpdateRequest) -> None:
    verify_names("name", [request.name])
    verify_names("add_nameservers", list(request.add_nameservers), allow_empty=True)
    verify_names("rem_nameservers", list(request.rem_nameservers), allow_empty=True)
    added = [status.value for status in request.add_statuses]
    verify_statuses("add_statuses", added, DOMAIN_CLIENT_STATUSES)
    verify_statuses("rem_statuses", list(request.rem_statuses), DOMAIN_CLIENT_STATUSES)
    for field, contacts in (
        ("add_contacts", request.add_contacts),
        ("rem_contacts", request.rem_contacts),
    ):
        if any(contact_type not in CONTACT_TYPES for contact_type, _ in contacts):
            raise fields_error(field, f"contact types are {', '.join(CONTACT_TYPES)}")
        verify_handles(field, [handle for _, handle in contacts])
    if request.registrant is not None:
        verify_handles("registrant", [request.registrant])
    if request.auth_info is not None and not request.auth_info.strip():
        raise fields_error("auth_info", "an auth code cannot be blank")
    if request.ds_rem_all and request.ds_rem:
        raise fields_error("ds_rem", "remove all DS records or some of them, not both")
    if request.max_sig_life is not None and request.max_sig_life < 1:
        raise fields_error("max_sig_life", "must be a positive number of seconds")
