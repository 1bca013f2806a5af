"""Versions: an edited plan becomes its next version and the stored one is kept, whole."""

from __future__ import annotations

import json

import pytest
from policygraph.loader.errors import InputError, ReportError
from policygraph.loader.parse import parse_text
from policygraph.loader.stores.embedded import EmbeddedStore
from policygraph.loader.stores.read import read_plan
from policygraph.loader.versions import read_version, snapshot, split_ref, versions

from policygraph.versions import run_report
from tests.conftest import SEED
from tests.fixtures.versions.edits import second_version

SEED_TEXT = SEED.read_text(encoding="utf-8")


def two_versions(store_path, plan_id="talent"):
    """A store holding the bundled plan as version 1, then its edited copy as version 2."""
    first = parse_text(SEED_TEXT, plan_id, source="talent.txt")
    second = parse_text(second_version(SEED_TEXT), plan_id, source="talent.txt")
    store = EmbeddedStore(store_path)
    results = [store.load(first), store.load(second)]
    return store, first, second, results


def test_an_edited_plan_becomes_version_2_and_the_first_is_kept(store_path):
    store, first, second, results = two_versions(store_path)
    with store:
        assert [(r.status, r.version, r.kept) for r in results] == [
            ("loaded", 1, None),
            ("replaced", 2, 1),
        ]
        listed = versions(store, "talent")
        assert [(v["version"], v["current"], v["measures"]) for v in listed] == [
            (1, False, 42),
            (2, True, 43),
        ]
        assert listed[0]["content_hash"] == first.plan.content_hash
        assert listed[1]["content_hash"] == second.plan.content_hash
        assert all(v["loaded_at"].endswith("Z") for v in listed)
        counts = store.counts()
        # the graph holds version 2 alone: the reports need no version filter
        assert (counts["Plan"], counts["Measure"], counts["PlanVersion"]) == (1, 43, 1)


def test_an_earlier_version_reads_back_exactly_as_the_store_held_it(store_path, tmp_path):
    store, first, _, _ = two_versions(store_path)
    with EmbeddedStore(tmp_path / "fresh.lbug") as fresh:
        fresh.load(first)
        as_first_stored = read_plan(fresh, "talent")
    with store:
        kept = read_version(store, "talent", 1)
        assert snapshot(kept) == snapshot(as_first_stored)
        assert (kept.plan.version, len(kept.measures), len(kept.assignments)) == (1, 42, 218)
        assert read_version(store, "talent").plan.version == 2  # None: the latest
        assert len(read_version(store, "talent", 2).measures) == 43


def test_replace_overwrites_the_stored_version_as_before(store_path):
    first = parse_text(SEED_TEXT, "talent")
    second = parse_text(second_version(SEED_TEXT), "talent")
    with EmbeddedStore(store_path) as store:
        store.load(first)
        result = store.load(second, replace=True)
        assert (result.status, result.version, result.kept) == ("replaced", 1, None)
        assert store.counts()["PlanVersion"] == 0
        assert [v["measures"] for v in versions(store, "talent")] == [43]


def test_loading_an_unchanged_file_again_makes_no_version_even_when_forced(store_path):
    plan = parse_text(SEED_TEXT, "talent")
    with EmbeddedStore(store_path) as store:
        store.load(plan)
        assert store.load(plan).status == "unchanged"
        forced = store.load(plan, force=True)
        assert (forced.status, forced.version, forced.kept) == ("replaced", 1, None)
        assert store.counts()["PlanVersion"] == 0


