"""Departments belong to a jurisdiction: the 区发改局 of three districts are three departments,
plans of one place share theirs, and a plan of unknown place keeps its own."""

from __future__ import annotations

import json

import pytest
from policygraph.loader.jurisdiction import decide, place_name, split_chain
from policygraph.loader.parse import parse_file, parse_text
from policygraph.loader.stores.embedded import EmbeddedStore
from policygraph.queries import run_report

from policygraph import analytics

PLAN = """\
{title}
为做好人才工作，{phrase}制定本方案。
一、总体要求
（一）加强统筹
1. 统筹推进人才工作。（牵头单位：区发改局。责任单位：区委组织部、自贡市人社局）
2. 完善统计制度。（牵头单位：区委组织部。责任单位：区发改局、市财政局）
{issuer}
"""


def plan_text(title: str = "", phrase: str = "", issuer: str = "") -> str:
    return PLAN.format(title=title or "关于推进人才工作的实施方案", phrase=phrase, issuer=issuer)


def district(place: str) -> str:
    return plan_text(title=f"{place}关于推进人才工作的实施方案")


def places(parsed) -> dict[str, str]:
    return {d.name: d.jurisdiction for d in parsed.departments}


def note(parsed) -> tuple[str, str]:
    return parsed.notes[0].code, parsed.notes[0].message


# -- deciding a plan's place ----------------------------------------------------------------
def test_the_title_names_the_place_and_a_note_says_so():
    parsed = parse_text(district("自流井区"), "p")
    assert parsed.plan.jurisdiction == "自流井区"
    assert note(parsed) == ("jurisdiction", "jurisdiction 自流井区, from the title")
    assert parsed.notes[0].line == 1
    assert parsed.warnings == []  # a decision is a note, not a problem


def test_a_title_after_guanyu_yinfa_names_the_place_with_the_places_above_it():
    parsed = parse_text(plan_text(title="关于印发四川省自贡市大安区人才实施方案的通知"), "p")
    assert parsed.plan.jurisdiction == "大安区"
    assert note(parsed)[1] == "jurisdiction 大安区 (in 四川省自贡市), from the title"


@pytest.mark.parametrize(
    ("title", "place"),
    [
        ("【民生实事】关于下达2024年南昌县政府民生实事项目任务的通知", "南昌县"),
        ("关于印发2023年沁县政府工作报告重点工作分工方案的通知", "沁县"),
        ("关于印发二〇二四年自流井区重点工作的通知", "自流井区"),
        ("关于转发市发展改革委关于做好人才工作的通知", "unknown"),  # 转发市 is no place
        ("关于下达2024年全县重点工作任务的通知", "unknown"),  # 全县 is no place
    ],
)
def test_a_title_names_its_place_after_a_verb_of_issuing_a_year_and_a_sites_tag(title, place):
    assert parse_text(plan_text(title=title), "p").plan.jurisdiction == place


def test_an_issuing_line_names_the_place():
    parsed = parse_text(plan_text(issuer="荣县人民政府办公室\n2024年3月1日"), "p")
    assert parsed.plan.jurisdiction == "荣县"
    assert note(parsed)[1] == "jurisdiction 荣县, from the issuing line"
    assert parsed.notes[0].line == 7


def test_a_party_issuing_line_names_the_place():
    parsed = parse_text(plan_text(issuer="中共自贡市委办公室"), "p")
    assert parsed.plan.jurisdiction == "自贡市"


def test_a_jiehe_phrase_names_the_place():
    parsed = parse_text(plan_text(phrase="结合贡井区实际，"), "p")
    assert parsed.plan.jurisdiction == "贡井区"
    assert note(parsed)[1] == "jurisdiction 贡井区, from 结合贡井区实际"
    assert parsed.notes[0].line == 2


def test_the_option_overrides_what_the_text_says():
    parsed = parse_text(district("自流井区"), "p", jurisdiction="自贡市贡井区")
    assert parsed.plan.jurisdiction == "贡井区"
    assert note(parsed)[1] == "jurisdiction 贡井区 (in 自贡市), given as 自贡市贡井区"
    assert places(parsed)["市财政局"] == "自贡市"


