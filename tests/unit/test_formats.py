"""Plans in the shapes other governments write: labels, single lists, inline roles, lines of
their own, numbering styles, encodings, Markdown and .docx, aliases and commitments."""

import json
from pathlib import Path

import pytest
from policygraph.loader.aliases import load_aliases
from policygraph.loader.errors import InputError
from policygraph.loader.model import LEAD, SUPPORT
from policygraph.loader.parse import ALL_LEAD, parse_file, parse_text

FORMATS = Path(__file__).resolve().parents[1] / "fixtures" / "formats"


def lists(plan):
    return [(m.number, plan.units(m.id, LEAD), plan.units(m.id, SUPPORT)) for m in plan.measures]


def inferred(plan):
    return [(a.department, a.role) for a in plan.assignments if a.inferred]


def codes(plan):
    return [(w.measure, w.code) for w in plan.warnings]


def test_work_points_with_inline_roles_and_lists_on_their_own_line():
    plan = parse_file(FORMATS / "work_points_inline.txt")
    assert plan.plan.title == "某县2024年就业工作要点"
    assert lists(plan) == [
        (1, ["县人力资源和社会保障局"], []),
        (2, ["县人力资源和社会保障局"], ["县统计局", "县发展和改革局"]),
        (1, ["县人力资源和社会保障局", "县教育局"], ["团县委"]),
        (2, ["县退役军人事务局"], ["各有关部门"]),
        (3, ["县农业农村局"], ["县人力资源和社会保障局", "县财政局"]),
        (1, ["县人力资源和社会保障局"], ["县总工会", "县妇女联合会"]),
        (2, ["县民政局"], ["各乡镇人民政府"]),
    ]
    themes = {t.id: t for t in plan.themes}
    assert [themes[m.theme].title for m in plan.measures[:3]] == [
        "主要目标",
        "主要目标",
        "稳定重点群体就业",
    ]
    assert [m.text for m in plan.measures[:2]] == [
        "城镇新增就业达到预期",
        "城镇调查失业率控制在5.5%以内",
    ]
    kinds = {d.name: d.kind for d in plan.departments}
    assert kinds["各有关部门"] == kinds["各乡镇人民政府"] == "collective"
    assert inferred(plan) == [
        ("县人力资源和社会保障局", LEAD),
        ("县农业农村局", LEAD),
        ("县人力资源和社会保障局", SUPPORT),
        ("县财政局", SUPPORT),
        ("县人力资源和社会保障局", LEAD),
        ("县总工会", SUPPORT),
        ("县妇女联合会", SUPPORT),
    ]
    assert codes(plan) == [
        (1, "roles-inferred"),
        (2, "collective-unit"),
        (3, "roles-inferred"),
        (1, "roles-inferred"),
        (2, "collective-unit"),
    ]


def test_the_all_lead_setting_marks_every_listed_unit_lead():
    plan = parse_file(FORMATS / "work_points_inline.txt", single_list=ALL_LEAD)
    assert lists(plan)[4] == (3, ["县农业农村局", "县人力资源和社会保障局", "县财政局"], [])
    assert lists(plan)[1] == (2, ["县人力资源和社会保障局"], ["县统计局", "县发展和改革局"])


def test_bracketed_arabic_and_full_width_numbering_half_width_punctuation():
    plan = parse_file(FORMATS / "division_numbered.txt")
    assert lists(plan) == [
        (1, ["市委办公室"], ["市政府办公室"]),
        (2, ["市政府办公室"], []),
        (4, ["市发展和改革委员会"], []),
        (1, ["市财政局"], []),
        (2, ["市目督办"], ["市委组织部"]),
    ]
    assert (4, "numbering-gap") in codes(plan)
    assert (2, "duplicate-unit") in codes(plan)
    assert [t.title for t in plan.themes] == ["加强组织领导", "强化保障"]


def test_traditional_characters():
    plan = parse_file(FORMATS / "traditional.txt")
    assert lists(plan) == [(1, ["區委組織部"], ["區財政局", "區教育局"]), (2, ["區人社局"], [])]
    kinds = {d.name: d.kind for d in plan.departments}
    assert kinds["區委組織部"] == "party" and kinds["區財政局"] == "government"


