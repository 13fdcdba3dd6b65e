"""Closed vocabularies (STYLE habit 3), checked by walking every module's AST: every error code
the product can raise is registered with its HTTP status, every domain event and notification
kind is a member of its enum, and every resolver's `Errors:` section names registered codes.

Codes are found where they are raised (`RegistrarError(<literal or Enum.MEMBER>)`), one call
deep through helpers that pass a parameter on (`_transport_error("registry_timeout", ...)`),
in code tables (`ERROR_CODE_BY_RESULT`, `AUTH_CODES`), in envelopes (`{"error": "..."}`) and
where a caller compares `error.code` with a literal.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

import registrar.resolvers
from registrar.errors import CommonError, ErrorCode, RegistrarError, UnknownErrorCode, UpstreamError, registered_codes
from registrar.resolvers._shared.outbox import NotificationKind
from registrar.resolvers.domains.errors import DomainError
from registrar.resolvers.domains.events import DomainEventType

PACKAGE = Path(__file__).resolve().parents[2] / "registrar"
RESOLVERS = PACKAGE / "resolvers"
ERRORS_MODULE = PACKAGE / "errors.py"
CODE_TABLE = re.compile(r"(?:^|_)CODES$|ERROR_CODE")
"""Module-level names that hold error codes: `ERROR_CODE_BY_RESULT`, `UPSTREAM_FAILURE_CODES`."""
ENUMS = {enum.__name__: enum for enum in (CommonError, UpstreamError, *registrar.resolvers.AGGREGATE_ERRORS)}
BELOW_RESOLVERS = {code for enum in (CommonError, UpstreamError) for code in enum}


def relative(path: Path) -> str:
    return str(path.relative_to(PACKAGE.parent))


MODULES = {relative(path): ast.parse(path.read_text(), relative(path)) for path in sorted(PACKAGE.rglob("*.py"))}


@dataclass(frozen=True)
class Use:
    """One place a code (or an enum member naming one) appears."""

    where: str
    code: str | None  # a literal's value, or None for an enum member
    enum: str | None = None
    member: str | None = None

    def resolve(self) -> str | None:
        """The code this use names, or None when it names nothing registered."""
        if self.enum is None:
            return self.code if self.code in registered_codes() else None
        enum = ENUMS.get(self.enum)
        return enum[self.member].value if enum is not None and self.member in enum.__members__ else None


def call_name(node: ast.Call) -> str | None:
    func = node.func
    return func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else None


def error_classes() -> set[str]:
    """`RegistrarError` and every class that derives from it, by name."""
    names = {"RegistrarError"}
    for tree in MODULES.values():
        for node in ast.walk(tree):
            if isinstance(node, ast.ClassDef) and any(
                (base.id if isinstance(base, ast.Name) else getattr(base, "attr", None)) in names for base in node.bases
            ):
                names.add(node.name)
    return names


ERROR_CLASSES = error_classes()


def uses_in(expr: ast.expr, where: str) -> Iterator[Use]:
    """The codes an expression in code position names; nothing for names it cannot follow."""
    if isinstance(expr, ast.Constant) and isinstance(expr.value, str):
        yield Use(where, expr.value)
    elif isinstance(expr, ast.Attribute) and isinstance(expr.value, ast.Name) and expr.value.id in ENUMS:
        yield Use(where, None, expr.value.id, expr.attr)
    elif isinstance(expr, ast.IfExp):
        yield from uses_in(expr.body, where)
        yield from uses_in(expr.orelse, where)
    elif isinstance(expr, ast.Tuple | ast.List | ast.Set):
        for element in expr.elts:
            yield from uses_in(element, where)


def code_argument(call: ast.Call) -> ast.expr | None:
    if call.args:
        return call.args[0]
    return next((keyword.value for keyword in call.keywords if keyword.arg == "code"), None)


def forwarding_helpers() -> dict[str, int]:
    """Functions that raise or build an error from one of their parameters, by that parameter's
    position: `_transport_error(code, ...)` → 0."""
    helpers: dict[str, int] = {}
    for tree in MODULES.values():
        for function in ast.walk(tree):
            if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            params = [arg.arg for arg in function.args.args]
            for node in ast.walk(function):
                if isinstance(node, ast.Call) and call_name(node) in ERROR_CLASSES:
                    argument = code_argument(node)
                    if isinstance(argument, ast.Name) and argument.id in params:
                        helpers[function.name] = params.index(argument.id)
    return helpers


HELPERS = forwarding_helpers()


def is_code_test(node: ast.Compare) -> bool:
    """`<x>.code == ...`, `<x>.code != ...`, `<x>.code in (...)`."""
    return isinstance(node.left, ast.Attribute) and node.left.attr == "code"


def codes_at(node: ast.AST, where: str) -> Iterator[Use]:
    """The codes one node raises, passes to a forwarding helper, compares with, or renders as
    an envelope (`JSONResponse({"error": ...})`)."""
    if isinstance(node, ast.Call) and call_name(node) in ERROR_CLASSES:
        argument = code_argument(node)
        if argument is not None:
            yield from uses_in(argument, where)
    elif isinstance(node, ast.Call) and call_name(node) in HELPERS:
        position = HELPERS[call_name(node)]
        if len(node.args) > position:
            yield from uses_in(node.args[position], where)
    elif isinstance(node, ast.Compare) and is_code_test(node):
        for comparator in node.comparators:
            yield from uses_in(comparator, where)
    elif (
        isinstance(node, ast.Call)
        and call_name(node) == "JSONResponse"
        and isinstance(envelope := node.args[0] if node.args else None, ast.Dict)
    ):
        for key, value in zip(envelope.keys, envelope.values, strict=True):
            if isinstance(key, ast.Constant) and key.value == "error" and value is not None:
                yield from uses_in(value, where)


def raised_codes() -> Iterator[Use]:
    for module, tree in MODULES.items():
        for node in ast.walk(tree):
            yield from codes_at(node, f"{module}:{getattr(node, 'lineno', 0)}")


def tabled_codes() -> Iterator[Use]:
    """String values of module-level code tables (dict values, set and tuple elements) and the
    defaults of `.get` on them."""
    for module, tree in MODULES.items():
        tables = set()
        for node in tree.body:
            target = node.targets[0] if isinstance(node, ast.Assign) else getattr(node, "target", None)
            value = getattr(node, "value", None)
            if not (isinstance(target, ast.Name) and CODE_TABLE.search(target.id) and value is not None):
                continue
            tables.add(target.id)
            where = f"{module}:{node.lineno}"
            for constant in ast.walk(value):
                if isinstance(constant, ast.Constant) and isinstance(constant.value, str):
                    yield Use(where, constant.value)
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr == "get"
                and isinstance(node.func.value, ast.Name)
                and node.func.value.id in tables
                and len(node.args) == 2
            ):
                yield from uses_in(node.args[1], f"{module}:{node.lineno}")


ALL_USES = [*raised_codes(), *tabled_codes()]


def imports_resolvers(tree: ast.Module) -> bool:
    return any(
        isinstance(node, ast.ImportFrom) and (node.module or "").startswith("registrar.resolvers")
        for node in ast.walk(tree)
    )


# --- (a) every code raised is registered -------------------------------------------------------


def test_the_walk_finds_codes_where_they_are_raised_tabled_and_compared():
    found = {use.resolve() for use in ALL_USES}
    assert {
        DomainError.DELETE_PROHIBITED,  # RegistrarError(DomainError.DELETE_PROHIBITED)
        UpstreamError.REGISTRY_TIMEOUT,  # _transport_error("registry_timeout", ...)
        UpstreamError.REGISTRY_POLICY_ERROR,  # ERROR_CODE_BY_RESULT
        UpstreamError.OBJECT_EXISTS,  # exc.code == UpstreamError.OBJECT_EXISTS
        CommonError.INTERNAL_ERROR,  # {"error": "internal_error"}
        CommonError.PAYLOAD_TOO_LARGE,  # RegistrarError("payload_too_large") in a transport
    } <= found
    assert len(ALL_USES) > 200


def test_every_code_raised_anywhere_is_registered():
    unregistered = sorted(
        f"{use.where}: {use.code or f'{use.enum}.{use.member}'}" for use in ALL_USES if not use.resolve()
    )
    assert unregistered == []


def test_resolvers_raise_enum_members_not_strings():
    literals = sorted(
        use.where
        for use in raised_codes()
        if use.enum is None
        and use.where.startswith("registrar/resolvers/")
        and not use.where.startswith("registrar/resolvers/__")
    )
    assert literals == []


def test_modules_below_the_resolvers_raise_only_shared_codes():
    """A module that imports no resolver may run before any aggregate's enum is loaded, so it can
    only count on the codes `registrar/errors.py` declares."""
    foreign = sorted(
        f"{use.where}: {use.resolve()}"
        for use in ALL_USES
        if not imports_resolvers(MODULES[use.where.partition(":")[0]])
        and not use.where.startswith("registrar/resolvers/")
        and use.resolve() not in BELOW_RESOLVERS
    )
    assert foreign == []


# --- (b) event types and notification kinds -----------------------------------------------------


def module_tables(tree: ast.Module) -> dict[str, ast.expr]:
    return {
        node.targets[0].id: node.value
        for node in tree.body
        if isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Name)
    }


def members_named(expr: ast.expr, enum: str, tables: dict[str, ast.expr]) -> list[str] | None:
    """The members of `enum` an argument names: `Enum.MEMBER`, or a lookup in a module-level
    dict whose every value is one. None when the argument is anything else."""
    if isinstance(expr, ast.Attribute) and isinstance(expr.value, ast.Name) and expr.value.id == enum:
        return [expr.attr]
    if isinstance(expr, ast.Subscript) and isinstance(expr.value, ast.Name) and expr.value.id in tables:
        table = tables[expr.value.id]
        if isinstance(table, ast.Dict):
            found = [members_named(value, enum, tables) for value in table.values]
            if all(found):
                return [member for members in found for member in members or []]
    return None


def emitted(
    function: str, source: str, position: int, keyword: str, enum: str
) -> Iterator[tuple[str, list[str] | None]]:
    """Every call of `source.function` and the members its `position`/`keyword` argument names."""
    for module, tree in MODULES.items():
        if not imports_name(tree, source, function):
            continue
        tables = module_tables(tree)
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and call_name(node) == function:
                argument = node.args[position] if len(node.args) > position else None
                argument = next((kw.value for kw in node.keywords if kw.arg == keyword), argument)
                yield f"{module}:{node.lineno}", None if argument is None else members_named(argument, enum, tables)


def imports_name(tree: ast.Module, package: str, name: str) -> bool:
    return any(
        isinstance(node, ast.ImportFrom)
        and (node.module or "").startswith(package)
        and any(alias.name == name for alias in node.names)
        for node in ast.walk(tree)
    )


@pytest.mark.parametrize(
    ("function", "source", "position", "keyword", "enum"),
    [
        ("record_event", "registrar.resolvers.domains.events", 4, "event_type", DomainEventType),
        ("enqueue", "registrar.resolvers._shared.outbox", 2, "kind", NotificationKind),
    ],
)
def test_every_event_type_emitted_is_a_member_of_its_enum(function, source, position, keyword, enum):
    sites = list(emitted(function, source, position, keyword, enum.__name__))
    unknown = sorted(where for where, members in sites if members is None or not set(members) <= set(enum.__members__))
    emitted_members = {member for _, members in sites for member in members or []}
    assert sites
    assert unknown == []
    assert set(enum.__members__) - emitted_members == set(), "members nothing emits"


def test_domain_events_are_only_built_by_record_event():
    builders = sorted(
        f"{module}:{node.lineno}"
        for module, tree in MODULES.items()
        if imports_name(tree, "registrar.models", "DomainEvent")
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and call_name(node) == "DomainEvent"
    )
    assert [where.partition(":")[0] for where in builders] == ["registrar/resolvers/domains/events.py"]


# --- (c) resolver docstrings name registered codes ----------------------------------------------

ERRORS_SECTION = re.compile(r"Errors:\s*(.*?)(?:\n\s*\n|\Z)", re.S)
ASIDE = re.compile(r"\([^()]*\)|`[^`]*`")
SNAKE = re.compile(r"\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b(?!\*)")
WILDCARD = re.compile(r"\b([a-z][a-z0-9_]*_)\*")
ITEM = re.compile(r"[,;/]|\.(?:\s|$)")
BARE_WORD = re.compile(r"[a-z]+")
"""An item that is one bare word (`forbidden`) is a code; prose items ("whatever the registry
answered", "registry errors") are not read."""


def errors_sections() -> Iterator[tuple[str, str]]:
    for module, tree in MODULES.items():
        if not module.startswith("registrar/resolvers/"):
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                match = ERRORS_SECTION.search(ast.get_docstring(node) or "")
                if match:
                    yield f"{module}::{node.name}", match.group(1)


def codes_named(section: str) -> Iterator[str]:
    """Codes a section names; `quote_*` stands for every code with that prefix."""
    text = section
    while ASIDE.search(text):
        text = ASIDE.sub(" ", text)
    yield from SNAKE.findall(text)
    yield from (prefix + "*" for prefix in WILDCARD.findall(text))
    yield from (item.strip() for item in ITEM.split(text) if BARE_WORD.fullmatch(item.strip()))


def names_registered(token: str) -> bool:
    if token.endswith("*"):
        return any(code.startswith(token[:-1]) for code in registered_codes())
    return token in registered_codes()


def test_codes_named_reads_sections_tolerantly():
    section = (
        "insufficient_scope; unprocessable_entity (fields, `order_by`); quote_* errors,\n"
        "registry errors. Deleted rows keep their history; forbidden (client token), whatever it answered"
    )
    assert sorted(codes_named(section)) == ["forbidden", "insufficient_scope", "quote_*", "unprocessable_entity"]


def test_every_resolver_docstring_names_only_registered_codes():
    sections = list(errors_sections())
    unknown = sorted(
        f"{where}: {token}"
        for where, section in sections
        for token in codes_named(section)
        if not names_registered(token)
    )
    assert len(sections) > 80
    assert unknown == []


# --- (d) the registry itself --------------------------------------------------------------------


def all_enums() -> list[type[ErrorCode]]:
    pending, found = list(ErrorCode.__subclasses__()), []
    while pending:
        enum = pending.pop()
        found.append(enum)
        pending.extend(enum.__subclasses__())
    return found


def test_every_registered_code_has_an_error_status():
    assert {code: member.status for code, member in registered_codes().items() if not 400 <= member.status <= 599} == {}


def test_codes_are_unique_across_enums_and_all_registered():
    values = [member.value for enum in all_enums() for member in enum]
    assert len(values) == len(set(values))
    assert set(values) == set(registered_codes())


def test_every_code_enum_is_loaded_by_the_resolvers_package():
    """Each aggregate's enum is declared in its `errors.py` and listed in
    `registrar.resolvers.AGGREGATE_ERRORS`, so importing any resolver loads them all."""
    declared = {
        (module, node.name)
        for module, tree in MODULES.items()
        for node in tree.body
        if isinstance(node, ast.ClassDef) and any(getattr(base, "id", None) == "ErrorCode" for base in node.bases)
    }
    loaded = {(relative(ERRORS_MODULE), enum.__name__) for enum in (CommonError, UpstreamError)} | {
        (enum.__module__.replace(".", "/") + ".py", enum.__name__) for enum in registrar.resolvers.AGGREGATE_ERRORS
    }
    assert declared == loaded
    assert {module for module, _ in declared} - {relative(ERRORS_MODULE)} == {
        relative(path) for path in RESOLVERS.glob("*/errors.py")
    }


@pytest.mark.parametrize(
    "code",
    [
        DomainError.DELETE_PROHIBITED,
        DomainError.SUBORDINATE_HOSTS_EXIST,
        DomainError.UPDATE_PROHIBITED,
        DomainError.TLD_NOT_DNSSEC,
        DomainError.INVALID_DS_RECORDS,
        DomainError.DUPLICATE_DS_RECORD,
        DomainError.INCONSISTENT_MAX_SIG_LIFE,
    ],
)
def test_the_domain_rule_codes_the_spec_documents_are_422(code):
    assert RegistrarError(code.value).status == 422


def test_a_string_code_resolves_to_its_member_and_status():
    # when
    error = RegistrarError("registry_timeout", detail={"reason": "slow"})
    # then
    assert error.code is UpstreamError.REGISTRY_TIMEOUT
    assert (error.status, error.as_envelope()) == (504, {"error": "registry_timeout", "detail": {"reason": "slow"}})


def test_an_unregistered_code_is_refused():
    with pytest.raises(UnknownErrorCode):
        RegistrarError("no_such_code")


def test_a_code_cannot_be_declared_twice():
    with pytest.raises(ValueError, match="not_found"):

        class Duplicate(ErrorCode):
            NOT_FOUND = "not_found", 404


def test_a_code_needs_an_error_status():
    with pytest.raises(ValueError, match="status 200"):

        class Success(ErrorCode):
            FINE = "fine_and_dandy", 200