@pytest.mark.parametrize(
    "title",
    [
        "某县2024年就业工作要点",
        "关于推进营商环境建设的任务分工方案",
        "我区人才工作要点",
        "关于加快推进乡村人才振兴的实施方案",  # not a township 加快推进乡
        "关于推进区域协调发展的工作要点",
    ],
)
def test_a_placeholder_or_no_place_is_unknown(title):
    parsed = parse_text(plan_text(title=title), "p")
    assert parsed.plan.jurisdiction == "unknown"
    assert parsed.notes[0].code == "jurisdiction-unknown"
    assert places(parsed)["区发展和改革局"] == "unknown (p)"


@pytest.mark.parametrize(
    ("text", "chain"),
    [
        ("四川省自贡市自流井区关于", ["四川省", "自贡市", "自流井区"]),
        ("凉山彝族自治州会理市人民政府", ["凉山彝族自治州", "会理市"]),
        ("荣县教育局", ["荣县"]),
        ("城市管理局", []),  # 城市 is a word, not a place
        ("区市场监管局", []),
        ("全县各部门", []),
        # A title's subject is not a place: an ending that makes a word with the next
        # character (乡村, 区域, 市场, 县域, 镇村, 乡镇, 州际), or a name holding a title's
        # verb, ends the chain.
        ("雁宁县关于推进乡村振兴的实施方案", ["雁宁县"]),
        ("加快推进乡村人才振兴的实施意见", []),
        ("推进区域协调发展", []),
        ("优化市场环境", []),
        ("促进县域经济高质量发展", []),
        ("深化镇村综合改革", []),
        ("关于加快推进乡镇工作", []),
        ("开展县城建设", []),
        ("乡城县人民政府", ["乡城县"]),  # real places that start or hold those characters
        ("乐山市市中区关于", ["乐山市", "市中区"]),
        ("自贡市民政局", ["自贡市"]),
    ],
)
def test_place_chains_are_read_from_the_start_of_a_text(text, chain):
    assert split_chain(text) == chain


# -- each department's place ----------------------------------------------------------------
@pytest.mark.parametrize(
    ("name", "place"),
    [
        ("区发改局", "自流井区"),  # relative, of the plan's level
        ("团区委", "自流井区"),
        ("发改局", "自流井区"),  # bare
        ("区市场监管局", "自流井区"),
        ("市人社局", "自贡市"),  # relative, of the level above, named by the chain
        ("市市场监管局", "自贡市"),
        ("自贡市人社局", "自贡市"),  # its own place
        ("中共自贡市委组织部", "自贡市"),
        ("四川省教育厅", "四川省"),
        ("荣县教育局", "荣县"),
        ("自流井区人社局", "自流井区"),
        ("各成员单位", "自流井区"),
    ],
)
def test_a_department_belongs_to_the_place_its_name_gives(name, place):
    decision = decide("自贡市自流井区关于X方案\n", ["自贡市自流井区关于X方案"])
    assert place_name(name, decision, "p") == (place, False)


def test_a_higher_level_the_chain_does_not_name_stays_with_the_plan_and_is_noted():
    parsed = parse_text(district("自流井区"), "p")
    assert places(parsed)["市财政局"] == "自流井区"
    unplaced = [n for n in parsed.notes if n.code == "jurisdiction-unplaced"]
    assert [(n.measure, n.line) for n in unplaced] == [(2, 6)]
    assert unplaced[0].message.startswith("市财政局 is a unit of a higher level (市) than 自流井区")


def test_a_district_plan_naming_zigong_renshe_assigns_it_to_zigong():
    parsed = parse_text(district("自流井区"), "p")
    assert places(parsed)["自贡市人力资源和社会保障局"] == "自贡市"  # after the alias table
    assert parsed.units(parsed.measures[0].id, "support") == [
        "区委组织部",
        "自贡市人力资源和社会保障局",
    ]
    keys = parsed.department_keys()
    assert keys["自贡市人力资源和社会保障局"] == "自贡市/自贡市人力资源和社会保障局"
    assert keys["区发展和改革局"] == "自流井区/区发展和改革局"


