"""`load --workers N`: the files parsed by N processes store the same graph as one process,
and a file that cannot be read is handled as it is without workers (policygraph/loading.py)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from policygraph.loader.stores.embedded import EmbeddedStore

from policygraph import api, loading
from policygraph.cli import cli
from policygraph.loading import ParseSettings, PlanBatch, parse_workers, plan_files
from tests.reliability.support import dump

ROOT = Path(__file__).resolve().parents[2]
REAL = sorted((ROOT / "tests" / "fixtures" / "real").glob("*.txt"))


def _corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "plans"
    folder.mkdir()
    for path in [ROOT / "data" / "ziliujing_talent_plan.txt", *REAL[:9]]:
        shutil.copy(path, folder / path.name)
    return folder


def _load(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["load", *args])
    return result.exit_code, result.output


def _graph(path: Path) -> dict:
    with EmbeddedStore(path, read_only=True) as store:
        return dump(store)


def test_two_workers_store_the_same_graph_as_one_process(tmp_path):
    folder = _corpus(tmp_path)
    one, two = tmp_path / "one.lbug", tmp_path / "two.lbug"
    code, out = _load(str(folder), "--store", str(one), "--workers", "1")
    assert code == 0, out
    code, out2 = _load(str(folder), "--store", str(two), "--workers", "2")
    assert code == 0, out2
    assert out2.split(" in ")[0] == out.split(" in ")[0]  # the summary, but its seconds
    graph = _graph(two)
    assert len(graph["Plan"]) == 10
    assert graph == _graph(one)


def test_plans_parsed_by_workers_past_the_memory_limit_go_through_the_spool(tmp_path, monkeypatch):
    folder = _corpus(tmp_path)
    paths = plan_files([folder])
    kept = PlanBatch(ParseSettings())
    assert [error for _, error in kept.add_all(paths, 1)] == [None] * len(paths)
    monkeypatch.setattr(loading, "KEEP_PARSED_BYTES", 0)  # every plan to the spool
    spooled = PlanBatch(ParseSettings())
    assert [error for _, error in spooled.add_all(paths, 2)] == [None] * len(paths)
    assert spooled._spool is not None  # the workers' bytes went to the spool as they are
    assert list(spooled.parsed_plans()) == list(kept.parsed_plans())


def test_with_workers_an_unreadable_file_is_named_and_the_others_are_loaded(tmp_path):
    folder = _corpus(tmp_path)
    (folder / "broken.txt").write_text("这不是一份方案，没有编号的措施。\n", encoding="utf-8")
    store = tmp_path / "plans.lbug"
    code, out = _load(str(folder), "--store", str(store), "--workers", "2")
    assert code == 1
    assert "Error:" in out and "broken.txt" in out
    assert len(_graph(store)["Plan"]) == 10


def test_with_workers_and_strict_an_unreadable_file_loads_nothing(tmp_path):
    folder = _corpus(tmp_path)
    (folder / "broken.txt").write_text("这不是一份方案，没有编号的措施。\n", encoding="utf-8")
    store = tmp_path / "plans.lbug"
    code, out = _load(str(folder), "--store", str(store), "--workers", "2", "--strict")
    assert code == 1
    assert "broken.txt" in out and "Traceback" not in out
    assert not store.exists()


@pytest.mark.parametrize(("given", "threshold", "expected"), [(3, 1, 3), (None, 10**12, 1)])
def test_workers_are_the_given_number_or_one_for_a_small_corpus(
    tmp_path, monkeypatch, given, threshold, expected
):
    monkeypatch.setattr(loading, "PARALLEL_BYTES", threshold)
    assert parse_workers(plan_files([_corpus(tmp_path)]), given) == expected


def test_a_large_corpus_is_parsed_by_one_process_per_cpu(tmp_path, monkeypatch):
    monkeypatch.setattr(loading, "PARALLEL_BYTES", 1)
    monkeypatch.setattr(loading.os, "cpu_count", lambda: 6)
    assert parse_workers(plan_files([_corpus(tmp_path)]), None) == 6


def test_validate_with_workers_lists_the_same_problems_as_one_process(tmp_path):
    folder = _corpus(tmp_path)
    (folder / "broken.txt").write_text("这不是一份方案，没有编号的措施。\n", encoding="utf-8")
    runs = []
    for workers in ("1", "2"):
        out = tmp_path / f"problems-{workers}.csv"
        result = CliRunner().invoke(
            cli, ["validate", str(folder), "--format", "csv", "-o", str(out), "--workers", workers]
        )
        assert result.exit_code == 1  # the broken file, named
        assert "broken.txt" in result.output
        runs.append((out.read_text(encoding="utf-8"), result.output.splitlines()[-1]))
    assert runs[0] == runs[1]
    assert runs[0][0].count("\n") > 10  # the real plans do have problems to list


def test_validate_with_workers_and_strict_stops_at_an_unreadable_file(tmp_path):
    folder = _corpus(tmp_path)
    (folder / "a-broken.txt").write_text("这不是一份方案，没有编号的措施。\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["validate", str(folder), "--strict", "--workers", "2"])
    assert result.exit_code == 1
    assert "a-broken.txt" in result.output and "Traceback" not in result.output


def test_the_api_loads_with_workers_the_same_plans_as_without(tmp_path):
    folder = _corpus(tmp_path)
    graphs = []
    for workers in (1, 2):
        path = tmp_path / f"api-{workers}.lbug"
        with EmbeddedStore(path) as store:
            results = api.load(store, [folder], workers=workers)
        assert [r.status for r in results] == ["loaded"] * 10
        graphs.append(_graph(path))
    assert graphs[0] == graphs[1]


def _die(*args):
    """A worker that stops as one killed by the system does."""
    import os

    os._exit(9)


def test_a_worker_that_dies_gives_one_error_line_and_stores_nothing(tmp_path, monkeypatch):
    folder = _corpus(tmp_path)
    monkeypatch.setattr(loading, "_parse_encoded", _die)
    store = tmp_path / "plans.lbug"
    code, out = _load(str(folder), "--store", str(store), "--workers", "2")
    assert code == 1
    assert out.startswith("Error: a process parsing the plan files stopped")
    assert "--workers 1" in out and "Traceback" not in out and "bug" not in out
    assert not store.exists()
