"""The project's own layer contracts (issue 17.3), read from the source with `ast` so that imports
inside functions and under TYPE_CHECKING count too:

- `trainer.core` imports nothing of trainer outside core;
- the store (`trainer.store`) imports only core and itself, and only the service layer imports it;
- the faces (`trainer.ui`, the command line) reach data through `trainer.services`: never the store;
- nothing outside the service layer and the store reaches `services.store`;
- no two trainer modules import each other at run time, directly or round a longer loop (an import
  for annotations only, under TYPE_CHECKING, may point back).

The service layer is `trainer.services` (the facade) and `trainer.exchange` (files in and out,
which the facade hands itself to).
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
TRAINER = REPO / "trainer"
SERVICE_LAYER = ("trainer.services", "trainer.exchange")


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(REPO).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


MODULES = {_module_name(path): path for path in TRAINER.rglob("*.py")}


def _type_checking_only(tree: ast.Module) -> set[int]:
    """The ids of the nodes under `if TYPE_CHECKING:` (imports for annotations only)."""
    hidden: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            for child in node.body:
                hidden.update(id(inner) for inner in ast.walk(child))
    return hidden


def _imports(name: str, path: Path, runtime_only: bool = False) -> set[str]:
    """The trainer modules `name` imports (a name imported from a package counts as its module
    when it is one, else as the package); `runtime_only` leaves out those for annotations only."""
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    found: set[str] = set()
    tree = ast.parse(path.read_text(encoding="utf-8"))
    hidden = _type_checking_only(tree) if runtime_only else set()
    for node in ast.walk(tree):
        if id(node) in hidden:
            continue
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(anchor + ([base] if base else []))
            for alias in node.names:
                full = f"{base}.{alias.name}"
                found.add(full if full in MODULES else base)
    trainer_modules = set()
    for imported in found:
        while imported and imported not in MODULES:
            imported = imported.rpartition(".")[0]
        if imported.startswith("trainer"):
            trainer_modules.add(imported)
    return trainer_modules - {name}


GRAPH = {name: _imports(name, path) for name, path in MODULES.items()}
# What importing a module runs: a loop here is a loop of ideas (and an import-order trap). An
# import for annotations only (under TYPE_CHECKING) may point back, as a screen naming its app.
RUNTIME_GRAPH = {name: _imports(name, path, runtime_only=True) for name, path in MODULES.items()}


def _within(name: str, package: str) -> bool:
    return name == package or name.startswith(package + ".")


def _in_service_layer(m: str) -> bool:
    return any(_within(m, layer) for layer in SERVICE_LAYER)


def _breaches(importer_in, imported_ok) -> list[str]:
    return sorted(
        f"{importer} imports {imported}"
        for importer, imports in GRAPH.items()
        if importer_in(importer)
        for imported in imports
        if not imported_ok(imported)
    )


def test_the_reader_sees_every_module():
    assert {"trainer.core.model", "trainer.services", "trainer.store.repository"} <= set(GRAPH)
    assert "trainer.core.model" in GRAPH["trainer.store.repository"]


def test_core_imports_only_core():
    assert _breaches(lambda m: _within(m, "trainer.core"), lambda m: _within(m, "trainer.core")) == []


def test_the_store_imports_only_core_and_itself():
    def allowed(m: str) -> bool:
        return _within(m, "trainer.core") or _within(m, "trainer.store")

    assert _breaches(lambda m: _within(m, "trainer.store"), allowed) == []


def test_only_the_service_layer_imports_the_store():
    def importer(m: str) -> bool:
        return not _within(m, "trainer.store") and not _in_service_layer(m)

    assert _breaches(importer, lambda m: not _within(m, "trainer.store")) == []


# What the faces (the Textual app and the command line) may import: the domain, the facade, where
# files live and how private files are written, the charts' drawing, and each other (the command
# line starts the app). Data comes through the facade only: never the store, the exchange or the
# report's modules.
FACE_MAY_IMPORT = ("trainer.core", "trainer.services", "trainer.paths", "trainer.private_files", "trainer.charts",
                   "trainer.ui", "trainer.cli")


def _face(m: str) -> bool:
    return _within(m, "trainer.ui") or _within(m, "trainer.cli") or m == "trainer.__main__"


def test_the_faces_reach_data_only_through_the_services():
    def allowed(m: str) -> bool:
        return m == "trainer" or any(_within(m, package) for package in FACE_MAY_IMPORT)

    assert _breaches(_face, allowed) == []


def test_the_loops_issue_17_named_are_gone():
    """services <-> exchange and cli <-> cli_data imported each other (one way for annotations)."""
    exchange = {m for name, imports in GRAPH.items() if _within(name, "trainer.exchange") for m in imports}
    assert "trainer.services" not in exchange
    assert not any(_within(m, "trainer.cli") for m in exchange)


def test_nothing_outside_the_service_layer_reaches_services_store():
    reach = re.compile(r"\bservices\.store\b")
    offenders = sorted(
        f"{name}:{number}"
        for name, path in MODULES.items()
        if not _in_service_layer(name) and not _within(name, "trainer.store")
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if reach.search(line)
    )
    assert offenders == []


def _cycles() -> list[list[str]]:
    """Strongly connected groups of more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(RUNTIME_GRAPH.get(node, ())):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for node in sorted(RUNTIME_GRAPH):
        if node not in index:
            visit(node)
    return groups


def _package_edge(a: str, b: str) -> bool:
    """A package's __init__ re-exporting its own modules is not a loop of ideas."""
    return _within(b, a) or _within(a, b)


def test_no_import_cycles():
    loops = []
    for group in _cycles():
        members = set(group)
        # Drop the parent<->child edges of a package re-exporting its modules, then look again.
        inner = {m: {n for n in RUNTIME_GRAPH[m] if n in members and not _package_edge(m, n)} for m in group}
        if any(inner.values()) and _has_cycle(inner):
            loops.append(group)
    assert loops == []


def _has_cycle(graph: dict[str, set[str]]) -> bool:
    seen: dict[str, int] = {}  # 1: on the path, 2: done

    def visit(node: str) -> bool:
        seen[node] = 1
        for nxt in graph.get(node, ()):
            if seen.get(nxt) == 1 or (nxt not in seen and visit(nxt)):
                return True
        seen[node] = 2
        return False

    return any(node not in seen and visit(node) for node in graph)
