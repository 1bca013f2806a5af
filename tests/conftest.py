"""Shared fixtures: the bundled plan, fresh embedded stores, and a way to run the real CLI."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from loader.parse import parse_file

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "data" / "ziliujing_talent_plan.txt"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--require-neo4j",
        action="store_true",
        help="fail, rather than skip, tests that need Neo4j when none answers",
    )
    parser.addoption(
        "--require-browser",
        action="store_true",
        help="fail, rather than skip, tests that need Chromium when it is missing",
    )


@pytest.fixture(scope="session")
def seed_plan():
    return parse_file(SEED)


@pytest.fixture
def store_path(tmp_path: Path) -> Path:
    return tmp_path / "graph.lbug"


def run_cli(
    *args: str, cwd: Path | None = None, env: dict[str, str] | None = None, input: str | None = None
) -> subprocess.CompletedProcess[str]:
    """Run the real `policygraph` command in a subprocess (exit codes and stderr as a user sees)."""
    full_env = {**os.environ, "PYTHONIOENCODING": "utf-8", **(env or {})}
    full_env.pop("POLICYGRAPH_DEBUG", None)
    return subprocess.run(
        [sys.executable, "-m", "policygraph", *args],
        cwd=cwd or ROOT,
        env=full_env,
        capture_output=True,
        text=True,
        input=input,
        timeout=300,
    )


@pytest.fixture
def cli():
    return run_cli
