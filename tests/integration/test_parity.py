"""Every report gives identical rows, in identical order, on every store in the registry (the
embedded store and Neo4j; a new engine is compared as soon as it is registered)."""

import pytest
from policygraph.loader.model import Progress
from policygraph.loader.parse import parse_text
from policygraph.loader.stores import ENGINES, open_store
from policygraph.loader.versions import stamped
from policygraph.queries import catalogue, run_report

from tests.conftest import REFERENCE, empty_store, other_engines

pytestmark = pytest.mark.neo4j

OTHERS = other_engines()  # each compared with the REFERENCE engine
NO_IMPLEMENTING_PLAN = ("implemented-measures", "unimplemented-measures")
LOADED_AT = "2024-01-02T03:04:05Z"

SECOND_PLAN = """\
某市2023年人才工作要点
一、总体要求
（一）加强统筹
1. 统筹推进人才工作。（牵头单位：区委组织部、区财政局。责任单位：区教育局、区人社局）
完成时限：年内
2. 完善统计制度，每年发布1次。（牵头单位：区统计局。责任单位：区委组织部、自贡某某科技有限公司）
完成时限：2024年6月底前
"""
# What the departments reported on the second plan (progress import's records): measure 1 in
# progress, then done; measure 2 behind.
PROGRESS = [
    Progress("second/m1/r1", "second", "second/m1", 1, "2024-01-10", "in_progress", "启动"),
    Progress("second/m1/r2", "second", "second/m1", 2, "2024-03-01", "done", "完成", "", "组织部"),
    Progress("second/m2/r1", "second", "second/m2", 1, "2024-05-01", "late", "", "数据未齐"),
    # two reports on one day: the one with the higher n is the latest
    Progress("daan/m1/r1", "daan", "daan/m1", 1, "2024-04-01", "late", "", "待协调"),
    Progress("daan/m1/r2", "daan", "daan/m1", 2, "2024-04-01", "done", "已完成"),
    Progress("daan/m2/r1", "daan", "daan/m2", 1, "2024-04-02", "in_progress", "推进中"),
]


# Two other districts naming the seed plan's 区委组织部 and 区发改局 (three departments each
# across the districts), a city bureau named with its place, and a plan of unknown place.
DISTRICT_PLAN = """\
{place}关于推进人才工作的实施方案
一、总体要求
（一）加强统筹
1. 统筹推进人才工作。（牵头单位：区委组织部。责任单位：区发改局、自贡市人社局、市财政局）
2. 完善统计制度。（牵头单位：区发改局。责任单位：区委组织部）
"""
UNKNOWN_PLAN = DISTRICT_PLAN.replace("{place}关于", "关于")


@pytest.fixture(scope="module")
def stores(tmp_path_factory, request, seed_plan):
    """One store of every engine holding the same plans, opened read-only as a report opens it."""
    plans = [
        seed_plan,
        parse_text(SECOND_PLAN, "second", jurisdiction="自流井区"),  # shares the seed's units
        parse_text(DISTRICT_PLAN.format(place="自贡市大安区"), "daan"),
        parse_text(DISTRICT_PLAN.format(place="贡井区"), "gongjing"),
        parse_text(UNKNOWN_PLAN, "nowhere"),
    ]
    # one load time for every store: plan-versions shows it, and the loads are not simultaneous
    plans = [stamped(p, 1, LOADED_AT) for p in plans]
    opened = {}
    for engine in ENGINES:
        target, options = empty_store(engine, request, tmp_path_factory.mktemp(f"parity-{engine}"))
        with open_store(target, **options) as store:
            store.load_many(plans)
            store.add_progress(PROGRESS)
        opened[engine] = open_store(target, read_only=True, **options)
    yield opened
    for store in opened.values():
        store.close()


def cases():
    for report in catalogue().values():
        example = report.example_params()
        places = {p.name: "自流井区" for p in report.params if p.name.startswith("jurisdiction")}
        yield pytest.param(report.name, {**example, **places}, id=f"{report.name}-example")
        if any(p.name == "plan" for p in report.params):
            # the small plans have measures 1 and 2 only; another number is an error
            example |= {p.name: 1 for p in report.params if p.name in ("number", "measure")}
            params = {**example, **places, "plan": "second"}
            yield pytest.param(report.name, params, id=f"{report.name}-plan")
            params = {**example, "plan": "daan"}
            if places:
                params = {**params, **{k: "大安区" for k in places}}
            yield pytest.param(report.name, params, id=f"{report.name}-district")
    across = {"department_a": "区发改局", "jurisdiction_a": "大安区"}
    across |= {"department_b": "区发改局", "jurisdiction_b": "贡井区"}
    yield pytest.param("department-chain", across, id="department-chain-across-places")
    # 统筹 and 人才 together: the seed's measure 1 and measure 1 of the four small plans, a tie
    # the plans' order breaks; 职称 with a department given by its alias
    yield pytest.param("search-measures", {"terms": "人才 统筹"}, id="search-measures-several")
    by_alias = {"terms": "职称", "department": "区人社局", "jurisdiction": "自流井区"}
    yield pytest.param("search-measures", by_alias, id="search-measures-department")


@pytest.mark.parametrize("engine", OTHERS)
@pytest.mark.parametrize(("name", "params"), list(cases()))
def test_same_rows_on_every_store(stores, engine, name, params):
    left = run_report(stores[REFERENCE], name, params)
    right = run_report(stores[engine], name, params)
    assert left.columns == right.columns
    assert left.rows == right.rows
    # small plans: some reports find nothing; no plan here implements another (the lineage
    # reports' rows are compared in test_lineage_parity)
    if params.get("plan") not in ("second", "daan") and name not in NO_IMPLEMENTING_PLAN:
        assert left.rows, f"{name} returned no rows; pick better examples"


