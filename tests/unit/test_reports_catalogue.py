"""The analysts' report catalogue on the bundled plan: real answers, computed a second way from
the parsed plan; every report in every output format from the CLI; the generated docs in step."""

from __future__ import annotations

import csv
import io
import json
from collections import Counter, defaultdict

import networkx as nx
import pytest
from click.testing import CliRunner
from policygraph.loader.errors import ReportError
from policygraph.loader.model import COLLECTIVE, LEAD, SUPPORT
from policygraph.loader.parse import parse_file
from policygraph.loader.stores.embedded import EmbeddedStore
from policygraph.queries import catalogue, get_report, run_report
from policygraph.queries.docs import REPORTS_MD, generated, result_columns

from policygraph.cli import cli as pg_cli
from tests.conftest import SEED

REQUIRED = {
    "department-workload",
    "lead-ranking",
    "top-lead-share",
    "support-only-departments",
    "department-measures",
    "department-partners",
    "coordination-pairs",
    "joint-lead-measures",
    "most-involved-measures",
    "department-chain",
    "unsupported-measures",
    "collective-assignments",
    "theme-summary",
    "theme-leads",
    "department-chapter-matrix",
    "measure-detail",
    "plans",
    "plan-workload",
}


@pytest.fixture(scope="module")
def store_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("reports") / "seed.lbug"
    with EmbeddedStore(path) as store:
        store.load(parse_file(SEED))
    return path


@pytest.fixture(scope="module")
def store(store_file):
    with EmbeddedStore(store_file, read_only=True) as graph:
        yield graph


@pytest.fixture(scope="module")
def two_plans(tmp_path_factory):
    path = tmp_path_factory.mktemp("two") / "two.lbug"
    with EmbeddedStore(path) as graph:
        graph.load(parse_file(SEED, "plan-a"))
        graph.load(parse_file(SEED, "plan-b"))
        yield graph


def rows(store, name, **params):
    return run_report(store, name, params).records()


def leads_by_department(plan):
    led = defaultdict(set)
    for a in plan.assignments:
        if a.role == LEAD:
            led[a.department].add(a.measure)
    return led


# -- the catalogue --------------------------------------------------------------------------
def test_catalogue_has_every_report_the_analysts_asked_for():
    reports = catalogue()
    assert len(reports) >= 14
    assert set(reports) >= REQUIRED


def test_every_report_runs_on_its_example_with_the_documented_columns(store):
    for name, report in catalogue().items():
        result = run_report(store, name, dict(report.examples))
        assert result.rows or name not in REQUIRED, name
        assert result.columns == result_columns(report), name
        assert run_report(store, name, dict(report.examples)) == result, name


def test_reports_md_documents_every_report():
    text = generated()[REPORTS_MD]
    for name, report in catalogue().items():
        assert f"### {name}\n\n{report.description}" in text
        for p in report.params:
            assert f"| `{p.name}` | {p.type} |" in text


def test_reports_md_gives_a_two_engine_report_as_its_neo4j_text_alone():
    text = generated()[REPORTS_MD]
    two_engine = {n: r for n, r in catalogue().items() if "*" not in r.bodies}
    assert "department-chain" in two_engine
    for name, report in two_engine.items():
        section = text.split(f"### {name}\n", 1)[1].split("\n### ", 1)[0]
        blocks = section.split("```cypher\n")[1:]
        assert [b.split("\n```", 1)[0] for b in blocks] == [report.body("neo4j").rstrip()], name
        assert report.bodies["ladybug"].rstrip() not in section, name
        assert "// engine:" not in section, name


# -- workload -------------------------------------------------------------------------------
def test_lead_ranking_matches_the_parsed_plan(store, seed_plan):
    led = {d: len(ms) for d, ms in leads_by_department(seed_plan).items()}
    kinds = {d.name: d.kind for d in seed_plan.departments}
    n = len(seed_plan.measures)
    expected = sorted(
        (
            {
                "rank": 1 + sum(other > count for other in led.values()),
                "department": dept,
                "jurisdiction": "自流井区",
                "kind": kinds[dept],
                "leads": count,
                "measures": n,
                "share_pct": round(100 * count / n, 1),
            }
            for dept, count in led.items()
        ),
        key=lambda r: (r["rank"], r["department"]),
    )
    assert rows(store, "lead-ranking") == expected
    assert expected[0]["department"] == "区人力资源和社会保障局" and expected[0]["leads"] == 18