def test_markdown_headings_emphasis_and_task_tables():
    plan = parse_file(FORMATS / "continuous_md.md")
    assert plan.plan.title == "某区数字经济发展工作要点"
    assert lists(plan) == [
        (1, ["区经济和信息化局"], ["区住房和城乡建设局", "区自然资源局"]),
        (2, ["区大数据局"], []),
        (1, ["区投促局"], ["区商务局", "区财政局"]),
        (2, ["区发展和改革局"], []),
    ]
    assert plan.measures[0].text == "建设5G基站200个。"
    assert [t.title for t in plan.themes] == ["夯实基础", "建设新型基础设施", "培育产业"]


@pytest.mark.parametrize(
    ("encoding", "newline", "bom"),
    [
        ("utf-8", "\n", b""),
        ("utf-8", "\r\n", b"\xef\xbb\xbf"),
        ("gb18030", "\r\n", b""),
        ("gbk", "\n", b""),
    ],
)
def test_encodings_and_line_ends(tmp_path, encoding, newline, bom):
    source = (FORMATS / "work_points_inline.txt").read_text(encoding="utf-8")
    path = tmp_path / "plan.txt"
    path.write_bytes(bom + source.replace("\n", newline).encode(encoding))
    plan = parse_file(path)
    reference = parse_file(FORMATS / "work_points_inline.txt")
    assert lists(plan) == lists(reference)
    assert plan.plan.title == reference.plan.title


def test_docx_paragraphs_and_task_table(tmp_path):
    docx = pytest.importorskip("docx")
    document = docx.Document()
    document.add_paragraph("某区2024年人才工作任务分工方案")
    document.add_paragraph("一、引才")
    document.add_paragraph("1. 举办人才招聘会。（牵头单位：区人社局。责任单位：区教育局）")
    document.add_paragraph("二、育才")
    table = document.add_table(rows=3, cols=4)
    for row, cells in zip(
        table.rows,
        [
            ["序号", "工作任务", "牵头单位", "责任单位"],
            ["1", "实施技能培训，补贴不低于50%", "区人社局", "区总工会、区财政局"],
            ["2", "建设实训基地", "区教育局", ""],
        ],
        strict=True,
    ):
        for cell, text in zip(row.cells, cells, strict=True):
            cell.text = text
    path = tmp_path / "plan.docx"
    document.save(path)
    plan = parse_file(path)
    assert plan.plan.title == "某区2024年人才工作任务分工方案"
    assert lists(plan) == [
        (1, ["区人力资源和社会保障局"], ["区教育局"]),
        (1, ["区人力资源和社会保障局"], ["区总工会", "区财政局"]),
        (2, ["区教育局"], []),
    ]
    assert [(c.kind, c.low, c.text) for c in plan.commitments] == [("percent", 50.0, "不低于50%")]


def test_a_broken_docx_is_a_clear_error(tmp_path):
    path = tmp_path / "broken.docx"
    path.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(InputError, match="is not a valid .docx"):
        parse_file(path)


def test_binary_file_is_a_clear_error(tmp_path):
    path = tmp_path / "image.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    with pytest.raises(InputError, match="looks like a binary file; expected a plan"):
        parse_file(path)


def test_aliases_merge_names_and_keep_the_written_text(tmp_path):
    text = (
        "一、章\n1. 甲。（牵头单位：区人社局。责任单位：区人力资源和社会保障局、区老干局）\n"
        "2. 乙。（牵头单位：区人力资源社会保障局。责任单位：区老干部局）\n"
    )
    extra = tmp_path / "aliases.csv"
    extra.write_text(
        "alias,canonical\n*老干局,*委老干部局\n区老干部局,区委老干部局\n", encoding="utf-8"
    )
    plan = parse_text(text, "p", aliases=load_aliases(extra))
    assert [d.name for d in plan.departments] == ["区人力资源和社会保障局", "区委老干部局"]
    written = [(a.as_written, a.department) for a in plan.assignments]
    assert written == [
        ("区人社局", "区人力资源和社会保障局"),
        ("区老干局", "区委老干部局"),
        ("区人力资源社会保障局", "区人力资源和社会保障局"),
        ("区老干部局", "区委老干部局"),
    ]
    assert (1, "duplicate-unit") in codes(plan)


