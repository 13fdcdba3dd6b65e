"""The import contract (STYLE "Layout", habit 4), checked by walking every module's AST:
imports point one way, transports → resolvers → models/epp, and nothing imports in a circle —
not at module level, not inside a function, not under TYPE_CHECKING."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "registrar"
TRANSPORTS = ("registrar.schema", "registrar.rest_compat", "registrar.openapi", "registrar.cli")
RESOLVERS = "registrar.resolvers"


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(path): path for path in PACKAGE.rglob("*.py")}


def imported_modules(module: str) -> Iterator[str]:
    """Every registrar module `module` imports, wherever the import statement sits."""
    path = MODULES[module]
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names if alias.name in MODULES)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package.split(".")[: len(package.split(".")) - node.level + 1] + [base]).strip(".")
            for alias in node.names:
                candidate = f"{base}.{alias.name}"
                if candidate in MODULES:
                    yield candidate
                elif base in MODULES:
                    yield base


GRAPH = {module: sorted(set(imported_modules(module)) - {module}) for module in MODULES}


def cycles(graph: dict[str, list[str]]) -> list[list[str]]:
    """Strongly connected components of more than one node (Kosaraju: a depth-first finishing
    order on the graph, then components on the reversed graph in reverse finishing order)."""
    nodes = sorted(set(graph) | {target for targets in graph.values() for target in targets})
    order: list[str] = []
    seen: set[str] = set()
    for node in nodes:
        _finish(node, lambda n: graph.get(n, ()), seen, order.append)
    reverse: dict[str, list[str]] = {}
    for source, targets in graph.items():
        for target in targets:
            reverse.setdefault(target, []).append(source)
    assigned: set[str] = set()
    found = []
    for node in reversed(order):
        component: list[str] = []
        _finish(node, lambda n: reverse.get(n, ()), assigned, component.append)
        if len(component) > 1:
            found.append(sorted(component))
    return sorted(found)


def _finish(start: str, edges, seen: set[str], emit) -> None:
    """Iterative depth-first walk from `start` over unseen nodes, emitting each when finished."""
    if start in seen:
        return
    seen.add(start)
    stack = [(start, iter(edges(start)))]
    while stack:
        node, pending = stack[-1]
        target = next((t for t in pending if t not in seen), None)
        if target is None:
            stack.pop()
            emit(node)
        else:
            seen.add(target)
            stack.append((target, iter(edges(target))))


def in_package(module: str, package: str) -> bool:
    return module == package or module.startswith(package + ".")


def aggregate_of(module: str) -> str | None:
    parts = module.split(".")
    return parts[2] if in_package(module, RESOLVERS) and len(parts) > 3 else None


def test_no_module_imports_in_a_circle():
    assert cycles(GRAPH) == []


def test_resolvers_never_import_a_transport():
    leaks = [
        (module, target)
        for module, targets in GRAPH.items()
        if in_package(module, RESOLVERS)
        for target in targets
        if any(in_package(target, transport) for transport in TRANSPORTS)
    ]
    assert leaks == []


def test_aggregates_depend_on_each_other_one_way():
    between: dict[str, list[str]] = {}
    for module, targets in GRAPH.items():
        source = aggregate_of(module)
        for target in targets:
            other = aggregate_of(target)
            if source and other and other != source:
                between.setdefault(source, []).append(other)
    assert cycles({source: sorted(set(targets)) for source, targets in between.items()}) == []


@pytest.mark.parametrize(
    ("graph", "expected"),
    [
        ({"a": ["b"], "b": ["c"], "c": []}, []),
        ({"a": ["b"], "b": ["a"]}, [["a", "b"]]),
        ({"a": ["b"], "b": ["c"], "c": ["a"], "d": ["a"]}, [["a", "b", "c"]]),
    ],
)
def test_the_cycle_finder_finds_cycles(graph, expected):
    assert cycles(graph) == expected
