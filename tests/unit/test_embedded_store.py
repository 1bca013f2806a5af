"""The embedded LadybugDB store: whole-plan loads, idempotent reloads, replacement."""

import dataclasses

import pytest
from policygraph.loader.errors import StoreBusyError, StoreError
from policygraph.loader.parse import parse_text
from policygraph.loader.stores.embedded import EmbeddedStore
from policygraph.queries import run_report

SEED_COUNTS = {
    "Plan": 1,
    "Theme": 27,
    "Measure": 42,
    "Department": 26,
    "Commitment": 13,
    "Progress": 0,
    "PlanVersion": 0,
    "LEADS": 53,
    "SUPPORTS": 165,
    "IN_THEME": 42,
    "PART_OF": 27,
    "COMMITS_TO": 13,
    # the city's 实施意见 in the preamble and the 意见 measure 24 is to draft (it cites it too)
    "Document": 2,
    "CITES": 3,
    "IMPLEMENTS": 0,
    "CARRIES_OUT": 0,
}


def test_load_writes_the_whole_plan(seed_plan, store_path):
    with EmbeddedStore(store_path) as store:
        result = store.load(seed_plan)
        assert (result.status, result.measures, result.relationships) == ("loaded", 42, 218)
        assert store.counts() == SEED_COUNTS


def test_loading_twice_changes_nothing(seed_plan, store_path):
    with EmbeddedStore(store_path) as store:
        store.load(seed_plan)
        assert store.load(seed_plan).status == "unchanged"
        assert store.load(seed_plan, force=True).status == "replaced"
        assert store.counts() == SEED_COUNTS


def test_reload_of_an_edited_plan_replaces_only_that_plan(seed_plan, store_path):
    other = parse_text(
        "一、章\n（一）节\n1. 别的计划。（牵头单位：区委组织部。责任单位：区统计局）\n", "other"
    )
    edited_text = "一、章\n（一）节\n1. 改过的措施。（牵头单位：区财政局。责任单位：新设局）\n"
    edited = parse_text(edited_text, seed_plan.plan.id)
    with EmbeddedStore(store_path) as store:
        store.load(seed_plan)
        store.load(other)
        assert store.load(edited).status == "replaced"
        counts = store.counts()
        assert (counts["Plan"], counts["Measure"]) == (2, 2)
        assert (counts["LEADS"], counts["SUPPORTS"]) == (2, 2)
        names = {r[0] for r in store.query("MATCH (d:Department) RETURN d.name").rows}
        assert names == {"区委组织部", "区统计局", "区财政局", "新设局"}


def test_department_workload_answers(seed_plan, store_path):
    with EmbeddedStore(store_path) as store:
        store.load(seed_plan)
        rows = run_report(store, "department-workload").records()
    assert rows[0] == {
        "department": "区委组织部",
        "jurisdiction": "自流井区",
        "kind": "party",
        "leads": 13,
        "supports": 23,
        "total": 36,
    }
    assert rows[1]["department"] == "区人力资源和社会保障局"
    assert sum(r["leads"] for r in rows) == 53
    assert sum(r["supports"] for r in rows) == 165
    totals = [(-r["total"], -r["leads"], r["department"]) for r in rows]
    assert totals == sorted(totals)


def test_hostile_text_round_trips_unchanged(store_path):
    text = (
        "一、章\n1. 引号\"'与\\反斜杠,逗号'); MATCH (n) DETACH DELETE n //。（牵头单位：区\"局'）\n"
    )
    plan = parse_text(text, "hostile")
    with EmbeddedStore(store_path) as store:
        store.load(plan)
        stored = store.query("MATCH (m:Measure) RETURN m.text").rows
        dept = store.query("MATCH (d:Department) RETURN d.name").rows
    assert stored == [[plan.measures[0].text]]
    assert dept == [["区\"局'"]]


