"""Security: report parameters and names can never change a query, hostile plan ids and paths
stay values, and the Neo4j password is never shown nor taken from the command line."""

from __future__ import annotations

import re

import pytest
from policygraph.loader.errors import ReportError
from policygraph.loader.parse import parse_file, parse_text, plan_id_from_path
from policygraph.loader.stores.embedded import EmbeddedStore
from policygraph.queries import catalogue, run_report

from tests.conftest import ROOT, SEED
from tests.fixtures.hostile import HOSTILE_TEXT

from .cases import CREDENTIAL_SCENARIOS, HOSTILE_NAMES, HOSTILE_PLAN_IDS, HOSTILE_VALUES
from .support import cli_env, dump, one_error_line, run, usage_error_line

SECRET = "pg-Secret-'\"$(touch /tmp/pwned)-7f3a"


def plans():
    # of the seed plan's district, so the examples (区委组织部) name one department
    return [parse_file(SEED), parse_text(HOSTILE_TEXT, "hostile", jurisdiction="自流井区")]


@pytest.fixture(scope="module")
def embedded(tmp_path_factory):
    path = tmp_path_factory.mktemp("security") / "graph.lbug"
    with EmbeddedStore(path) as store:
        for parsed in plans():
            store.load(parsed)
    return path


@pytest.fixture(scope="module")
def neo4j_graph(own_neo4j):
    from neo4j import GraphDatabase
    from policygraph.loader.stores.neo4j import Neo4jStore

    if not own_neo4j.running():
        own_neo4j.start()
    with GraphDatabase.driver(own_neo4j.uri, auth=None) as driver:
        driver.execute_query("MATCH (n) DETACH DELETE n")
    with Neo4jStore(own_neo4j.uri) as store:
        for parsed in plans():
            store.load(parsed)
        yield store


def run_every_report(store, value: str) -> int:
    """Every report, with `value` in each parameter in turn; returns how many runs were made."""
    runs = 0
    for report in catalogue().values():
        for param in report.params:
            params = {**report.example_params(), param.name: value}
            if param.type == "int":
                with pytest.raises(ReportError, match="must be a whole number"):
                    run_report(store, report.name, params)
            elif param.type == "date":
                with pytest.raises(ReportError, match="must be a date"):
                    run_report(store, report.name, params)
            else:
                try:
                    run_report(store, report.name, params)  # runs, as data
                except ReportError as exc:  # or is refused as naming nothing the store holds
                    assert str(exc).startswith("no "), exc
            runs += 1
    return runs


@pytest.mark.parametrize("store", ["embedded", pytest.param("neo4j", marks=pytest.mark.neo4j)])
@pytest.mark.parametrize("value", HOSTILE_VALUES, ids=range(len(HOSTILE_VALUES)))
def test_hostile_parameter_values_change_nothing(store, value, request, record):
    if store == "embedded":
        graph = EmbeddedStore(request.getfixturevalue("embedded"))
    else:
        graph = request.getfixturevalue("neo4j_graph")
    try:
        before = dump(graph)
        runs = run_every_report(graph, value)
        # a value, compared as a value, names no department: refused as such
        with pytest.raises(ReportError, match="^no department"):
            run_report(graph, "department-measures", {"department": value})
        assert dump(graph) == before
    finally:
        if store == "embedded":
            graph.close()
    if store == "embedded" and "\x00" not in value:  # the command line cannot carry a NUL
        path = str(request.getfixturevalue("embedded"))
        result = run(
            "report", "department-measures", "-p", f"department={value}", "--store", path,
            "--format", "json",
        )  # fmt: skip
        assert one_error_line(result).startswith("Error: no department"), result.stderr
    record(store=store, value=value, runs=runs)


@pytest.mark.parametrize("name", HOSTILE_NAMES, ids=range(len(HOSTILE_NAMES)))
def test_report_names_come_only_from_the_catalogue(name, embedded, record):
    with EmbeddedStore(embedded, read_only=True) as graph:
        before = dump(graph)
    line = one_error_line(run("report", name, "--store", str(embedded)))
    assert line.startswith(f"Error: no report named {name!r}."), line
    as_param = run("report", "plan-workload", "-p", f"{name}=x", "--store", str(embedded))
    if not name:  # `-p =x`: click's own check that KEY=VALUE has a key
        usage_error_line(as_param)
    else:
        assert one_error_line(as_param).startswith(
            f"Error: report plan-workload has no parameter {name!r}"
        )
    with EmbeddedStore(embedded, read_only=True) as graph:
        assert dump(graph) == before
    record(name=name, error=line)


