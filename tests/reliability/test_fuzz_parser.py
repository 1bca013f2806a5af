"""Bad input for the parser: hypothesis-generated and mutated plans, arbitrary bytes, hostile
lines, huge files, control characters and broken encodings.

Every input must give records plus warnings, or one InputError (the CLI's `Error:` line);
never another exception, and always within a bounded time and memory.
"""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
import tempfile
import time
import zipfile
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from policygraph.loader.aliases import load_aliases
from policygraph.loader.chars import INVISIBLE_RE
from policygraph.loader.errors import InputError
from policygraph.loader.model import LEAD, SUPPORT, ParsedPlan
from policygraph.loader.parse import parse_file, parse_text
from policygraph.loader.readers import MAX_BYTES, MAX_DOCX_XML

from tests.conftest import ROOT, SEED

from .cases import (
    CONTROL_CHARACTERS,
    ENCODINGS,
    FUZZ_CLI,
    FUZZ_FILES,
    FUZZ_MUTATED,
    FUZZ_PLAN_GRAMMAR,
    FUZZ_RANDOM_TEXT,
    HUGE,
    PATHOLOGICAL,
)

ALIASES = load_aliases()
FIXTURES = ROOT / "tests" / "fixtures" / "formats"
FORMATS = sorted(p for p in FIXTURES.iterdir() if p.suffix in (".txt", ".md"))  # text plans
SEEDS = [SEED.read_bytes()] + [p.read_bytes() for p in FORMATS]
WARNINGS_DOC = (ROOT / "graph_model.md").read_text(encoding="utf-8").split("Parser warnings")[1]
DOCUMENTED_CODES = set(re.findall(r"`([a-z]+(?:-[a-z]+)+)`", WARNINGS_DOC))


def fuzz_settings(examples: int):
    return settings(
        max_examples=examples,
        deadline=None,  # a shared CI machine: bounded time is tested separately, below
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )


def check_records(parsed: ParsedPlan) -> None:
    """What every parse must give: records that fit together, warnings that are documented."""
    ids = [m.id for m in parsed.measures]
    assert len(set(ids)) == len(ids)
    assert [m.seq for m in parsed.measures] == list(range(1, len(ids) + 1))
    assert parsed.plan.measures == len(ids)
    themes = {t.id for t in parsed.themes}
    assert len(themes) == len(parsed.themes)
    assert all(t.parent in themes or t.parent == parsed.plan.id for t in parsed.themes)
    assert all(m.theme is None or m.theme in themes for m in parsed.measures)
    names = [d.name for d in parsed.departments]
    assert len(set(names)) == len(names)
    assert all(n and not re.search(r"\s", n) for n in names)
    named = set()
    positions = Counter()
    for a in parsed.assignments:
        assert a.department in names and a.measure in ids and a.role in (LEAD, SUPPORT)
        positions[(a.measure, a.role)] += 1
        assert a.position == positions[(a.measure, a.role)]
        named.add(a.department)
    assert named == set(names), "a department no assignment names"
    pairs = [(a.department, a.measure) for a in parsed.assignments]
    assert len(set(pairs)) == len(pairs), "a department twice on one measure"
    for c in parsed.commitments:
        assert c.measure in ids and c.text
        assert all(v is None or v == v and abs(v) != float("inf") for v in (c.low, c.high))
    for w in parsed.warnings:
        assert w.code in DOCUMENTED_CODES and w.line >= 1 and w.message
    texts = [
        parsed.plan.title,
        *(t.title for t in parsed.themes),
        *(m.text for m in parsed.measures),
    ]
    assert not any(INVISIBLE_RE.search(t) for t in texts + names)


def parse_or_input_error(path: Path) -> str:
    try:
        parsed = parse_file(path, aliases=ALIASES)
    except InputError as exc:
        message = str(exc)
        assert message.startswith(str(path)) and "\n" not in message
        return "error"
    check_records(parsed)
    return "records"


