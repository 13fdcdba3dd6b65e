"""`RegistrySession`: the EPP commands of one registry account, as the application calls them.

Each method validates its input (a bad value is the caller's 422, never a frame the registry
rejects as syntax), builds the frame, runs it through the account's pool under the binding's
circuit breaker, maps the result through the `results` table and extracts typed values.
"""

from __future__ import annotations

import asyncio
import ipaddress
import re
from collections.abc import Awaitable, Callable, Iterable, Sequence
from datetime import date
from typing import TYPE_CHECKING, TypeVar, cast

from registrar.epp import results
from registrar.epp.frames import build_poll_ack, build_poll_request, new_cltrid
from registrar.epp.frames_contact import build_contact_create
from registrar.epp.frames_domain import (
    FEE_COMMANDS,
    build_domain_check,
    build_domain_create,
    build_domain_info,
)
from registrar.epp.frames_domain_lifecycle import (
    TRANSFER_OPS,
    build_domain_delete,
    build_domain_renew,
    build_domain_transfer,
)
from registrar.epp.frames_host import build_host_check, build_host_create
from registrar.epp.objects import (
    ContactCreated,
    ContactCreateRequest,
    DomainAvailability,
    DomainCreated,
    DomainCreateRequest,
    DomainInfo,
    DomainRenewed,
    Greeting,
    HostAvailability,
    PollMessage,
    TransferStatus,
)
from registrar.epp.responses import EppResponse
from registrar.epp.responses_contact import contact_created
from registrar.epp.responses_domain import domain_check_results, domain_created, domain_info
from registrar.epp.responses_host import host_check_results
from registrar.epp.responses_lifecycle import domain_renewed, poll_message, transfer_status
from registrar.epp.xml import FEE, IDN, EppXmlError
from registrar.errors import FieldErrors, RegistrarError

if TYPE_CHECKING:
    from registrar.epp.gateway import RegistryEndpoint, RegistryGateway, RegistryLogin

T = TypeVar("T")
FrameBuilder = Callable[[Greeting, str], bytes]
"""(the server's greeting, a fresh clTRID) → frame bytes."""

MAX_PERIOD_YEARS = 99
_LABEL = re.compile(r"(?!-)[A-Za-z0-9-]{1,63}(?<!-)")