def test_hostile_plan_ids_and_paths_stay_values(tmp_path, record):
    assert HOSTILE_PLAN_IDS == 3
    store = tmp_path / "graph.lbug"
    assert run("load", str(SEED), "--store", str(store)).returncode == 0
    text = SEED.read_text(encoding="utf-8")
    hostile_file = tmp_path / "x'}) MATCH (n) DETACH DELETE n; \"--.txt"
    file_id = plan_id_from_path(hostile_file)  # spaces become _, the rest is kept
    hostile_file.write_text(text, encoding="utf-8")
    option_id = 'p" OR 1=1 // $plan'
    quoted_tmp = tmp_path / "it's a (temp) dir\\"
    quoted_tmp.mkdir()
    loads = [
        run("load", str(hostile_file), "--store", str(store)),
        run("load", str(SEED), "--plan-id", option_id, "--store", str(store)),
        run(  # the COPY statements read CSV files from the temporary folder: a quoted path
            "load", str(SEED), "--plan-id", "tmp", "--store", str(store),
            env=cli_env(TMPDIR=str(quoted_tmp)),
        ),
    ]  # fmt: skip
    for result in loads:
        assert result.returncode == 0, result.stderr
    with EmbeddedStore(store, read_only=True) as graph:
        stored = dump(graph)
    ids = [row[0] for row in stored["Plan"]]
    assert sorted(ids) == sorted(["ziliujing_talent_plan", file_id, option_id, "tmp"])
    per_plan = {p: sum(row[1] == p for row in stored["Measure"]) for p in ids}
    assert set(per_plan.values()) == {42}, per_plan
    record(plan_ids=ids)


# -- credentials ------------------------------------------------------------------------------
SCENARIOS = [
    "unreachable",
    "bad-uri",
    "debug-traceback",
    "help",
    pytest.param("load-and-report", marks=pytest.mark.neo4j),
    pytest.param("server-logs", marks=pytest.mark.neo4j),
]


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_password_is_never_shown(scenario, request, record):
    assert len(SCENARIOS) == CREDENTIAL_SCENARIOS
    env = cli_env(NEO4J_PASSWORD=SECRET, NEO4J_URI="bolt://127.0.0.1:1")
    seen = ""
    if scenario == "unreachable":
        result = run("report", "plans", "--neo4j", env=env)
        seen = one_error_line(result)
    elif scenario == "bad-uri":
        env["NEO4J_URI"] = "http://127.0.0.1:7474"
        seen = one_error_line(run("load", str(SEED), "--neo4j", env=env))
    elif scenario == "debug-traceback":
        env["POLICYGRAPH_DEBUG"] = "1"
        result = run("load", str(SEED), "--neo4j", env=env)
        assert result.returncode == 1
        seen = result.stdout + result.stderr
    elif scenario == "help":
        seen = "".join(
            run(*command, "--help", env=env).stdout
            for command in (["load"], ["report"], ["view"], ["analyze"], ["neo4j", "start"])
        )
        assert "NEO4J_PASSWORD" in seen and "--password" not in seen
    else:
        server = request.getfixturevalue("neo4j_up")
        env["NEO4J_URI"] = server.uri
        results = [
            run("load", str(SEED), "--neo4j", env=env),
            run("report", "plans", "--neo4j", "--format", "json", env=env),
            run("neo4j", "status", "--home", str(server.home), env=env),
        ]
        assert results[0].returncode == 0 and results[1].returncode == 0, results[0].stderr
        seen = "".join(r.stdout + r.stderr for r in results)
        if scenario == "server-logs":
            seen = "".join(
                p.read_text(errors="replace") for p in server.home.rglob("*") if p.is_file()
                and p.suffix in (".log", ".json", "") and p.stat().st_size < 50_000_000
            )  # fmt: skip
    assert SECRET not in seen and "Secret" not in seen
    record(scenario=scenario)


def test_password_is_never_an_option(record):
    result = run("load", str(SEED), "--neo4j", "--password", SECRET)
    line = usage_error_line(result)
    assert re.fullmatch(r"Error: No such option:? '?--password'?\.?", line), line
    assert SECRET not in result.stdout + result.stderr
    ignored = (ROOT / ".gitignore").read_text(encoding="utf-8").split()
    assert ".env" in ignored  # the file people put the real password in is never committed
    example = (ROOT / ".env.example").read_text(encoding="utf-8")
    assert re.search(r"^NEO4J_PASSWORD=change-me", example, re.M)  # a placeholder, not a secret
    record(error=line)


@pytest.mark.parametrize("uri", ["http://neo4j:{}@127.0.0.1:7474", "bolt://neo4j:{}@127.0.0.1:1"])
def test_password_inside_the_uri_is_not_printed(uri):
    result = run("report", "plans", "--neo4j", env=cli_env(NEO4J_URI=uri.format(SECRET)))
    line = one_error_line(result)
    assert "Secret" not in result.stdout + result.stderr
    assert "NEO4J_PASSWORD" in line, line  # and it says where the password belongs