# -- arbitrary text -----------------------------------------------------------------------------
TOKENS = [
    "一、", "二、", "（一）", "（二）", "(1)", "（1）", "1.", "2．", "3、", "第一章", "第二部分",
    "牵头单位：", "责任单位：", "配合单位：", "牵頭單位：", "责任部门:", "牵头", "负责", "配合",
    "（", "）", "(", ")", "、", "，", "；", "。", "：", "\n", "\r\n", "\n\n", " ", "　", "\t",
    "区委组织部", "区财政局", "各有关部门", "区人社局", "等", "5万元", "不低于70%", "连续3年",
    "每年至少2次", "20名", "2025年底前", "百十", "9" * 30, "**", "|", "---", "# ", "\x00",
    "\u202e", "\u200b", "\x1b[31m", "\u2028", "\x85", "\ufeff", "附件1",
]  # fmt: skip
TEXT = st.one_of(
    st.text(max_size=3000),
    st.lists(st.one_of(st.sampled_from(TOKENS), st.text(max_size=6)), max_size=400).map("".join),
)


def test_any_text_gives_consistent_records(record):
    runs = Counter()

    @fuzz_settings(FUZZ_RANDOM_TEXT)
    @given(TEXT)
    def check(text: str) -> None:
        parsed = parse_text(text, "p", aliases=ALIASES)
        check_records(parsed)
        runs["measures" if parsed.measures else "none"] += 1

    check()
    assert sum(runs.values()) >= FUZZ_RANDOM_TEXT
    record(examples=sum(runs.values()), with_measures=runs["measures"])


# -- generated plans, round-tripped -------------------------------------------------------------
SAFE = "甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥天地玄黄宇宙洪荒日月盈昃辰宿列张"
CN = "一二三四五六七八九十"
name_st = st.text(SAFE, min_size=1, max_size=4).map(lambda s: f"区{s}局")
text_st = st.text(SAFE + "，0123456789%", min_size=1, max_size=30).map(lambda s: "加强" + s)


@st.composite
def measure_st(draw):
    names = draw(st.lists(name_st, min_size=1, max_size=6, unique=True))
    resolved = [ALIASES.resolve(n) for n in names]
    if len(set(resolved)) < len(resolved):
        names = names[:1]
    shape = draw(st.sampled_from(["labelled", "own-lines", "inline", "single-list"]))
    leads = draw(st.integers(1, len(names))) if shape != "single-list" else 1
    lines = draw(st.lists(text_st, min_size=1, max_size=3))
    subs = [] if shape == "own-lines" else draw(st.lists(text_st, max_size=3))
    return shape, names[:leads], names[leads:], lines, subs


def render_measure(number: str, m) -> tuple[list[str], str]:
    """The lines of one measure in its shape, and the text the parser should give back."""
    shape, leads, supports, lines, subs = m
    lead, support = "、".join(leads), "、".join(supports)
    out = [number + lines[0], *lines[1:]]
    if shape == "own-lines":
        out += [f"牵头单位：{lead}", *([f"责任单位：{support}"] if support else [])]
    elif shape == "labelled":
        out[-1] += f"（牵头单位：{lead}" + (f"。责任单位：{support}" if support else "") + "）"
    elif shape == "inline":
        out[-1] += f"（{lead}牵头" + (f"，{support}配合" if support else "") + "）"
    else:  # one 责任单位 list: the first unit leads, the rest support
        out[-1] += f"（责任单位：{'、'.join(leads + supports)}）"
    if subs:  # sub-points （1）… below a measure numbered 1. …: part of its text
        out += [f"（{i}）{sub}" for i, sub in enumerate(subs, 1)]
    return out, "".join(lines) + "".join(f"（{i}）{sub}" for i, sub in enumerate(subs, 1))


@st.composite
def plan_st(draw):
    chapters = draw(st.lists(st.integers(0, 3), min_size=1, max_size=3))  # sections per chapter
    style = draw(st.sampled_from(["{}. ", "{}．", "{}、", "（{}）"]))
    restart = draw(st.booleans())
    lines = ["测试" + draw(st.text(SAFE, min_size=1, max_size=8)) + "实施方案"]
    expected = []
    n = 0
    for c, sections in enumerate(chapters):
        lines.append(f"{CN[c]}、{draw(st.text(SAFE, min_size=1, max_size=8))}")
        for s in range(max(sections, 1)):
            if sections:
                lines.append(f"（{CN[s]}）{draw(st.text(SAFE, min_size=1, max_size=8))}")
            if restart and (sections or s == 0):
                n = 0
            for m in draw(st.lists(measure_st(), min_size=1, max_size=4)):
                if style == "（{}）":
                    m = (*m[:4], [])  # sub-points would be numbered like the measures
                n += 1
                rendered, text = render_measure(style.format(n), m)
                lines += rendered
                expected.append((n, text, m))
    return "\n".join(lines) + "\n", expected