def test_failed_load_leaves_the_store_as_it_was(seed_plan, store_path):
    broken = dataclasses.replace(seed_plan, plan=dataclasses.replace(seed_plan.plan, id="b"))
    broken.assignments = [
        *seed_plan.assignments,
        dataclasses.replace(seed_plan.assignments[0], measure="b/none"),
    ]
    with EmbeddedStore(store_path) as store:
        store.load(seed_plan)
        before = store.counts()
        with pytest.raises(StoreError, match="nothing was written"):
            store.load(broken)
        assert store.counts() == before


def test_second_writer_is_refused_clearly(seed_plan, store_path):
    with EmbeddedStore(store_path) as store:
        store.load(seed_plan)
        import subprocess
        import sys

        code = (
            "from policygraph.loader.stores.embedded import EmbeddedStore as S\n"
            "from policygraph.loader.errors import StoreBusyError\n"
            f"try:\n    S({str(store_path)!r})\nexcept StoreBusyError as e:\n    print(e)\n"
        )
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert "is in use by another process" in out.stdout
    assert StoreBusyError.__mro__[1] is StoreError


def test_report_on_missing_store_says_load_first(tmp_path):
    with pytest.raises(StoreError, match="no embedded store at .*load a plan first"):
        EmbeddedStore(tmp_path / "none.lbug", read_only=True)


# -- load_many: many plans per transaction, same guarantees as one plan at a time ---------------
def tiny_plan(plan_id: str, lead: str, support: str, text: str = "措施"):
    """A one-measure plan of the seed plan's district; `text` changes its content hash."""
    return parse_text(
        f"一、章\n（一）节\n1. {text}。（牵头单位：{lead}。责任单位：{support}）\n",
        plan_id,
        jurisdiction="自流井区",
    )


def departments(store) -> set[str]:
    return {r[0] for r in store.query("MATCH (d:Department) RETURN d.name").rows}


def test_load_many_equals_loading_one_by_one(seed_plan, store_path, tmp_path):
    others = [tiny_plan(f"p{i}", "区委组织部", f"局{i}") for i in range(5)]
    with EmbeddedStore(tmp_path / "one.lbug") as one:
        for p in [seed_plan, *others]:
            one.load(p)
        expected = one.counts()
    with EmbeddedStore(store_path) as store:
        # batch_measures=1: every plan its own batch; the default: all in one batch.
        for batch_measures in (1, 100_000):
            remove = store.query("MATCH (n) DETACH DELETE n")
            assert remove.rows == []
            results = store.load_many([seed_plan, *others], batch_measures=batch_measures)
            assert [r.status for r in results] == ["loaded"] * 6
            assert [r.plan for r in results] == [seed_plan.plan.id] + [f"p{i}" for i in range(5)]
            assert store.counts() == expected
    # 区委组织部 is named by every plan and stored once.
    assert expected["Department"] == 26 + 5


def test_load_many_skips_unchanged_and_replaces_changed(seed_plan, store_path):
    a, b = tiny_plan("a", "区财政局", "甲局"), tiny_plan("b", "区财政局", "乙局")
    b2 = tiny_plan("b", "区财政局", "丙局", text="改过的措施")
    with EmbeddedStore(store_path) as store:
        store.load_many([seed_plan, a, b])
        results = store.load_many([seed_plan, a, b2])
        assert [r.status for r in results] == ["unchanged", "unchanged", "replaced"]
        assert "乙局" not in departments(store)  # orphaned by the replacement, removed
        assert {"甲局", "丙局"} <= departments(store)
        assert store.counts()["Measure"] == 42 + 2
        forced = store.load_many([a], force=True)
        assert [r.status for r in forced] == ["replaced"]
        assert store.counts()["Measure"] == 42 + 2


def test_load_many_same_plan_twice_keeps_the_later_version(store_path):
    first = tiny_plan("x", "区财政局", "甲局")
    second = tiny_plan("x", "区财政局", "乙局", text="第二版")
    with EmbeddedStore(store_path) as store:
        results = store.load_many([first, second])
        assert [r.status for r in results] == ["loaded", "replaced"]
        assert departments(store) == {"区财政局", "乙局"}
        assert store.query("MATCH (m:Measure) RETURN m.text").rows == [["第二版。"]]


