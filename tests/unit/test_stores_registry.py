"""The store registry: a target names its store (a path or a URI), every registered class is a
whole Store, and a read-only open writes nothing (no server needed)."""

import inspect
from pathlib import Path

import pytest
from policygraph.loader.errors import StoreError
from policygraph.loader.stores import ENGINES, PATH, engine_name, open_store
from policygraph.loader.stores.base import DIALECTS, Store
from policygraph.loader.stores.embedded import EmbeddedStore
from policygraph.queries import catalogue, run_report

from tests.conftest import SEED

ACCEPTED = (
    "give a file path (embedded LadybugDB store) or a URI starting with bolt://, bolt+s://, "
    "bolt+ssc://, neo4j://, neo4j+s://, neo4j+ssc:// (Neo4j)."
)


@pytest.mark.parametrize("name", list(ENGINES))
def test_every_registered_class_is_a_whole_store(name):
    cls = ENGINES[name].load_class()
    assert cls.name == name
    assert cls.dialect in DIALECTS
    members = {m for m in dir(Store) if not m.startswith("_")} | {"__enter__", "__exit__"}
    members |= set(Store.__annotations__)
    assert [m for m in sorted(members) if not hasattr(cls, m) and m not in ("notices",)] == []
    assert "read_only" in inspect.signature(cls.open).parameters
    settings = set(inspect.signature(cls.open).parameters) - {"target", "read_only"}
    assert settings == set(ENGINES[name].settings)


def test_each_scheme_names_one_engine_and_every_dialect_has_a_body():
    schemes = [s for engine in ENGINES.values() for s in engine.schemes]
    assert len(schemes) == len(set(schemes)) and PATH in schemes
    dialects = {ENGINES[name].load_class().dialect for name in ENGINES}
    for report in catalogue().values():
        assert all(report.body(d) for d in dialects), report.name


@pytest.mark.parametrize(
    ("target", "engine"),
    [
        ("policygraph.lbug", "embedded"),
        ("plans/zigong.lbug", "embedded"),
        (r"C:\Users\分析\graph.lbug", "embedded"),
        (Path("bolt://not-a-uri"), "embedded"),  # a Path object is always a path
        ("bolt://127.0.0.1:7687", "neo4j"),
        ("BOLT+S://host", "neo4j"),
        ("neo4j://host", "neo4j"),
        ("neo4j+s://abc.databases.neo4j.io", "neo4j"),
        ("neo4j+ssc://host:7687", "neo4j"),
    ],
)
def test_a_target_names_its_store(target, engine):
    assert engine_name(target) == engine


@pytest.mark.parametrize("target", ["http://127.0.0.1:7474", "ftp://h/x", "file:///tmp/g.lbug"])
def test_an_unknown_scheme_is_an_error_naming_the_accepted_forms(target):
    scheme = target.split("://")[0]
    with pytest.raises(StoreError) as caught:
        open_store(target)
    assert str(caught.value) == (
        f"cannot open the store {target!r}: unknown scheme {scheme}://; {ACCEPTED}"
    )


def test_cli_unknown_scheme_is_one_error_line_without_the_password(cli, tmp_path):
    result = cli("report", "plans", "--store", "http://neo4j:s3cret-pw@127.0.0.1:7474")
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "Error: cannot open the store 'http://***@127.0.0.1:7474': unknown scheme http://; "
        + ACCEPTED
    ]
    assert "s3cret-pw" not in result.stdout + result.stderr


def test_an_option_no_store_takes_is_a_type_error(tmp_path):
    with pytest.raises(TypeError, match="open_store\\(\\) takes no option 'usrname'"):
        open_store(tmp_path / "g.lbug", usrname="neo4j")


def test_settings_of_another_engine_are_ignored(tmp_path, seed_plan):
    with open_store(tmp_path / "g.lbug", username="neo4j", database=None) as store:
        assert isinstance(store, EmbeddedStore)
        assert store.load(seed_plan).status == "loaded"
        assert run_report(store, "plans").rows[0][0] == seed_plan.plan.id


def test_opening_a_missing_store_read_only_creates_nothing(tmp_path, cli):
    missing = tmp_path / "none.lbug"
    with pytest.raises(StoreError, match="no embedded store at .*load a plan first"):
        open_store(missing, read_only=True)
    result = cli("analyze", "--store", str(missing))
    assert result.stderr.startswith(f"Error: no embedded store at {missing}; load a plan first")
    assert list(tmp_path.iterdir()) == []


def test_a_read_only_embedded_store_leaves_its_files_unchanged(tmp_path, seed_plan):
    path = tmp_path / "g.lbug"
    with open_store(path) as store:
        store.load(seed_plan)
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    with open_store(path, read_only=True) as store:
        assert run_report(store, "department-workload").rows
        with pytest.raises(StoreError, match="opened for reading only"):
            store.load(seed_plan, force=True)
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before


def test_store_option_help_says_what_it_takes(cli):
    for command in (["load"], ["report"], ["analyze"], ["view"]):
        text = " ".join(cli(*command, "--help").stdout.split())
        assert "--store PATH|URI The store: a file path (embedded LadybugDB store) or a URI" in text
        assert "--neo4j Use the Neo4j server at --uri instead of --store" in text


def test_cli_store_path_loads_and_reports(cli, tmp_path):
    path = tmp_path / "g.lbug"
    loaded = cli("load", str(SEED), "--store", str(path))
    assert loaded.stdout.rstrip().endswith(f"-> {path}"), loaded.stderr
    report = cli("report", "plans", "--store", str(path), "--format", "json")
    assert '"plan": "ziliujing_talent_plan"' in report.stdout
