"""One co-responsibility network and one community algorithm: `analyze` and the coordination
view report the same communities, run after run."""

from __future__ import annotations

import json
import random
import re

import networkx as nx
import pytest

from policygraph import analytics, jurisdictions
from tests.conftest import ROOT, SEED, run_cli

# (plan file, communities greedy modularity finds in it). Louvain, which the view used before,
# drew 3 communities of the bundled plan while `analyze` printed 4.
PLANS = {
    "bundled": (SEED, 4),
    "liandu": (ROOT / "tests/fixtures/real/zhejiang-liandu-2023-workreport.txt", 4),
}


@pytest.fixture(scope="module", params=list(PLANS))
def plan(request, tmp_path_factory):
    path, expected = PLANS[request.param]
    store = tmp_path_factory.mktemp(request.param) / "graph.lbug"
    loaded = run_cli("load", str(path), "--store", str(store))
    assert loaded.returncode == 0, loaded.stderr
    return store, expected


def analyze_communities(store) -> tuple[str, list[set[str]]]:
    result = run_cli("analyze", "communities", "--format", "json", "--store", str(store))
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    assert [r["community"] for r in rows] == list(range(1, len(rows) + 1))
    return result.stdout, [set(r["departments"]) for r in rows]


def view_communities(store, out) -> tuple[bytes, list[set[str]]]:
    result = run_cli("view", "coordination", "-o", str(out), "--store", str(store), "--lang", "en")
    assert result.returncode == 0, result.stderr
    html = out.read_text(encoding="utf-8")
    found = re.search(r'<script id="graph-data"[^>]*>(.*?)</script>', html)
    assert found, "no graph data in the page"
    data = json.loads(found[1])
    groups: dict[int, set[str]] = {}
    for node in data["nodes"]:
        lines = [text for _, text in node["tip"]]
        number = next(int(t.split()[1]) for t in lines if t.startswith("community "))
        # a plan naming departments of several places shows each one's place, as analyze does
        place = next((t.split(": ", 1)[1] for t in lines if t.startswith("jurisdiction: ")), "")
        groups.setdefault(number, set()).add(jurisdictions.label(node["label"], place, bool(place)))
    assert sorted(groups) == list(range(1, len(groups) + 1))
    legend = re.findall(r"community (\d+): (\d+) departments?\b", html)
    assert [(int(n), int(size)) for n, size in legend] == [
        (n, len(groups[n])) for n in sorted(groups)
    ]
    return out.read_bytes(), [groups[n] for n in sorted(groups)]


def test_analyze_and_the_coordination_view_report_the_same_communities(plan, tmp_path):
    store, expected = plan
    _, by_analyze = analyze_communities(store)
    _, by_view = view_communities(store, tmp_path / "coordination.html")
    assert by_view == by_analyze
    assert len(by_analyze) == expected


def test_repeated_runs_write_identical_output(plan, tmp_path):
    # each run is a new process with its own string hash seed, so set order cannot leak in
    store, _ = plan
    assert analyze_communities(store)[0] == analyze_communities(store)[0]
    first = view_communities(store, tmp_path / "a.html")[0]
    assert view_communities(store, tmp_path / "b.html")[0] == first


def test_communities_do_not_depend_on_the_order_the_graph_was_built_in(seed_plan):
    shared: dict[tuple[str, str], int] = {}
    by_measure: dict[str, list[str]] = {}
    for a in seed_plan.assignments:
        by_measure.setdefault(a.measure, []).append(a.department)
    for names in by_measure.values():
        for i, x in enumerate(sorted(names)):
            for y in sorted(names)[i + 1 :]:
                shared[(x, y)] = shared.get((x, y), 0) + 1
    answers = set()
    for seed in range(6):
        nodes = sorted({a.department for a in seed_plan.assignments})
        edges = [(x, y, w) for (x, y), w in shared.items()]
        random.Random(seed).shuffle(nodes)
        random.Random(seed).shuffle(edges)
        graph = nx.Graph()
        graph.add_nodes_from(nodes)
        graph.add_weighted_edges_from((y, x, w) if seed % 2 else (x, y, w) for x, y, w in edges)
        answers.add(json.dumps(analytics.find_communities(graph), ensure_ascii=False))
    assert len(answers) == 1
    assert len(json.loads(answers.pop())) == 4


def test_a_network_without_links_is_one_community_per_department():
    graph = nx.Graph()
    graph.add_nodes_from(["区乙局", "区甲局"])
    assert analytics.find_communities(graph) == [["区乙局"], ["区甲局"]]
