"""The CSV files for Neo4j's offline importer, and `load --bulk`, without a Neo4j server (the
import itself is compared with a Bolt load in tests/integration/test_neo4j_import.py)."""

import csv
import dataclasses
import shutil
from pathlib import Path

import pytest
from policygraph.loader.errors import InputError, PolicygraphError
from policygraph.loader.model import NODE_BY_LABEL, NODES, RELATIONSHIPS
from policygraph.loader.parse import parse_file, parse_text
from policygraph.loader.stores.base import batch_rows
from policygraph.loader.stores.neo4j_csv import ImportFiles

from policygraph import neo4j_workers
from policygraph.loading import ParseSettings
from policygraph.neo4j_import import write_files
from policygraph.neo4j_workers import cut
from tests.conftest import SEED

OTHER = "一、章\n1. 别的计划。（牵头单位：区委组织部。责任单位：区统计局）\n"
LINEAGE = Path(__file__).parents[1] / "fixtures" / "lineage"


@pytest.fixture
def corpus(tmp_path):
    """Plan files sharing departments (the seed plan's district) and cited documents (a city
    plan and a district plan implementing it)."""
    folder = tmp_path / "plans"
    folder.mkdir()
    shutil.copy(SEED, folder / "a-seed.txt")
    (folder / "b-other.txt").write_text(OTHER, encoding="utf-8")
    shutil.copy(LINEAGE / "yunnan-kunming-2016-growth.txt", folder / "c-kunming.txt")
    shutil.copy(LINEAGE / "yunnan-guandu-2016-growth.txt", folder / "d-guandu.txt")
    (folder / "e-more.txt").write_text(OTHER.replace("别的", "更多的"), encoding="utf-8")
    return folder


def read(path):
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.reader(fh))


def written(folder, plans, **options):
    with ImportFiles(folder) as files:
        results = files.load_many(plans, **options)
    return files, results


def test_every_node_file_has_the_model_properties_with_the_key_as_its_id(tmp_path, seed_plan):
    files, _ = written(tmp_path / "f", [seed_plan])
    for label, f in files.nodes.items():
        header = read(f.path)[0]
        names = [h.split(":")[0] for h in header]
        assert names == [p.name for p in NODE_BY_LABEL[label].properties]
        assert f"{NODE_BY_LABEL[label].key}:ID({label})" in header
    # progress records and kept versions are not written by a first load
    assert {n.label for n in NODES} - set(files.nodes) == {"Progress", "PlanVersion"}


def test_every_relationship_file_names_its_ends_and_typed_properties(tmp_path, seed_plan):
    files, _ = written(tmp_path / "f", [seed_plan])
    leads = read(files.rels[("LEADS", "Department", "Measure")].path)
    props = {r.type: r.properties for r in RELATIONSHIPS}["LEADS"]
    assert leads[0][:2] == [":START_ID(Department)", ":END_ID(Measure)"]
    assert [h.split(":")[0] for h in leads[0][2:]] == [p.name for p in props]
    assert "inferred:boolean" in leads[0] and "position:long" in leads[0]
    first = dict(zip(leads[0], leads[1], strict=True))
    assert first["inferred:boolean"] in ("true", "false")  # as the importer spells them
    assert first[":START_ID(Department)"] == "自流井区/区委组织部"


def test_the_rows_are_the_rows_the_stores_write(tmp_path, seed_plan):
    files, results = written(tmp_path / "f", [seed_plan])
    rows = batch_rows([seed_plan])
    counts = files.counts()
    assert counts["Measure"] == len(rows.nodes["Measure"]) == 42
    assert counts["Department"] == len(rows.departments)
    assert counts["LEADS"] == len(rows.rels[("LEADS", "Department", "Measure")])
    assert [r.status for r in results] == ["loaded"]
    measures = read(files.nodes["Measure"].path)
    text = measures[0].index("text")
    assert [m[text] for m in measures[1:]] == [m.text for m in seed_plan.measures]
    deadline = measures[0].index("deadline")
    # empty text is an empty cell, which the importer leaves unset (null), as the stores do
    assert "" in [m[deadline] for m in measures[1:]]


