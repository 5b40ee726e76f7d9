"""Every cog module is loaded, and no module imports one (discord.py re-executes extensions
on load, which would leave two copies of their classes)."""

from __future__ import annotations

import ast
from pathlib import Path

from bot.exts import EXTENSIONS

EXTS = Path(__file__).resolve().parents[3] / "bot" / "exts"


def module_name(path: Path) -> str:
    return ".".join(path.relative_to(EXTS.parents[1]).with_suffix("").parts)


def has_setup(tree: ast.Module) -> bool:
    return any(isinstance(n, ast.AsyncFunctionDef) and n.name == "setup" for n in tree.body)


def imported_modules(tree: ast.Module) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
    return names


def test_extensions_are_exactly_the_modules_with_setup() -> None:
    trees = {module_name(p): ast.parse(p.read_text(encoding="utf-8")) for p in EXTS.rglob("*.py")}
    with_setup = {name for name, tree in trees.items() if has_setup(tree)}
    assert with_setup == set(EXTENSIONS)
    bot_modules = [*EXTS.parent.rglob("*.py")]
    for path in bot_modules:
        imports = imported_modules(ast.parse(path.read_text(encoding="utf-8")))
        assert not imports & with_setup, f"{path} imports an extension module"
