"""Versions and diff give the same answers on every store: the kept version is stored alike,
reads back alike, and reports, views and diffs on it agree."""

from __future__ import annotations

import json

import pytest
from policygraph.loader.parse import parse_text
from policygraph.loader.stores import ENGINES, open_store
from policygraph.loader.versions import read_version, stamped
from policygraph.queries import catalogue

from policygraph.diff import compare
from policygraph.diff_output import render
from policygraph.versions import run_report
from tests.conftest import REFERENCE, SEED, empty_store, other_engines
from tests.fixtures.versions.edits import second_version
from tests.reliability.support import dump

pytestmark = pytest.mark.neo4j

OTHERS = other_engines()
SEED_TEXT = SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def stores(tmp_path_factory, request):
    """One store of every engine: the bundled plan loaded as version 1, then its edited copy."""
    first = stamped(parse_text(SEED_TEXT, "talent", source="talent.txt"), 1, "2024-01-01T00:00:00Z")
    second = parse_text(second_version(SEED_TEXT), "talent", source="talent.txt")
    second = stamped(second, 1, "2024-02-01T00:00:00Z")
    opened = {}
    for engine in ENGINES:
        target, options = empty_store(engine, request, tmp_path_factory.mktemp(f"ver-{engine}"))
        with open_store(target, **options) as store:
            assert [(r.version, r.kept) for r in (store.load(first), store.load(second))] == [
                (1, None),
                (2, 1),
            ]
        opened[engine] = open_store(target, read_only=True, **options)
    yield opened
    for store in opened.values():
        store.close()


@pytest.mark.parametrize("engine", OTHERS)
def test_every_store_holds_the_same_graph_and_the_same_kept_version(stores, engine):
    left, right = dump(stores[REFERENCE]), dump(stores[engine])
    assert left == right
    assert len(left["PlanVersion"]) == 1 and left["PlanVersion"][0][0] == "talent@1"


def cases():
    yield "plan-versions", {}
    yield "plans", {}
    for report in catalogue().values():
        params = report.example_params()
        if any(p.name == "plan" for p in report.params):
            params["plan"] = "talent"
        yield report.name, {**params, "version": 1}


@pytest.mark.parametrize("engine", OTHERS)
@pytest.mark.parametrize(("name", "params"), list(cases()))
def test_reports_on_a_kept_version_answer_alike(stores, engine, name, params):
    from policygraph.loader.errors import PolicygraphError

    answers = []
    for store in (stores[REFERENCE], stores[engine]):
        try:
            result = run_report(store, name, dict(params))
            answers.append((result.columns, result.rows))
        except PolicygraphError as exc:  # an example that names what version 1 lacks
            answers.append(str(exc))
    assert answers[0] == answers[1]


@pytest.mark.parametrize("engine", OTHERS)
def test_a_diff_of_the_two_versions_is_the_same_from_every_store(stores, engine):
    texts = []
    for store in (stores[REFERENCE], stores[engine]):
        diff = compare(read_version(store, "talent", 1), read_version(store, "talent"))
        texts.append(render(diff, "json"))
    assert texts[0] == texts[1]
    changes = [(c["change"], c["old"], c["new"]) for c in json.loads(texts[0])["changes"]]
    assert changes == [("lead changed", 9, 9), ("added", None, 15), ("deadline changed", 30, 31)]
