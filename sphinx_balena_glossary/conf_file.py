"""What a project's ``conf.py`` sets, read without running it: where each name is set (for
warnings at the right line) and literal values (for the command line, which takes its
glossary sources from the docs project it is run in)."""

from __future__ import annotations

import ast
import os
from pathlib import Path
from typing import Any


class ConfFile:
    """A project's conf.py, parsed once (read, not run: Sphinx runs it)."""

    def __init__(self, confdir: str | os.PathLike[str] | None) -> None:
        self.path = str(Path(confdir or ".", "conf.py"))
        try:
            self.tree: ast.Module | None = ast.parse(
                Path(self.path).read_text(encoding="utf-8"), self.path
            )
            #: Why it cannot be read ("" when it can).
            self.failure = ""
        except (OSError, SyntaxError, ValueError) as exc:
            self.tree, self.failure = None, str(exc)
        lines: dict[str, int] = {}
        for node in ast.walk(self.tree) if self.tree else ():
            for name in _names_set(node):
                lines.setdefault(name, node.lineno)  # type: ignore[attr-defined]
        #: Where each name is first set, in line order.
        self.lines = dict(sorted(lines.items(), key=lambda item: item[1]))

    def line(self, name: str) -> int:
        """The line where ``name`` is first set (1 when it is not)."""
        return self.lines.get(name, 1)

    def literal(self, name: str, default: Any) -> Any:
        """The literal value conf.py gives ``name`` at its top level (its last assignment),
        or ``default`` when it sets none; :class:`NotLiteralError` when the value is
        computed, :class:`OSError` (or the parse error) when conf.py cannot be read."""
        tree = self.tree
        if tree is None:
            raise OSError(self.failure)
        value = _assigned_values(tree).get(name)
        simple = sum(
            isinstance(node, (ast.Assign, ast.AnnAssign)) and _sets(node, name)
            for node in tree.body
        )
        if simple != sum(_sets(node, name) for node in ast.walk(tree)):
            raise NotLiteralError(name)  # also set in a block, or changed with +=
        if value is None:
            return default
        try:
            return ast.literal_eval(value)
        except ValueError:
            raise NotLiteralError(name) from None


def _assigned_values(tree: ast.Module) -> dict[str, ast.expr]:
    values: dict[str, ast.expr] = {}
    for node in tree.body:
        if isinstance(node, ast.Assign):
            for target in node.targets:
                if isinstance(target, ast.Name):
                    values[target.id] = node.value
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) and node.value:
            values[node.target.id] = node.value
    return values


def _names_set(node: ast.AST) -> list[str]:
    """The plain names ``node`` assigns to (``=``, ``: T =``, ``+=`` …)."""
    if isinstance(node, ast.Assign):
        targets = node.targets
    elif isinstance(node, (ast.AnnAssign, ast.AugAssign)):
        targets = [node.target]
    else:
        return []
    return [target.id for target in targets if isinstance(target, ast.Name)]


def _sets(node: ast.AST, name: str) -> bool:
    return name in _names_set(node)


class NotLiteralError(Exception):
    """conf.py computes the value (a call, a variable): only running it would tell."""
