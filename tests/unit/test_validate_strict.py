"""`validate --strict` fails on problems, not on short names read through the alias table."""

from __future__ import annotations

import json

import pytest

from tests.conftest import SEED

# A district plan naming its departments only by short forms the alias table knows.
ALIASED_ONLY = """自流井区关于优化营商环境的实施方案
一、加强组织领导
1. 建立工作专班。（牵头单位：区发改委。责任单位：区人社局、区委编办）
2. 开展政策宣传。（牵头单位：区人社局。责任单位：区发改委、区住建局）
"""


def write(tmp_path, name: str, text: str):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_plan_naming_departments_only_by_aliased_short_forms_passes_strict(cli, tmp_path):
    plan = write(tmp_path, "aliased.txt", ALIASED_ONLY)
    result = cli("validate", str(plan), "--strict", "--format", "json")
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    # still listed, as notes: where each short form was read as its full name
    assert [r["detail"] for r in rows] == [
        "measure 1: 区发改委 read as 区发展和改革委员会",
        "measure 1: 区人社局 read as 区人力资源和社会保障局",
        "measure 1: 区委编办 read as 区委机构编制委员会办公室",
        "measure 2: 区住建局 read as 区住房和城乡建设局",
    ]
    assert {r["check"] for r in rows} == {"aliased"}
    assert result.stderr.strip() == "0 problems in 0 of 1 plans; 4 aliased names listed as notes"


# Genuine problems next to the aliased names: (what the plan writes instead, the check)
PROBLEMS = {
    "a name of no known kind": (("区住建局", "区科技创新联盟"), "unknown-name"),
    "a list entry the parser is unsure is a unit": (
        ("区住建局", "区某某协调推进小组成员"),
        "not-a-unit",
    ),
    "a measure without a lead": (("（牵头单位：区人社局。责任单位：", "（配合单位："), "no-lead"),
}


@pytest.mark.parametrize("problem", PROBLEMS)
def test_a_plan_with_a_genuine_problem_beside_its_aliases_still_fails_strict(
    problem, cli, tmp_path
):
    (old, new), check = PROBLEMS[problem]
    plan = write(tmp_path, "problem.txt", ALIASED_ONLY.replace(old, new))
    result = cli("validate", str(plan), "--strict", "--format", "json")
    assert result.returncode == 3, result.stderr
    checks = [r["check"] for r in json.loads(result.stdout)]
    assert check in checks and "aliased" in checks
    found = len(checks) - checks.count("aliased")
    assert result.stderr.strip().startswith(f"{found} problems in 1 of 1 plans; ")


def test_the_bundled_plan_fails_strict_only_on_its_parser_warnings_not_its_aliases(cli):
    # Its aliased names are notes; what is left are the plan's own faults: measure 13 labels
    # both its lists 责任单位 (the first is guessed to lead), measure 12 names no supporting
    # unit and measures 38-41 give 各成员单位, a collective, as their supporting unit.
    result = cli("validate", str(SEED), "--strict", "--format", "json")
    assert result.returncode == 3, result.stderr
    rows = json.loads(result.stdout)
    counted = sorted({r["check"] for r in rows if r["check"] != "aliased"})
    assert counted == ["collective-unit", "mislabelled-lead", "no-supports"]
    assert result.stderr.strip() == "6 problems in 1 of 1 plans; 5 aliased names listed as notes"
