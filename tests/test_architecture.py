"""The shape of the code base: no import circles between our modules (lazy imports inside
functions count too; imports under ``TYPE_CHECKING`` do not, they never run)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "briefing"


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _type_checking_nodes(tree: ast.AST) -> set[int]:
    skip: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            skip.update(id(n) for stmt in node.body for n in ast.walk(stmt))
    return skip


def import_graph() -> dict[str, set[str]]:
    modules = {_module_name(p): p for p in PACKAGE.rglob("*.py")}
    graph: dict[str, set[str]] = {m: set() for m in modules}
    for name, path in modules.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        skip = _type_checking_nodes(tree)
        package = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
        for node in ast.walk(tree):
            if id(node) in skip:
                continue
            targets: list[str] = []
            if isinstance(node, ast.ImportFrom):
                base = package[: len(package) - node.level + 1] if node.level else []
                stem = ".".join(base + ([node.module] if node.module else [])) if node.level else node.module or ""
                targets = [f"{stem}.{a.name}" for a in node.names] + [stem]
            elif isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            for target in targets:
                # `from . import x` names a module when x is one; otherwise the module itself.
                if target in modules and target != name:
                    graph[name].add(target)
                    break
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def test_the_checker_finds_a_circle():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_no_import_circles():
    assert cycles(import_graph()) == []


def _code_strings(path: Path) -> list[str]:
    """The string literals of a module that are not docstrings (where vocabulary would hide)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
        and node.body and isinstance(node.body[0], ast.Expr) and isinstance(node.body[0].value, ast.Constant)
    }
    return [n.value for n in ast.walk(tree)
            if isinstance(n, ast.Constant) and isinstance(n.value, str) and id(n) not in docstrings
            and _holds_words(n.value)]


def _holds_words(s: str) -> bool:
    """A regex alternation or a space-separated word list: where vocabulary would hide (an error
    message or a mode name is neither)."""
    return "|" in s or (len(s.split()) >= 4 and all(w.isalpha() for w in s.split()))


def test_month_names_number_words_and_speech_verbs_live_only_in_the_resource_pack():
    from briefing.lexicon import lexicon

    lex = lexicon()
    vocabulary = (
        {m.lower() for m in lex.month_names if m != "May"}  # "may" is also a verb
        | {d.lower() for d in lex.weekday_names}
        | {w for w, v in lex.cardinals.items() if 2 <= v <= 90}
        | {f for f in lex.speech_forms("person") if " " not in f}
    )
    found = {}
    for path in sorted((PACKAGE / "extract").rglob("*.py")):
        words = {w.lower() for s in _code_strings(path) for w in re.findall(r"[A-Za-z]+", s)}
        if words & vocabulary:
            found[str(path.relative_to(PACKAGE))] = sorted(words & vocabulary)
    assert found == {}


def test_the_vocabulary_scan_sees_word_lists_and_alternations(tmp_path):
    module = tmp_path / "m.py"
    module.write_text('"""Doc: January said."""\nA = r"\\b(?:January|said)\\b"\nB = "two three four five"\n'
                      'C = "expected a list (or a mapping)"\n', encoding="utf-8")
    assert _code_strings(module) == [r"\b(?:January|said)\b", "two three four five"]


def test_no_extractor_function_is_longer_than_80_lines():
    long = []
    for path in sorted((PACKAGE / "extract").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                lines = (node.end_lineno or node.lineno) - node.lineno + 1
                if lines > 80:
                    long.append(f"{path.relative_to(PACKAGE)}:{node.lineno} {node.name} ({lines} lines)")
    assert long == []
