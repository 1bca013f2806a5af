"""The Neo4j Browser kit: the style file parses and fits the model; every guide block is a
catalogue report (or sets one of its parameters)."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

from policygraph.loader.model import DEPARTMENT, MEASURE, NODE_BY_LABEL, PLAN, RELATIONSHIPS, THEME
from policygraph.queries import catalogue
from policygraph.queries.docs import GUIDE_HTML

ROOT = Path(__file__).resolve().parents[2]
GRASS = ROOT / "browser" / "policygraph.grass"
RULE_RE = re.compile(r'([\w.]+)\s*\{((?:"[^"]*"|[^{}"])*)\}')
DECL_RE = re.compile(r"^\s*([\w-]+)\s*:\s*(.+?)\s*$")
PARAM_RE = re.compile(r"^:param (\w+) => ('(?:[^'\\]|\\.)*'|-?\d+)$")


def parse_grass(text: str) -> dict[str, dict[str, str]]:
    """GRaSS (Browser's graph style sheet): `selector { property: value; ... }` rules."""
    rules: dict[str, dict[str, str]] = {}
    rest = RULE_RE.sub("", text)
    assert not rest.strip(), f"text outside rules: {rest.strip()[:60]!r}"
    for selector, body in RULE_RE.findall(text):
        decls = {}
        for part in re.findall(r'(?:"[^"]*"|[^;"])+', body):
            if part.strip():
                m = DECL_RE.match(part)
                assert m, f"{selector}: cannot read {part.strip()!r}"
                decls[m.group(1)] = m.group(2)
        assert selector not in rules, f"{selector} twice"
        rules[selector] = decls
    return rules


def test_style_parses_and_colours_each_label_distinctly():
    rules = parse_grass(GRASS.read_text(encoding="utf-8"))
    assert {"node", "relationship"} <= set(rules)
    colours = {}
    for label in (PLAN, THEME, MEASURE, DEPARTMENT):
        rule = rules[f"node.{label}"]
        assert re.fullmatch(r"#[0-9A-Fa-f]{6}", rule["color"]), label
        colours[label] = rule["color"].upper()
    assert len(set(colours.values())) == 4


def test_style_has_one_rule_per_line_so_typing_it_cannot_leave_a_stray_brace():
    # Browser's editor closes a bracket when one is typed; a rule spread over lines, typed
    # (or pasted by a tool that types), left a `}` over, read as a rule with no selector that
    # crashed Browser 5.24 at the next graph. A rule on one line is closed where it is opened.
    lines = GRASS.read_text(encoding="utf-8").splitlines()
    assert lines and all(RULE_RE.fullmatch(line) for line in lines), lines
    assert len(lines) == len(parse_grass("\n".join(lines)))


def test_style_captions_name_real_properties():
    rules = parse_grass(GRASS.read_text(encoding="utf-8"))
    expected = {PLAN: "id", THEME: "title", MEASURE: "number", DEPARTMENT: "name"}
    for selector, decls in rules.items():
        kind, _, name = selector.partition(".")
        assert kind in ("node", "relationship"), selector
        caption = decls.get("caption", '""')
        assert caption.startswith('"') and caption.endswith('"'), selector
        if kind == "node" and name:
            props = {p.name for p in NODE_BY_LABEL[name].properties}
            fields = re.findall(r"\{(\w+)\}", caption)
            assert fields and set(fields) <= props, selector
        elif kind == "relationship" and name:
            assert name in {r.type for r in RELATIONSHIPS}, selector
    for label, prop in expected.items():
        assert rules[f"node.{label}"]["caption"] == f'"{{{prop}}}"'


class GuideParser(HTMLParser):
    """Collects each slide's id and the text of its runnable blocks."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.slides: list[tuple[str | None, list[str]]] = []
        self._in_block = False
        self._text: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "slide":
            self.slides.append((attrs.get("id"), []))
        elif tag == "pre" and "runnable" in (attrs.get("class") or "").split():
            self._in_block, self._text = True, []

    def handle_endtag(self, tag):
        if tag == "pre" and self._in_block:
            self.slides[-1][1].append("".join(self._text))
            self._in_block = False

    def handle_data(self, data):
        if self._in_block:
            self._text.append(data)


def test_every_guide_block_is_a_catalogue_report_or_its_parameter():
    parser = GuideParser()
    parser.feed(GUIDE_HTML.read_text(encoding="utf-8"))
    reports = catalogue()
    intro, *slides = parser.slides
    assert intro[1] == []  # the first slide only lists the reports
    assert sorted(name for name, _ in slides) == sorted(reports)
    for name, blocks in slides:
        report = reports[name]
        *params, query = blocks
        assert query == report.body("neo4j").rstrip(), name
        set_here = {}
        for line in params:
            m = PARAM_RE.match(line)
            assert m, f"{name}: {line!r}"
            set_here[m.group(1)] = m.group(2)
        assert list(set_here) == [p.name for p in report.params], name
        for p in report.params:
            is_int = not set_here[p.name].startswith("'")
            assert is_int == (p.type == "int"), (name, p.name)
    chain = dict(slides)["department-chain"]
    assert ":param department_a => '区统计局'" in chain
    assert "allShortestPaths" in chain[-1]


def test_browser_doc_points_at_the_kit():
    text = (ROOT / "docs" / "neo4j-browser.md").read_text(encoding="utf-8")
    assert "browser/policygraph.grass" in text and ":play http://localhost" in text
    assert GUIDE_HTML.name in text and "policygraph neo4j guide" in text
    assert "npx" not in text


def test_browser_doc_names_every_report_with_a_text_per_engine():
    text = (ROOT / "docs" / "neo4j-browser.md").read_text(encoding="utf-8")
    listed = text.split("text for each engine (", 1)[1].split(")", 1)[0]
    two_engine = sorted(n for n, r in catalogue().items() if "*" not in r.bodies)
    assert re.findall(r"`([\w-]+)`", listed) == two_engine
