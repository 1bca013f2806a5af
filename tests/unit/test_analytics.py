"""Network analytics of the department co-responsibility graph, checked against the parsed plan."""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from itertools import combinations

import networkx as nx
import pytest
from click.testing import CliRunner
from policygraph.loader.errors import InputError
from policygraph.loader.model import LEAD
from policygraph.loader.parse import parse_file
from policygraph.loader.stores.embedded import EmbeddedStore

from policygraph import analytics, network_export
from policygraph.cli import cli as pg_cli
from tests.conftest import SEED


@pytest.fixture(scope="module")
def store_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("analytics") / "seed.lbug"
    with EmbeddedStore(path) as store:
        store.load(parse_file(SEED))
    return path


@pytest.fixture(scope="module")
def graph(store_file):
    with EmbeddedStore(store_file, read_only=True) as store:
        return analytics.build_network(store)


@pytest.fixture(scope="module")
def expected(seed_plan):
    """The network built a second way: straight from the parsed assignments."""
    units = defaultdict(set)
    totals, leads = Counter(), Counter()
    for a in seed_plan.assignments:
        units[a.measure].add(a.department)
        totals[a.department] += 1
        leads[a.department] += a.role == LEAD
    shared = Counter()
    for members in units.values():
        shared.update(combinations(sorted(members), 2))
    return {"shared": shared, "totals": totals, "leads": leads}


def test_network_has_every_department_and_shared_measure(graph, expected):
    assert set(graph) == set(expected["totals"])
    assert {tuple(sorted(e)): d["weight"] for *e, d in graph.edges(data=True)} == dict(
        expected["shared"]
    )
    assert graph["区人力资源和社会保障局"]["区委组织部"]["weight"] == 31
    assert graph.nodes["区委组织部"] == {
        "name": "区委组织部",
        "jurisdiction": "自流井区",
        "kind": "party",
        "leads": 13,
        "supports": 23,
        "total": 36,
    }


def test_centrality(graph, expected):
    rows = analytics.centrality(graph)
    top = rows[0]
    # 区委组织部 shares a measure with every other department, so it is the broker
    partners = {b for a, b in expected["shared"] if a == "区委组织部"}
    partners |= {a for a, b in expected["shared"] if b == "区委组织部"}
    assert len(partners) == len(graph) - 1
    assert (top["department"], top["partners"], top["degree_centrality"]) == ("区委组织部", 25, 1.0)
    assert top["shared"] == sum(w for pair, w in expected["shared"].items() if "区委组织部" in pair)
    between = nx.betweenness_centrality(graph)
    assert {r["department"]: r["betweenness"] for r in rows} == {
        d: round(v, 4) for d, v in between.items()
    }
    assert [r["betweenness"] for r in rows] == sorted(
        (r["betweenness"] for r in rows), reverse=True
    )


def test_communities_partition_the_network_deterministically(graph):
    rows = analytics.communities(graph)
    members = [d for r in rows for d in r["departments"]]
    assert sorted(members) == sorted(graph) and len(members) == len(set(members))
    assert [r["size"] for r in rows] == sorted((r["size"] for r in rows), reverse=True)
    assert rows == analytics.communities(graph.copy())
    assert (
        "区委组织部" in rows[0]["departments"]
        and "区人力资源和社会保障局" in rows[0]["departments"]
    )
    summary = {r["metric"]: r["value"] for r in analytics.network_summary(graph)}
    assert summary["communities"] == len(rows) and summary["modularity"] > 0
    assert (summary["departments"], summary["components"]) == (26, 1)


def mean_difference_gini(values):
    """Gini as half the relative mean absolute difference (a second formula)."""
    n, mean = len(values), sum(values) / len(values)
    return sum(abs(a - b) for a in values for b in values) / (2 * n * n * mean)


def test_concentration(graph, expected):
    rows = {r["metric"]: r for r in analytics.concentration(graph, top_k=3)}
    totals = list(expected["totals"].values())
    assert rows["responsibilities"]["value"] == sum(totals) == 218
    assert rows["gini_total"]["value"] == round(mean_difference_gini(totals), 4)
    assert rows["gini_leads"]["value"] == round(
        mean_difference_gini(list(expected["leads"].values())), 4
    )
    top3 = sorted(totals, reverse=True)[:3]
    assert rows["top3_share_total"]["value"] == round(sum(top3) / sum(totals), 4)
    assert top3 == [36, 34, 24]
    assert rows["top3_share_leads"]["value"] == round((18 + 13 + 8) / 53, 4)
    assert "区委组织部、区人力资源和社会保障局、区科技经信局" in rows["top3_share_total"]["meaning"]


