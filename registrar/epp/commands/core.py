"""`SessionCore`: how one command of a registry account runs, shared by every command family.

`run` sends a frame through the account's pool under the binding's circuit breaker and maps the
result through the `results` table; `query` and `mutate` add the extraction of typed values.
The command families (`commands.domains`, `commands.hosts`, `commands.contacts` and
`commands.poll`) build on it; `commands.session` puts them together.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Iterable
from typing import TypeVar, cast

from registrar.epp import results
from registrar.epp.commands.account import ConnectionSource, RegistryEndpoint, RegistryLogin
from registrar.epp.frames.envelope import new_cltrid
from registrar.epp.objects import Greeting
from registrar.epp.responses.envelope import EppResponse
from registrar.epp.wire.xml import EppXmlError
from registrar.errors import RegistrarError

T = TypeVar("T")
FrameBuilder = Callable[[Greeting, str], bytes]
"""(the server's greeting, a fresh clTRID) → frame bytes."""


def no_result(response: EppResponse) -> None:
    """The extractor of commands whose success carries no data."""


class SessionCore:
    """The account a session speaks for and the plumbing of one command; holds no connection."""

    def __init__(self, connections: ConnectionSource, endpoint: RegistryEndpoint, login: RegistryLogin) -> None:
        self._connections = connections
        self.endpoint = endpoint
        self.login = login

    async def query(self, build: FrameBuilder, extract: Callable[[EppResponse], T]) -> T:
        """A read-only command: safe to repeat once on a fresh connection."""
        return extract_or_bad_response(extract, await self.run(build, idempotent=True))

    async def mutate(self, build: FrameBuilder, extract: Callable[[EppResponse], T], *, cltrid: str | None = None) -> T:
        """A command that changes something; `cltrid` is the operations journal's, when given."""
        return extract_or_bad_response(extract, await self.run(build, idempotent=False, cltrid=cltrid))

    async def query_batches(
        self,
        names: list[str],
        build: Callable[[list[str], Greeting, str], bytes],
        extract: Callable[[EppResponse], list[T]],
    ) -> list[T]:
        """A check in batches of `endpoint.names_per_check`, concurrently over the pool."""
        size = max(1, self.endpoint.names_per_check)
        batches = [names[i : i + size] for i in range(0, len(names), size)]
        answers = await gather_first_error(
            self.query(lambda greeting, cltrid, batch=batch: build(batch, greeting, cltrid), extract)
            for batch in batches
        )
        return [result for answer in answers for result in answer]

    async def run(self, build: FrameBuilder, *, idempotent: bool, cltrid: str | None = None) -> EppResponse:
        """Send one command and return its successful response, or raise its mapped error.

        A 2002 (command use error, e.g. the session was logged out under us) means the
        command was not executed: the connection is dropped and the command goes out once
        more on a freshly logged-in one. Every attempt waits for the binding's pacing.
        """
        breaker = self._connections.breaker(self.endpoint.binding)
        breaker.check()
        pool = await self._connections.pool(self.endpoint, self.login)
        for attempt in (1, 2):
            await self._connections.pace(self.endpoint)
            try:
                async with pool.connection() as conn:
                    assert conn.greeting is not None
                    transaction_id = cltrid or new_cltrid()
                    response = await conn.execute(build(conn.greeting, transaction_id), transaction_id)
            except RegistrarError as error:
                if results.counts_against_breaker(error):
                    breaker.record_failure()
                dropped = isinstance(error, results.RegistryOutcomeUnknown) and (error.code == "registry_unavailable")
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


def in_input_order(names: list[str], answers: list[T], name_of: Callable[[T], str]) -> list[T]:
    """`answers` re-ordered to match `names` (case-insensitively); a gap is a bad response."""
    by_name = {name_of(answer).lower(): answer for answer in answers}
    missing = [name for name in names if name.lower() not in by_name]
    if missing:
        raise results.bad_response(f"check answer lacks {missing[:5]}")
    return [by_name[name.lower()] for name in names]
