"""`RegistrySession`: the EPP commands of one registry account, as the application calls them.

Each method validates its input (a bad value is the caller's 422, never a frame the registry
rejects as syntax), builds the frame, runs it through the account's pool under the binding's
circuit breaker (`commands.core`), maps the result through the `results` table and extracts
typed values. The commands live by EPP object in `commands.domains`, `commands.hosts` and
`commands.contacts`, and the message queue in `commands.poll`.
"""

from __future__ import annotations

from registrar.epp.commands.contacts import ContactCommands
from registrar.epp.commands.domains import DomainCommands
from registrar.epp.commands.hosts import HostCommands
from registrar.epp.commands.poll import PollCommands


class RegistrySession(DomainCommands, HostCommands, ContactCommands, PollCommands):
    """The commands of one registry account; cheap to create, holds no connection itself."""
