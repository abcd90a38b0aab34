"""The house points one way: the import rules, read from every module's imports.

::

    innograph (CLI)  ─┐
    api ──────────────┼──▶ analytics ─┐
                      ├──▶ ingest ────┼──▶ graph  (settings, errors, output, model, db, Cypher)
                      └──▶ viz ───────┘

* ``graph`` is the bottom room: it imports no other room, and it is the only one that imports
  the ``neo4j`` driver or holds a Cypher statement.
* ``ingest`` and ``analytics`` import only ``graph`` (analytics never imports ingest).
* ``viz`` imports ``graph``'s plain modules only (never the driver helpers ``graph.db``,
  ``graph.server``, ``graph.guard``, ``graph.load``): it receives networkx graphs or rows.
* ``api`` may use analytics, ingest, viz and graph; the CLI (``innograph``) may use every room,
  and nothing imports the CLI.
* Only ``graph`` runs Cypher text (``run_read``, ``run_write``, ``run_auto``, ``write_batches``);
  other rooms call catalogued statements by name (``db.read("read_clusters")``) or graph's
  functions. viz never reads the database at all, and in analytics only the one adapter
  (``analytics.adapter``) does: the computations are pure.
* No circle of imports between modules, and no ``importlib``/``__import__`` tricks.

Every import counts, also one inside a function. The last tests show the checker failing on a
tiny fake module tree with a back-pointing import.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
ROOMS = ("graph", "ingest", "analytics", "viz", "api", "innograph")
MAY_IMPORT = {
    "graph": {"graph"},
    "ingest": {"graph", "ingest"},
    "analytics": {"graph", "analytics"},
    "viz": {"graph", "viz"},
    "api": {"graph", "ingest", "analytics", "viz", "api"},
    "innograph": set(ROOMS),
}
DRIVER_HELPERS = ("graph.db", "graph.server", "graph.guard", "graph.load")
RAW_RUNNERS = ("run_read", "run_write", "run_auto", "write_batches")
CATALOGUE_CALLS = ("read", "write")
ADAPTERS = ("analytics.adapter",)  # the one analytics module that reads and writes through graph
# A Cypher statement: a clause keyword, then later a second clause keyword, both in capitals.
CYPHER = re.compile(
    r"\b(MATCH|MERGE|CREATE|UNWIND|CALL|SHOW|DETACH DELETE|LOAD CSV|RETURN)\b[^\n]*"
    r"\b(RETURN|SET|WHERE|YIELD|DELETE|AS|IN TRANSACTIONS)\b"
)
EXAMPLE = "# cypher-example"  # marks a line whose string shows a query to people, never run


def room_of(module: str) -> str | None:
    top = module.split(".")[0]
    return top if top in ROOMS else None


class _Imports(ast.NodeVisitor):
    def __init__(self, module: str, is_package: bool, lines: list[str]):
        self.module, self.is_package, self.lines = module, is_package, lines
        self.imports: list[tuple[int, str]] = []
        self.tricks: list[int] = []
        self.raw: list[int] = []
        self.catalogue: list[int] = []
        self.cypher: list[int] = []
        self.docstrings: set[int] = set()

    def _absolute(self, node: ast.ImportFrom) -> str:
        if not node.level:
            return node.module or ""
        base = self.module.split(".")
        if not self.is_package:
            base = base[:-1]
        base = base[: len(base) - (node.level - 1)]
        return ".".join([*base, *([node.module] if node.module else [])])

    def visit_Import(self, node: ast.Import) -> None:
        self.imports += [(node.lineno, a.name) for a in node.names]

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        base = self._absolute(node)
        for alias in node.names:
            # ``from graph import db`` imports the module graph.db; ``from graph.db import x``
            # imports graph.db. Both name the deeper one, which is what the rules look at.
            self.imports.append((node.lineno, f"{base}.{alias.name}"))

    def visit_Call(self, node: ast.Call) -> None:
        f = node.func
        if (isinstance(f, ast.Attribute) and f.attr == "import_module") or (
            isinstance(f, ast.Name) and f.id == "__import__"
        ):
            self.tricks.append(node.lineno)
        if isinstance(f, ast.Attribute) and f.attr in RAW_RUNNERS:
            self.raw.append(node.lineno)
        if (
            isinstance(f, ast.Attribute)
            and f.attr in CATALOGUE_CALLS
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
            and re.fullmatch(r"[a-z][a-z0-9_]+", node.args[0].value)
        ):
            self.catalogue.append(node.lineno)
        self.generic_visit(node)

    def _note_docstring(self, body: list[ast.stmt]) -> None:
        if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
            self.docstrings.add(id(body[0].value))

    def visit_Module(self, node: ast.Module) -> None:
        self._note_docstring(node.body)
        self.generic_visit(node)

    def visit_FunctionDef(self, node: ast.FunctionDef | ast.AsyncFunctionDef) -> None:
        self._note_docstring(node.body)
        self.generic_visit(node)

    visit_AsyncFunctionDef = visit_FunctionDef

    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        self._note_docstring(node.body)
        self.generic_visit(node)

    def visit_Constant(self, node: ast.Constant) -> None:
        if isinstance(node.value, str) and id(node) not in self.docstrings:
            line = self.lines[node.lineno - 1] if node.lineno <= len(self.lines) else ""
            if CYPHER.search(node.value) and EXAMPLE not in line:
                self.cypher.append(node.lineno)


def _resolve(name: str, modules: set[str]) -> str | None:
    """The longest known module that ``name`` names (``graph.db.Database`` -> ``graph.db``)."""
    parts = name.split(".")
    while parts:
        candidate = ".".join(parts)
        if candidate in modules:
            return candidate
        parts.pop()
    return None


def _module_problems(module: str, v: _Imports) -> list[str]:
    room = room_of(module)
    found = [f"{module}:{line}: imports by name (importlib/__import__)" for line in v.tricks]
    if room != "graph":
        found += [
            f"{module}:{n}: holds a Cypher statement (graph/cypher is its home)" for n in v.cypher
        ]
        found += [f"{module}:{n}: runs Cypher text outside graph/" for n in v.raw]
    adapter = any(module == a or module.startswith(a + ".") for a in ADAPTERS)
    if room == "viz" or (room == "analytics" and not adapter):
        found += [
            f"{module}:{n}: reads the database ({room} gets graphs or rows)" for n in v.catalogue
        ]
    for line, name in v.imports:
        target_room = room_of(name)
        if name.split(".")[0] == "neo4j" and room != "graph":
            found.append(f"{module}:{line}: imports the neo4j driver outside graph/")
        elif target_room is not None and target_room not in MAY_IMPORT[room or ""]:
            found.append(f"{module}:{line}: {room} may not import {target_room} ({name})")
        elif room == "viz" and any(name == h or name.startswith(h + ".") for h in DRIVER_HELPERS):
            found.append(f"{module}:{line}: viz may not use graph's driver helpers ({name})")
    return found


def violations(tree: dict[str, tuple[str, bool]]) -> list[str]:
    """Every broken rule in ``tree``: ``{module name: (source, is_package)}``."""
    found: list[str] = []
    modules = set(tree)
    edges: dict[str, set[str]] = {m: set() for m in tree}
    for module, (source, is_package) in sorted(tree.items()):
        if room_of(module) is None:
            continue
        v = _Imports(module, is_package, source.splitlines())
        v.visit(ast.parse(source))
        found += _module_problems(module, v)
        for _, name in v.imports:
            target = _resolve(name, modules)
            if target and target != module:
                edges[module].add(target)
    for cycle in _cycles(edges):
        found.append("import circle: " + " -> ".join([*cycle, cycle[0]]))
    return found


def _cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """One cycle per strongly connected component of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    out: list[list[str]] = []
    counter = [0]

    def strong(v: str) -> None:
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in sorted(edges.get(v, ())):
            if w not in index:
                strong(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                out.append(sorted(component))

    for v in sorted(edges):
        if v not in index:
            strong(v)
    return out


def repository_tree() -> dict[str, tuple[str, bool]]:
    tree = {}
    for room in ROOMS:
        for path in sorted((ROOT / room).rglob("*.py")):
            rel = path.relative_to(ROOT).with_suffix("")
            is_package = rel.name == "__init__"
            parts = rel.parts[:-1] if is_package else rel.parts
            tree[".".join(parts)] = (path.read_text(encoding="utf-8"), is_package)
    return tree


def test_the_repository_keeps_the_import_rules():
    tree = repository_tree()
    assert len(tree) > 50 and "graph.db" in tree
    problems = violations(tree)
    assert problems == [], "\n".join(problems)


# -- the checker fails on a deliberately wrong tree --------------------------------------------
GOOD = {
    "graph": ("", True),
    "graph.db": ("import neo4j\nQ = 'MATCH (n) RETURN n'\n", False),
    "graph.errors": ("", False),
    "ingest": ("", True),
    "ingest.load": ("from graph.db import connect\nfrom graph import errors\n", False),
    "analytics": ("", True),
    "analytics.rank": ("from graph.errors import NotFound\n", False),
    "viz": ("", True),
    "viz.maps": ("from graph.errors import NotFound\n", False),
    "api": ("", True),
    "api.app": ("from analytics.rank import x\nfrom viz.maps import y\n", False),
    "innograph": ("", True),
    "innograph.cli": ("from api.app import app\nfrom ingest.load import z\n", False),
}


def test_the_checker_passes_a_good_tree():
    assert violations(GOOD) == []


@pytest.mark.parametrize(
    "module, source, expected",
    [
        ("graph.errors", "from innograph.cli import say\n", "graph may not import innograph"),
        (
            "analytics.rank",
            "def f():\n    from ingest.load import x\n",
            "analytics may not import ingest",
        ),
        ("viz.maps", "from graph.db import Database\n", "viz may not use graph's driver helpers"),
        ("viz.maps", "from ingest import load\n", "viz may not import ingest"),
        ("ingest.load", "from analytics.rank import x\n", "ingest may not import analytics"),
        ("api.app", "from innograph.cli import main\n", "api may not import innograph"),
        ("api.app", "from neo4j.exceptions import AuthError\n", "imports the neo4j driver"),
        (
            "analytics.rank",
            "Q = 'MATCH (o:Organisation) RETURN o.id'\n",
            "holds a Cypher statement",
        ),
        (
            "innograph.cli",
            "import importlib\nm = importlib.import_module('x')\n",
            "imports by name",
        ),
        ("analytics.rank", "from . import rank2\n", "import circle"),
    ],
)
def test_the_checker_catches_a_wrong_import(module, source, expected):
    tree = dict(GOOD)
    tree[module] = (source, False)
    if expected == "import circle":
        tree["analytics.rank2"] = ("from analytics.rank import f\n", False)
    problems = violations(tree)
    assert any(expected in p for p in problems), problems


def test_the_adapter_and_the_interfaces_may_call_the_catalogue():
    tree = dict(GOOD)
    tree["analytics.adapter"] = ("def f(db):\n    return db.read('read_clusters')\n", False)
    tree["api.app"] = ("def f(db):\n    return db.read('read_clusters')\n", False)
    assert violations(tree) == []


def test_an_example_query_for_people_is_allowed():
    tree = dict(GOOD)
    tree["innograph.cli"] = (
        'HELP = "try: MATCH (c:Cluster) RETURN c.name"  # cypher-example\n',
        False,
    )
    assert violations(tree) == []


# -- small rooms, plain names ------------------------------------------------------------------
MAX_LINES = 400
# Module names that stand in two rooms because they mean the same thing there. Empty: every
# other repetition is a name that means two things, which is what this test refuses.
SAME_MEANING: dict[str, str] = {}


def test_no_module_is_over_400_lines():
    long = {
        f"{m} ({len(src.splitlines())} lines)"
        for m, (src, _) in repository_tree().items()
        if len(src.splitlines()) > MAX_LINES
    }
    assert long == set()


def test_no_two_rooms_share_a_module_name():
    rooms_of: dict[str, set[str]] = {}
    for module, (_, is_package) in repository_tree().items():
        if not is_package:
            rooms_of.setdefault(module.rsplit(".", 1)[-1], set()).add(module)
    shared = {n: sorted(ms) for n, ms in rooms_of.items() if len({room_of(m) for m in ms}) > 1}
    assert {n: ms for n, ms in shared.items() if n not in SAME_MEANING} == {}
