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
        "| embedded | `policygraph load` end to end (",  # its workers: the CPUs
        "| embedded | row by row (one statement per row) | 300 |",
        "| Neo4j | batched UNWIND `load_many` | skipped",
        "| Neo4j | one transaction per measure | skipped",
        # the import path needs Neo4j too (the Java launcher): see the next test for its rows
        "| Neo4j | `neo4j import` end to end | skipped",
        "| Neo4j | raw `neo4j-admin database import` of the same CSVs | skipped",
        "Peak RSS of streaming parse+load of 300 measures",
        "| parse at least half the floor's speed |",
        "| embedded: 1,000,000 measures loaded in < 60 s |",
        "| Neo4j: batched ≥ 30× per-measure | skipped | n/a |",
        "| Neo4j: ≥ 50,000 relationships/s | skipped | n/a |",
        "| Neo4j: import path within 1.5× of the raw importer | skipped | n/a |",
        "| Neo4j: import path ≥ 3× the Bolt load (parse + load) | skipped | n/a |",
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


@pytest.fixture(scope="module")
def figures(tmp_path_factory):
    out = bench("--json", workdir=tmp_path_factory.mktemp("bench-json"))
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


def test_json_has_the_same_figures(figures):
    data = figures
    assert data["corpus"]["measures"] == 300
    assert data["embedded"]["loads"]["300"]["measures"] == 300
    assert set(data["embedded"]["reports"]["300"]) == set(catalogue())
    assert data["embedded"]["search"]["300"]["rows"] > 0
    assert data["neo4j"] == {"skipped": "--skip-neo4j"}
    assert data["views"][0]["nodes"] > 0


def test_the_import_rows_and_targets_come_from_the_neo4j_figures(figures, tmp_path):
    """The Neo4j section as a run with a server writes it (figures made up: these rows need
    Neo4j and its launcher to be measured; here only their table is checked)."""
    emb = figures["embedded"]
    load = {"measures": 300, "relationships": 2000, "parse_s": 1.0, "load_s": 9.0}
    imp = {"measures": 300, "relationships": 2000, "load_s": 3.0, "files_s": 0.5}
    imp |= {"admin_s": 1.5, "start_s": 0.5, "schema_s": 0.5, "peak_rss_mb": 80.0}
    imp["raw"] = {"measures": 300, "relationships": 2000, "load_s": 2.5}
    figures = {**figures, "neo4j": {"server": "Neo4j 5.26", "loads": {"300": load}}}
    figures["neo4j"] |= {"reports": emb["reports"], "bulk": load, "import": imp}
    figures["neo4j"]["per_measure"] = {"measures": 300, "relationships": 2000, "load_s": 90.0}
    saved = tmp_path / "results.json"
    saved.write_text(json.dumps(figures), encoding="utf-8")
    out = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "run.py"), "--table-from", str(saved)],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert out.returncode == 0, out.stderr
    table = out.stdout
    assert (
        "| Neo4j | `neo4j import` end to end (parse, CSVs, importer, start, indexes) | 300 | "
        "2,000 | 3.0 s | 100 | 667 |" in table
    )
    assert (
        "| Neo4j | raw `neo4j-admin database import` of the same CSVs | 300 | 2,000 | 2.5 s |"
        in table
    )
    assert (
        "| Neo4j: import path within 1.5× of the raw importer | 1.20× (3.0 s vs 2.5 s) | met |"
        in table
    )
    assert (
        "| Neo4j: import path ≥ 3× the Bolt load (parse + load) | 3.3× (3.0 s vs 10.0 s) | met |"
        in table
    )