def test_gini_edges():
    assert analytics.gini([5, 5, 5]) == 0
    assert analytics.gini([0, 0, 0, 10]) == pytest.approx(0.75)
    assert analytics.gini([]) == 0 and analytics.top_share([], 3) == 0


def test_collectives_can_be_left_out(store_file):
    with EmbeddedStore(store_file, read_only=True) as store:
        graph = analytics.build_network(store, collectives=False)
    assert len(graph) == 25 and "区人才工作领导小组各成员单位" not in graph


@pytest.mark.parametrize("suffix", [".graphml", ".gexf", ".json"])
def test_export_round_trips(graph, tmp_path, suffix):
    path = tmp_path / f"net{suffix}"
    network_export.export_graph(graph, path)
    if suffix == ".graphml":
        back = nx.read_graphml(path)
    elif suffix == ".gexf":
        back = nx.read_gexf(path)
    else:
        back = nx.node_link_graph(json.loads(path.read_text(encoding="utf-8")), edges="links")
    assert set(back) == set(graph)
    assert {frozenset((a, b)): int(d["weight"]) for a, b, d in back.edges(data=True)} == {
        frozenset((a, b)): d["weight"] for a, b, d in graph.edges(data=True)
    }
    assert back.nodes["区委组织部"]["kind"] == "party"
    # each department carries its community, numbered as `analyze communities` lists them
    numbers = {d: r["community"] for r in analytics.communities(graph) for d in r["departments"]}
    assert {n: int(back.nodes[n]["community"]) for n in back} == numbers
    assert "community" not in graph.nodes["区委组织部"]  # the caller's graph is left as it was


def test_export_refuses_an_unknown_suffix(graph, tmp_path):
    with pytest.raises(InputError, match="end the file name in .graphml, .gexf, .json"):
        network_export.export_graph(graph, tmp_path / "net.txt")


# -- the command ----------------------------------------------------------------------------
def invoke(*args):
    return CliRunner().invoke(pg_cli, ["analyze", *args])


def test_analyze_prints_every_section(store_file):
    result = invoke("--store", str(store_file))
    assert result.exit_code == 0, result.output
    for heading in ("Network", "Centrality", "Communities", "Workload concentration"):
        assert heading in result.output
    lines = result.output.splitlines()
    broker = lines[lines.index("Centrality (brokers first)") + 3]
    assert broker.split()[:2] == ["区委组织部", "party"]
    assert "gini_total" in result.output and "top3_share_total" in result.output


def test_analyze_formats_and_exports(store_file, tmp_path):
    # stdout holds the result alone; the summary line goes to stderr (CliRunner's output has both)
    data = json.loads(invoke("--store", str(store_file), "--format", "json").stdout)
    assert set(data) == {"network", "centrality", "communities", "concentration"}
    one = json.loads(invoke("communities", "--store", str(store_file), "--format", "json").stdout)
    assert one == data["communities"]
    csv_text = invoke("centrality", "--store", str(store_file), "--format", "csv", "--bom").stdout
    assert csv_text.startswith("\ufeffdepartment,kind,total,partners,shared,")
    md = invoke("concentration", "--store", str(store_file), "--format", "markdown", "--top-k", "2")
    assert "| top2_share_total |" in md.stdout
    gexf = tmp_path / "d.gexf"
    result = invoke("--store", str(store_file), "--export", str(gexf), "-o", str(tmp_path / "a.md"))
    assert result.exit_code == 0, result.output
    assert len(nx.read_gexf(gexf)) == 26


def test_analyze_errors(cli, store_file):
    def error(*args):
        result = cli("analyze", *args, "--store", str(store_file))
        assert result.returncode == 1 and "Traceback" not in result.stderr
        return result.stderr.strip()

    assert error("--format", "csv") == (
        "Error: CSV holds one table; name one: policygraph analyze centrality --format csv "
        "(or network, communities, concentration)."
    )
    assert error("--export", "net.txt") == (
        "Error: cannot tell the export format of net.txt; end the file name in "
        ".graphml, .gexf, .json."
    )
    assert error("--plan", "nope") == (
        "Error: no plan 'nope' in the store; list them with: policygraph report plans."
    )


def test_analyze_help_ends_with_an_example(cli):
    text = cli("analyze", "--help").stdout
    assert "Example:" in text and "policygraph analyze" in text.split("Example:")[1]