# -- in a store ---------------------------------------------------------------------------------
@pytest.fixture
def three_districts(tmp_path):
    store = EmbeddedStore(tmp_path / "g.lbug")
    for i, place in enumerate(["自流井区", "大安区", "贡井区"]):
        store.load(parse_text(district(place), f"d{i}"))
    yield store
    store.close()


def test_three_districts_naming_fagaiju_give_three_rows(three_districts):
    rows = run_report(three_districts, "department-workload").records()
    fagai = [(r["jurisdiction"], r["total"]) for r in rows if r["department"] == "区发展和改革局"]
    assert sorted(fagai) == [("大安区", 2), ("自流井区", 2), ("贡井区", 2)]
    city = [r for r in rows if r["department"] == "自贡市人力资源和社会保障局"]
    assert [(r["jurisdiction"], r["supports"]) for r in city] == [("自贡市", 3)]


def test_two_plans_of_the_same_place_share_departments(store_path):
    with EmbeddedStore(store_path) as store:
        store.load(parse_text(district("自流井区"), "a"))
        store.load(parse_text(district("自贡市自流井区"), "b"))
        rows = run_report(store, "department-workload").records()
        counted = {(r["department"], r["jurisdiction"]): r["total"] for r in rows}
        assert counted[("区发展和改革局", "自流井区")] == 4
        # b's chain places its 市财政局 in 自贡市; a's, naming no city, keeps it with the district
        assert counted[("市财政局", "自贡市")] == 1 and counted[("市财政局", "自流井区")] == 1


def test_two_plans_of_unknown_place_never_merge_departments(store_path):
    with EmbeddedStore(store_path) as store:
        store.load_many([parse_text(plan_text(), "x"), parse_text(plan_text(), "y")])
        rows = run_report(store, "department-workload").records()
        fagai = sorted(r["jurisdiction"] for r in rows if r["department"] == "区发展和改革局")
        assert fagai == ["unknown (x)", "unknown (y)"]
        listed = run_report(store, "jurisdictions").records()
    assert listed == [
        {"jurisdiction": "unknown (x)", "plans": 1, "departments": 3, "measures": 2},
        {"jurisdiction": "unknown (y)", "plans": 1, "departments": 3, "measures": 2},
        {"jurisdiction": "自贡市", "plans": 0, "departments": 1, "measures": 0},
    ]


def test_the_jurisdictions_report_lists_every_place(three_districts):
    assert run_report(three_districts, "jurisdictions").rows == [
        ["大安区", 1, 3, 2],
        ["自流井区", 1, 3, 2],
        ["自贡市", 0, 1, 0],
        ["贡井区", 1, 3, 2],
    ]


def test_the_network_keeps_the_districts_apart(three_districts):
    graph = analytics.build_network(three_districts)
    assert "区发展和改革局（大安区）" in graph and "区发展和改革局（贡井区）" in graph
    assert graph["区发展和改革局（大安区）"]["区委组织部（大安区）"]["weight"] == 2
    assert not graph.has_edge("区发展和改革局（大安区）", "区委组织部（贡井区）")
    row = next(r for r in analytics.centrality(graph) if r["department"] == "区发展和改革局")
    assert row["jurisdiction"] in ("大安区", "自流井区", "贡井区")