def test_a_report_with_a_version_answers_for_that_version_and_without_for_the_latest(store_path):
    store, _, _, _ = two_versions(store_path)
    with store:
        latest = run_report(store, "measure-detail", {"plan": "talent", "number": 9}).records()
        first = run_report(
            store, "measure-detail", {"plan": "talent", "number": 9, "version": "1"}
        ).records()
        assert [r["lead_names"] for r in latest] == [["区科学技术协会"]]
        assert [r["lead_names"] for r in first] == [["区外事侨务旅游局"]]
        workload = run_report(store, "department-workload", {"version": 1}).records()
        assert {r["department"]: r["leads"] for r in workload}["区外事侨务旅游局"] == 1
        # a report without a plan parameter: the plan names the version, then is dropped
        places = run_report(store, "jurisdictions", {"plan": "talent", "version": 1}).records()
        assert [(p["jurisdiction"], p["measures"]) for p in places] == [("自流井区", 42)]
        plans = run_report(store, "plans", {"version": 2}).records()
        assert [(p["version"], p["versions"]) for p in plans] == [(2, 2)]
        rows = run_report(store, "plan-versions", {"plan": "talent"}).records()
        assert [(r["version"], r["current"], r["measures"]) for r in rows] == [
            (1, False, 42),
            (2, True, 43),
        ]


def test_a_version_the_store_lacks_or_a_bad_one_is_an_error_naming_what_is_there(store_path):
    store, _, _, _ = two_versions(store_path)
    with store:
        with pytest.raises(
            InputError, match=r"^plan 'talent' has no version 7; the store holds 1, 2\.$"
        ):
            run_report(store, "plans", {"version": 7})
        with pytest.raises(ReportError, match="must be a whole number, not 'one'"):
            run_report(store, "plans", {"version": "one"})
        store.load(parse_text(SEED_TEXT, "other"))
        with pytest.raises(InputError, match="the store holds 2; say which with -p plan=ID"):
            run_report(store, "plans", {"version": 1})


def test_refs_name_a_plan_and_maybe_a_version():
    assert split_ref("talent@2") == ("talent", 2)
    assert split_ref("talent") == ("talent", None)
    assert split_ref("a@b@3") == ("a@b", 3)
    assert split_ref("mail@host") == ("mail@host", None)


def test_the_cli_loads_versions_lists_them_and_draws_an_earlier_one(tmp_path, cli):
    plan = tmp_path / "talent.txt"
    store = tmp_path / "s.lbug"
    plan.write_text(SEED_TEXT, encoding="utf-8")
    assert cli("load", str(plan), "--store", str(store)).returncode == 0
    plan.write_text(second_version(SEED_TEXT), encoding="utf-8")
    loaded = cli("load", str(plan), "--store", str(store))
    assert loaded.returncode == 0, loaded.stderr
    assert loaded.stdout.startswith("replaced talent (version 2, version 1 kept): 43 measures")
    listed = cli("report", "plan-versions", "--store", str(store), "--format", "json")
    rows = json.loads(listed.stdout)
    assert [(r["version"], r["current"], r["source"]) for r in rows] == [
        (1, False, "talent.txt"),
        (2, True, "talent.txt"),
    ]
    plans = json.loads(cli("report", "plans", "--store", str(store), "--format", "json").stdout)
    assert [(p["version"], p["versions"]) for p in plans] == [(2, 2)]
    page = tmp_path / "v1.html"
    drawn = cli("view", "overview", "--version", "1", "-o", str(page), "--store", str(store))
    assert drawn.returncode == 0, drawn.stderr
    html = page.read_text(encoding="utf-8")
    escaped = json.dumps("区外事侨务旅游局")[1:-1]  # labels are written as \\uXXXX escapes
    assert escaped in html or "区外事侨务旅游局" in html
    new_lead = "区科学技术协会"
    assert new_lead not in html and json.dumps(new_lead)[1:-1] not in html
    missing = cli("report", "plans", "-p", "version=9", "--store", str(store))
    assert missing.returncode == 1
    assert missing.stderr == "Error: plan 'talent' has no version 9; the store holds 1, 2.\n"
    replaced = cli(
        "load", str(tmp_path / "talent.txt"), "--store", str(store), "--force", "--replace"
    )
    assert replaced.stdout.startswith("replaced talent: 43 measures"), replaced.stdout
