"""The sandbox's registrar accounts file: `accounts.json` (clID → password) in its PKI directory.

Two kinds of process share it: the running sandbox (which re-reads it when a login names an
account it does not know, and writes a password changed by `<newPW>` back) and
`registrar sandbox-account` (which adds accounts while the sandbox runs). Every change is a
read-modify-write under an exclusive `flock` on a lock file beside it, and is written to a
temporary file renamed over the old one, so a reader never sees half a file and two writers
never lose each other's accounts. The lock is held for milliseconds; the sandbox takes it
only to record a changed password.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import logging
import os
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

log = logging.getLogger(__name__)

ACCOUNTS_FILE = "accounts.json"


class AccountsFile:
    """`accounts.json` at `path`, readable and writable by its owner only."""

    def __init__(self, path: Path) -> None:
        self.path = path

    @contextlib.contextmanager
    def locked(self) -> Iterator[None]:
        """Hold the exclusive lock of this file (and of whatever the caller issues with it)."""
        fd = os.open(self.path.with_name(self.path.name + ".lock"), os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            yield
        finally:
            os.close(fd)  # releases the lock

    def read(self) -> dict[str, str]:
        """The accounts the file holds; none when it does not exist yet."""
        try:
            loaded = json.loads(self.path.read_text())
        except FileNotFoundError:
            return {}
        if not isinstance(loaded, dict) or not all(isinstance(v, str) for v in loaded.values()):
            raise ValueError(f"{self.path} is not a JSON object of clID → password")
        return loaded

    @contextlib.contextmanager
    def editing(self) -> Iterator[dict[str, str]]:
        """The accounts on file to change in place, under the lock; written back (atomically)
        when changed. Whatever else the caller does inside is serialized with them."""
        with self.locked():
            accounts = self.read()
            before = dict(accounts)
            yield accounts
            if accounts != before:
                write_private(self.path, json.dumps(accounts, indent=2, sort_keys=True))

    def issue(self, clid: str, make_password: Callable[[], str]) -> str:
        """The password of `clid`: the one on file, or a new one added to the file."""
        with self.editing() as accounts:
            if clid not in accounts:
                accounts[clid] = make_password()
            return accounts[clid]

    def set_password(self, clid: str, password: str) -> None:
        with self.editing() as accounts:
            accounts[clid] = password

    def refresh(self, accounts: dict[str, str]) -> None:
        """Update `accounts` in place from the file, which wins for the clIDs it holds; an
        unreadable file is logged and leaves `accounts` as they are."""
        try:
            accounts.update(self.read())
        except (OSError, ValueError):
            log.exception("cannot read the sandbox accounts from %s", self.path)

    def remember(self, clid: str, password: str) -> None:
        """Record a password changed at login; a failed write is logged, not raised (the login
        has succeeded, and the sandbox keeps the password in memory)."""
        try:
            self.set_password(clid, password)
        except (OSError, ValueError):
            log.exception("cannot write the sandbox accounts to %s", self.path)


def write_private(path: Path, text: str) -> None:
    """Replace `path` with `text` atomically (a temporary file renamed over it), mode 0600."""
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")  # mode 0600
    try:
        with os.fdopen(fd, "w") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
