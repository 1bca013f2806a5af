"""Hostile input found by an independent attack (issue #18): characters XML forbids, look-alike
department names, small Word and PDF bombs, wrong encodings, item numbers past 9,999, and a
folder holding files that cannot be read."""

from __future__ import annotations

import io
import re
import time
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import pytest
from policygraph.loader.aliases import load_aliases
from policygraph.loader.errors import InputError
from policygraph.loader.parse import parse_file, parse_text
from policygraph.loader.stores.embedded import EmbeddedStore

from tests.conftest import ROOT

from .cases import (
    BIG_NUMBERS,
    FOLDER_WITH_BAD_FILES,
    LOOKALIKES,
    PDF_BOMBS,
    WORD_BOMBS,
    WRONG_ENCODINGS,
    XML_FORBIDDEN,
)
from .support import run

ALIASES = load_aliases()
MB = 1024 * 1024


def one_department_plan(variant: str) -> str:
    """Two measures led by 区教育局, the second time written as `variant`."""
    return (
        "测试实施方案\n一、总体要求\n"
        "1. 第一项措施。（牵头单位：区教育局。责任单位：区财政局）\n"
        f"2. 第二项措施。（牵头单位：{variant}。责任单位：区财政局）\n"
    )


# -- characters XML forbids (#18.2) -----------------------------------------------------------
XML_VARIANTS = {
    "U+FFFE": "区教育\ufffe局",
    "U+FFFF": "区教\uffff育局",
    "U+FDD0": "区\ufdd0教育局",
    "U+1FFFF": "区教育局\U0001ffff",
    "lone surrogate": "区教\ud800育局",
}


@pytest.mark.parametrize("name", sorted(XML_VARIANTS))
def test_characters_xml_forbids_are_removed_from_names_with_a_warning(name, record):
    assert len(XML_VARIANTS) == XML_FORBIDDEN
    parsed = parse_text(one_department_plan(XML_VARIANTS[name]), "p", aliases=ALIASES)
    assert sorted(d.name for d in parsed.departments) == ["区教育局", "区财政局"]
    warned = [(w.code, w.line) for w in parsed.warnings if w.code == "control-character"]
    assert warned == [("control-character", 4)]
    # every stored text is well-formed XML character data (exports parse it back)
    for text in [d.name for d in parsed.departments] + [m.text for m in parsed.measures]:
        ElementTree.fromstring(f"<n>{text}</n>")
    record(name=name)


# -- look-alike department names (#18.8) ------------------------------------------------------
EDU = "区教育局"
LOOKALIKE_VARIANTS = {  # name: (as written, the department it must be)
    "soft hyphen": ("区教\u00ad育局", EDU),
    "Arabic letter mark U+061C": ("区教育\u061c局", EDU),
    "Mongolian vowel separator U+180E": ("区\u180e教育局", EDU),
    "Hangul filler U+3164": ("区教育局\u3164", EDU),
    "halfwidth Hangul filler U+FFA0": ("区教\uffa0育局", EDU),
    "Hangul choseong filler U+115F": ("\u115f区教育局", EDU),
    "variation selector U+FE0F": ("区教\ufe0f育局", EDU),
    "variation selector U+E0100": ("区教育\U000e0100局", EDU),
    "tag characters": ("区教育局\U000e0041\U000e007f", EDU),
    "combining grapheme joiner U+034F": ("区教\u034f育局", EDU),
    "Kangxi radical U+2F2F for 工": ("区\u2f2f信局", "区工信局"),
    "compatibility ideograph U+F90A for 金": ("区\uf90a融局", "区金融局"),
}


@pytest.mark.parametrize("name", sorted(LOOKALIKE_VARIANTS))
def test_look_alike_names_are_one_department_with_a_warning(name, record):
    assert len(LOOKALIKE_VARIANTS) == LOOKALIKES
    variant, real = LOOKALIKE_VARIANTS[name]
    text = one_department_plan(variant).replace("牵头单位：区教育局", f"牵头单位：{real}")
    parsed = parse_text(text, "p", aliases=ALIASES)
    assert sorted(d.name for d in parsed.departments) == sorted([real, "区财政局"])
    codes = {"control-character", "look-alike-character"}
    warned = [w for w in parsed.warnings if w.code in codes]
    assert [w.line for w in warned] == [4], [w.message for w in warned]
    record(name=name, warning=warned[0].message)