def test_top_three_lead_departments_lead_31_of_42_measures(store, seed_plan):
    led = leads_by_department(seed_plan)
    top = sorted(led, key=lambda d: (-len(led[d]), d))[:3]
    covered = set().union(*(led[d] for d in top))
    result = rows(store, "top-lead-share", top=3)
    assert [r["department"] for r in result] == top
    assert [r["position"] for r in result] == [1, 2, 3]
    last = result[-1]
    assert (last["measures_led"], last["measures"]) == (len(covered), len(seed_plan.measures))
    assert (last["measures_led"], last["measures"], last["share_pct"]) == (31, 42, 73.8)
    assert top == ["区人力资源和社会保障局", "区委组织部", "区科技经信局"]
    assert [r["measures_led"] for r in rows(store, "top-lead-share", top=1)] == [18]


def test_support_only_departments(store, seed_plan):
    leaders = set(leads_by_department(seed_plan))
    supports = Counter(
        a.department
        for a in seed_plan.assignments
        if a.role == SUPPORT and a.department not in leaders
    )
    result = rows(store, "support-only-departments")
    assert {r["department"]: r["supports"] for r in result} == dict(supports)
    assert [r["supports"] for r in result] == sorted(supports.values(), reverse=True)
    assert result[0] == {
        "department": "区卫生计生局",
        "jurisdiction": "自流井区",
        "kind": "government",
        "supports": 14,
    }
    without = {r["department"] for r in rows(store, "support-only-departments", collectives=0)}
    assert "区人才工作领导小组各成员单位" in supports
    assert without == set(supports) - {"区人才工作领导小组各成员单位"}


# -- one department -------------------------------------------------------------------------
def test_department_partners(store, seed_plan):
    me = "区委组织部"
    by_measure = defaultdict(dict)
    for a in seed_plan.assignments:
        by_measure[a.measure][a.department] = a.role
    shared, mine, theirs = Counter(), Counter(), Counter()
    for units in by_measure.values():
        if me not in units:
            continue
        for other, role in units.items():
            if other != me:
                shared[other] += 1
                mine[other] += units[me] == LEAD
                theirs[other] += role == LEAD
    result = rows(store, "department-partners", department=me)
    assert [r["partner"] for r in result] == sorted(shared, key=lambda d: (-shared[d], d))
    for r in result:
        p = r["partner"]
        assert (r["shared"], r["department_leads"], r["partner_leads"]) == (
            shared[p],
            mine[p],
            theirs[p],
        )
    assert result[0]["partner"] == "区人力资源和社会保障局" and result[0]["shared"] == 31


# -- one measure ----------------------------------------------------------------------------
def test_measure_detail_lists_units_in_written_order_for_every_measure(store, seed_plan):
    themes = {t.id: t for t in seed_plan.themes}
    for m in seed_plan.measures:
        (row,) = rows(store, "measure-detail", number=m.number)
        theme = themes[m.theme]
        chapter = theme if theme.level == "chapter" else themes[theme.parent]
        assert row["lead_names"] == seed_plan.units(m.id, LEAD), m.number
        assert row["support_names"] == seed_plan.units(m.id, SUPPORT), m.number
        assert row["chapter"] == chapter.title
        assert row["section"] == (theme.title if theme.level == "section" else None)
        assert row["text"] == m.text


# -- coordination ---------------------------------------------------------------------------
def test_joint_lead_measures(store, seed_plan):
    expected = [
        (m.number, seed_plan.units(m.id, LEAD))
        for m in sorted(
            seed_plan.measures, key=lambda m: (-len(seed_plan.units(m.id, LEAD)), m.seq)
        )
        if len(seed_plan.units(m.id, LEAD)) > 1
    ]
    assert [(r["number"], r["lead_names"]) for r in rows(store, "joint-lead-measures")] == expected
    assert expected[0] == (14, ["区委组织部", "区人力资源和社会保障局", "区工管委"])


def test_most_involved_measures(store, seed_plan):
    count = Counter()
    for m in seed_plan.measures:
        count[m.number] = len(
            set(seed_plan.units(m.id, LEAD)) | set(seed_plan.units(m.id, SUPPORT))
        )
    seq = {m.number: m.seq for m in seed_plan.measures}
    expected = sorted(count, key=lambda n: (-count[n], seq[n]))[:5]
    result = rows(store, "most-involved-measures", limit=5)
    assert [r["number"] for r in result] == expected
    assert [r["departments"] for r in result] == [count[n] for n in expected]
    assert result[0]["number"] == 14 and result[0]["departments"] == 10