class RegistrySession:
    """The commands of one registry account; cheap to create, holds no connection itself."""

    def __init__(
        self, gateway: RegistryGateway, endpoint: RegistryEndpoint, login: RegistryLogin
    ) -> None:
        self._gateway = gateway
        self.endpoint = endpoint
        self.login = login

    # -- domains -------------------------------------------------------------------------

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
        size = max(1, self.endpoint.names_per_check)
        unique = list(dict.fromkeys(name.lower() for name in names))
        batches = [unique[i : i + size] for i in range(0, len(unique), size)]

        def builder(batch: list[str]) -> FrameBuilder:
            def build(greeting: Greeting, cltrid: str) -> bytes:
                offers_fee = FEE in greeting.extension_uris
                offers_idn = IDN in greeting.extension_uris
                return build_domain_check(
                    batch,
                    fee_commands=fee_commands if offers_fee else (),
                    fee_period=fee_period,
                    idn_table=idn_language if offers_idn else None,
                    cltrid=cltrid,
                )

            return build

        answers = await gather_first_error(
            self._query(builder(batch), domain_check_results) for batch in batches
        )
        by_name = {result.name.lower(): result for answer in answers for result in answer}
        missing = [name for name in unique if name not in by_name]
        if missing:
            raise results.bad_response(f"check answer lacks {missing[:5]}")
        return [by_name[name.lower()] for name in names]

    async def domain_info(self, name: str, auth_code: str | None = None) -> DomainInfo:
        verify_names("name", [name])
        return await self._query(
            lambda _, cltrid: build_domain_info(name, auth_info=auth_code, cltrid=cltrid),
            domain_info,
        )

    async def create_domain(self, request: DomainCreateRequest) -> DomainCreated:
        """Register a domain; an unknown outcome is settled by `info` (ours → success)."""
        verify_names("name", [request.name])
        verify_names("nameservers", list(request.nameservers), allow_empty=True)
        verify_period(request.period_years)
        verify_handles("registrant", [request.registrant])
        verify_handles("contacts", [*request.admin, *request.tech, *request.billing])

        def build(greeting: Greeting, cltrid: str) -> bytes:
            if request.idn_language and IDN not in greeting.extension_uris:
                raise RegistrarError(
                    "registry_policy_error",
                    detail={"reason": "the registry does not offer the idn-1.0 extension"},
                )
            return build_domain_create(request, cltrid=cltrid)

        try:
            return await self._mutate(build, domain_created)
        except results.RegistryOutcomeUnknown as unknown:
            try:
                info = await self.domain_info(request.name)
            except RegistrarError:
                raise unknown from None
            if info.sponsor != self.login.clid or info.registrant != request.registrant:
                raise unknown from None
            if info.created_at is None:
                raise unknown from None
            return DomainCreated(info.name, info.created_at, info.expires_at)

    async def renew_domain(self, name: str, current_expiry: date, years: int = 1) -> DomainRenewed:
        """Renew; `current_expiry` (the date we believe) makes a retried renew fail, not double."""
        verify_names("name", [name])
        verify_period(years)
        return await self._mutate(
            lambda _, cltrid: build_domain_renew(name, current_expiry, years, cltrid=cltrid),
            domain_renewed,
        )

    async def transfer_domain(
        self, op: str, name: str, auth_code: str | None = None
    ) -> TransferStatus:
        """Transfer `op` request/query/approve/reject/cancel; a request needs `auth_code`."""
        verify_names("name", [name])
        if op not in TRANSFER_OPS:
            raise fields_error("op", f"must be one of {', '.join(TRANSFER_OPS)}")
        if op == "request" and not auth_code:
            raise fields_error("auth_code", "a transfer request needs the auth code")
        build = lambda _, cltrid: build_domain_transfer(  # noqa: E731
            op, name, auth_info=auth_code, cltrid=cltrid
        )
        if op == "query":
            return await self._query(build, transfer_status)
        return await self._mutate(build, transfer_status)

    async def delete_domain(self, name: str) -> None:
        verify_names("name", [name])
        await self._mutate(
            lambda _, cltrid: build_domain_delete(name, cltrid=cltrid), lambda response: None
        )

    # -- poll ------------------------------------------------------------------------------

    async def poll(self) -> PollMessage | None:
        """The oldest queued service message, or None when the queue is empty."""
        return await self._mutate(lambda _, cltrid: build_poll_request(cltrid=cltrid), poll_message)

    async def ack(self, message_id: str) -> None:
        await self._mutate(
            lambda _, cltrid: build_poll_ack(message_id, cltrid=cltrid), lambda response: None
        )

    # -- contacts ------------------------------------------------------------------------

    async def create_contact(self, request: ContactCreateRequest) -> ContactCreated:
        verify_handles("handle", [request.handle])
        if not request.postal_info:
            raise fields_error("postal_info", "at least one postalInfo is required")
        return await self._mutate(
            lambda _, cltrid: build_contact_create(request, cltrid=cltrid), contact_created
        )

    # -- hosts ---------------------------------------------------------------------------

    async def check_hosts(self, names: list[str]) -> list[HostAvailability]:
        verify_names("names", names)
        size = max(1, self.endpoint.names_per_check)
        batches = [names[i : i + size] for i in range(0, len(names), size)]
        answers = await gather_first_error(
            self._query(
                lambda _, cltrid, batch=batch: build_host_check(batch, cltrid=cltrid),
                host_check_results,
            )
            for batch in batches
        )
        by_name = {result.name.lower(): result for answer in answers for result in answer}
        if any(name.lower() not in by_name for name in names):
            raise results.bad_response("host check answer lacks a requested name")
        return [by_name[name.lower()] for name in names]

    async def create_host(self, name: str, addresses: Sequence[str] = ()) -> None:
        verify_names("name", [name])
        verify_addresses(addresses)
        await self._mutate(
            lambda _, cltrid: build_host_create(name, list(addresses), cltrid=cltrid),
            lambda response: None,
        )

    # -- plumbing ------------------------------------------------------------------------

    async def _query(self, build: FrameBuilder, extract: Callable[[EppResponse], T]) -> T:
        """A read-only command: safe to repeat once on a fresh connection."""
        return extract_or_bad_response(extract, await self.run(build, idempotent=True))

    async def _mutate(self, build: FrameBuilder, extract: Callable[[EppResponse], T]) -> T:
        return extract_or_bad_response(extract, await self.run(build, idempotent=False))

    async def run(self, build: FrameBuilder, *, idempotent: bool) -> EppResponse:
        """Send one command and return its successful response, or raise its mapped error.

        A 2002 (command use error, e.g. the session was logged out under us) means the
        command was not executed: the connection is dropped and the command goes out once
        more on a freshly logged-in one.
        """
        breaker = self._gateway.breaker(self.endpoint.binding)
        breaker.check()
        pool = await self._gateway.pool(self.endpoint, self.login)
        for attempt in (1, 2):
            try:
                async with pool.connection() as conn:
                    assert conn.greeting is not None
                    cltrid = new_cltrid()
                    response = await conn.execute(build(conn.greeting, cltrid), cltrid)
            except RegistrarError as error:
                if results.counts_against_breaker(error):
                    breaker.record_failure()
                dropped = isinstance(error, results.RegistryOutcomeUnknown) and (
                    error.code == "registry_unavailable"
                )
                if idempotent and dropped and attempt == 1:
                    continue
                raise
            if response.code == results.COMMAND_USE_ERROR and attempt == 1:
                continue
            error = results.error_for_response(response)
            if error is not None and results.counts_against_breaker(error):
                breaker.record_failure()
            else:
                breaker.record_success()
            if error is not None:
                raise error
            return response
        raise AssertionError("unreachable: the second attempt always returns or raises")


