"""Every tested class names real tests, and every reliability test is in a class
(tests/unit/test_generated_files.py checks that docs/reliability.md is rendered from them)."""

from __future__ import annotations

import ast
from pathlib import Path

from tests.conftest import ROOT

from .cases import CASES

HERE = Path(__file__).resolve().parent


def test_every_listed_test_exists():
    for case in CASES:
        for test in case.tests:
            path, name = test.split("::")
            tree = ast.parse((ROOT / path).read_text(encoding="utf-8"))
            names = {n.name for n in ast.walk(tree) if isinstance(n, ast.FunctionDef)}
            assert name in names, f"{case.name}: {test} does not exist"


def test_every_reliability_test_is_listed():
    listed = {t for c in CASES for t in c.tests}
    for path in sorted(HERE.glob("test_*.py")):
        if path.name == Path(__file__).name:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in tree.body:
            if isinstance(node, ast.FunctionDef) and node.name.startswith("test_"):
                test = f"tests/reliability/{path.name}::{node.name}"
                assert test in listed, f"{test} is in no class of cases.py"