def test_load_many_failed_batch_writes_none_of_its_plans(seed_plan, store_path):
    good = tiny_plan("good", "区财政局", "甲局")
    broken = tiny_plan("broken", "区财政局", "乙局")
    broken.assignments = [
        *broken.assignments,
        dataclasses.replace(broken.assignments[0], measure="broken/none"),
    ]
    with EmbeddedStore(store_path) as store:
        store.load(seed_plan)
        before = store.counts()
        with pytest.raises(StoreError, match=r"loading 2 plans \(good … broken\) failed and "):
            store.load_many([good, broken])
        assert store.counts() == before
        # With one plan a batch, the plan before the broken one stays written.
        with pytest.raises(StoreError, match="loading broken failed and nothing was written"):
            store.load_many([good, broken], batch_measures=1)
        assert store.counts()["Plan"] == 2


def test_load_many_reads_plans_lazily(store_path):
    consumed = []

    def plans():
        for i in range(4):
            consumed.append(i)
            yield tiny_plan(f"p{i}", "区财政局", f"局{i}")

    with EmbeddedStore(store_path) as store:
        results = store.iter_load(plans(), batch_measures=2)
        first = next(results)
        assert first.plan == "p0" and consumed == [0, 1, 2]  # one batch (and the next plan) read
        assert [r.plan for r in results] == ["p1", "p2", "p3"]


def test_replacing_writes_the_same_graph_as_a_fresh_load(seed_plan, tmp_path):
    """New plans go in by COPY, replaced ones by CREATE statements: both give one graph."""
    from tests.fixtures.hostile import hostile_plan, synthetic_text
    from tests.reliability.support import dump

    old = [parse_text(synthetic_text(30, 12, seed=s), f"p{s}") for s in (1, 2)]
    new = [seed_plan, hostile_plan(), parse_text(synthetic_text(40, 15, seed=9), "p1")]
    new[2].plan = dataclasses.replace(new[2].plan, content_hash="edited")
    with EmbeddedStore(tmp_path / "fresh.lbug") as fresh:
        fresh.load_many([old[1], *new])
        expected = dump(fresh)
    with EmbeddedStore(tmp_path / "replaced.lbug") as store:
        store.load_many(old)
        # one batch: p1 is replaced (statements), the seed and the hostile plan are new (COPY)
        results = store.load_many(new, replace=True)
        assert [r.status for r in results] == ["loaded", "loaded", "replaced"]
        assert dump(store) == expected


def test_free_space_is_checked_before_writing(seed_plan, store_path, monkeypatch):
    with EmbeddedStore(store_path) as store:
        monkeypatch.setenv("POLICYGRAPH_MIN_FREE_MB", str(10**12))  # more than any disk has
        with pytest.raises(StoreError, match="not enough disk space .*nothing was written"):
            store.load(seed_plan)
        monkeypatch.setenv("POLICYGRAPH_MIN_FREE_MB", "lots")
        with pytest.raises(StoreError, match="POLICYGRAPH_MIN_FREE_MB must be a number"):
            store.load(seed_plan)
        monkeypatch.setenv("POLICYGRAPH_MIN_FREE_MB", "0")  # the check is off
        assert store.load(seed_plan).status == "loaded"
    monkeypatch.setenv("POLICYGRAPH_MIN_FREE_MB", str(10**12))
    with pytest.raises(StoreError, match="not enough disk space"):
        EmbeddedStore(store_path.with_name("new.lbug"))
    assert not store_path.with_name("new.lbug").exists()