def test_department_chain_finds_every_shortest_chain(store, seed_plan):
    graph = nx.Graph()
    number = {m.id: m.number for m in seed_plan.measures}
    for a in seed_plan.assignments:
        graph.add_edge(("d", a.department), ("m", a.measure))
    paths = nx.all_shortest_paths(graph, ("d", "区统计局"), ("d", "区文体广电出版局"))
    expected = sorted(
        " > ".join(n if kind == "d" else f"#{number[n]}" for kind, n in path) for path in paths
    )
    result = rows(
        store, "department-chain", department_a="区统计局", department_b="区文体广电出版局"
    )
    assert [r["chain"] for r in result] == expected
    assert {r["measures"] for r in result} == {2}
    assert result[0]["chain"] == "区统计局 > #30 > 区人力资源和社会保障局 > #25 > 区文体广电出版局"


def test_department_chain_limits_and_handles_no_chain(store):
    direct = rows(store, "department-chain", department_a="区委组织部", department_b="区教育局")
    assert len(direct) == 10 and {r["measures"] for r in direct} == {1}
    assert direct == sorted(direct, key=lambda r: r["chain"])
    # LadybugDB 0.22 crashes on ALL SHORTEST with an identical end; the report guards
    assert (
        rows(store, "department-chain", department_a="区委组织部", department_b="区委组织部") == []
    )
    # a missing end is refused before the query runs (queries/values.py)
    for a, b in (("区委组织部", "无此部门"), ("无此部门", "区委组织部")):
        with pytest.raises(ReportError, match="no department '无此部门'"):
            rows(store, "department-chain", department_a=a, department_b=b)


# -- gaps and risks -------------------------------------------------------------------------
def test_unsupported_and_collective(store, seed_plan):
    unsupported = [m.number for m in seed_plan.measures if not seed_plan.units(m.id, SUPPORT)]
    result = rows(store, "unsupported-measures")
    assert [r["number"] for r in result] == unsupported == [12]
    assert result[0]["lead_names"] == ["区教育局"]
    collective = {d.name for d in seed_plan.departments if d.kind == COLLECTIVE}
    number = {m.id: m.number for m in seed_plan.measures}
    expected = sorted(
        (number[a.measure], a.department, a.role)
        for a in seed_plan.assignments
        if a.department in collective
    )
    got = [(r["number"], r["unit"], r["role"]) for r in rows(store, "collective-assignments")]
    assert got == expected
    assert [n for n, _, _ in got] == [38, 39, 40, 41]


# -- themes ---------------------------------------------------------------------------------
def test_department_chapter_matrix_adds_up_to_the_workload(store, seed_plan):
    themes = {t.id: t for t in seed_plan.themes}
    chapter_of = {m.id: themes[m.theme].chapter for m in seed_plan.measures}
    cells = Counter((a.department, chapter_of[a.measure], a.role) for a in seed_plan.assignments)
    result = rows(store, "department-chapter-matrix")
    for r in result:
        assert r["leads"] == cells[(r["department"], r["chapter"], LEAD)]
        assert r["supports"] == cells[(r["department"], r["chapter"], SUPPORT)]
    assert len(result) == len({(d, c) for d, c, _ in cells})
    totals = Counter()
    for r in result:
        totals[r["department"]] += r["total"]
    workload = {r["department"]: r["total"] for r in rows(store, "department-workload")}
    assert dict(totals) == workload


def test_theme_leads(store, seed_plan):
    themes = {t.id: t for t in seed_plan.themes}
    led = defaultdict(list)
    for m in seed_plan.measures:
        for dept in seed_plan.units(m.id, LEAD):
            led[(m.theme, dept)].append(m.number)
    result = rows(store, "theme-leads")
    assert len(result) == len(led)
    for r in result:
        theme = next(
            t
            for t in themes.values()
            if t.chapter == r["chapter"]
            and (t.ordinal if t.level == "section" else 0) == r["section"]
        )
        assert r["measures"] == led[(theme.id, r["department"])]
        assert r["leads"] == len(r["measures"])
    first = result[0]
    assert (first["chapter"], first["section"], first["department"]) == (1, 1, "区委组织部")


# -- across plans ---------------------------------------------------------------------------
def test_reports_across_two_plans(two_plans, seed_plan):
    assert [r["plan"] for r in rows(two_plans, "plans")] == ["plan-a", "plan-b"]
    per_plan = rows(two_plans, "plan-workload")
    single = {r["department"]: r for r in rows(two_plans, "department-workload", plan="plan-a")}
    assert len(per_plan) == 2 * len(single)
    for r in per_plan:
        assert (r["leads"], r["supports"]) == (
            single[r["department"]]["leads"],
            single[r["department"]]["supports"],
        )
    both = rows(two_plans, "top-lead-share")
    assert both[-1]["measures"] == 2 * len(seed_plan.measures)
    assert rows(two_plans, "top-lead-share", plan="plan-b")[-1]["share_pct"] == 73.8
    (m13,) = rows(two_plans, "measure-detail", number=13, plan="plan-b")
    assert m13["plan"] == "plan-b"
    assert len(rows(two_plans, "measure-detail", number=13)) == 2
    # departments are shared across plans, not duplicated
    assert len(rows(two_plans, "department-workload")) == len(single)