def test_every_store_refuses_a_department_of_several_places_alike(stores):
    from policygraph.loader.errors import ReportError

    messages = []
    for store in stores.values():
        with pytest.raises(ReportError) as caught:
            run_report(store, "department-measures", {"department": "区发改局"})
        messages.append(str(caught.value))
    assert len(messages) == len(ENGINES) and len(set(messages)) == 1
    assert messages[0] == (
        "区发展和改革局 is a department of 4 jurisdictions (unknown (nowhere), 大安区, 自流井区, "
        "贡井区); choose one with -p jurisdiction=PLACE."
    )


def test_every_store_finds_a_department_by_its_alias_and_refuses_an_unknown_one(stores):
    from policygraph.loader.errors import ReportError

    params = {"department": "区人社局", "jurisdiction": "自流井区"}
    answers = [run_report(store, "department-measures", params).rows for store in stores.values()]
    canonical = {**params, "department": "区人力资源和社会保障局"}
    expected = run_report(stores[REFERENCE], "department-measures", canonical).rows
    assert expected and all(rows == expected for rows in answers)
    messages = set()
    for store in stores.values():
        with pytest.raises(ReportError) as caught:
            run_report(store, "department-measures", {"department": "区教育厅"})
        messages.add(str(caught.value))
    assert len(messages) == 1 and next(iter(messages)).startswith(
        "no department '区教育厅' in the store (did you mean 区教育局"
    )


def test_a_chain_across_places_names_the_other_places(stores):
    params = {"department_a": "区发改局", "jurisdiction_a": "大安区"}
    params |= {"department_b": "区发改局", "jurisdiction_b": "贡井区"}
    for store in stores.values():
        chains = [row[1] for row in run_report(store, "department-chain", params).rows]
        city = "自贡市人力资源和社会保障局（自贡市）"
        # asked for by the short name, answered with the full one
        assert f"区发展和改革局 > #1 > {city} > #1 > 区发展和改革局（贡井区）" in chains


def test_each_district_keeps_its_own_departments_on_every_store(stores):
    for store in stores.values():
        rows = run_report(store, "department-workload").records()
        places = sorted(r["jurisdiction"] for r in rows if r["department"] == "区发展和改革局")
        assert places == ["unknown (nowhere)", "大安区", "自流井区", "贡井区"]
        city = [r["jurisdiction"] for r in rows if r["department"] == "自贡市人力资源和社会保障局"]
        assert city == ["自贡市"]


def test_overdue_and_department_progress_give_the_same_answers_on_every_store(stores):
    for store in stores.values():
        overdue = run_report(store, "overdue-measures", {"as_of": "2024-07-10"}).records()
        # measure 1 was due 2023-12-31 (年内 of a 2023 plan) but is done; 2 is 10 days late
        assert [(r["plan"], r["number"], r["days_overdue"], r["status"]) for r in overdue] == [
            ("second", 2, 10, "late")
        ]
        rows = run_report(store, "department-progress", {"as_of": "2024-07-10", "plan": "second"})
        progress = {r["department"]: r for r in rows.records()}
        zzb = progress["区委组织部"]  # leads 1 (done), supports 2 (overdue)
        assert (zzb["measures"], zzb["leads"], zzb["done"], zzb["overdue"]) == (2, 1, 1, 1)
        assert (zzb["signal"], progress["区统计局"]["late"]) == ("red", 1)
        assert progress["区财政局"]["signal"] == "green"
        # as of a day between the two reports on measure 1, the first one counts
        early = run_report(store, "department-progress", {"as_of": "2024-02-01", "plan": "second"})
        assert {r["department"]: r["in_progress"] for r in early.records()}["区财政局"] == 1


def test_search_gives_the_same_measures_offsets_and_snippets_on_every_store(stores):
    import policygraph as pg

    answers = [pg.search(store, "人才 统筹").rows for store in stores.values()]
    assert answers[0] and all(rows == answers[0] for rows in answers)
    records = pg.search(stores[REFERENCE], "人才 统筹").records()
    assert [r["plan"] for r in records][:1] == ["ziliujing_talent_plan"]  # most hits first
    # the snippet is around the first match: 统筹 for the small plans' 统筹推进人才工作
    assert all(r["snippet"].startswith("【统筹】推进【人才】") for r in records[1:]), records


def test_of_two_reports_on_one_day_the_higher_number_is_the_status_on_every_store(stores):
    for engine, store in stores.items():
        rows = run_report(store, "measure-status", {"as_of": "2024-07-01", "plan": "daan"})
        status = {r["number"]: (r["status"], r["reported"]) for r in rows.records()}
        assert status == {1: ("done", "2024-04-01"), 2: ("in_progress", "2024-04-02")}, engine
        early = run_report(store, "measure-status", {"as_of": "2024-04-01", "plan": "daan"})
        assert {r["number"]: r["status"] for r in early.records()} == {1: "done", 2: None}
        progress = run_report(store, "department-progress", {"as_of": "2024-07-01", "plan": "daan"})
        counts = {
            r["department"]: (r["done"], r["in_progress"], r["late"]) for r in progress.records()
        }
        assert counts["区委组织部"] == (1, 1, 0), engine  # leads 1 (done), supports 2
