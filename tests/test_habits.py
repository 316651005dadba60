"""Habits of the code base: layers import downwards only, comments cite files that exist,
and the version is written once."""

from __future__ import annotations

import ast
import io
import re
import subprocess
import tokenize
from pathlib import Path

from conftest import REPO

import legcourse

PACKAGE = REPO / "legcourse"

LAYERS = [
    {"kernels"},
    {"core"},
    {"model"},
    {"diagrams"},
    {"drills", "reasoning", "deck"},
    {"book"},
    {"grading"},
    {"cli"},
]
"""Sub-packages from the bottom up. A module may import from its own layer's package and from
layers below; the two packages of one layer do not import each other."""

GENERATED = {
    "grades.csv",
    "report.txt",
    "report.png",
    "results.json",
    "timestamp.txt",
    "index.html",
    "not-graded.html",
}
"""File names a docstring may mention that the tools write (they are not in the repository)."""

FILE_NAME = re.compile(r"\b[\w./-]*\w\.(?:md|py|ya?ml|toml|csv|bib|js|css|txt|ipynb|json|html)\b")


def python_files(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*.py") if "__pycache__" not in p.parts)


def package_of(module: str) -> str:
    """ "legcourse.core.catalog" -> "core"; "legcourse.cli" -> "cli"; "legcourse" -> ""."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def imports(path: Path) -> set[str]:
    """The legcourse modules a file imports, at any depth of the file."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module.startswith("legcourse"):
                found.add(node.module)
                found |= {f"{node.module}.{a.name}" for a in node.names}
        elif isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.startswith("legcourse")}
    return found


def layer(package: str) -> int:
    return next(i for i, names in enumerate(LAYERS) if package in names)


def test_every_sub_package_has_a_layer():
    packages = {p.name for p in PACKAGE.iterdir() if (p / "__init__.py").is_file()}
    packages |= {"cli"}
    assert packages == set().union(*LAYERS)


def test_layers_import_only_downwards():
    wrong = []
    for path in python_files(PACKAGE):
        module = ".".join(path.relative_to(REPO).with_suffix("").parts).removesuffix(".__init__")
        here = package_of(module)
        if not here:  # legcourse/__init__.py: the public API re-exports the data core and
            # the model's moment arms
            assert {package_of(m) for m in imports(path)} <= {"core", "model"}
            continue
        for target in imports(path):
            there = package_of(target)
            if there in ("", here) or (there == "cli"):
                continue
            if layer(there) >= layer(here):
                wrong.append(f"{module} imports {target}")
    assert not wrong, "\n".join(wrong)


def test_the_module_import_graph_has_no_cycles():
    graph = {}
    for path in python_files(PACKAGE):
        module = ".".join(path.relative_to(REPO).with_suffix("").parts).removesuffix(".__init__")
        graph[module] = {m for m in imports(path)}
    modules = set(graph)
    graph = {m: {t for t in targets if t in modules and t != m} for m, targets in graph.items()}
    # Importing a sub-module also runs its package's __init__: not an edge of its own here.
    visiting, done, cycles = set(), set(), []

    def visit(node, trail):
        if node in done:
            return
        if node in visiting:
            cycles.append(" -> ".join([*trail[trail.index(node) :], node]))
            return
        visiting.add(node)
        for target in sorted(graph[node]):
            if not node.startswith(target + "."):  # a module may use its own package
                visit(target, [*trail, node])
        visiting.discard(node)
        done.add(node)

    for module in sorted(graph):
        visit(module, [])
    assert not cycles, "\n".join(cycles)


def comments_and_docstrings(path: Path) -> list[tuple[int, str]]:
    """(line, text) of every comment and docstring of a Python file."""
    text = path.read_text()
    found = [
        (tok.start[0], tok.string)
        for tok in tokenize.generate_tokens(io.StringIO(text).readline)
        if tok.type == tokenize.COMMENT
    ]
    for node in ast.walk(ast.parse(text)):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            doc = ast.get_docstring(node, clean=False)
            if doc:
                found.append((getattr(node, "lineno", 1), doc))
    return found


def test_comments_cite_only_files_that_exist_in_the_repository():
    tracked = subprocess.run(
        ["git", "ls-files"], cwd=REPO, capture_output=True, text=True, check=True
    ).stdout.split()
    names = {Path(t).name for t in tracked} | {Path(t).as_posix() for t in tracked}
    missing = []
    for root in (PACKAGE, REPO / "tests", REPO / "bench"):
        for path in python_files(root):
            for line, text in comments_and_docstrings(path):
                for ref in FILE_NAME.findall(text):
                    ref = ref.strip("./")
                    if ref in names or Path(ref).name in GENERATED:
                        continue
                    page = ref.split("#")[0].removesuffix(".html")
                    if ref.endswith(".html") and any(
                        (REPO / "book" / f"{page}{suffix}").is_file()
                        for suffix in (".md", ".ipynb")
                    ):
                        continue  # a page of the built book
                    if any(t.endswith("/" + ref) for t in tracked):
                        continue
                    missing.append(f"{path.relative_to(REPO)}:{line}: {ref}")
    assert not missing, "cited files that are not in the repository:\n" + "\n".join(missing)


def test_the_version_is_written_once_and_in_the_changelog():
    assert re.fullmatch(r"\d+\.\d+\.\d+", legcourse.__version__)
    pyproject = (REPO / "pyproject.toml").read_text()
    assert 'version = { attr = "legcourse.__version__" }' in pyproject
    assert f"## {legcourse.__version__}" in (REPO / "CHANGELOG.md").read_text()


PLACEHOLDER_DOMAINS = re.compile(r"\bexample\.(?:org|com|net)\b|\blocalhost\.invalid\b")


def test_no_placeholder_domain_is_left_anywhere():
    """Links go to the configured book address; test data uses the reserved ``.test`` domain."""
    tracked = subprocess.run(
        ["git", "ls-files"], cwd=REPO, capture_output=True, text=True, check=True
    ).stdout.split()
    found = [
        f"{name}:{number}"
        for name in tracked
        if (REPO / name).is_file() and not name.startswith("book/_widgets/")
        for number, line in enumerate(
            (REPO / name).read_text(encoding="utf-8", errors="replace").splitlines(), 1
        )
        if PLACEHOLDER_DOMAINS.search(line)
    ]
    assert not found, found