@pytest.mark.parametrize(
    ("uri", "shown"),
    [
        ("bolt://neo4j:pw@127.0.0.1:7687", "bolt://***@127.0.0.1:7687"),
        ("neo4j+s://u@host/db", "neo4j+s://***@host/db"),
        ("bolt://a:p@ss@host", "bolt://***@host"),
        ("bolt://neo4j:pw/x'\"$(y)@127.0.0.1:1", "bolt://***@127.0.0.1:1"),
        ("bolt://127.0.0.1:7687", "bolt://127.0.0.1:7687"),
        ("bolt://h?password=pw&policy=x", "bolt://h?password=***&policy=x"),
        ("neo4j://h/?Auth=pw;routing=1#api_key=k", "neo4j://h/?Auth=***;routing=1#api_key=***"),
        ("bolt://u@h?access_token=t", "bolt://***@h?access_token=***"),
        ("bolt://h?p%61ss=pw", "bolt://h?p%61ss=***"),
    ],
)
def test_neo4j_uri_is_shown_without_credentials(uri, shown):
    from policygraph.loader.stores.neo4j import redact_uri

    assert redact_uri(uri) == shown


def test_cli_load_spools_big_corpora_instead_of_keeping_them(tmp_path, monkeypatch):
    """`load` keeps the parsed plans of its first 32 MB of files; past that they wait in a spool
    file. With nothing kept, the output and the graph are those of a kept corpus."""
    from click.testing import CliRunner

    from policygraph import cli as cli_module
    from policygraph import loading
    from tests.fixtures.hostile import synthetic_text
    from tests.reliability.support import dump

    folder = tmp_path / "plans"
    folder.mkdir()
    for i in range(6):
        (folder / f"p{i}.txt").write_text(synthetic_text(30 + i, 12, seed=i), encoding="utf-8")
    outputs, graphs = [], []
    for keep in (loading.KEEP_PARSED_BYTES, 0):
        monkeypatch.setattr(loading, "KEEP_PARSED_BYTES", keep)
        store = tmp_path / f"keep{keep}.lbug"
        command = ["load", str(folder), "--store", str(store), "--batch-measures", "70", "-v"]
        result = CliRunner().invoke(cli_module.cli, command)
        assert result.exit_code == 0, result.output
        plan_lines = result.output.splitlines()[:-1]  # the last, the summary, says how long
        outputs.append("\n".join(plan_lines).replace(store.name, "STORE"))
        with EmbeddedStore(store, read_only=True) as graph:
            graphs.append(dump(graph))
    assert outputs[0] == outputs[1] and outputs[0].count("loaded p") == 6
    assert graphs[0] == graphs[1] and len(graphs[0]["Plan"]) == 6


def test_a_quoted_cell_far_into_a_batch_is_read_as_one_value(tmp_path):
    """The bulk path writes CSV files for COPY: a cell csv.writer quotes (a half-width comma or
    a double quote in a title or a measure) that comes only after the first few hundred lines
    must still be read as one value (LadybugDB guesses the dialect from the first lines unless
    it is told)."""
    from policygraph import api
    from tests.fixtures.hostile import synthetic_text

    folder = tmp_path / "plans"
    folder.mkdir()
    (folder / "a.txt").write_text(synthetic_text(900, 12, seed=3), encoding="utf-8")
    (folder / "b.txt").write_text(
        "关于推进人才工作的实施方案\n一、提高政治站位,强化担当意识\n"
        '1. 落实"人才新政",做好服务。（牵头单位：区人社局）\n',
        encoding="utf-8",
    )
    store_path = tmp_path / "s.lbug"
    with EmbeddedStore(store_path) as store:
        results = api.load(store, [folder])
    assert [r.status for r in results] == ["loaded", "loaded"]
    with EmbeddedStore(store_path, read_only=True) as store:
        rows = store.query(
            "MATCH (m:Measure)-[:IN_THEME]->(t:Theme) WHERE m.plan = 'b' RETURN t.title, m.text"
        ).rows
    assert rows == [["提高政治站位,强化担当意识", '落实"人才新政",做好服务。']]