def test_generated_plans_round_trip(record):
    runs = Counter()

    @fuzz_settings(FUZZ_PLAN_GRAMMAR)
    @given(plan_st())
    def check(plan) -> None:
        text, expected = plan
        parsed = parse_text(text, "gen", aliases=ALIASES)
        check_records(parsed)
        assert len(parsed.measures) == len(expected), text
        for measure, (number, body, (shape, leads, supports, *_)) in zip(
            parsed.measures, expected, strict=True
        ):
            assert (measure.number, measure.text) == (number, body), text
            resolve = [ALIASES.resolve(n) for n in leads], [ALIASES.resolve(n) for n in supports]
            assert (parsed.units(measure.id, LEAD), parsed.units(measure.id, SUPPORT)) == resolve
            runs[shape] += 1
        codes = {w.code for w in parsed.warnings}
        assert not codes & {"text-outside-measure", "numbering-gap", "numbering-duplicate"}, text

    check()
    record(measures_by_shape=dict(runs))
    assert sum(runs.values()) >= FUZZ_PLAN_GRAMMAR


# -- mutated real plans and arbitrary files -----------------------------------------------------
SEED_TEXTS = [data.decode("utf-8") for data in SEEDS]


@st.composite
def mutated_st(draw):
    """A real plan with up to 25 edits of its characters, saved as UTF-8 (sometimes GB18030 or
    UTF-16); one in five also gets raw byte edits, which mostly make it undecodable."""
    text = list(draw(st.sampled_from(SEED_TEXTS)))
    for _ in range(draw(st.integers(1, 25))):
        pos = draw(st.integers(0, len(text)))
        op = draw(st.sampled_from(["insert", "delete", "duplicate"]))
        if op == "insert":
            text[pos:pos] = draw(st.one_of(st.sampled_from(TOKENS), st.text(max_size=8)))
        elif op == "delete":
            del text[pos : pos + draw(st.integers(1, 40))]
        else:
            start = draw(st.integers(0, len(text)))
            text[pos:pos] = text[start : start + draw(st.integers(1, 200))]
    encoding = draw(st.sampled_from(["utf-8"] * 6 + ["utf-8-sig", "gb18030", "utf-16"]))
    data = bytearray("".join(text).encode(encoding, "replace"))
    if draw(st.integers(0, 4)) == 0:
        for _ in range(draw(st.integers(1, 3))):
            pos = draw(st.integers(0, len(data)))
            data[pos:pos] = draw(st.binary(min_size=1, max_size=4))
    return bytes(data), draw(st.sampled_from([".txt", ".md"]))


def files_outcomes(strategy: st.SearchStrategy, examples: int) -> Counter:
    """Parse `examples` files of (bytes, suffix) drawn from `strategy`: how each one ended."""
    outcomes: Counter = Counter()
    with tempfile.TemporaryDirectory() as tmp:

        @fuzz_settings(examples)
        @given(strategy)
        def check(case) -> None:
            data, suffix = case
            path = Path(tmp) / f"case{suffix}"
            path.write_bytes(data)
            outcomes[parse_or_input_error(path)] += 1

        check()
    return outcomes


def test_mutated_plans_never_crash(record):
    outcomes = files_outcomes(mutated_st(), FUZZ_MUTATED)
    assert sum(outcomes.values()) >= FUZZ_MUTATED
    assert outcomes["records"] >= FUZZ_MUTATED // 3, "too few mutants reach the parser"
    record(**outcomes)


