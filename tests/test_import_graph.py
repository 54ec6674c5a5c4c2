"""No import circles in the project's packages, counting imports written inside functions too.

An import inside a function hides a circle from Python until the function runs; the graph here reads every import
statement with `ast`, wherever it is written, so a hidden circle fails as surely as one at the top of a module.
Importing `a.b.c` also runs `a/__init__.py` and `a/b/__init__.py` first, so those count as imported too, except
from inside the package itself (which is already being imported by then).
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("portal", "home", "services", "forms")


def module_name(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def project_modules(root: Path, packages) -> dict[str, Path]:
    return {
        module_name(path, root): path
        for package in packages
        for path in sorted((root / package).rglob("*.py"))
        if "__pycache__" not in path.parts
    }


def _imported_names(tree: ast.AST, module: str, is_package: bool):
    """Every module name an import statement of `module` asks for, with `from X import y` as X and X.y."""
    package = module if is_package else module.rpartition(".")[0]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)] if node.level > 1 else base
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module
            yield target
            for alias in node.names:
                yield f"{target}.{alias.name}"


def import_graph(root: Path, packages=PACKAGES) -> dict[str, set[str]]:
    modules = project_modules(root, packages)
    graph = {}
    for module, path in modules.items():
        tree = ast.parse(path.read_text(), filename=str(path))
        edges = set()
        for name in _imported_names(tree, module, path.name == "__init__.py"):
            if name not in modules:
                continue
            edges.add(name)
            parts = name.split(".")
            for depth in range(1, len(parts)):
                ancestor = ".".join(parts[:depth])
                if ancestor in modules and not (module == ancestor or module.startswith(ancestor + ".")):
                    edges.add(ancestor)
        edges.discard(module)
        graph[module] = edges
    return graph


def import_cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The graph's strongly connected components of more than one module (Tarjan's algorithm, iterative)."""
    index, low, on_stack, stack, cycles = {}, {}, set(), [], []
    counter = 0
    for start in sorted(graph):
        if start in index:
            continue
        work = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = counter
        counter += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph.get(child, ())))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    cycles.append(sorted(component))
    return cycles


def test_the_project_has_no_import_cycle():
    cycles = import_cycles(import_graph(ROOT))
    assert cycles == [], "Import cycles:\n" + "\n".join(" <-> ".join(cycle) for cycle in cycles)


def _write(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)


@pytest.mark.parametrize(
    "files",
    [
        # A circle hidden behind an import inside a function.
        {
            "app/__init__.py": "",
            "app/submit.py": "from .models import Application\n",
            "app/models.py": "def submit():\n    from .submit import x\n",
        },
        # A circle through a package's __init__, which importing one of its modules runs first.
        {
            "app/__init__.py": "",
            "app/clock.py": "from app.models.calendar import Day\n",
            "app/models/__init__.py": "from .pages import Page\n",
            "app/models/calendar.py": "",
            "app/models/pages.py": "import app.clock\n",
        },
        # `from package import module` names the module.
        {
            "app/__init__.py": "",
            "app/a.py": "from app import b\n",
            "app/b.py": "from . import a\n",
        },
    ],
)
def test_a_cycle_put_back_is_found(tmp_path, files):
    _write(tmp_path, files)
    assert import_cycles(import_graph(tmp_path, packages=("app",)))


def test_imports_within_a_package_being_imported_are_not_a_cycle(tmp_path):
    _write(
        tmp_path,
        {
            "app/__init__.py": "",
            "app/models/__init__.py": "from .pages import Page\nfrom .applications import Application\n",
            "app/models/applications.py": "",
            "app/models/pages.py": "from .applications import Application\n",
        },
    )
    assert import_cycles(import_graph(tmp_path, packages=("app",))) == []
