"""The report catalogue loads, validates its files, and checks parameters."""

from pathlib import Path

import pytest
from policygraph.loader.errors import ReportError
from policygraph.queries import _parse_report, catalogue, get_report

HEAD = "// name: r\n// description: d\n// group: Workload\n"


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / f"{name}.cypher"
    path.write_text(text, encoding="utf-8")
    return path


def test_catalogue_is_valid_and_documented():
    reports = catalogue()
    assert {"department-workload", "department-measures", "theme-summary"} <= set(reports)
    for report in reports.values():
        assert report.description
        assert report.path.stem == report.name


def test_declared_params_must_match_the_vars(tmp_path):
    path = write(
        tmp_path,
        "r",
        HEAD + "// param: a str -- x\nMATCH (n) WHERE n.x = $b RETURN n\n",
    )
    with pytest.raises(ReportError, match=r"r.cypher:4: declared params \['a'\] differ"):
        _parse_report(path)


def test_vars_in_strings_and_comments_do_not_count(tmp_path):
    path = write(
        tmp_path,
        "r",
        HEAD + "MATCH (n) WHERE n.x = '$notaparam' // $nor\nRETURN n\n",
    )
    assert _parse_report(path).params == ()


def test_name_must_match_file(tmp_path):
    path = write(tmp_path, "r", "// name: other\n// description: d\n// group: Workload\nRETURN 1\n")
    with pytest.raises(ReportError, match=r"r.cypher:1: the header must say `// name: r`"):
        _parse_report(path)


def test_engine_variants_need_both_engines(tmp_path):
    path = write(
        tmp_path,
        "r",
        HEAD + "// engine: neo4j\nRETURN 1\n",
    )
    with pytest.raises(ReportError, match="needs a body for each engine"):
        _parse_report(path)


def test_bind_checks_parameters():
    report = get_report("department-measures")
    assert report.bind({"department": "区教育局"}) == {
        "department": "区教育局",
        "jurisdiction": "",
        "plan": "",
    }
    with pytest.raises(ReportError, match="needs the parameter 'department'"):
        report.bind({})
    with pytest.raises(ReportError, match="has no parameter 'dept'"):
        report.bind({"dept": "x", "department": "y"})
    with pytest.raises(ReportError, match="must be a whole number, not 'many'"):
        get_report("coordination-pairs").bind({"limit": "many"})


def test_unknown_report_suggests_close_names():
    with pytest.raises(ReportError, match="Did you mean department-workload"):
        get_report("departments-workload")


def test_every_report_is_in_a_group_and_the_groups_keep_their_order():
    from policygraph.queries import GROUPS, grouped

    reports = catalogue()
    assert {r.group for r in reports.values()} == set(GROUPS)
    listed = grouped(reports)
    assert [g for g, _ in listed] == list(GROUPS)
    assert sorted(r.name for _, members in listed for r in members) == sorted(reports)


def test_a_report_needs_a_known_group(tmp_path):
    path = write(tmp_path, "r", "// name: r\n// description: d\nRETURN 1\n")
    with pytest.raises(ReportError, match=r"r.cypher:1: report r has no `// group:` line"):
        _parse_report(path)
    path = write(tmp_path, "r", "// name: r\n// description: d\n// group: Misc\nRETURN 1\n")
    with pytest.raises(ReportError, match=r"r.cypher:3: unknown group 'Misc'; use one of Workload"):
        _parse_report(path)