def docx_with(body_xml: bytes) -> bytes:
    """A .docx made by python-docx, its document.xml replaced by `body_xml`."""
    import docx

    buffer = io.BytesIO()
    docx.Document().save(buffer)
    out = io.BytesIO()
    with zipfile.ZipFile(buffer) as src, zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            dst.writestr(item, body_xml if item.filename == "word/document.xml" else data)
    return out.getvalue()


XML_HEAD = b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
PDF = (FIXTURES / "work_points_inline.pdf").read_bytes()


def damaged_pdf(at: int, junk: bytes, cut: bool) -> bytes:
    """The PDF fixture cut short at `at`, or with `junk` written over it there."""
    return PDF[:at] if cut else PDF[:at] + junk + PDF[at + len(junk) :]


FILE_ST = st.one_of(
    st.tuples(st.binary(max_size=4000), st.sampled_from([".txt", ".md", ".docx", ".pdf"])),
    st.tuples(
        st.builds(
            damaged_pdf,
            st.integers(0, len(PDF) - 1),
            st.binary(min_size=1, max_size=16),
            st.booleans(),
        ),
        st.just(".pdf"),
    ),
    st.tuples(
        st.binary(max_size=400).map(lambda b: docx_with(XML_HEAD + b"<w:body>" + b)),
        st.just(".docx"),
    ),
    st.tuples(
        st.text(SAFE + "<>/&;\"' wpr:", max_size=200).map(
            lambda t: docx_with(XML_HEAD + b"<w:body><w:p><w:r><w:t>" + t.encode() + b"</w:t>")
        ),
        st.just(".docx"),
    ),
)


def test_arbitrary_files_never_crash(record):
    outcomes = files_outcomes(FILE_ST, FUZZ_FILES)
    assert sum(outcomes.values()) >= FUZZ_FILES
    record(**outcomes)


def test_cli_on_generated_plans(record):
    from policygraph.cli import cli

    runner = CliRunner()
    outcomes = Counter()
    with tempfile.TemporaryDirectory() as tmp:

        @fuzz_settings(FUZZ_CLI)
        @given(st.one_of(plan_st().map(lambda p: p[0].encode()), mutated_st().map(lambda m: m[0])))
        def check(data: bytes) -> None:
            path = Path(tmp) / "plan.txt"
            path.write_bytes(data)
            for args in (["parse", str(path)], ["parse", str(path), "--format", "json"]):
                result = runner.invoke(cli, args)
                assert "unexpected" not in result.output, result.output
                if result.exit_code == 0:
                    outcomes["ok"] += 1
                else:
                    assert result.exit_code == 1, result.output
                    assert result.output.strip().splitlines()[-1].startswith("Error: ")
                    outcomes["error"] += 1
            result = runner.invoke(cli, ["validate", str(path), "--format", "csv"])
            assert result.exit_code in (0, 1) and "unexpected" not in result.output

        check()
    assert sum(outcomes.values()) >= 2 * FUZZ_CLI
    record(**outcomes)


