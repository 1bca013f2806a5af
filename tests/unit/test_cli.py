"""The real `policygraph` command, run as a user runs it: output, exit codes, exact errors."""

import json
import re

from tests.conftest import ROOT, SEED

FORMATS = ROOT / "tests" / "fixtures" / "formats"


def assert_error(result, line):
    assert result.returncode == 1, result.stderr
    assert result.stderr.strip().splitlines() == [line]
    assert "Traceback" not in result.stderr


def test_parse_json_gives_every_measure(cli):
    result = cli("parse", str(SEED), "--format", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert len(data["measures"]) == 42
    m13 = data["measures"][12]
    assert (m13["number"], m13["chapter"], m13["section"]) == (
        13,
        "建立更有竞争力的人才集聚制度",
        "完善基础教育和职业教育人才培养模式",
    )
    assert m13["leads"] == ["区人力资源和社会保障局"]
    assert {"name": "团区委", "kind": "mass", "jurisdiction": "自流井区"} in data["departments"]
    assert data["plan"]["jurisdiction"] == "自流井区"
    assert {k: data["warnings"][1][k] for k in ("measure", "code", "line")} == {
        "measure": 13,
        "code": "mislabelled-lead",
        "line": 26,
    }


def test_load_then_report_in_every_format(cli, store_path):
    loaded = cli("load", str(SEED), "--store", str(store_path))
    assert loaded.returncode == 0, loaded.stderr
    assert loaded.stdout.startswith("loaded ziliujing_talent_plan: 42 measures, 26 departments")
    again = cli("load", str(SEED), "--store", str(store_path))
    assert again.stdout.startswith("unchanged ziliujing_talent_plan")
    as_json = cli("report", "department-workload", "--store", str(store_path), "--format", "json")
    rows = json.loads(as_json.stdout)
    assert rows[0] == {
        "department": "区委组织部",
        "jurisdiction": "自流井区",  # JSON always has it; the human formats only when it varies
        "kind": "party",
        "leads": 13,
        "supports": 23,
        "total": 36,
    }
    table = cli("report", "department-workload", "--store", str(store_path)).stdout.splitlines()
    assert table[0].split() == ["department", "kind", "leads", "supports", "total"]
    assert table[2].split() == ["区委组织部", "party", "13", "23", "36"]
    csv_text = cli("report", "department-workload", "--store", str(store_path), "--format", "csv")
    assert csv_text.stdout.splitlines()[1] == "区委组织部,party,13,23,36"
    md = cli("report", "theme-summary", "--store", str(store_path), "--format", "markdown")
    assert md.stdout.splitlines()[0].startswith("| plan | chapter | section |")
    own = cli(
        "report",
        "department-measures",
        "-p",
        "department=区委机构编制委员会办公室",
        "--store",
        str(store_path),
        "--format",
        "json",
    )
    assert [(r["role"], r["number"]) for r in json.loads(own.stdout)] == [
        ("lead", 3),
        ("support", 4),
        ("support", 7),
        ("support", 28),
    ]


def test_demo_prints_headline_answers(cli):
    result = cli("demo")
    assert result.returncode == 0, result.stderr
    assert "Leads the most measures:   区人力资源和社会保障局 (18 of 42)" in result.stdout
    assert "Carries the most in total: 区委组织部 (36: 13 lead, 23 support)" in result.stdout
    assert "区人力资源和社会保障局 + 区委组织部: 31" in result.stdout


def test_error_missing_file(cli, store_path):
    assert_error(
        cli("load", "nope.txt", "--store", str(store_path)),
        "Error: nope.txt: no such file. Check the path, or run `policygraph demo` "
        "to try the bundled plan.",
    )
    assert not store_path.exists()


def test_error_unknown_report(cli, store_path):
    assert_error(
        cli("report", "department-workloda", "--store", str(store_path)),
        "Error: no report named 'department-workloda'. Did you mean "
        "department-workload? `policygraph reports` lists them all.",
    )


def test_error_missing_parameter(cli, store_path):
    assert_error(
        cli("report", "department-measures", "--store", str(store_path)),
        "Error: report department-measures needs the parameter 'department' (the "
        "department's name as written, e.g. 区委组织部); add -p department=VALUE.",
    )


def test_error_file_with_no_measures(cli, tmp_path, store_path):
    notes = tmp_path / "notes.txt"
    notes.write_text("只是一段说明。\n", encoding="utf-8")
    assert_error(
        cli("load", str(notes), "--store", str(store_path)),
        f"Error: {notes}: no numbered measures found; expected lines such as "
        "`1. …（牵头单位：…。责任单位：…）` under headings `一、` and `（一）`.",
    )


def test_error_report_before_any_load(cli, store_path):
    assert_error(
        cli("report", "department-workload", "--store", str(store_path)),
        f"Error: no embedded store at {store_path}; load a plan first: "
        f"policygraph load PLAN --store {store_path}",
    )


def test_bad_file_among_good_ones_writes_nothing_with_strict(cli, tmp_path, store_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    result = cli("load", str(SEED), str(empty), "--store", str(store_path), "--strict")
    assert_error(
        result, f"Error: {empty}: the file is empty; expected a plan with numbered measures."
    )
    assert not store_path.exists()


def a_folder_with_a_notes_file(tmp_path):
    folder = tmp_path / "plans"
    folder.mkdir()
    for name in ("division_numbered.txt", "work_points_inline.txt"):
        (folder / name).write_bytes((FORMATS / name).read_bytes())
    notes = folder / "notes.md"
    notes.write_text("# 会议记录\n\n讨论了方案的起草。\n", encoding="utf-8")
    return folder, notes


NOT_A_PLAN = (
    "no numbered measures found; expected lines such as "
    "`1. …（牵头单位：…。责任单位：…）` under headings `一、` and `（一）`."
)


def test_load_of_a_folder_names_a_file_it_cannot_read_and_loads_the_others(
    cli, tmp_path, store_path
):
    folder, notes = a_folder_with_a_notes_file(tmp_path)
    result = cli("load", str(folder), "--store", str(store_path))
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        f"Error: {notes}: {NOT_A_PLAN}",
        f"Error: 1 of 3 plan files could not be read ({notes}; each is named above) and the "
        "others are loaded; fix or remove them and load them again, or use --strict to stop "
        "at the first one.",
    ]
    # one summary line, no progress in a pipe
    assert re.fullmatch(
        r"loaded 2 plans, 12 measures, \d+ departments, \d+ assignments, \d+ warnings "
        rf"in [\d.]+ s -> {re.escape(str(store_path))}\n",
        result.stdout,
    ), result.stdout
    plans = cli("report", "plans", "--store", str(store_path), "--format", "json")
    assert [p["plan"] for p in json.loads(plans.stdout)] == [
        "division_numbered",
        "work_points_inline",
    ]


def test_load_of_a_folder_with_strict_loads_nothing_when_a_file_cannot_be_read(
    cli, tmp_path, store_path
):
    folder, notes = a_folder_with_a_notes_file(tmp_path)
    result = cli("load", str(folder), "--store", str(store_path), "--strict")
    assert_error(result, f"Error: {notes}: {NOT_A_PLAN}")
    assert not store_path.exists()


def test_load_verbose_prints_a_line_per_plan_and_the_summary(cli, tmp_path, store_path):
    folder, notes = a_folder_with_a_notes_file(tmp_path)
    notes.unlink()
    lines = cli("load", str(folder), "--store", str(store_path), "-v").stdout.splitlines()
    assert [line.split(":")[0] for line in lines[:2]] == [
        "loaded division_numbered",
        "loaded work_points_inline",
    ]
    assert lines[2].startswith("loaded 2 plans, 12 measures, ") and len(lines) == 3
    again = cli("load", str(folder), "--store", str(store_path), "--force")
    assert again.stdout.startswith("replaced 2 plans, 12 measures, ")


def test_validate_of_a_folder_names_a_file_it_cannot_read_and_checks_the_others(cli, tmp_path):
    folder, notes = a_folder_with_a_notes_file(tmp_path)
    result = cli("validate", str(folder), "--format", "json")
    assert result.returncode == 1
    assert {row["plan"] for row in json.loads(result.stdout)} == {
        "division_numbered",
        "work_points_inline",
    }
    lines = result.stderr.strip().splitlines()
    assert lines[0] == f"Error: {notes}: {NOT_A_PLAN}"
    assert re.fullmatch(
        r"\d+ problems in 2 of 2 plans; \d+ aliased names listed as notes", lines[1]
    )
    assert lines[2].startswith("Error: 1 of 3 plan files could not be read") and len(lines) == 3
    strict = cli("validate", str(folder), "--strict")
    assert_error(strict, f"Error: {notes}: {NOT_A_PLAN}")


def test_every_command_help_ends_with_an_example(cli):
    commands = ("parse", "load", "reports", "report", "demo")
    for command in (*commands, "neo4j import", "neo4j init-schema"):
        text = cli(*command.split(), "--help").stdout
        assert "Example:" in text and "policygraph " in text.split("Example:")[1], command
