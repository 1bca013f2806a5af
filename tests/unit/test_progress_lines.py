"""The long commands show one live line on a terminal, with real counts, and end with one
summary line; in a pipe (CI, a log) only the result and the summary appear."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, SEED

SUMMARY = "analyzed 26 departments, 151 links (network, centrality, communities, concentration) in "
on_posix = pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX-only")


def on_terminal(tmp_path: Path, *args: str) -> tuple[int, str, str]:
    """Run policygraph with stderr on a pseudo-terminal: exit code, stdout, and everything the
    terminal was sent (live-line redraws included)."""
    import pty  # POSIX only: imported here so the module loads on Windows

    master, slave = pty.openpty()
    stdout = tmp_path / "stdout.txt"
    env = {**os.environ, "PYTHONIOENCODING": "utf-8", "COLUMNS": "160"}
    env.pop("POLICYGRAPH_DEBUG", None)
    with stdout.open("wb") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "policygraph", *args],
            cwd=ROOT,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=slave,
        )
        os.close(slave)
        sent = bytearray()
        while True:
            try:
                chunk = os.read(master, 4096)
            except OSError:  # Linux: EIO once the child has closed the terminal
                break
            if not chunk:
                break
            sent += chunk
        code = proc.wait(timeout=300)
    os.close(master)
    return code, stdout.read_text(encoding="utf-8"), sent.decode("utf-8", "replace")


@on_posix
def test_analyze_on_a_terminal_shows_the_counts_as_it_reads_and_computes(tmp_path, seed_store_file):
    code, out, terminal = on_terminal(tmp_path, "analyze", "--store", str(seed_store_file))
    assert code == 0 and "Centrality (brokers first)" in out
    assert "reading" in terminal and "26 departments, 151 pairs" in terminal
    assert "computing" in terminal and "4/4" in terminal
    assert "\r" in terminal  # one line, redrawn in place
    assert terminal.rstrip().splitlines()[-1].startswith(SUMMARY)


def test_analyze_in_a_pipe_prints_the_result_and_one_summary_line(seed_store_file, cli):
    result = cli("analyze", "--store", str(seed_store_file))
    assert result.returncode == 0 and "Workload concentration" in result.stdout
    [summary] = result.stderr.splitlines()
    assert summary.startswith(SUMMARY) and summary.endswith(" s")


def test_analyze_verbose_adds_one_line_per_section_before_the_summary(seed_store_file, cli):
    result = cli("analyze", "--store", str(seed_store_file), "--verbose")
    lines = result.stderr.splitlines()
    assert [line.split(":")[0] for line in lines[:-1]] == [
        "network",
        "centrality",
        "communities",
        "concentration",
    ]
    assert lines[1].startswith("centrality: 26 rows in ") and lines[-1].startswith(SUMMARY)


@on_posix
def test_view_on_a_terminal_shows_reading_then_the_views_size_while_writing(
    tmp_path, seed_store_file
):
    page = tmp_path / "o.html"
    code, out, terminal = on_terminal(
        tmp_path, "view", "overview", "-o", str(page), "--store", str(seed_store_file)
    )
    assert code == 0 and out == f"wrote {page}: 68 nodes, 218 edges\n"
    assert "reading" in terminal and "the overview view" in terminal
    assert "writing" in terminal and "68 nodes, 218 edges" in terminal


def test_view_and_ledger_in_a_pipe_print_only_their_summary(tmp_path, seed_store_file, cli):
    page, sheet = tmp_path / "o.html", tmp_path / "t.xlsx"
    view = cli("view", "overview", "-o", str(page), "--store", str(seed_store_file))
    assert (view.stdout, view.stderr) == (f"wrote {page}: 68 nodes, 218 edges\n", "")
    ledger = cli("ledger", "-o", str(sheet), "--store", str(seed_store_file))
    assert (ledger.stdout, ledger.stderr) == (f"wrote {sheet}: 42 tasks\n", "")


@on_posix
def test_ledger_on_a_terminal_shows_the_tasks_and_verbose_names_each_sheet(
    tmp_path, seed_store_file
):
    sheet = tmp_path / "t.xlsx"
    code, out, terminal = on_terminal(
        tmp_path, "ledger", "--by", "department", "-o", str(sheet), "-v",
        "--store", str(seed_store_file),
    )  # fmt: skip
    assert code == 0 and out.startswith(f"wrote {sheet}: 42 tasks, ")
    assert "reading" in terminal and "writing" in terminal and "42 tasks, " in terminal
    assert "区委组织部: 36 tasks" in terminal


@on_posix
def test_validate_on_a_terminal_keeps_its_live_line_and_summary(tmp_path):
    code, _, terminal = on_terminal(tmp_path, "validate", str(SEED), str(SEED))
    assert code == 0 and "checking" in terminal and "84 measures" in terminal
    assert terminal.rstrip().splitlines()[-1] == (
        "12 problems in 1 of 2 plans; 10 aliased names listed as notes"
    )