def test_a_department_shared_by_plans_of_several_batches_is_written_once(tmp_path, seed_plan):
    other = parse_text(OTHER, "other", jurisdiction="自流井区")
    files, _ = written(tmp_path / "f", [seed_plan, other], batch_measures=1)
    ids = [row[0] for row in read(files.nodes["Department"].path)[1:]]
    assert "自流井区/区委组织部" in ids and len(ids) == len(set(ids))
    assert files.counts()["Plan"] == 2


def test_a_line_break_in_a_value_asks_the_importer_for_multiline_fields(tmp_path, seed_plan):
    plain, _ = written(tmp_path / "plain", [seed_plan])
    assert "--multiline-fields=true" not in plain.admin_arguments()
    first = dataclasses.replace(seed_plan.measures[0], text="第一行\n第二行")
    broken = dataclasses.replace(seed_plan, measures=[first, *seed_plan.measures[1:]])
    files, _ = written(tmp_path / "broken", [broken])
    assert "--multiline-fields=true" in files.admin_arguments()
    assert read(files.nodes["Measure"].path)[1][4] == "第一行\n第二行"


def test_the_admin_arguments_name_the_database_first_and_every_file(tmp_path, seed_plan):
    files, _ = written(tmp_path / "f", [seed_plan])
    args = files.admin_arguments("plans", overwrite=True)
    assert args[:5] == ["database", "import", "full", "plans", "--overwrite-destination=true"]
    named = {a.split("=", 2)[2] for a in args if a.startswith(("--nodes=", "--relationships="))}
    assert named == {str(p.resolve()) for p in (tmp_path / "f").iterdir()}