def extract_or_bad_response(extract: Callable[[EppResponse], T], response: EppResponse) -> T:
    try:
        return extract(response)
    except EppXmlError as exc:
        raise results.bad_response(f"unreadable {exc}") from None


async def gather_first_error(awaitables: Iterable[Awaitable[T]]) -> list[T]:
    """Run concurrently; raise the first failure in input order once all have settled."""
    outcomes = await asyncio.gather(*awaitables, return_exceptions=True)
    for outcome in outcomes:
        if isinstance(outcome, BaseException):
            raise outcome
    return cast(list[T], outcomes)


def fields_error(field: str, message: str) -> RegistrarError:
    errors = FieldErrors()
    errors.add(field, message)
    return RegistrarError("unprocessable_entity", details=errors.details)


def verify_names(field: str, names: Sequence[str], *, allow_empty: bool = False) -> None:
    """Names must be LDH host names in A-label form: what every registry accepts."""
    if not names and not allow_empty:
        raise fields_error(field, "at least one name is required")
    for name in names:
        if not (isinstance(name, str) and len(name) <= 253 and _is_ldh(name)):
            raise fields_error(field, f"not a valid A-label name: {name!r:.80}")


def _is_ldh(name: str) -> bool:
    labels = name.split(".")
    return len(labels) >= 2 and all(_LABEL.fullmatch(label) for label in labels)


def verify_handles(field: str, handles: Sequence[str]) -> None:
    """Contact ids are 3-16 characters (RFC 5730 clIDType)."""
    for handle in handles:
        if not (isinstance(handle, str) and 3 <= len(handle) <= 16 and handle.isascii()):
            raise fields_error(field, f"not a valid contact id: {handle!r:.40}")
        if any(char.isspace() for char in handle):
            raise fields_error(field, f"not a valid contact id: {handle!r:.40}")


def verify_period(years: int) -> None:
    if not 1 <= years <= MAX_PERIOD_YEARS:
        raise RegistrarError("period_not_allowed", detail={"period_years": years})


def verify_addresses(addresses: Sequence[str]) -> None:
    for address in addresses:
        try:
            ipaddress.ip_address(address)
        except ValueError:
            raise fields_error("addresses", f"not an IP address: {address!r:.60}") from None
