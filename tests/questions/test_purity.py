"""`questions` stays pure Python: no web framework, ORM or form library, no app import."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import questions

FORBIDDEN = {"flask", "flask_wtf", "wtforms", "sqlalchemy", "quizapp", "werkzeug", "jinja2"}
SOURCES = sorted(Path(questions.__file__).parent.rglob("*.py"))


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: p.name)
def test_engine_module_imports_no_web_stack(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            names = [node.module or ""]
        else:
            continue
        assert not {n.split(".")[0] for n in names} & FORBIDDEN, (path, names)
