"""The host commands of a registry account (RFC 5732): check, info, create, update, delete."""

from __future__ import annotations

from collections.abc import Sequence

from registrar.epp.commands.core import SessionCore, in_input_order, no_result
from registrar.epp.frames.host import (
    build_host_check,
    build_host_create,
    build_host_delete,
    build_host_info,
    build_host_update,
)
from registrar.epp.objects import HOST_CLIENT_STATUSES, HostAvailability, HostInfo, ObjectStatus
from registrar.epp.responses.host import host_check_results, host_info
from registrar.epp.validation import (
    fields_error,
    verify_addresses,
    verify_names,
    verify_statuses,
)


class HostCommands(SessionCore):
    async def check_hosts(self, names: list[str]) -> list[HostAvailability]:
        verify_names("names", names)
        answers = await self.query_batches(
            names,
            lambda batch, _, cltrid: build_host_check(batch, cltrid=cltrid),
            host_check_results,
        )
        return in_input_order(names, answers, lambda answer: answer.name)

    async def host_info(self, name: str) -> HostInfo:
        verify_names("name", [name])
        return await self.query(lambda _, cltrid: build_host_info(name, cltrid=cltrid), host_info)

    async def create_host(self, name: str, addresses: Sequence[str] = (), *, cltrid: str | None = None) -> None:
        verify_names("name", [name])
        verify_addresses("addresses", addresses)
        await self.mutate(
            lambda _, sent: build_host_create(name, list(addresses), cltrid=sent), no_result, cltrid=cltrid
        )

    async def update_host(
        self,
        name: str,
        *,
        add_addresses: Sequence[str] = (),
        rem_addresses: Sequence[str] = (),
        add_statuses: Sequence[ObjectStatus] = (),
        rem_statuses: Sequence[str] = (),
        new_name: str | None = None,
    ) -> None:
        """Change a host's addresses and statuses, or rename it; nothing to change sends nothing.

        A rename keeps the host object (and every domain delegating to it): registries
        answer 2201 when the new name sits under a domain another registrar sponsors.
        """
        verify_names("name", [name])
        verify_addresses("add_addresses", add_addresses)
        verify_addresses("rem_addresses", rem_addresses)
        verify_statuses("add_statuses", [s.value for s in add_statuses], HOST_CLIENT_STATUSES)
        verify_statuses("rem_statuses", list(rem_statuses), HOST_CLIENT_STATUSES)
        if new_name is not None:
            verify_names("new_name", [new_name])
            if new_name.lower() == name.lower():
                raise fields_error("new_name", "the new name is the current name")
        if not (add_addresses or rem_addresses or add_statuses or rem_statuses or new_name):
            return
        await self.mutate(
            lambda _, cltrid: build_host_update(
                name,
                add_addresses=add_addresses,
                rem_addresses=rem_addresses,
                add_statuses=add_statuses,
                rem_statuses=rem_statuses,
                new_name=new_name,
                cltrid=cltrid,
            ),
            no_result,
        )

    async def delete_host(self, name: str) -> None:
        """Delete a host; 2305 (`registry_status_prohibits`) while a domain delegates to it."""
        verify_names("name", [name])
        await self.mutate(lambda _, cltrid: build_host_delete(name, cltrid=cltrid), no_result)