def test_alias_prefix_must_be_a_region():
    aliases = load_aliases()
    assert aliases.resolve("区组织部") == "区委组织部"
    assert aliases.resolve("区委组织部") == "区委组织部"
    assert aliases.resolve("自贡市人社局") == "自贡市人力资源和社会保障局"


def test_bad_alias_file_is_a_clear_error(tmp_path):
    bad = tmp_path / "a.csv"
    bad.write_text("*人社局,人力资源社会保障局\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"row 1: use \* on both sides or neither"):
        load_aliases(bad)


def test_commitments_of_the_bundled_plan(seed_plan):
    found = {
        (
            seed_plan.measures[int(c.measure.rsplit("m", 1)[1]) - 1].number,
            c.kind,
            c.text,
            c.low,
            c.high,
        )
        for c in seed_plan.commitments
    }
    assert (8, "money", "5—10 万元", 5.0, 10.0) in found
    assert (17, "percent", "不低于70%", 70.0, None) in found
    assert (17, "duration", "连续5年", 5.0, 5.0) in found
    assert (17, "percent", "5%以上", 5.0, None) in found
    assert (25, "duration", "2年及以上", 2.0, None) in found
    assert (39, "frequency", "每年至少听取一次", 1.0, None) in found
    assert (39, "count", "2名", 2.0, 2.0) in found


def test_cli_loads_a_folder_and_reports_across_plans(cli, tmp_path, store_path):
    folder = tmp_path / "plans"
    folder.mkdir()
    for f in FORMATS.iterdir():
        if f.suffix in (".txt", ".md"):  # the PDFs repeat two of these plans
            (folder / f.name).write_bytes(f.read_bytes())
    (folder / "README.md").write_text("# notes, not a plan\n", encoding="utf-8")
    loaded = cli("load", str(folder), "--store", str(store_path))
    assert loaded.returncode == 0, loaded.stderr
    assert len(loaded.stdout.splitlines()) == 1  # one summary line, not one per plan
    assert loaded.stdout.startswith("loaded 4 plans, 18 measures, 31 departments, ")
    plans = json.loads(
        cli("report", "plans", "--store", str(store_path), "--format", "json").stdout
    )
    assert [p["plan"] for p in plans] == [
        "continuous_md",
        "division_numbered",
        "traditional",
        "work_points_inline",
    ]
    aliased = json.loads(
        cli("report", "aliased-names", "--store", str(store_path), "--format", "json").stdout
    )
    # 某县 names no place: its departments are its own (`unknown (<plan>)`)
    assert {
        "written": "县人社局",
        "department": "县人力资源和社会保障局",
        "jurisdiction": "unknown (work_points_inline)",
        "measures": 5,
    } in aliased
    one = json.loads(
        cli(
            "report",
            "department-workload",
            "-p",
            "plan=division_numbered",
            "--store",
            str(store_path),
            "--format",
            "json",
        ).stdout
    )
    assert [r["department"] for r in one][:2] == ["市政府办公室", "市发展和改革委员会"]
    money = json.loads(
        cli(
            "report",
            "commitments",
            "-p",
            "kind=money",
            "--store",
            str(store_path),
            "--format",
            "json",
        ).stdout
    )
    assert [(m["plan"], m["text"]) for m in money] == [("division_numbered", "100万元")]


def test_cli_validate_lists_problems_with_line_numbers(cli):
    result = cli("validate", str(FORMATS / "division_numbered.txt"), "--format", "json")
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    assert {
        "plan": "division_numbered",
        "line": 5,
        "measure": 4,
        "check": "numbering-gap",
        "detail": "measure 4 follows measure 2",
    } in rows
    assert {
        "plan": "division_numbered",
        "line": 3,
        "measure": 1,
        "check": "aliased",
        "detail": "measure 1: 市委办 read as 市委办公室",
    } in rows
    unknown = [r for r in rows if r["check"] == "jurisdiction-unknown"]
    assert [(r["line"], r["measure"]) for r in unknown] == [(1, None)]
    assert result.stderr.strip() == "6 problems in 1 of 1 plans; 3 aliased names listed as notes"
    strict = cli("validate", str(FORMATS / "division_numbered.txt"), "--strict")
    assert strict.returncode == 3


def test_cli_validate_empty_file_error(cli, tmp_path):
    empty = tmp_path / "empty.md"
    empty.write_text("\n\n", encoding="utf-8")
    result = cli("validate", str(empty))
    assert result.returncode == 1
    assert result.stderr.strip() == (
        f"Error: {empty}: the file is empty; expected a plan with numbered measures."
    )


# -- PDF --------------------------------------------------------------------------------------
def as_data(plan):
    """Everything a plan says, without its id (the PDF and the text have different names)."""

    def local(key):
        if key == plan.plan.id:
            return "<plan>"
        return key.split("/", 1)[1] if key and "/" in key else key

    return {
        "title": plan.plan.title,
        "themes": [(local(t.id), t.level, t.title, local(t.parent)) for t in plan.themes],
        "measures": [(m.number, m.text, local(m.theme)) for m in plan.measures],
        "assignments": [
            (a.department, local(a.measure), a.role, a.position, a.inferred, a.as_written)
            for a in plan.assignments
        ],
        "commitments": [(c.kind, c.text, local(c.measure)) for c in plan.commitments],
        "warnings": [(w.measure, w.code) for w in plan.warnings],
    }


SEED_TEXT = Path(__file__).resolve().parents[2] / "data" / "ziliujing_talent_plan.txt"


@pytest.mark.parametrize(
    ("pdf", "text"),
    [
        ("seed_plan.pdf", SEED_TEXT),
        ("work_points_inline.pdf", FORMATS / "work_points_inline.txt"),
    ],
)
def test_a_printed_pdf_reads_exactly_as_its_text(pdf, text):
    # Printed by Chromium (make_pdfs.py): lines wrap inside names (区人力/资源社会保障局) and
    # labels (（牵/头单位), every page starts with `— N —`, and lists sit on lines of their own.
    assert as_data(parse_file(FORMATS / pdf)) == as_data(parse_file(text))


def test_pdf_page_numbers_go_and_wrapped_lines_join():
    from policygraph.loader.readers import page_lines, unwrap_lines

    page = ["- 3 -", "一、总体要求", "1. 做好就业服务", "第3页"]
    assert page_lines("\n".join(page)) == page[1:-1]
    assert page_lines("— 12 —\n二、任务\n12/40") == ["二、任务"]
    lines = [
        "1. 做好高校毕业生就业服务，落实",  # full width: wrapped by the layout
        "各项补贴政策。（牵头单位：县人",
        "社局。责任单位：县教育局、县财政",
        "局）",  # short: the paragraph ends
        "牵头单位：县民政局、县财政局等等",  # starts a line: a list on a line of its own
        "2. Open data for all of the plans",
        "here",
    ]
    assert unwrap_lines(lines).splitlines() == [
        "1. 做好高校毕业生就业服务，落实各项补贴政策。（牵头单位：县人社局。责任单位：县教育局、"
        "县财政局）",
        "牵头单位：县民政局、县财政局等等",
        "2. Open data for all of the plans here",
    ]


def test_pdf_problems_are_clear_errors(tmp_path):
    import pypdf

    source = FORMATS / "work_points_inline.pdf"

    def written(name, writer):
        path = tmp_path / name
        with path.open("wb") as fh:
            writer.write(fh)
        return path

    locked = pypdf.PdfWriter(clone_from=str(source))
    locked.encrypt("secret", algorithm="RC4-128")
    with pytest.raises(InputError, match=r"locked\.pdf: the PDF is protected by a password"):
        parse_file(written("locked.pdf", locked))
    # A copy-protected PDF (empty user password, as many offices publish) reads as usual.
    protected = pypdf.PdfWriter(clone_from=str(source))
    protected.encrypt("", owner_password="owner", algorithm="RC4-128")
    assert as_data(parse_file(written("protected.pdf", protected))) == as_data(parse_file(source))
    scan = pypdf.PdfWriter()
    scan.add_blank_page(595, 842)
    with pytest.raises(InputError, match=r"scan\.pdf: the PDF holds no text, only images"):
        parse_file(written("scan.pdf", scan))
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.7\n" + source.read_bytes()[9:400])
    with pytest.raises(InputError, match=r"broken\.pdf: cannot be read as a PDF \(.*\); check"):
        parse_file(broken)
