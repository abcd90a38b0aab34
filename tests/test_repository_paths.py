"""The repository stands on its own: no module, script or test names a path outside it.

A user's clone has nothing beside it, so a path that climbs out of the repository (``../shared``,
``Path(__file__).parents[2]``, ``ROOT.parent``) works on a developer's machine and fails on
theirs. The check reads every Python file's syntax tree and follows the paths built from
``__file__``: ``.parent``, ``.parents[k]``, ``os.path.dirname`` and ``/ "..."`` joins, through
names assigned from them (``ROOT = Path(__file__).resolve().parents[1]``). It also refuses any
string that is a path climbing with ``..``. A line that names such a path on purpose (a test that
a traversal is refused) says so with ``# outside-repo: <why>``.
"""

from __future__ import annotations

import ast
import subprocess
from pathlib import Path, PurePosixPath

import pytest

ROOT = Path(__file__).resolve().parents[1]
MARKER = "# outside-repo:"


class _Paths(ast.NodeVisitor):
    """Finds paths that leave the repository in one module.

    ``depth`` of an expression: how many folders below the repository root the path it builds
    points to (the module file itself at ``len(parts)``); None when it is not built from
    ``__file__``. Below zero, the path is outside the repository.
    """

    def __init__(self, rel: PurePosixPath, lines: list[str]):
        self.file_depth = len(rel.parts)
        self.lines = lines
        self.names: dict[str, int] = {}
        self.found: list[tuple[int, str]] = []

    def depth(self, node: ast.AST) -> int | None:
        if isinstance(node, ast.Name):
            if node.id == "__file__":
                return self.file_depth
            return self.names.get(node.id)
        if isinstance(node, ast.Call):
            return self.call_depth(node)
        if isinstance(node, ast.Attribute) and node.attr == "parent":
            inner = self.depth(node.value)
            return None if inner is None else inner - 1
        if (
            isinstance(node, ast.Subscript)
            and isinstance(node.value, ast.Attribute)
            and node.value.attr == "parents"
            and isinstance(node.slice, ast.Constant)
            and isinstance(node.slice.value, int)
        ):
            inner = self.depth(node.value.value)
            return None if inner is None else inner - 1 - node.slice.value
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Div):
            return self.joined(self.depth(node.left), [node.right])
        return None

    def call_depth(self, node: ast.Call) -> int | None:
        func = node.func
        if isinstance(func, ast.Name):
            is_path = func.id in ("Path", "PurePath", "PosixPath")
            return self.depth(node.args[0]) if is_path and node.args else None
        if not isinstance(func, ast.Attribute):
            return None
        if func.attr in ("resolve", "absolute", "expanduser") and not node.args:
            return self.depth(func.value)
        if not node.args:
            return None
        if func.attr == "dirname":  # os.path.dirname(x)
            inner = self.depth(node.args[0])
            return None if inner is None else inner - 1
        if func.attr in ("abspath", "realpath", "normpath"):
            return self.depth(node.args[0])
        if func.attr == "join":  # os.path.join(x, "..")
            return self.joined(self.depth(node.args[0]), node.args[1:])
        return None

    @staticmethod
    def joined(base: int | None, parts: list[ast.expr]) -> int | None:
        if base is None:
            return None
        depth = base
        for part in parts:
            if not (isinstance(part, ast.Constant) and isinstance(part.value, str)):
                return depth  # an unknown name: it can only go down (".." strings are caught)
            for segment in PurePosixPath(part.value).parts:
                depth += -1 if segment == ".." else (0 if segment == "." else 1)
                if depth < 0:
                    return depth
        return depth

    def allowed(self, node: ast.AST) -> bool:
        line = self.lines[node.lineno - 1] if 0 < node.lineno <= len(self.lines) else ""
        return MARKER in line

    def report(self, node: ast.AST, what: str) -> None:
        if not self.allowed(node):
            self.found.append((node.lineno, what))

    def visit_Assign(self, node: ast.Assign) -> None:
        d = self.depth(node.value)
        for target in node.targets:
            if isinstance(target, ast.Name) and d is not None:
                self.names[target.id] = d
        self.generic_visit(node)

    def generic_visit(self, node: ast.AST) -> None:
        if isinstance(node, (ast.Attribute, ast.Subscript, ast.BinOp, ast.Call)):
            d = self.depth(node)
            if d is not None and d < 0:
                self.report(node, f"{ast.unparse(node)} points {-d} folder(s) above the repository")
                return
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and _climbs(node.value):
            self.report(node, f"the string {node.value[:60]!r} climbs out with '..'")
        super().generic_visit(node)


def _climbs(text: str) -> bool:
    """True for a string that is, or holds, a relative path with a ``..`` segment."""
    for word in text.replace("\\", "/").split():
        word = word.strip("`'\"(),;:")
        parts = word.split("/")
        if len(parts) > 1 and ".." in parts:
            return True
    return False


def outside_paths(source: str, rel: PurePosixPath) -> list[tuple[int, str]]:
    """(line, what) of each path in ``source`` (the module ``rel``) that leaves the repository."""
    finder = _Paths(rel, source.splitlines())
    finder.visit(ast.parse(source))
    return sorted(finder.found)


def _python_files() -> list[Path]:
    out = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard", "*.py"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    files = [ROOT / line for line in out.splitlines() if line]
    assert files, "git listed no Python files"
    return [f for f in files if f.is_file()]


def test_no_module_or_test_names_a_path_outside_the_repository():
    problems = []
    for path in _python_files():
        if path == Path(__file__).resolve():
            continue  # this file's cases below name such paths on purpose
        rel = PurePosixPath(path.relative_to(ROOT).as_posix())
        for line, what in outside_paths(path.read_text(encoding="utf-8"), rel):
            problems.append(f"{rel}:{line}: {what}")
    assert problems == [], "paths outside the repository:\n" + "\n".join(problems)


def test_the_makefile_stays_inside():
    # The Makefile sits at the root, so any ``../`` in it leaves the repository.
    assert "../" not in (ROOT / "Makefile").read_text(encoding="utf-8")


# -- the checker itself, on small known cases --------------------------------------------------
@pytest.mark.parametrize(
    "source, rel, expected",
    [
        ('ROOT = Path(__file__).resolve().parents[1]\nX = ROOT / "data"', "tests/t.py", []),
        ('SHARED = Path(__file__).resolve().parents[2] / "shared"', "tests/t.py", [1]),
        ('ROOT = Path(__file__).resolve().parents[1]\nS = ROOT.parent / "shared"', "pkg/m.py", [2]),
        ("P = Path(__file__).parent.parent.parent", "pkg/m.py", [1]),
        ("P = Path(__file__).parent.parent", "pkg/m.py", []),
        ('HERE = Path(__file__).parent\nP = HERE / ".." / ".." / "x"', "pkg/m.py", [2]),
        ("P = os.path.dirname(os.path.dirname(os.path.dirname(__file__)))", "pkg/m.py", [1]),
        ('P = os.path.join(os.path.dirname(__file__), "..", "..")', "pkg/m.py", [1]),
        ('P = "../shared/data/cordis"', "pkg/m.py", [1]),
        ('"""Read ``../shared/seeds`` first."""', "pkg/m.py", [1]),
        ('P = "data/../../x"', "pkg/m.py", [1]),
        ('P = "a .. b"', "pkg/m.py", []),  # prose, not a path
        ('P = "../etc/passwd"  # outside-repo: a refused traversal', "tests/t.py", []),
    ],
)
def test_the_checker_on_known_cases(source, rel, expected):
    assert [line for line, _ in outside_paths(source, PurePosixPath(rel))] == expected
