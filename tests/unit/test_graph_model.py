"""graph_model.md is generated from loader/model.py (tests/unit/test_generated_files.py checks
it is up to date); here, what the model and the page say is checked against the code."""

import re
from pathlib import Path

from policygraph.loader import departments, parse
from policygraph.loader.docs import KIND_RULES, graph_model_markdown
from policygraph.loader.model import (
    DEPARTMENT_KINDS,
    NODES,
    RELATIONSHIPS,
    WARNING_CODES,
    Department,
)
from policygraph.loader.stores.neo4j import constraint_statements, index_statements


def test_every_warning_code_the_parser_emits_is_documented_and_no_other():
    source = Path(parse.__file__).read_text(encoding="utf-8")
    codes = set(re.findall(r'self\.warn\([^"]*"([a-z-]+)"', source, re.S))
    assert len(codes) >= 10
    assert codes == set(WARNING_CODES)


def test_every_property_and_relationship_is_on_the_page():
    page = graph_model_markdown()
    for node in NODES:
        for p in node.properties:
            assert f"| `{node.label}` | `{p.name}` | {p.type} |" in page
    for rel in RELATIONSHIPS:
        for a, b in rel.ends:
            assert f"| `{rel.type}` | `{a}` | `{b}` |" in page
        for p in rel.properties:
            assert f"| `{p.name}` | {p.type} |" in page


def test_each_kind_is_documented_with_examples_that_get_that_kind():
    assert list(KIND_RULES) == [kind for kind, _ in departments._RULES] + ["other"]
    assert set(KIND_RULES) == set(DEPARTMENT_KINDS)
    for kind, (_, examples) in KIND_RULES.items():
        for name in examples:
            assert departments.department_kind(name) == kind, name


def test_the_keys_and_neo4j_indexes_on_the_page_are_the_ones_the_stores_declare():
    page = graph_model_markdown().split("## Keys and constraints")[1].split("\n## ")[0]
    constraints = " ".join(constraint_statements())
    indexes = " ".join(index_statements())
    for node in NODES:
        row = next(
            ln for ln in page.splitlines() if ln.startswith(f"| `{node.label}` | `{node.key}` |")
        )
        assert f"FOR (n:{node.label}) REQUIRE n.{node.key} IS UNIQUE" in constraints
        assert ("index on `plan`" in row) == (f"FOR (n:{node.label}) ON (n.plan)" in indexes)
        assert ("index on `name`" in row) == (f"FOR (n:{node.label}) ON (n.name)" in indexes)


def test_a_department_key_is_its_place_and_canonical_name():
    assert Department("区人力资源和社会保障局", "government", "自流井区").id == (
        "自流井区/区人力资源和社会保障局"
    )
    assert "`<jurisdiction>/<name>`" in graph_model_markdown()
