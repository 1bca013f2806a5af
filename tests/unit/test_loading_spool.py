"""`load` past its memory limit: parsed plans go to a spool file and are read back, each file
parsed once (policygraph/loading.py)."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from policygraph.loader.stores.embedded import EmbeddedStore

from policygraph import api, loading
from policygraph.loading import ParseSettings, decode_plan, encode_plan
from tests.fixtures.hostile import synthetic_text
from tests.reliability.support import dump

ROOT = Path(__file__).resolve().parents[2]
REAL = sorted((ROOT / "tests" / "fixtures" / "real").glob("*.txt"))


@pytest.mark.parametrize("path", [ROOT / "data" / "ziliujing_talent_plan.txt", *REAL[:12]])
def test_a_spooled_plan_reads_back_equal_to_the_parsed_one(path):
    parsed = ParseSettings().parse(path)
    back = decode_plan(encode_plan(parsed))
    assert back == parsed
    assert [type(m) for m in back.measures] == [type(m) for m in parsed.measures]
    assert len(encode_plan(parsed)) < path.stat().st_size * 2  # compressed, not a copy per field


def _corpus(tmp_path: Path, n: int = 6) -> Path:
    folder = tmp_path / "plans"
    folder.mkdir()
    for i in range(n):
        (folder / f"p{i}.txt").write_text(synthetic_text(30 + i, 12, seed=i), encoding="utf-8")
    return folder


def _count_parses(monkeypatch) -> list[Path]:
    seen: list[Path] = []
    parse = ParseSettings.parse

    def counted(self, path, plan_id=None):
        seen.append(Path(path))
        return parse(self, path, plan_id)

    monkeypatch.setattr(ParseSettings, "parse", counted)
    return seen


def _load(folder: Path, store_path: Path):
    with EmbeddedStore(store_path) as store:
        results = api.load(store, [folder], batch_measures=70)
    with EmbeddedStore(store_path, read_only=True) as store:
        return results, dump(store)


def test_load_past_the_memory_limit_parses_each_file_once_and_stores_the_same_graph(
    tmp_path, monkeypatch
):
    folder = _corpus(tmp_path)
    kept_results, kept_graph = _load(folder, tmp_path / "kept.lbug")
    monkeypatch.setattr(loading, "KEEP_PARSED_BYTES", 0)  # every plan goes to the spool
    seen = _count_parses(monkeypatch)
    results, graph = _load(folder, tmp_path / "spooled.lbug")
    assert sorted(seen) == sorted(folder.glob("*.txt"))  # six files, six parses
    assert results == kept_results and graph == kept_graph
    assert len(graph["Plan"]) == 6


def test_a_spool_that_cannot_be_written_parses_the_files_again_and_stores_the_same_graph(
    tmp_path, monkeypatch
):
    folder = _corpus(tmp_path)
    kept_results, kept_graph = _load(folder, tmp_path / "kept.lbug")
    monkeypatch.setattr(loading, "KEEP_PARSED_BYTES", 0)

    def full_disk(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(tempfile, "TemporaryFile", full_disk)
    seen = _count_parses(monkeypatch)
    results, graph = _load(folder, tmp_path / "again.lbug")
    assert len(seen) == 12  # each file read to check it, then again to write it
    assert results == kept_results and graph == kept_graph


def test_the_spool_is_deleted_once_the_plans_are_written(tmp_path, monkeypatch):
    folder = _corpus(tmp_path, 3)
    monkeypatch.setattr(loading, "KEEP_PARSED_BYTES", 0)
    batch = loading.PlanBatch(ParseSettings())
    added = batch.add_all(sorted(folder.glob("*.txt")))
    assert [error for _, error in added] == [None] * 3
    spool = batch._spool
    assert spool is not None and not spool.closed
    with EmbeddedStore(tmp_path / "s.lbug") as store:
        results = list(batch.write(store))
    assert [r.status for r in results] == ["loaded"] * 3
    assert spool.closed and batch._spool is None
