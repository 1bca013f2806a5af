"""Network files for Gephi: what `analyze --export` writes, read back with networkx and checked
against the network, the community algorithm and the store it came from."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import replace

import networkx as nx
import pytest
from click.testing import CliRunner
from policygraph.loader.model import LEAD, LEADS, SUPPORTS, Assignment, Department
from policygraph.loader.parse import parse_file
from policygraph.loader.stores.embedded import EmbeddedStore

from policygraph import analytics, network_export
from policygraph.cli import cli as pg_cli
from tests.conftest import ROOT, SEED
from tests.fixtures.hostile import hostile_plan
from tests.reliability.cases import XML_FORBIDDEN_NAMES

SECOND = ROOT / "tests/fixtures/real/zhejiang-liandu-2023-workreport.txt"
READ = {".gexf": nx.read_gexf, ".graphml": nx.read_graphml}


@pytest.fixture(scope="module")
def store_file(seed_store_file):
    return seed_store_file


@pytest.fixture(scope="module")
def graph(store_file):
    with EmbeddedStore(store_file, read_only=True) as store:
        return analytics.build_network(store)


def export(store_file, path, *args):
    result = CliRunner().invoke(
        pg_cli, ["analyze", "network", "--store", str(store_file), "--export", str(path), *args]
    )
    assert result.exit_code == 0, result.output
    return READ[path.suffix](path) if path.suffix in READ else None


@pytest.mark.parametrize("suffix", [".gexf", ".graphml"])
def test_every_department_carries_its_community_degrees_and_betweenness(
    graph, store_file, tmp_path, suffix
):
    back = export(store_file, tmp_path / f"net{suffix}")
    numbers = {n: i for i, group in enumerate(analytics.find_communities(graph), 1) for n in group}
    between = nx.betweenness_centrality(graph)
    assert set(back) == set(graph)
    for name, data in back.nodes(data=True):
        assert int(data["community"]) == numbers[name]
        assert int(data["degree_unweighted"]) == graph.degree(name)
        assert int(data["degree_weighted"]) == graph.degree(name, weight="weight")
        assert float(data["betweenness"]) == between[name]
    # not vacuous: the broker has a betweenness above zero and more than one community exists
    assert float(back.nodes["区委组织部"]["betweenness"]) > 0 and len(set(numbers.values())) == 4


def test_gexf_colours_one_community_alike_and_different_communities_apart(
    graph, store_file, tmp_path
):
    back = export(store_file, tmp_path / "net.gexf")
    colours: dict[int, set[tuple[int, int, int]]] = {}
    for _, data in back.nodes(data=True):
        c = data["viz"]["color"]
        colours.setdefault(int(data["community"]), set()).add((c["r"], c["g"], c["b"]))
    assert all(len(found) == 1 for found in colours.values()), colours
    assert len({next(iter(found)) for found in colours.values()}) == len(colours) == 4
    # the first community has the coordination view's first colour, on every run
    assert colours[1] == {(0x4E, 0x79, 0xA7)}
    export(store_file, tmp_path / "again.gexf")  # the same file again, but its date

    def body(name):
        return (tmp_path / name).read_text(encoding="utf-8").split("</meta>")[1]

    assert body("again.gexf") == body("net.gexf")


def test_the_coordination_view_colours_each_community_as_the_gexf_export_does(store_file, tmp_path):
    from policygraph import views

    back = export(store_file, tmp_path / "net.gexf")
    exported = {}
    for _, data in back.nodes(data=True):
        c = data["viz"]["color"]
        exported[int(data["community"])] = "#{:02x}{:02x}{:02x}".format(c["r"], c["g"], c["b"])
    with EmbeddedStore(store_file, read_only=True) as store:
        view = views.build_view(store, "coordination", lang="en")
    legend = [entry["color"] for entry in view.legend if entry["text"].startswith("community")]
    assert legend == [exported[n] for n in sorted(exported)] and len(legend) == 4


def test_gexf_sizes_departments_by_the_measures_they_carry(graph, store_file, tmp_path):
    back = export(store_file, tmp_path / "net.gexf")
    size = {n: float(d["viz"]["size"]) for n, d in back.nodes(data=True)}
    totals = {n: d["total"] for n, d in graph.nodes(data=True)}
    assert max(size, key=size.get) == max(totals, key=totals.get) == "区委组织部"
    assert size["区委组织部"] == network_export.MAX_SIZE
    ranked = sorted(totals, key=totals.get)
    assert [size[n] for n in ranked] == sorted(size.values())


def test_community_colours_stay_distinct_past_the_palette():
    colours = [network_export.community_color(n) for n in range(1, 41)]
    assert len(set(colours)) == 40
    assert colours[0] == "#4e79a7" and all(len(c) == 7 and c[0] == "#" for c in colours)


@pytest.mark.parametrize("suffix", [".gexf", ".graphml", ".json"])
def test_bipartite_export_holds_every_assignment_with_its_role(store_file, tmp_path, suffix):
    path = tmp_path / f"roles{suffix}"
    back = export(store_file, path, "--bipartite")
    if back is None:
        back = nx.node_link_graph(json.loads(path.read_text(encoding="utf-8")), edges="links")
    with EmbeddedStore(store_file, read_only=True) as store:
        counts = store.counts()
    roles = Counter(role for *_, role in back.edges(data="role"))
    assert roles == {LEADS: counts[LEADS], SUPPORTS: counts[SUPPORTS]} == {LEADS: 53, SUPPORTS: 165}
    assert back.number_of_edges() == 218 and back.is_directed()
    parsed = parse_file(SEED)
    expected = {
        (a.department, a.measure, LEADS if a.role == LEAD else SUPPORTS) for a in parsed.assignments
    }
    assert {(a, b, d["role"]) for a, b, d in back.edges(data=True)} == expected
    types = Counter(t for _, t in back.nodes(data="type"))
    assert types == {"department": 26, "measure": len(parsed.measures)}
    first = parsed.measures[0]
    edge = next(d for a, b, d in back.edges(data=True) if b == first.id)
    assert (edge["plan"], int(edge["number"])) == (first.plan, first.number)
    assert edge["text"] == first.text[: network_export.TEXT_CHARS - 1] + "…"
    assert back.nodes[first.id]["text"] == edge["text"]


def test_bipartite_export_takes_the_selected_plan_or_all(tmp_path):
    path = tmp_path / "two.lbug"
    seed, second = parse_file(SEED), parse_file(SECOND)
    with EmbeddedStore(path) as store:
        store.load(seed)
        store.load(second)
    every = export(path, tmp_path / "all.graphml", "--bipartite")
    one = export(path, tmp_path / "one.graphml", "--bipartite", "--plan", second.plan.id)
    plans = Counter(p for _, p in every.nodes(data="plan") if p)
    assert plans == {
        seed.plan.id: len(seed.measures),
        second.plan.id: len(second.measures),
    }
    assert {p for _, p in one.nodes(data="plan") if p} == {second.plan.id}
    assert one.number_of_edges() == len(second.assignments)
    # departments are named as in the co-responsibility network of the same store
    with EmbeddedStore(path, read_only=True) as store:
        departments = set(analytics.build_network(store))
    assert {n for n, t in every.nodes(data="type") if t == "department"} == departments


def test_bipartite_without_export_is_one_error(store_file):
    result = CliRunner().invoke(pg_cli, ["analyze", "--store", str(store_file), "--bipartite"])
    assert result.exit_code == 1
    assert "--bipartite says what --export writes; add --export FILE.gexf." in result.output


@pytest.mark.parametrize("suffix", [".gexf", ".graphml"])
def test_hostile_names_and_texts_stay_well_formed_xml(tmp_path, suffix):
    plan = hostile_plan()
    forbidden = [Department(name, "other") for name in XML_FORBIDDEN_NAMES]
    first = plan.measures[0]
    plan = replace(
        plan,
        measures=[replace(first, text="\x01\ufffe" + first.text), *plan.measures[1:]],
        departments=plan.departments + forbidden,
        assignments=plan.assignments
        + [Assignment(d.name, first.id, LEAD, 20 + i) for i, d in enumerate(forbidden)],
    )
    path = tmp_path / "hostile.lbug"
    with EmbeddedStore(path) as store:
        store.load(plan)
    for args in ((), ("--bipartite",)):
        out = tmp_path / f"{'roles' if args else 'net'}{suffix}"
        back = export(path, out, *args)
        ET.parse(out)  # well-formed, or this raises
        names = {name for _, name in back.nodes(data="name") if name}
        for name in XML_FORBIDDEN_NAMES:  # shown as \uXXXX text, and still distinct
            assert "".join(c if c.isprintable() else f"\\u{ord(c):04x}" for c in name) in names
        assert any("<script>" in name for name in names)  # markup is text, escaped by the writer
        assert len(names) == len(plan.departments)
    texts = [t for _, t in back.nodes(data="text") if t]
    assert any(t.startswith("\\u0001\\ufffe") for t in texts), texts
