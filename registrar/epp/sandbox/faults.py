"""Fault injection for the sandbox registry: what a real registry does on a bad day.

Faults are queued per command key ("domain:create", "host:check", "login", "hello", or "*"
for any command) or drawn at random with a seeded generator, so a failing run replays. Kinds:

- `latency`: answer after `delay` seconds (longer than the client's timeout = a timeout);
- `drop`: close the connection without executing or answering;
- `drop_after`: execute the command, then close without answering (outcome unknown);
- `result`: answer `code` (2400, 2500, 2502, …) without executing; 25xx also close;
- `malformed`: answer with bytes that are not XML;
- `logout`: forget the session's login first, so the command gets a 2002.

`greeting_without` removes extension URIs from the greeting (a registry lacking fee-1.0).
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

KINDS = ("latency", "drop", "drop_after", "result", "malformed", "logout")
RANDOM_KINDS = ("latency", "drop", "result", "malformed")


@dataclass(frozen=True)
class Fault:
    kind: str
    delay: float = 0.0
    code: int = 2400

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"unknown fault kind {self.kind!r}")


@dataclass
class FaultPlan:
    queued: dict[str, list[Fault]] = field(default_factory=dict)
    greeting_without: set[str] = field(default_factory=set)
    rate: float = 0.0
    _random: random.Random = field(default_factory=lambda: random.Random(0))

    def inject(self, command: str, fault: Fault, times: int = 1) -> None:
        """Apply `fault` to the next `times` commands matching `command` ("*" = any)."""
        self.queued.setdefault(command, []).extend([fault] * times)

    def at_random(self, rate: float, seed: int) -> None:
        """Fail about `rate` of all commands (after login) with a random kind, reproducibly."""
        self.rate = rate
        self._random = random.Random(seed)

    def clear(self) -> None:
        self.queued.clear()
        self.greeting_without.clear()
        self.rate = 0.0

    def take(self, command: str) -> Fault | None:
        for key in (command, "*"):
            pending = self.queued.get(key)
            if pending:
                return pending.pop(0)
        if self.rate and command not in ("login", "hello") and self._random.random() < self.rate:
            kind = self._random.choice(RANDOM_KINDS)
            code = self._random.choice((2400, 2500, 2502))
            return Fault(kind, delay=0.05, code=code)
        return None
