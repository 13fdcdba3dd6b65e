"""`SandboxRegistry`: a real EPP server over TLS with client certificates, in-process.

One asyncio task per connection: send the greeting, then read frames, answer each, until
logout, EOF or a fault closes the session. Every command is first admitted (`admission`: an
object service and extensions we implement, valid against the EPP XSDs, services announced
at login); commands other than login/hello need a logged-in session (2002), and a login must
come over the TLS client certificate of its account (`session`). Handlers raise
`CommandFailed` for EPP errors; anything unexpected becomes a 2400 so a bug in the sandbox
never kills the connection silently.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import logging
import ssl
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from registrar.epp.responses.envelope import message_kind, parse_epp
from registrar.epp.sandbox import (
    admission,
    contact_update,
    contacts,
    domain_create,
    domain_query,
    domain_update,
    hosts,
    lifecycle,
    replies,
    state,
)
from registrar.epp.sandbox.accounts import AccountsFile
from registrar.epp.sandbox.context import Context
from registrar.epp.sandbox.faults import Fault, FaultPlan
from registrar.epp.sandbox.policy import Policy
from registrar.epp.sandbox.replies import CommandFailed, Reply
from registrar.epp.sandbox.session import Session, login, logout
from registrar.epp.sandbox.store import Store
from registrar.epp.schemas import load_epp_schema
from registrar.epp.wire import pki
from registrar.epp.wire.framing import DEFAULT_MAX_FRAME, FrameError, read_frame, write_frame
from registrar.epp.wire.tls import server_context
from registrar.epp.wire.xml import (
    CONTACT,
    DOMAIN,
    EPP,
    EXTENSION_URIS,
    HOST,
    Element,
    EppXmlError,
    child,
    child_text,
    local_name,
    namespace_of,
)

log = logging.getLogger(__name__)

Handler = Callable[[Context], Reply]

HANDLERS: dict[tuple[str, str], Handler] = {
    ("check", DOMAIN): domain_query.check,
    ("info", DOMAIN): domain_query.info,
    ("create", DOMAIN): domain_create.create,
    ("update", DOMAIN): domain_update.update,
    ("renew", DOMAIN): lifecycle.renew,
    ("delete", DOMAIN): lifecycle.delete,
    ("check", HOST): hosts.check,
    ("info", HOST): hosts.info,
    ("create", HOST): hosts.create,
    ("update", HOST): hosts.update,
    ("delete", HOST): hosts.delete,
    ("check", CONTACT): contacts.check,
    ("info", CONTACT): contacts.info,
    ("create", CONTACT): contacts.create,
    ("update", CONTACT): contact_update.update,
    ("delete", CONTACT): contacts.delete,
}
MUTATING_VERBS = frozenset({"create", "update", "delete", "renew"})


class SandboxRegistry:
    """An EPP registry for tests and local development; see the package docstring.

    `policy` sets grace periods, restore reports and balances. With `state_path`, the store
    is loaded from that JSON file at start (when it exists) and written back atomically after
    every successful mutating command, every change the clock makes, and at stop. With
    `accounts_path` (an `accounts.json` that `registrar sandbox-account` adds to), the accounts
    on file join `accounts` at start and again whenever a login names credentials the sandbox
    does not know, and a password changed with `<newPW>` is written back there.
    """

    def __init__(
        self,
        accounts: dict[str, str],
        *,
        ca: pki.CertifiedKey | None = None,
        server_cert: pki.CertifiedKey | None = None,
        now: Callable[[], datetime] = lambda: datetime.now(UTC),
        trace: Callable[[str, bytes], None] | None = None,
        max_frame: int = DEFAULT_MAX_FRAME,
        policy: Policy | None = None,
        state_path: Path | None = None,
        accounts_path: Path | None = None,
    ) -> None:
        self.accounts = dict(accounts)
        self.accounts_file = AccountsFile(accounts_path) if accounts_path is not None else None
        if self.accounts_file is not None:
            self.accounts_file.refresh(self.accounts)
        self.ca = ca or pki.generate_ca("Registrar Sandbox CA")
        self.server_cert = server_cert or pki.issue_server_cert(self.ca)
        self.now = now
        self.trace = trace
        self.max_frame = max_frame
        self.store = Store(now())
        self.default_policy = policy or Policy()
        self.policy = self.default_policy
        self.state_path = state_path
        if state_path is not None and state_path.exists():
            state.load(self.store, state_path)
        self.port = 0
        self._server: asyncio.Server | None = None
        self._tasks: set[asyncio.Task[None]] = set()
        self._writers: set[asyncio.StreamWriter] = set()
        self._svtrids = itertools.count(1)
        self.faults = FaultPlan()
        self.schema = load_epp_schema()

    @property
    def ca_pem(self) -> bytes:
        return self.ca.cert_pem

    def issue_client_cert(self, clid: str) -> pki.CertifiedKey:
        """A client certificate of the sandbox CA bound to the account `clid` (subject CN)."""
        return pki.issue_client_cert(self.ca, clid)

    def reset(self) -> None:
        """Back to the seeded objects, the default policy and no faults; accounts and
        certificates stay."""
        self.store.reset(self.now())
        self.policy = self.default_policy
        self.faults.clear()
        self.persist()

    def persist(self) -> None:
        """Write the store to `state_path` (when set); a failed write is logged, not raised."""
        if self.state_path is None:
            return
        try:
            state.save(self.store, self.state_path)
        except OSError:
            log.exception("cannot write the sandbox state to %s", self.state_path)

    async def start(self, host: str = "127.0.0.1", port: int = 0) -> None:
        context = server_context(self.ca.cert_pem, self.server_cert.cert_pem, self.server_cert.key_pem)
        self._server = await asyncio.start_server(self._accept, host, port, ssl=context)
        self.port = self._server.sockets[0].getsockname()[1]

    async def stop(self) -> None:
        if self._server is not None:
            self._server.close()
        for writer in list(self._writers):
            writer.close()
        for task in list(self._tasks):
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        if self._server is not None:
            await self._server.wait_closed()
            self._server = None
        self.persist()

    async def _accept(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        task = asyncio.current_task()
        assert task is not None
        self._tasks.add(task)
        self._writers.add(writer)
        try:
            await self._serve(reader, writer, Session(certificate_cn=peer_common_name(writer)))
        except (OSError, ssl.SSLError, FrameError, asyncio.CancelledError):
            pass
        finally:
            self._tasks.discard(task)
            self._writers.discard(writer)
            writer.close()
            with contextlib.suppress(OSError, ssl.SSLError, TimeoutError, asyncio.CancelledError):
                await asyncio.wait_for(writer.wait_closed(), 2.0)

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter, session: Session) -> None:
        await self._send(writer, self.greeting())
        while not session.closing:
            data = await read_frame(reader, self.max_frame)
            if self.trace is not None:
                self.trace("received", data)
            fault = self.faults.take(command_key(data))
            if fault is None:
                await self._send(writer, self.answer(session, data))
            elif not await self._inject(fault, session, writer, data):
                return

    async def _inject(self, fault: Fault, session: Session, writer: asyncio.StreamWriter, data: bytes) -> bool:
        """Answer `data` the way `fault` says; False when the connection must close."""
        if fault.kind == "latency":
            await asyncio.sleep(fault.delay)
        elif fault.kind == "logout":
            session.clid = None
        elif fault.kind == "drop":
            return False
        elif fault.kind == "drop_after":
            self.answer(session, data)
            return False
        elif fault.kind == "malformed":
            await write_frame(writer, b"<epp><response><result code=", self.max_frame)
            return True
        elif fault.kind == "result":
            failed = Reply.failed(fault.code, "injected fault")
            await self._send(writer, self._respond(failed, cltrid_of(data)))
            return fault.code < 2500
        await self._send(writer, self.answer(session, data))
        return True

    def greeting(self) -> bytes:
        offered = [uri for uri in EXTENSION_URIS if uri not in self.faults.greeting_without]
        return replies.greeting(self.now(), offered)

    async def _send(self, writer: asyncio.StreamWriter, frame: bytes) -> None:
        if self.trace is not None:
            self.trace("sent", frame)
        await write_frame(writer, frame, self.max_frame)

    def answer(self, session: Session, data: bytes) -> bytes:
        """The frame answering `data` in `session` (mutating the session and the store)."""
        try:
            root = parse_epp(data)
            kind = message_kind(root)
        except EppXmlError as exc:
            return self._respond(Reply.failed(2001, str(exc)), None)
        if kind == "hello":
            return self.greeting()
        cltrid = child_text(root[0], EPP, "clTRID")
        cltrid = cltrid if cltrid and 3 <= len(cltrid) <= 64 else None
        svtrid = self._next_svtrid()
        reply = admission.syntax_refusal(root, self.schema) or self._command(session, root[0], cltrid, svtrid)
        return self._respond(reply, cltrid, svtrid)

    def _command(self, session: Session, cmd: Element, cltrid: str | None, svtrid: str) -> Reply:
        """The reply to an admitted command."""
        verb = admission.command_verb(cmd)
        assert verb is not None
        name = local_name(verb)
        if name == "login":
            return login(session, verb, self.accounts, self.accounts_file)
        if session.clid is None:
            return Reply.failed(2002, "log in first")
        if name == "logout":
            return logout(session)
        refusal = admission.announcement_refusal(session, cmd, verb)
        if refusal is not None:
            return refusal
        ticked = lifecycle.tick(self.store, self.now(), self.policy)
        context = Context(
            self.store, session.clid, self.now(), verb, child(cmd, EPP, "extension"), self.policy, cltrid, svtrid
        )
        if name == "poll":
            reply = self._guarded(lambda: lifecycle.poll(context, verb))
        else:
            reply = self._dispatch(name, verb, context)
        if ticked or (reply.code < 2000 and mutates(name, verb)):
            self.persist()
        return reply

    def _dispatch(self, name: str, verb: Element, context: Context) -> Reply:
        """Run the handler of `<name>` on the object element, or 2101 when there is none."""
        if len(verb) != 1:
            return Reply.failed(2001, f"<{name}> must hold one object element")
        obj = verb[0]
        handler = HANDLERS.get((name, namespace_of(obj) or ""))
        if name == "transfer" and namespace_of(obj) == DOMAIN:
            op = verb.get("op", "")
            handler = lambda ctx: lifecycle.transfer(ctx, op)  # noqa: E731
        if handler is None:
            return Reply.failed(2101, f"{name} of {namespace_of(obj)} is not implemented")
        context.command = obj
        return self._guarded(lambda: handler(context))

    def _guarded(self, run: Callable[[], Reply]) -> Reply:
        try:
            return run()
        except CommandFailed as failure:
            return Reply.failed(failure.code, failure.reason)
        except Exception:
            log.exception("sandbox command handler failed")
            return Reply.failed(2400, "internal sandbox error")

    def _next_svtrid(self) -> str:
        return f"SB-{next(self._svtrids):010d}"

    def _respond(self, reply: Reply, cltrid: str | None, svtrid: str | None = None) -> bytes:
        return replies.response(reply, cltrid, svtrid or self._next_svtrid())


def mutates(name: str, verb: Element) -> bool:
    """Whether a successful command `name` changed the store."""
    if name == "transfer":
        return verb.get("op") != "query"
    if name == "poll":
        return verb.get("op") == "ack"
    return name in MUTATING_VERBS


def command_key(data: bytes) -> str:
    """ "hello", "login", "logout", "poll" or "<object>:<verb>" (e.g. "domain:create")."""
    try:
        root = parse_epp(data)
        if message_kind(root) != "command":
            return message_kind(root)
    except EppXmlError:
        return "malformed"
    verb = admission.command_verb(root[0])
    if verb is None:
        return "malformed"
    name = local_name(verb)
    if len(verb) == 1 and name not in ("login", "logout", "poll"):
        return f"{_PREFIXES.get(namespace_of(verb[0]) or '', '?')}:{name}"
    return name


def cltrid_of(data: bytes) -> str | None:
    try:
        root = parse_epp(data)
    except EppXmlError:
        return None
    cltrid = child_text(root[0], EPP, "clTRID")
    return cltrid if cltrid and 3 <= len(cltrid) <= 64 else None


_PREFIXES = {DOMAIN: "domain", HOST: "host", CONTACT: "contact"}


def peer_common_name(writer: asyncio.StreamWriter) -> str | None:
    """The subject CN of the client certificate the TLS handshake verified."""
    ssl_object = writer.get_extra_info("ssl_object")
    der = ssl_object.getpeercert(binary_form=True) if ssl_object is not None else None
    return pki.subject_common_name(der) if der else None