# -- the CLI --------------------------------------------------------------------------------
def test_reports_command_lists_them_as_json():
    result = CliRunner().invoke(pg_cli, ["reports", "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert len(data) >= 14 and {d["name"] for d in data} >= REQUIRED
    chain = next(d for d in data if d["name"] == "department-chain")
    assert set(chain) >= {"name", "description", "group", "params"}
    assert chain["group"] == "Coordination"
    assert [p["name"] for p in chain["params"]] == [
        "department_a",
        "department_b",
        "jurisdiction_a",
        "jurisdiction_b",
        "limit",
    ]


def test_every_report_in_every_format_from_the_cli(store_file, tmp_path):
    runner = CliRunner()
    for name, report in catalogue().items():
        args = ["report", name, "--store", str(store_file)]
        for key, value in report.examples:
            args += ["-p", f"{key}={value}"]
        expected = len(run_report_on(store_file, name, report))
        outputs = {}
        for fmt in ("table", "json", "csv", "markdown"):
            result = runner.invoke(pg_cli, [*args, "--format", fmt])
            assert result.exit_code == 0, (name, fmt, result.output)
            outputs[fmt] = result.output
        assert len(json.loads(outputs["json"])) == expected, name
        assert len(list(csv.reader(io.StringIO(outputs["csv"])))) == expected + 1, name
        assert len(outputs["markdown"].splitlines()) == expected + 2, name
        assert len(outputs["table"].splitlines()) == expected + 2, name
    out = tmp_path / "workload.csv"
    result = runner.invoke(
        pg_cli,
        ["report", "lead-ranking", "--store", str(store_file), "--format", "csv", "--bom"]
        + ["-o", str(out)],
    )
    assert result.exit_code == 0, result.output
    assert out.read_bytes().startswith("\ufeffrank,department,kind".encode())


def run_report_on(store_file, name, report):
    with EmbeddedStore(store_file, read_only=True) as graph:
        return run_report(graph, name, dict(report.examples)).rows


def test_cli_errors_for_bad_report_parameters(cli, store_file):
    def error(*args):
        result = cli("report", *args, "--store", str(store_file))
        assert result.returncode == 1 and "Traceback" not in result.stderr
        return result.stderr.strip()

    assert error("department-chain", "-p", "department_a=区委组织部") == (
        "Error: report department-chain needs the parameter 'department_b' (the other "
        "department's name); add -p department_b=VALUE."
    )
    assert error("measure-detail", "-p", "number=十三") == (
        "Error: parameter 'number' of report measure-detail must be a whole number, not '十三'."
    )
    assert error("lead-ranking", "-p", "top=3") == (
        "Error: report lead-ranking has no parameter 'top'; its parameters: plan."
    )
    assert error("lead-rankings") == (
        "Error: no report named 'lead-rankings'. Did you mean lead-ranking? "
        "`policygraph reports` lists them all."
    )


def test_bind_types_the_examples():
    assert get_report("measure-detail").example_params() == {"number": 13, "plan": ""}


def test_rankings_hold_past_2048_departments(tmp_path):
    """LadybugDB 0.22's list_filter reads wrong fields from lists of more than 2,048 maps; the
    ranking reports keep to lists of numbers and names. 3,000 departments, ranked in Python."""
    from policygraph.loader.parse import parse_text

    # Department i leads (i % 3) + 1 measures: many ties, and names sort unlike their counts.
    names = [f"区第{i:04d}局" for i in range(3000)]
    counts = {name: i % 3 + 1 for i, name in enumerate(names)}
    units = [name for name in names for _ in range(counts[name])]
    lines = ["某区测试方案", "一、任务"]
    lines += [f"{n}. 措施{n}。（牵头单位：{u}）" for n, u in enumerate(units, start=1)]
    plan = parse_text("\n".join(lines), "big")
    assert len(plan.measures) == len(units)
    order = sorted(names, key=lambda n: (-counts[n], n))
    with EmbeddedStore(tmp_path / "big.lbug") as store:
        store.load(plan)
        top = run_report(store, "top-lead-share", {"top": 5}).records()
        ranking = run_report(store, "lead-ranking").records()
    assert [r["department"] for r in top] == order[:5]
    assert [r["measures_led"] for r in top] == [3 * (i + 1) for i in range(5)]
    ahead = {n: sum(c > counts[n] for c in counts.values()) for n in names}
    assert [(r["department"], r["rank"]) for r in ranking] == [(n, 1 + ahead[n]) for n in order]