def test_a_folder_that_holds_files_is_refused_and_left_alone(tmp_path, seed_plan):
    (tmp_path / "keep.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(InputError, match=r"is not empty; give a new or empty folder"):
        ImportFiles(tmp_path)
    assert [p.name for p in tmp_path.iterdir()] == ["keep.txt"]


def test_a_plan_given_twice_is_refused(tmp_path, seed_plan):
    with pytest.raises(InputError, match="given twice"), ImportFiles(tmp_path / "f") as files:
        files.load_many([seed_plan, seed_plan], batch_measures=1)


def test_load_bulk_writes_the_files_and_prints_the_commands_to_run(cli, tmp_path):
    folder = tmp_path / "import"
    out = cli("load", str(SEED), "--store", "bolt://db.example.org:7687", "--bulk", str(folder))
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    assert lines[0].endswith(f"-> Neo4j import files in {folder}")
    admin = next(x.strip() for x in lines if "neo4j-admin" in x)
    assert admin.startswith("2. neo4j-admin database import full neo4j --nodes=")
    assert f"--nodes=Measure={folder.resolve() / 'Measure.csv'}" in admin
    assert lines[-2].strip() == (
        "4. policygraph neo4j init-schema --store bolt://db.example.org:7687"
    )
    assert len(read(folder / "Measure.csv")) == 1 + len(parse_file(SEED).measures)


def test_load_bulk_on_the_embedded_store_is_an_error(cli, tmp_path):
    out = cli("load", str(SEED), "--store", str(tmp_path / "x.lbug"), "--bulk", str(tmp_path / "f"))
    assert out.returncode == 1
    assert out.stderr.strip().splitlines() == [
        "Error: --bulk writes files for Neo4j's importer; give --neo4j (or --store "
        "bolt://HOST) with it, or drop --bulk to load the embedded store."
    ]
    assert not (tmp_path / "x.lbug").exists() and not (tmp_path / "f").exists()


def test_init_schema_on_the_embedded_store_is_an_error(cli, tmp_path):
    out = cli("neo4j", "init-schema", "--store", str(tmp_path / "x.lbug"))
    assert out.returncode == 1
    assert out.stderr.strip().splitlines() == [
        "Error: init-schema sets up a Neo4j database; give --neo4j or --store bolt://HOST."
    ]


def test_load_bulk_stops_at_an_unreadable_file_and_leaves_no_files(cli, tmp_path):
    plans = tmp_path / "plans"
    plans.mkdir()
    (plans / "a.txt").write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    (plans / "b.txt").write_text("no measures here\n", encoding="utf-8")
    folder = tmp_path / "import"
    out = cli("load", str(plans), "--neo4j", "--bulk", str(folder))
    assert out.returncode == 1 and "Traceback" not in out.stderr
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: ") and "b.txt" in lines[0]
    assert list(folder.iterdir()) == []


def groups(folder, files):
    """Every row written, by node label or by relationship type and ends, sorted, with the
    header; the load time (a timestamp of each batch) left out."""
    rows = {}
    for f in files:
        header, *body = read(f.path)
        stamp = [i for i, h in enumerate(header) if h.startswith("loaded_at")]
        body = [[c for i, c in enumerate(row) if i not in stamp] for row in body]
        key = f.ends or f.group
        assert rows.setdefault(key, (header, []))[0] == header
        rows[key][1].extend(body)
    return {key: (header, sorted(body)) for key, (header, body) in rows.items()}


def test_two_workers_write_the_rows_one_process_writes(tmp_path, corpus):
    one = write_files((str(corpus),), ImportFiles(tmp_path / "one"), ParseSettings(), workers=1)
    two = write_files((str(corpus),), ImportFiles(tmp_path / "two"), ParseSettings(), workers=2)
    assert [r.plan for r in two.results] == [r.plan for r in one.results]
    assert (two.warnings, two.departments) == (one.warnings, one.departments)
    measure_files = [f for f in two.files if f.group == "Measure"]
    assert len(measure_files) > 1  # each worker's share in files of its own
    assert sum(f.rows for f in measure_files) == sum(r.measures for r in one.results)
    shared = [f for f in two.files if f.group in ("Department", "Document")]
    assert [f.path.name for f in shared] == ["Department.csv", "Document.csv"]
    assert groups(tmp_path / "two", two.files) == groups(tmp_path / "one", one.files)
    # every file written is one the importer is told of
    told = {f.path for f in two.files}
    assert {p for p in (tmp_path / "two").rglob("*") if p.is_file()} == told


def test_a_plan_id_given_twice_across_workers_is_refused_and_no_files_are_left(tmp_path, corpus):
    twice = tmp_path / "twice"
    for name, source in (("a", SEED), ("b", corpus / "c-kunming.txt"), ("c", SEED)):
        (twice / name).mkdir(parents=True)
        shutil.copy(source, twice / name / source.name)
    first, *_, last = cut(sorted(twice.rglob("*.txt")), 8)
    assert first[0].parent.name == "a" and last[-1].parent.name == "c"  # in two shares
    folder = tmp_path / "f"
    with pytest.raises(InputError, match="given twice"):
        write_files((str(twice),), ImportFiles(folder), ParseSettings(), workers=2)
    assert list(folder.iterdir()) == []


def test_neo4j_import_with_workers_stops_at_an_unreadable_file_and_leaves_no_files(
    cli, tmp_path, corpus
):
    (corpus / "c-bad.txt").write_text("no measures here\n", encoding="utf-8")
    home, folder = tmp_path / "home", tmp_path / "files"
    out = cli(
        "neo4j", "import", str(corpus), "--home", str(home), "--workers", "2",
        "--files-folder", str(folder),
    )  # fmt: skip
    assert out.returncode == 1 and "Traceback" not in out.stderr
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: ") and "c-bad.txt" in lines[0]
    assert list(folder.iterdir()) == []


def test_the_shares_keep_the_file_order_and_about_equal_sizes(tmp_path):
    paths = []
    for i, size in enumerate([10, 10, 10, 10, 40, 10, 10]):
        paths.append(tmp_path / f"{i}.txt")
        paths[-1].write_text("x" * size, encoding="utf-8")
    shares = cut(paths, 4)
    assert [p for share in shares for p in share] == paths
    assert [len(share) for share in shares] == [2, 2, 1, 2]
    assert cut(paths[:2], 8) == [[paths[0]], [paths[1]]]
    assert cut([tmp_path / "missing.txt"], 3) == [[tmp_path / "missing.txt"]]


def _die(*args):
    """A worker that stops as one killed by the system does."""
    import os

    os._exit(9)


def test_a_worker_killed_while_writing_is_one_error_and_leaves_no_files(
    tmp_path, corpus, monkeypatch
):
    monkeypatch.setattr(neo4j_workers, "_worker", _die)
    folder = tmp_path / "f"
    with pytest.raises(PolicygraphError, match="--workers 1") as caught:
        write_files((str(corpus),), ImportFiles(folder), ParseSettings(), workers=2)
    assert "stopped before it finished" in str(caught.value)
    assert [p for p in folder.rglob("*") if p.is_file()] == []