# -- small Word bombs (#18.5) -------------------------------------------------------------------
def word_bomb(path: Path, unpacked: int) -> Path:
    """A .docx python-docx opens whose document.xml is `unpacked` bytes of empty paragraphs."""
    import docx

    blank = io.BytesIO()
    docx.Document().save(blank)
    head = b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    head += b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    head += b"<w:body>"
    tail = b"</w:body></w:document>"
    para = b"<w:p><w:r><w:t>x</w:t></w:r></w:p>" * 30_000
    with (
        zipfile.ZipFile(blank) as source,
        zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as bomb,
    ):
        for info in source.infolist():
            if info.filename != "word/document.xml":
                bomb.writestr(info, source.read(info))
        with bomb.open("word/document.xml", "w", force_zip64=True) as entry:
            entry.write(head)
            for _ in range(max(1, (unpacked - len(head) - len(tail)) // len(para))):
                entry.write(para)
            entry.write(tail)
    return path


def memory_limit() -> None:  # in the child, before it starts: a bomb must not take the machine
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (3 * 1024 * MB, 3 * 1024 * MB))


@pytest.mark.parametrize("unpacked_mb", [200, 24])
def test_small_word_bombs_are_refused_at_once(unpacked_mb, tmp_path, record):
    """A few hundred KB unpacking to 200 MB (under the old 256 MB guard: it took 5.8 GB and
    569 s), or to 24 MB at hundreds of times its packed size: one `Error:` naming the file."""
    assert WORD_BOMBS == 2
    bomb = word_bomb(tmp_path / "bomb.docx", unpacked_mb * MB)
    assert bomb.stat().st_size < MB
    began = time.monotonic()
    result = run("parse", str(bomb), timeout=120, preexec_fn=memory_limit)
    took = time.monotonic() - began
    lines = result.stderr.strip().splitlines()
    assert result.returncode == 1 and len(lines) == 1, result.stderr[-1000:]
    assert re.match(rf"Error: {re.escape(str(bomb))}: unpacks to {unpacked_mb} MB", lines[0])
    assert took < 20, took
    record(packed=bomb.stat().st_size, unpacked_mb=unpacked_mb, seconds=round(took, 2))


# -- small PDF bombs (#18.6) --------------------------------------------------------------------
def pdf_bomb(path: Path, pages: int, stream_mb: int) -> Path:
    """`pages` pages that all draw one shared content stream of `stream_mb` MB: text in a real
    font, in long strings (few tokens, so pypdf's token budget never stops it)."""
    from pypdf import PdfWriter
    from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

    writer = PdfWriter()
    content = DecodedStreamObject()
    line = b"BT /F1 12 Tf 72 712 Td (" + b"policygraph " * 300 + b") Tj ET\n"
    content.set_data(line * (stream_mb * MB // len(line)))
    shared = writer._add_object(content.flate_encode(level=9))
    font = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Font"),
            NameObject("/Subtype"): NameObject("/Type1"),
            NameObject("/BaseFont"): NameObject("/Helvetica"),
        }
    )
    fonts = DictionaryObject({NameObject("/F1"): writer._add_object(font)})
    resources = writer._add_object(DictionaryObject({NameObject("/Font"): fonts}))
    for _ in range(pages):
        page = writer.add_blank_page(595, 842)
        page[NameObject("/Contents")] = shared
        page[NameObject("/Resources")] = resources
    with path.open("wb") as fh:
        writer.write(fh)
    return path


def test_small_pdf_bomb_is_refused_at_once(tmp_path, record):
    """200 pages sharing one 70 MB content stream (under 1 MB on disk): three such pages alone
    took over 200 s before."""
    assert PDF_BOMBS == 2
    bomb = pdf_bomb(tmp_path / "bomb.pdf", 200, 70)
    assert bomb.stat().st_size < 2 * MB
    began = time.monotonic()
    result = run("parse", str(bomb), timeout=120, preexec_fn=memory_limit)
    took = time.monotonic() - began
    lines = result.stderr.strip().splitlines()
    assert result.returncode == 1 and len(lines) == 1, result.stderr[-1000:]
    assert lines[0].startswith(f"Error: {bomb}: its pages unpack to over 32 MB"), lines[0]
    assert took < 30, took
    record(packed=bomb.stat().st_size, seconds=round(took, 2))


def test_a_pdf_that_reads_too_slowly_is_refused(tmp_path, monkeypatch, record):
    """The time bound, tested with a bound of no time at all on a small real PDF."""
    from policygraph.loader import readers

    monkeypatch.setattr(readers, "MAX_PDF_SECONDS", 0.0)
    pdf = ROOT / "tests" / "fixtures" / "formats" / "seed_plan.pdf"
    with pytest.raises(InputError, match=r"seed_plan.pdf: reading its text took over 0 s \(page"):
        parse_file(pdf)
    record(file=pdf.name)


# -- wrong encodings (#18.14) ---------------------------------------------------------------
TRADITIONAL = ROOT / "tests" / "fixtures" / "formats" / "traditional.txt"
JAPANESE = (
    "第一条　この規則は、市の行政組織について必要な事項を定めるものとする。\n"
    "１．担当部署は総務課とし、企画課がこれに協力する。\n"
) * 3
KOREAN = (
    "제1조 이 규칙은 시의 행정 조직에 관하여 필요한 사항을 정한다.\n담당 부서: 총무과, 기획과.\n"
    * 3
)


def test_a_big5_plan_reads_as_its_text(tmp_path, record):
    assert WRONG_ENCODINGS == 3
    text = TRADITIONAL.read_text(encoding="utf-8")
    path = tmp_path / "big5.txt"
    path.write_bytes(text.encode("big5"))
    parsed = parse_file(path, aliases=ALIASES)
    expected = parse_text(text, "big5", aliases=ALIASES)
    assert [m.text for m in parsed.measures] == [m.text for m in expected.measures]
    assert [d.name for d in parsed.departments] == [d.name for d in expected.departments]
    assert "區委組織部" in {a.as_written for a in parsed.assignments}
    record(measures=len(parsed.measures))


@pytest.mark.parametrize(
    "codec, text, language",
    [("shift_jis", JAPANESE, "Japanese text (Shift-JIS)"), ("euc_kr", KOREAN, "Korean")],
)
def test_japanese_and_korean_files_are_refused_clearly(codec, text, language, tmp_path, record):
    path = tmp_path / f"{codec}.txt"
    path.write_bytes(text.encode(codec))
    with pytest.raises(InputError, match=rf"{codec}.txt: looks like {re.escape(language)}"):
        parse_file(path)
    record(codec=codec)


# -- item numbers past 9,999 (#18.3; the parser reads them) ---------------------------------
def test_items_numbered_past_9999_are_each_a_measure(tmp_path, record):
    assert BIG_NUMBERS == 1
    lines = ["测试实施方案", "一、总体要求"]
    lines += [
        f"{n}. 第{n}项措施。（牵头单位：区财政局。责任单位：区教育局）" for n in range(1, 10_011)
    ]
    path = tmp_path / "big.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    parsed = parse_file(path, aliases=ALIASES)
    assert len(parsed.measures) == 10_010
    assert [m.number for m in parsed.measures[-3:]] == [10_008, 10_009, 10_010]
    assert sorted(d.name for d in parsed.departments) == ["区教育局", "区财政局"]
    record(measures=len(parsed.measures))


# -- a folder with files that cannot be read (#18 "Also", #12.9) ----------------------------
def folder_with_bad_files(folder: Path) -> tuple[list[Path], list[Path]]:
    folder.mkdir()
    good = []
    for n in range(3):
        good.append(folder / f"plan{n}.txt")
        good[-1].write_text(
            one_department_plan("区教育局").replace("测试", f"第{n}个"), encoding="utf-8"
        )
    bad = [folder / "notes.md", folder / "broken.docx"]
    bad[0].write_text("# 会议记录\n\n讨论了方案的起草。\n", encoding="utf-8")
    bad[1].write_bytes(b"PK\x03\x04 not really a zip")
    return good, bad


@pytest.mark.parametrize("command", ["load", "validate"])
def test_a_folder_with_bad_files_uses_the_others_and_names_each(command, tmp_path, record):
    assert FOLDER_WITH_BAD_FILES == 2
    good, bad = folder_with_bad_files(tmp_path / "plans")
    store = tmp_path / "graph.lbug"
    # plans of one place share their departments (and a known place is no problem)
    extra = ["--jurisdiction", "自流井区"]
    extra += ["--store", str(store)] if command == "load" else []
    result = run(command, str(tmp_path / "plans"), *extra, timeout=120)
    assert result.returncode == 1, result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("Error: ")]
    assert [e.split(":")[1].strip() for e in errors[:-1]] == [str(p) for p in sorted(bad)]
    assert errors[-1].startswith(f"Error: 2 of 5 plan files could not be read ({sorted(bad)[0]}")
    assert "Traceback" not in result.stderr and "unexpected" not in result.stderr
    if command == "load":
        assert result.stdout.startswith("loaded 3 plans, 6 measures, 2 departments")
        with EmbeddedStore(store, read_only=True) as graph:
            plans = graph.query("MATCH (p:Plan) RETURN p.id ORDER BY p.id").rows
        assert plans == [[p.stem] for p in good]
        strict = run(
            command, str(tmp_path / "plans"), "--store", str(tmp_path / "s.lbug"), "--strict"
        )
        assert strict.returncode == 1 and not (tmp_path / "s.lbug").exists()
    else:
        assert result.stderr.splitlines()[-2] == "0 problems in 0 of 3 plans"
    record(command=command, errors=errors)
