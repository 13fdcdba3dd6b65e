"""The service-message queue of a registry account (RFC 5730 §2.9.2.3): poll and ack."""

from __future__ import annotations

from registrar.epp.commands.core import SessionCore, no_result
from registrar.epp.frames.session import build_poll_ack, build_poll_request
from registrar.epp.objects import PollMessage
from registrar.epp.responses.poll import poll_message


class PollCommands(SessionCore):
    async def poll(self) -> PollMessage | None:
        """The oldest queued service message, or None when the queue is empty."""
        return await self.mutate(lambda _, cltrid: build_poll_request(cltrid=cltrid), poll_message)

    async def ack(self, message_id: str) -> None:
        await self.mutate(lambda _, cltrid: build_poll_ack(message_id, cltrid=cltrid), no_result)
