"""Report parameters are checked against the store: aliases find their department, a value that
matches nothing is an error with the closest names, and a count below 1 is refused."""

from __future__ import annotations

import json

import pytest
from policygraph.loader.errors import ReportError
from policygraph.loader.stores.embedded import EmbeddedStore
from policygraph.queries import run_report

from policygraph import api


@pytest.fixture(scope="module")
def store(seed_store_file):
    with EmbeddedStore(seed_store_file, read_only=True) as graph:
        yield graph


def test_a_department_given_by_its_alias_finds_the_canonical_department(store):
    by_alias = run_report(store, "department-measures", {"department": "区人社局"}).rows
    by_name = run_report(
        store, "department-measures", {"department": "区人力资源和社会保障局"}
    ).rows
    assert by_alias == by_name and len(by_name) == 34


def test_the_api_resolves_an_alias_as_the_library_does(store):
    assert len(api.run_report(store, "department-measures", department="区人社局").rows) == 34


@pytest.mark.parametrize(
    ("params", "message"),
    [
        (
            {"department": "区教育厅"},
            "no department '区教育厅' in the store (did you mean 区教育局",
        ),
        (
            {"plan": "ziliujing_plan"},
            "no plan 'ziliujing_plan' in the store (did you mean ziliujing_talent_plan",
        ),
    ],
)
def test_a_value_that_matches_nothing_is_an_error_naming_the_closest(store, params, message):
    with pytest.raises(ReportError, match=message.replace("(", r"\(")):
        run_report(store, "department-measures", {"department": "区教育局", **params})
    with pytest.raises(ReportError, match=message.replace("(", r"\(")):
        api.run_report(store, "department-measures", {"department": "区教育局", **params})


def test_a_measure_number_the_plan_lacks_is_an_error_giving_the_numbers_it_has(store):
    with pytest.raises(ReportError, match=r"no measure numbered 999 in the store; .* 1 to \d+"):
        run_report(store, "measure-detail", {"number": 999})
    with pytest.raises(ReportError, match="no measure numbered 999"):
        api.run_report(store, "measure-history", measure=999)


def test_an_unknown_commitment_kind_is_an_error_listing_the_kinds(store):
    with pytest.raises(ReportError, match="no commitment kind 'cash'; use one of money, percent"):
        api.run_report(store, "commitments", kind="cash")
    assert api.run_report(store, "commitments", kind="money").rows  # a real kind still runs


@pytest.mark.parametrize(
    ("report", "name"), [("coordination-pairs", "limit"), ("top-lead-share", "top")]
)
@pytest.mark.parametrize("value", [0, -3])
def test_a_zero_or_negative_count_is_refused(store, report, name, value):
    with pytest.raises(
        ReportError, match=f"parameter '{name}' of report {report} must be 1 or more"
    ):
        api.run_report(store, report, {name: value})


def test_the_cli_resolves_an_alias_and_refuses_an_unknown_department(seed_store_file, cli):
    found = cli(
        "report",
        "department-measures",
        "-p",
        "department=区人社局",
        "--store",
        str(seed_store_file),
        "--format",
        "json",
    )
    assert found.returncode == 0 and len(json.loads(found.stdout)) == 34
    missing = cli(
        "report",
        "department-measures",
        "-p",
        "department=区教育厅",
        "--store",
        str(seed_store_file),
    )
    assert missing.returncode == 1 and missing.stdout == ""
    assert missing.stderr.startswith(
        "Error: no department '区教育厅' in the store (did you mean 区教育局"
    )
    zero = cli("report", "coordination-pairs", "-p", "limit=0", "--store", str(seed_store_file))
    assert zero.returncode == 1
    assert (
        zero.stderr.strip()
        == "Error: parameter 'limit' of report coordination-pairs must be 1 or more, not 0."
    )


@pytest.mark.parametrize("written", ["区发改局", "区发展改革局", "区发展和改革局"])
def test_a_short_or_abbreviated_department_finds_its_full_official_name(store, written):
    rows = run_report(store, "department-measures", {"department": written}).rows
    full = run_report(store, "department-measures", {"department": "区发展和改革局"}).rows
    assert rows == full and len(full) == 9


def test_the_cli_finds_a_commission_given_as_fagaiwei(tmp_path, cli):
    plan = tmp_path / "p.txt"
    plan.write_text(
        "自流井区关于人才工作的实施方案\n1. 甲。（牵头单位：区发展改革委。责任单位：区财政局）\n",
        encoding="utf-8",
    )
    store_path = tmp_path / "s.lbug"
    assert cli("load", str(plan), "--store", str(store_path)).returncode == 0
    found = cli(
        "report",
        "department-measures",
        "-p",
        "department=区发改委",
        "--store",
        str(store_path),
        "--format",
        "json",
    )
    assert found.returncode == 0, found.stderr
    assert [r["number"] for r in json.loads(found.stdout)] == [1]
    workload = cli("report", "department-workload", "--store", str(store_path), "--format", "csv")
    assert "区发展和改革委员会" in workload.stdout and "区发改委" not in workload.stdout


def test_a_short_form_from_a_custom_alias_file_finds_its_department_later(tmp_path, cli):
    """The store does not keep the --aliases FILE of a load, but the edges keep what the plan
    wrote: a report given that short form finds the department without the file."""
    aliases = tmp_path / "local.csv"
    aliases.write_text("县融媒中心,县融媒体中心\n", encoding="utf-8")
    plan = tmp_path / "p.txt"
    plan.write_text(
        "荣县关于宣传工作的实施方案\n"
        "1. 甲。（牵头单位：县融媒中心。责任单位：县财政局）\n"
        "2. 乙。（牵头单位：县财政局。责任单位：县融媒中心）\n",
        encoding="utf-8",
    )
    store_path = tmp_path / "s.lbug"
    loaded = cli("load", str(plan), "--aliases", str(aliases), "--store", str(store_path))
    assert loaded.returncode == 0, loaded.stderr
    found = cli(
        "report", "department-measures", "-p", "department=县融媒中心",
        "--store", str(store_path), "--format", "json",
    )  # fmt: skip
    assert found.returncode == 0, found.stderr
    rows = json.loads(found.stdout)
    assert [(r["number"], r["role"]) for r in rows] == [(1, "lead"), (2, "support")]
    with EmbeddedStore(store_path, read_only=True) as graph:
        names = graph.query("MATCH (d:Department) RETURN d.name ORDER BY d.name").rows
    assert ["县融媒体中心"] in names and ["县融媒中心"] not in names


def test_a_short_form_written_for_two_departments_is_an_error_naming_both(tmp_path, cli):
    """Two loads read 县中心 through two alias files, as two different departments."""
    store_path = tmp_path / "s.lbug"
    for name, canonical in (("a", "县融媒体中心"), ("b", "县政务服务中心")):
        aliases = tmp_path / f"{name}.csv"
        aliases.write_text(f"县中心,{canonical}\n", encoding="utf-8")
        plan = tmp_path / f"{name}.txt"
        plan.write_text(
            f"荣县关于{name}工作的实施方案\n1. 甲。（牵头单位：县中心。责任单位：县财政局）\n",
            encoding="utf-8",
        )
        loaded = cli("load", str(plan), "--aliases", str(aliases), "--store", str(store_path))
        assert loaded.returncode == 0, loaded.stderr
    out = cli(
        "report", "department-measures", "-p", "department=县中心", "--store", str(store_path)
    )
    assert out.returncode == 1
    assert out.stderr.strip() == (
        "Error: the plans write '县中心' for 2 departments: 县政务服务中心, 县融媒体中心; "
        "give the one you mean by its full name."
    )