# -- hostile lines, huge inputs -----------------------------------------------------------------
MB = 1_000_000
HEAD = "测试实施方案\n一、章\n"
PATHOLOGICAL_LINES = {
    "label-flood": "1. " + "（牵头单位：" * (MB // 6),
    "unclosed-inline-roles": "1. （" + "负责" * (MB // 2),
    "close-then-spaces": "1. 措施）" + " " * MB + "x",
    "digit-run": "1. " + "1" * MB + "（牵头单位：区财政局）",
    "numeral-run": "1. " + "一" * MB + "（牵头单位：区财政局）",
    "space-run": "1. a" + " " * MB + "b（牵头单位：区财政局）",
    "nested-open": "1. " + "（" * MB + "牵头单位：区财政局）",
    "nested-close": "1. 措施" + "）" * MB,
    "alternating-brackets": "1. " + "（）" * (MB // 2) + "（牵头单位：区财政局）",
    "units-flood": "1. 措施（牵头单位：" + "、".join(["区财政局"] * (MB // 5)) + "）",
    "separators-only": "1. 措施（牵头单位：" + "、" * MB + "）",
    "huge-heading-number": "第" + "9" * MB + "章",
    "percent-flood": "1. " + "不低于" * (MB // 3) + "（牵头单位：区财政局）",
    "markdown-emphasis": "# 一、章\n1. " + "**" * (MB // 2) + "（牵头单位：区财政局）",
    # each 和 between units was a level of recursion once: a crash past a thousand
    "join-flood": "1. 措施（" + "区财政局和" * (MB // 5) + "各镇负责）",
    "convene-flood": "1. 措施（" + "区发改局会同" * (MB // 6) + "有关部门负责）",
    # a spaced table's row of 333k unit cells: each was put first in a list once, 18 s
    "spaced-row-cells": "工作任务 牵头单位 配合单位\n1 " + "市局 " * (MB // 3),
}


@pytest.mark.parametrize("name", sorted(PATHOLOGICAL_LINES))
def test_pathological_lines_parse_in_bounded_time(name, tmp_path, record):
    assert len(PATHOLOGICAL_LINES) == PATHOLOGICAL
    suffix = ".md" if name.startswith("markdown") else ".txt"
    path = tmp_path / f"hostile{suffix}"
    path.write_text(HEAD + PATHOLOGICAL_LINES[name] + "\n", encoding="utf-8")
    began = time.perf_counter()
    outcome = parse_or_input_error(path)
    seconds = time.perf_counter() - began
    assert seconds < 5, f"{name} took {seconds:.1f}s"
    record(name=name, seconds=round(seconds, 2), outcome=outcome)


def cn(n: int) -> str:
    """Chinese numeral of 1..99."""
    tens, ones = divmod(n, 10)
    digits = "一二三四五六七八九"
    return ((digits[tens - 1] if tens > 1 else "") + "十" if tens else "") + (
        digits[ones - 1] if ones else ""
    )


def big_plan(measures: int) -> str:
    """A plan of `measures` measures, numbered afresh in each section (as plans do)."""
    lines = ["大型测试实施方案"]
    n = 0
    for c in range(1, 100):
        lines.append(f"{cn(c)}、第{c}章")
        for s in range(1, 11):
            lines.append(f"（{cn(s)}）第{s}节")
            for k in range(1, 101):
                n += 1
                lines.append(
                    f"{k}. 措施{n}，投入5万元。（牵头单位：区第{n % 97}局。"
                    f"责任单位：区第{n % 89}局、区第{n % 83 + 100}局）"
                )
                if n == measures:
                    return "\n".join(lines) + "\n"
    raise AssertionError("more measures than 99 chapters hold")


MEASURE_SCRIPT = """
import json, resource, sys, time
from policygraph.loader.parse import parse_file
began = time.perf_counter()
parsed = parse_file(sys.argv[1])
print(json.dumps({"seconds": time.perf_counter() - began, "measures": len(parsed.measures),
                  "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


@pytest.mark.parametrize("shape", ["8 MB plan", "8 MB line"])
def test_huge_plan_in_bounded_time_and_memory(shape, tmp_path, record):
    path = tmp_path / "huge.txt"
    if shape == "8 MB plan":
        text, expected = big_plan(75_000), 75_000
    else:
        text, expected = (
            HEAD + "1. " + "措施文字，" * (8 * MB // 15) + "（牵头单位：区财政局）\n",
            1,
        )
    path.write_text(text, encoding="utf-8")
    assert path.stat().st_size > 8 * MB
    result = subprocess.run(
        [sys.executable, "-c", MEASURE_SCRIPT, str(path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    facts = json.loads(result.stdout)
    assert facts["measures"] == expected
    assert facts["seconds"] < 60 and facts["rss_mb"] < 1536, facts
    record(shape=shape, **{k: round(v, 1) for k, v in facts.items()})


def test_huge_inputs_are_refused(tmp_path, record):
    assert HUGE == 4  # with the two above
    too_big = tmp_path / "too_big.txt"
    with too_big.open("wb") as fh:
        fh.truncate(MAX_BYTES + 1)  # sparse: nothing is written, the size is what counts
    with pytest.raises(InputError, match=r"too_big.txt: is over 64 MB; a plan is expected"):
        parse_file(too_big)
    bomb = tmp_path / "bomb.docx"
    with (
        zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive,
        archive.open("word/document.xml", "w", force_zip64=True) as entry,
    ):
        chunk = b"<" * (1 << 20)
        for _ in range(MAX_DOCX_XML // len(chunk) + 1):
            entry.write(chunk)
    assert bomb.stat().st_size < 2 * MB
    began = time.perf_counter()
    with pytest.raises(
        InputError, match=r"bomb.docx: unpacks to 33 MB \(\d+ times its packed size\), more "
    ):
        parse_file(bomb)
    record(bomb_bytes=bomb.stat().st_size, refused_in_seconds=round(time.perf_counter() - began, 3))


# -- control characters and encodings -------------------------------------------------------------
CONTROL_PLANS = {
    "nul-in-a-name": (
        # a NUL in the first 8 KB marks a binary file: this one comes after a long preamble
        "方案\n" + "这是一段说明。\n" * 500 + "一、章\n1. 甲。（牵头单位：区财\x00政局）\n"
        "2. 乙。（牵头单位：区财政局）\n",
        {"区财政局"},
    ),
    "terminal-escapes": (
        "标题\x1b[2J\n一、章\x07\x9b\n1. 甲\x08。（牵头单位：区教育局\x7f）\n",
        {"区教育局"},
    ),
    "bidi-and-zero-width": (
        "一、章\n1. 甲。（牵头单位：区\u202e局育教\u202c、区教\u200b育局）\n"
        "2. 乙。（牵头单位：区教育局）\n",
        {"区局育教", "区教育局"},
    ),
}


@pytest.mark.parametrize("name", sorted(CONTROL_PLANS))
def test_control_characters_are_removed_with_a_warning(name, tmp_path, record):
    assert len(CONTROL_PLANS) == CONTROL_CHARACTERS
    text, departments = CONTROL_PLANS[name]
    path = tmp_path / "plan.txt"
    path.write_text(text, encoding="utf-8")
    parsed = parse_file(path, aliases=ALIASES)
    check_records(parsed)
    assert {d.name for d in parsed.departments} == departments
    lines = [i for i, line in enumerate(text.splitlines(), 1) if INVISIBLE_RE.search(line)]
    warned = [w.line for w in parsed.warnings if w.code == "control-character"]
    assert warned == lines
    from policygraph.loader.stores.embedded import EmbeddedStore

    with EmbeddedStore(tmp_path / "graph.lbug") as store:
        store.load(parsed)
        stored = {r[0] for r in store.query("MATCH (d:Department) RETURN d.name").rows}
    assert stored == departments
    record(name=name, warnings=len(warned))


PLAN_TEXT = "测试实施方案\n一、章\n1. 措施。（牵头单位：区财政局。责任单位：区教育局）\n"
ENCODED = {
    "mixed-utf8-gbk": (
        (PLAN_TEXT + "2. 第二项措施。").encode("utf-8") + "（牵头单位：区教育局）\n".encode("gbk"),
        r"line 4 is not UTF-8, though the lines before it are; the file mixes encodings",
    ),
    "broken-utf16": (
        b"\xff\xfe" + PLAN_TEXT.encode("utf-16-le") + b"\x00",
        "byte .* is not UTF-16",
    ),
    "neither": (b"plan \xff\xfe\xfe\n1. x\n", "is not Chinese text in UTF-8, GB18030 or Big5"),
    "bom-then-bad-byte": (  # found by the mutation fuzzer: crashed with a UnicodeDecodeError
        b"\xef\xbb\xbf" + PLAN_TEXT.encode("utf-8") + b"\x80",
        "line 4 is not UTF-8, though the lines before it are",
    ),
    "gb18030": (PLAN_TEXT.encode("gb18030"), None),
    "utf16": (PLAN_TEXT.encode("utf-16"), None),
}


@pytest.mark.parametrize("name", sorted(ENCODED))
def test_encodings(name, tmp_path, record):
    assert len(ENCODED) == ENCODINGS
    data, error = ENCODED[name]
    path = tmp_path / "plan.txt"
    path.write_bytes(data)
    if error:
        with pytest.raises(InputError, match=error):
            parse_file(path)
    else:
        parsed = parse_file(path, aliases=ALIASES)
        assert parsed.units(parsed.measures[0].id, SUPPORT) == ["区教育局"]
    record(name=name, error=bool(error))
