"""The benchmark runs end to end at a tiny scale and prints every figure (so it never rots).

Figures are not checked against targets here: timings on a shared CI machine mean nothing.
"""

import json
import subprocess
import sys

import pytest
from policygraph.queries import catalogue

from tests.conftest import ROOT

ARGS = ["--measures", "300", "--skip-neo4j", "--skip-browser", "--view-nodes", "120", "--runs", "1"]


def bench(*extra: str, workdir) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(ROOT / "bench" / "run.py"), *ARGS, "--workdir", str(workdir), *extra],
        capture_output=True,
        text=True,
        timeout=600,
        cwd=ROOT,
    )


@pytest.fixture(scope="module")
def table(tmp_path_factory):
    out = bench(workdir=tmp_path_factory.mktemp("bench"))
    assert out.returncode == 0, out.stderr
    return out.stdout


def test_table_has_every_section_and_row(table):
    for heading in (
        "## policygraph benchmark: 300 measures",
        "### Parse throughput",
        "### Load",
        "### Peak memory",
        "### Report latency (median)",
        "### Search (`policygraph search 人才`, median)",
        "### Views (overview of one plan)",
        "### Targets",
    ):
        assert heading in table
    for row in (
        "| read + decode |",
        "| floor: read + decode + one regex pass |",
        "| `parse_file` |",
        "| embedded | bulk `load_many` (COPY) | 300 |",
        "| embedded | row by row (one statement per row) | 300 |",
        "| Neo4j | batched UNWIND `load_many` | skipped",
        "| Neo4j | one transaction per measure | skipped",
        "Peak RSS of streaming parse+load of 300 measures",
        "| parse at least half the floor's speed |",
        "| embedded: 1,000,000 measures loaded in < 60 s |",
        "| Neo4j: batched ≥ 30× per-measure | skipped | n/a |",
        "| Neo4j: ≥ 50,000 relationships/s | skipped | n/a |",
        "| peak RSS of parse+load at 1M < 2 GB |",
        "| every report < 1 s at 100k on both stores |",
        "| 2,000-node view settled and responsive in < 5 s |",
    ):
        assert row in table, row
    latency = table.split("### Report latency")[1].split("###")[0].splitlines()
    for name in catalogue():
        line = next(x for x in latency if x.startswith(f"| {name} |"))
        assert "error" not in line and " ms |" in line, line


def test_the_search_command_has_its_own_timed_row(table):
    search = table.split("### Search")[1].split("###")[0].splitlines()
    assert "| command | embedded 300 |" in search
    row = next(x for x in search if x.startswith("| `policygraph search 人才` ("))
    assert "error" not in row and row.endswith(" ms |") and "(0 shown)" not in row, row


def test_json_has_the_same_figures(tmp_path):
    out = bench("--json", workdir=tmp_path)
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert data["corpus"]["measures"] == 300
    assert data["embedded"]["loads"]["300"]["measures"] == 300
    assert set(data["embedded"]["reports"]["300"]) == set(catalogue())
    assert data["embedded"]["search"]["300"]["rows"] > 0
    assert data["neo4j"] == {"skipped": "--skip-neo4j"}
    assert data["views"][0]["nodes"] > 0
