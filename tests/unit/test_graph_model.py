"""graph_model.md describes exactly what loader/model.py defines."""

import re
from pathlib import Path

from policygraph.loader import parse
from policygraph.loader.model import NODES, RELATIONSHIPS

ROOT = Path(__file__).resolve().parents[2]
DOC = (ROOT / "graph_model.md").read_text(encoding="utf-8")


def table_rows(heading: str) -> list[list[str]]:
    section = DOC.split(f"## {heading}\n", 1)[1].split("\n## ", 1)[0]
    rows = [
        [c.strip().strip("`") for c in line.strip().strip("|").split("|")]
        for line in section.splitlines()
        if line.startswith("| ") and not line.startswith("| label") and "---" not in line
    ]
    return [r for r in rows if r[0] not in ("type", "property", "kind")]


def test_node_properties_match_the_model():
    documented = {(r[0], r[1], r[2]) for r in table_rows("Nodes")}
    defined = {(n.label, p.name, p.type) for n in NODES for p in n.properties}
    assert documented == defined


def test_relationships_match_the_model():
    rows = [r for r in table_rows("Relationships") if len(r) == 5]
    documented = {(r[0], r[1], r[2]) for r in rows}
    defined = {(rel.type, a, b) for rel in RELATIONSHIPS for a, b in rel.ends}
    assert documented == defined
    props = {(r[0], r[1]) for r in table_rows("Relationships") if len(r) == 3}
    for rel in RELATIONSHIPS:
        assert {p.name for p in rel.properties} <= {name for name, _ in props}


def test_keys_match_the_model():
    documented = {(r[0], r[1]) for r in table_rows("Keys and constraints")}
    assert documented == {(n.label, n.key) for n in NODES}


def test_every_warning_code_is_documented():
    source = Path(parse.__file__).read_text(encoding="utf-8")
    codes = set(re.findall(r'self\.warn\([^"]*"([a-z-]+)"', source, re.S))
    assert len(codes) >= 10
    documented = set(re.findall(r"`([a-z]+(?:-[a-z]+)+)`", DOC.split("Parser warnings")[1]))
    assert codes == documented