# -- from the CLI -------------------------------------------------------------------------------
def test_cli_shows_the_place_only_when_several_are_loaded(cli, tmp_path, store_path):
    folder = tmp_path / "plans"
    folder.mkdir()
    local = district("自流井区").replace("自贡市人社局", "区教育局").replace("市财政局", "区财政局")
    (folder / "a.txt").write_text(local, encoding="utf-8")  # every unit of its own place
    (folder / "b.md").write_text("# " + district("大安区"), encoding="utf-8")
    assert cli("load", str(folder / "a.txt"), "--store", str(store_path)).returncode == 0
    one = cli("report", "department-workload", "--store", str(store_path), "--format", "csv")
    assert one.stdout.splitlines()[0] == "department,kind,leads,supports,total"
    assert cli("load", str(folder / "b.md"), "--store", str(store_path)).returncode == 0
    two = cli("report", "department-workload", "--store", str(store_path), "--format", "csv")
    assert two.stdout.splitlines()[0] == "department,jurisdiction,kind,leads,supports,total"
    assert "区发展和改革局,大安区,government,1,1,2" in two.stdout.splitlines()
    assert "区发展和改革局,自流井区,government,1,1,2" in two.stdout.splitlines()
    as_json = cli("report", "department-workload", "--store", str(store_path), "--format", "json")
    assert all("jurisdiction" in r for r in json.loads(as_json.stdout))
    ambiguous = cli(
        "report",
        "department-measures",
        "-p",
        "department=区发展和改革局",
        "--store",
        str(store_path),
    )
    assert ambiguous.returncode == 1
    assert ambiguous.stderr.strip() == (
        "Error: 区发展和改革局 is a department of 2 jurisdictions (大安区, 自流井区); "
        "choose one with -p jurisdiction=PLACE."
    )
    chosen = cli(
        "report",
        "department-measures",
        "-p",
        "department=区发展和改革局",
        "-p",
        "jurisdiction=大安区",
        "--store",
        str(store_path),
        "--format",
        "json",
    )
    assert [r["plan"] for r in json.loads(chosen.stdout)] == ["b", "b"]
    for place, error in [
        ("大安县", "Error: no jurisdiction '大安县' in the store (did you mean 大安区"),
        (
            "自贡市",
            "Error: 区发展和改革局 is not a department of 自贡市; it is one of 大安区, 自流井区",
        ),
    ]:
        wrong = cli(
            "report", "department-measures", "-p", "department=区发展和改革局",
            "-p", f"jurisdiction={place}", "--store", str(store_path),
        )  # fmt: skip
        assert wrong.returncode == 1 and wrong.stderr.startswith(error), wrong.stderr


def test_cli_jurisdiction_option_on_parse_and_a_docx(cli, tmp_path):
    docx = pytest.importorskip("docx")
    document = docx.Document()
    for line in plan_text().splitlines():
        document.add_paragraph(line)
    path = tmp_path / "plan.docx"
    document.save(path)
    assert parse_file(path).plan.jurisdiction == "unknown"
    result = cli("parse", str(path), "--jurisdiction", "大安区", "--format", "json")
    data = json.loads(result.stdout)
    assert data["plan"]["jurisdiction"] == "大安区"
    assert data["measures"][0]["leads"] == ["区发展和改革局"]  # names as read within the plan
    assert {"name": "区发展和改革局", "kind": "government", "jurisdiction": "大安区"} in data[
        "departments"
    ]
    assert data["notes"][0]["message"] == "jurisdiction 大安区, given as 大安区"
    table = cli("parse", str(path), "--jurisdiction", "大安区")
    assert "note: line 1: jurisdiction 大安区, given as 大安区 [jurisdiction]" in table.stdout


def test_a_view_names_the_place_of_a_department_when_its_plan_spans_two(three_districts):
    from policygraph import views

    data = views.read_plan(three_districts, "d1")
    tips = {n["label"]: n["tip"] for n in views.overview(data).net.nodes if n["id"][:2] == "d:"}
    assert ["meta", "地区：自贡市"] in tips["自贡市人力资源和社会保障局"]
    assert ["meta", "地区：大安区"] in tips["区发展和改革局"]


def test_loading_three_districts_at_once_counts_their_departments_apart(cli, tmp_path, store_path):
    folder = tmp_path / "districts"
    folder.mkdir()
    for place in ("自流井区", "大安区", "贡井区"):
        (folder / f"{place}.txt").write_text(district(place), encoding="utf-8")
    loaded = cli("load", str(folder), "--store", str(store_path))
    assert loaded.returncode == 0, loaded.stderr
    # 区发改局, 区委组织部 and 市财政局 of each district, and one 自贡市人社局
    assert loaded.stdout.startswith("loaded 3 plans, 6 measures, 10 departments, 18 assignments")
