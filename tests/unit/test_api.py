"""The public API: what the README documents exists and runs, errors keep their cause, the
commands that need no heavy library do not import one, and the Layout table is the tree."""

from __future__ import annotations

import inspect
import re
import subprocess
import sys
import tomllib

import pytest
from click.testing import CliRunner
from policygraph.loader.errors import InputError, PolicygraphError, ReportError, ViewError

import policygraph as pg
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def section(title: str) -> str:
    start = README.index(f"\n## {title}\n")
    end = README.find("\n## ", start + 1)
    return README[start : end if end > 0 else None]


def python_blocks(text: str) -> list[str]:
    return re.findall(r"```python\n(.*?)```", text, flags=re.S)


def test_the_readme_python_example_runs_and_prints_what_the_readme_says(tmp_path):
    blocks = python_blocks(section("Python API"))
    assert blocks, "the Python API section has no ```python example"
    result = subprocess.run(
        [sys.executable, "-c", "\n".join(blocks)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    said = re.search(r"prints `([^`]+)` and `([^`]+)`", section("Python API"))
    assert said, "the section says what the example prints"
    assert result.stdout.splitlines() == [said[1], said[2]]


def test_every_name_the_readme_gives_the_api_is_in_policygraph_all():
    text = section("Python API")
    named = set(re.findall(r"\bpg\.(\w+)", text))  # in the example and the text
    named |= set(re.findall(r"`(\w+)(?:\(\))?`", text))  # `parse_text`, `reports()` ...
    named -= {"__cause__"}  # an attribute of every exception
    assert named, "found no names in the section"
    missing = sorted(n for n in named if n not in pg.__all__)
    assert not missing, f"documented but not in policygraph.__all__: {missing}"


def test_every_public_name_exists_and_every_function_documents_parameters_returns_raises():
    raises_nothing = {"plan_to_json"}  # pure: it raises nothing of its own
    for name in pg.__all__:
        value = getattr(pg, name)  # AttributeError names a missing one
        if not inspect.isfunction(value):
            continue
        doc = inspect.getdoc(value) or ""
        parts = ["Returns"]
        parts += ["Parameters"] if inspect.signature(value).parameters else []
        parts += [] if name in raises_nothing else ["Raises"]
        for part in parts:
            assert f"{part}\n---" in doc, f"{name}'s docstring lacks {part}"


def test_api_functions_answer_as_the_commands_do(tmp_path):
    plan = pg.parse_file(pg.SAMPLE_PLAN)
    problems = pg.validate(plan)
    assert problems.columns == ["plan", "line", "measure", "check", "detail"]
    assert ["ziliujing_talent_plan", 26, 13, "mislabelled-lead"] in [r[:4] for r in problems.rows]
    data = pg.plan_to_json(plan)
    assert len(data["measures"]) == 42 and data["measures"][0]["leads"]
    text = pg.parse_text("一、总则\n1. 做好工作（牵头单位：区财政局；责任单位：区审计局）\n")
    assert [(a.department, a.role) for a in text.assignments] == [
        ("区财政局", "lead"),
        ("区审计局", "support"),
    ]
    with pg.open_store(tmp_path / "g.lbug") as store:
        loaded = pg.load(store, [pg.SAMPLE_PLAN])
        assert [(r.plan, r.status, r.measures) for r in loaded] == [
            ("ziliujing_talent_plan", "loaded", 42)
        ]
        assert pg.load(store, [pg.SAMPLE_PLAN])[0].status == "unchanged"
        top = pg.run_report(store, "top-lead-share", top=3).records()
        assert top[-1]["share_pct"] == pytest.approx(73.8, abs=0.05)
        with pytest.raises(ReportError, match="no report named 'nope'"):
            pg.run_report(store, "nope")
        with pytest.raises(ViewError, match="needs --department"):
            pg.write_view(store, "department", tmp_path / "d.html")
    assert {r.name for r in pg.reports()} >= {"department-workload", "plans"}
    runner = CliRunner()
    from policygraph.cli import cli

    shown = runner.invoke(
        cli,
        ["report", "department-workload", "--store", str(tmp_path / "g.lbug"), "--format", "json"],
    )
    assert shown.exit_code == 0, shown.output
    with pg.open_store(tmp_path / "g.lbug", read_only=True) as store:
        frame = pg.to_dataframe(pg.run_report(store, "department-workload"))
    assert (
        '"department": "区委组织部"' in shown.output and frame.loc[0, "department"] == "区委组织部"
    )


def test_an_error_keeps_its_cause_for_a_library_caller_and_the_cli_prints_one_line(tmp_path):
    aliases = tmp_path / "aliases.csv"
    aliases.write_bytes(b"\xff\xfe\x00not utf-8")
    with pytest.raises(InputError, match="cannot be read as UTF-8") as caught:
        pg.parse_file(pg.SAMPLE_PLAN, aliases=[aliases])
    assert isinstance(caught.value.__cause__, UnicodeDecodeError)  # the codec's error, kept
    from policygraph.cli import cli

    result = CliRunner().invoke(cli, ["parse", str(pg.SAMPLE_PLAN), "--aliases", str(aliases)])
    assert result.exit_code == 1
    assert result.output.count("Error:") == 1 and "Traceback" not in result.output


def test_views_have_their_own_error_class_under_the_common_base():
    assert issubclass(ViewError, PolicygraphError) and not issubclass(ViewError, ReportError)


def test_opening_a_store_by_uri_chooses_neo4j_and_by_path_the_embedded_file(tmp_path):
    from policygraph.loader.errors import StoreError

    # port 9 (discard) answers nothing: the Neo4j store is chosen, and says no server answered
    with pytest.raises(StoreError, match="Neo4j"):
        pg.open_store("bolt://127.0.0.1:9")
    with pytest.raises(StoreError, match="no embedded store"):
        pg.open_store(tmp_path / "none.lbug", read_only=True)


def test_starting_the_cli_imports_no_heavy_library():
    heavy = ["networkx", "pyvis", "pandas", "jinja2", "docx", "pypdf", "neo4j", "openpyxl"]
    code = (
        "import sys, policygraph.cli\n"
        f"print([m for m in {heavy!r} if m in sys.modules])\n"
        "print('policygraph.loader.parse' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, encoding="utf-8", cwd=ROOT
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split("\n")[:2] == ["[]", "False"]  # nor the parser's regexes


def test_the_readme_layout_table_lists_exactly_the_folders_and_packages_there_are():
    rows = re.findall(r"^\| `([^`]+)/` \| (`[\w.]+`|—) \|", section("Layout"), flags=re.M)
    table = {folder: package.strip("`") for folder, package in rows}
    tracked = subprocess.run(
        ["git", "ls-tree", "-d", "--name-only", "HEAD"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    tops = {t for t in tracked if not t.startswith(".")}
    assert {f.split("/")[0] for f in table} == tops
    assert all((ROOT / f).is_dir() for f in table), table
    setup = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]
    folders = {"policygraph": "policygraph", **setup["setuptools"]["package-dir"]}
    installed = {folder: package for package, folder in folders.items()}
    assert {f: p for f, p in table.items() if p != "—"} == installed


def test_the_type_check_covers_every_module_the_package_installs():
    import importlib
    import importlib.util
    import pkgutil
    from pathlib import Path

    spec = importlib.util.spec_from_file_location("typecheck", ROOT / "scripts" / "typecheck.py")
    assert spec and spec.loader
    typecheck = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(typecheck)
    # the oracle: where the import system finds each package (the editable install's mapping)
    setup = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]
    todo, found = ["policygraph", *setup["setuptools"]["package-dir"]], {}
    while todo:
        package = todo.pop()
        folder = Path(importlib.import_module(package).__path__[0])
        for source in folder.glob("*.py"):
            found["/".join([*package.split("."), source.name])] = source.resolve()
        todo += [f"{package}.{m.name}" for m in pkgutil.iter_modules([str(folder)]) if m.ispkg]
    laid = {k: v.resolve() for k, v in typecheck.layout().items()}
    assert laid == found and "policygraph/loader/stores/base.py" in laid


def test_no_public_name_is_also_a_submodule_that_would_replace_it_once_imported():
    # Importing policygraph.X sets the attribute X of the package to the module: a function
    # exported as policygraph.X would turn into a module after some command imported it.
    import pkgutil

    submodules = {info.name for info in pkgutil.iter_modules(pg.__path__)}
    assert submodules and not submodules & set(pg.__all__), submodules & set(pg.__all__)
