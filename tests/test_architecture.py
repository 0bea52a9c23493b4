"""The import structure of the ``roundtable`` package (see ARCHITECTURE.md).

A pure-Python reading of every module's imports (``ast``; nothing is
imported), so the test is fast and needs no tool. It fails on

- any import circle among roundtable modules,
- any import against the layer order: core → storage & mail → the features
  in their order → site; a module may import its own package and anything
  in an earlier layer or earlier feature, nothing later,
- an in-function import of a roundtable module without a comment saying why
  (the line above it), or more than a handful of them.

Imports inside functions count like any other: moving an import into a
function hides a circle from Python, not from the design.
"""
import ast
import os
import pathlib

import pytest

PACKAGE = pathlib.Path(__file__).resolve().parent.parent / "roundtable"

# (module prefix, rank). The longest matching prefix gives a module's rank;
# a module may import only modules of a lower or equal rank, and equal ranks
# only within the same entry (a feature's own package).
LAYERS = [
    # 1. core: no feature, no database
    ("roundtable.timeutil", 0), ("roundtable.text", 0), ("roundtable.permissions", 0),
    ("roundtable.i18n", 1), ("roundtable.events", 1), ("roundtable.folder", 1),
    ("roundtable.words", 1),
    ("roundtable.workflow", 2), ("roundtable.forms", 2), ("roundtable.atom", 2),
    ("roundtable.charts", 2),   # SVG charts: pure functions of figures (issue 14)
    ("roundtable.layout", 3), ("roundtable.settings", 0), ("roundtable.compilation", 3),
    # 2. storage and mail
    ("roundtable.db", 10), ("roundtable.schedule", 11), ("roundtable.mail", 10), ("roundtable.security", 10),
    ("roundtable.portal", 11), ("roundtable.catalog", 11),
    # change counters, ETags, the anonymous page cache (issue 20); below the
    # catalog, whose own transaction bumps its counter
    ("roundtable.freshness", 10),
    ("roundtable.fastanswer", 11),   # answers anonymous repeats before pyramid_tm (issue 20)
    # 3. features, in their order
    ("roundtable.accounts", 20), ("roundtable.views", 21), ("roundtable.people", 22),
    ("roundtable.bodies", 23), ("roundtable.meetings", 24), ("roundtable.minutes", 25),
    ("roundtable.committees", 26), ("roundtable.motions", 27), ("roundtable.calendar", 28),
    ("roundtable.newsletter", 29), ("roundtable.search", 30), ("roundtable.follow", 31),
    ("roundtable.oparl", 32), ("roundtable.measures", 33), ("roundtable.privacy", 34),
    # 4. site: the app factory, the tree, bootstrap, upgrade steps, demo, scripts, bench
    ("roundtable.tree", 40), ("roundtable.demo", 41), ("roundtable.evolve", 42),
    ("roundtable.bootstrap", 43), ("roundtable.scripts", 44), ("roundtable", 45),
    ("roundtable.bench", 46),   # starts the app (roundtable.main) to measure it
]
MAX_IN_FUNCTION = 6


def modules():
    found = {}
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        found[".".join(parts)] = path
    return found


MODULES = modules()


def layer(module):
    best = max((p for p, _ in LAYERS if module == p or module.startswith(p + ".")), key=len)
    return best, dict(LAYERS)[best]


def _target(name):
    """The module an imported name belongs to (``pkg.mod.func`` → ``pkg.mod``)."""
    while name not in MODULES and "." in name:
        name = name.rsplit(".", 1)[0]
    return name


def imports_of(module):
    """(target module, line, in_function, commented) for each roundtable import."""
    path = MODULES[module]
    source = path.read_text()
    lines = source.splitlines()
    is_package = path.name == "__init__.py"
    found = []

    def visit(node, in_function):
        for child in ast.iter_child_nodes(node):
            if isinstance(child, (ast.Import, ast.ImportFrom)):
                names = []
                if isinstance(child, ast.Import):
                    names = [a.name for a in child.names]
                else:
                    base = child.module or ""
                    if child.level:
                        parts = module.split(".")
                        parts = parts if is_package else parts[:-1]
                        parts = parts[:len(parts) - child.level + 1]
                        base = ".".join(parts + ([child.module] if child.module else []))
                    names = [f"{base}.{a.name}" for a in child.names]
                    if "." in base and base != module:
                        # Python runs the package itself first: ``from . import x``
                        # inside a package imports its __init__ (the top-level
                        # ``roundtable`` is the one package every module shares)
                        names.append(base)
                above = lines[child.lineno - 2].strip() if child.lineno > 1 else ""
                for name in names:
                    if name.split(".")[0] == "roundtable":
                        found.append((_target(name), child.lineno, in_function,
                                      above.startswith("#")))
            visit(child, in_function or isinstance(
                child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)))

    visit(ast.parse(source), False)
    return found


GRAPH = {m: imports_of(m) for m in MODULES}


def test_every_module_has_a_layer():
    assert all(layer(m) for m in MODULES)
    assert len(MODULES) > 100


def test_no_import_against_the_layer_order():
    wrong = []
    for module, found in GRAPH.items():
        own, rank = layer(module)
        for target, line, _f, _c in found:
            other, other_rank = layer(target)
            if other_rank > rank or (other_rank == rank and other != own):
                wrong.append(f"{module}:{line} imports {target}")
    assert not wrong, "imports against the layer order:\n" + "\n".join(wrong)


def test_no_import_circle():
    edges = {m: {t for t, *_ in found if t in MODULES and t != m} for m, found in GRAPH.items()}
    circles, state = [], {}

    def visit(node, stack):
        state[node] = "open"
        stack.append(node)
        for nxt in sorted(edges[node]):
            if state.get(nxt) == "open":
                circles.append(stack[stack.index(nxt):] + [nxt])
            elif nxt not in state:
                visit(nxt, stack)
        stack.pop()
        state[node] = "done"

    for module in sorted(edges):
        if module not in state:
            visit(module, [])
    assert not circles, "import circles:\n" + "\n".join(" → ".join(c) for c in circles)


def test_in_function_imports_are_few_and_explained():
    inside = [(m, line, commented) for m, found in GRAPH.items()
              for _t, line, in_function, commented in found if in_function]
    silent = [f"{m}:{line}" for m, line, commented in inside if not commented]
    assert not silent, "in-function imports without a comment:\n" + "\n".join(silent)
    assert len(inside) <= MAX_IN_FUNCTION


def test_the_check_sees_a_circle_and_a_wrong_import(tmp_path, monkeypatch):
    """The test itself: a made-up upward import is caught by both rules."""
    GRAPH["roundtable.timeutil"] = GRAPH["roundtable.timeutil"] + [
        ("roundtable.motions.resources", 1, False, False)]
    try:
        with pytest.raises(AssertionError, match="timeutil:1 imports roundtable.motions"):
            test_no_import_against_the_layer_order()
        with pytest.raises(AssertionError, match="roundtable.timeutil"):
            test_no_import_circle()
    finally:
        GRAPH["roundtable.timeutil"] = GRAPH["roundtable.timeutil"][:-1]
