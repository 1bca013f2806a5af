"""The bundled talent plan parses exactly: counts, every measure's lists, and its oddities."""

from pathlib import Path

import pytest
from policygraph.loader.errors import InputError
from policygraph.loader.model import CHAPTER, COLLECTIVE, LEAD, SECTION, SUPPORT
from policygraph.loader.parse import chinese_number, parse_file, parse_text

SEED = Path(__file__).resolve().parents[2] / "data" / "ziliujing_talent_plan.txt"

# Lead and supporting units of every measure, in written order, as the plan states them.
EXPECTED = {
    1: (
        ["区委组织部"],
        [
            "区委宣传部",
            "区发展和改革局",
            "区科技经信局",
            "区投促局",
            "区教育局",
            "区财政局",
            "区人力资源和社会保障局",
        ],
    ),
    2: (
        ["区委组织部", "区人力资源和社会保障局"],
        [
            "区发展和改革局",
            "区科技经信局",
            "区教育局",
            "区投促局",
            "区商务局",
            "区卫生计生局",
            "区外事侨务旅游局",
        ],
    ),
    3: (
        ["区委机构编制委员会办公室"],
        ["区委组织部", "区人力资源和社会保障局", "区教育局", "区卫生计生局"],
    ),
    4: (
        ["区委组织部", "区人力资源和社会保障局"],
        ["区委机构编制委员会办公室", "区教育局", "区卫生计生局"],
    ),
    5: (
        ["区委组织部", "区科技经信局"],
        ["区委统一战线工作部", "区商务局", "团区委", "区工商业联合会"],
    ),
    6: (["区工商业联合会", "区科技经信局"], ["区委组织部", "区委统一战线工作部"]),
    7: (["区财政局"], ["区委组织部", "区人力资源和社会保障局", "区委机构编制委员会办公室"]),
    8: (["区科技经信局"], ["区委组织部", "区财政局", "区人力资源和社会保障局", "区卫生计生局"]),
    9: (["区外事侨务旅游局"], ["区委组织部", "区教育局", "区财政局", "区人力资源和社会保障局"]),
    10: (
        ["区人力资源和社会保障局"],
        [
            "区委组织部",
            "区总工会",
            "区科技经信局",
            "区教育局",
            "区民政局",
            "区财政局",
            "区卫生计生局",
        ],
    ),
    11: (["区人力资源和社会保障局"], ["区科技经信局", "区总工会", "区农牧林业局", "团区委"]),
    12: (["区教育局"], []),
    13: (
        ["区人力资源和社会保障局"],
        ["区委组织部", "区科技经信局", "区教育局", "区财政局", "区总工会"],
    ),
    14: (
        ["区委组织部", "区人力资源和社会保障局", "区工管委"],
        [
            "区发展和改革局",
            "区科技经信局",
            "区民政局",
            "区财政局",
            "区城乡建设住房保障局",
            "区外事侨务旅游局",
            "区投促局",
        ],
    ),
    15: (
        ["区人力资源和社会保障局"],
        [
            "区委组织部",
            "区委统一战线工作部",
            "区科技经信局",
            "区教育局",
            "区民政局",
            "区农牧林业局",
            "区卫生计生局",
            "区工商业联合会",
        ],
    ),
    16: (["区人力资源和社会保障局"], ["区财政局", "区委组织部", "区教育局", "区卫生计生局"]),
    17: (
        ["区科技经信局"],
        ["区委组织部", "区财政局", "区教育局", "区人力资源和社会保障局", "区卫生计生局"],
    ),
    18: (["区委组织部"], ["区科技经信局", "区财政局", "区人力资源和社会保障局", "区工商业联合会"]),
    19: (
        ["区人力资源和社会保障局"],
        ["区委组织部", "区科技经信局", "区财政局", "区教育局", "区卫生计生局"],
    ),
    20: (["区财政局"], ["区科技经信局", "区人力资源和社会保障局"]),
    21: (["区人力资源和社会保障局"], ["区财政局", "区委组织部", "区教育局", "区卫生计生局"]),
    22: (["区委组织部", "区人力资源和社会保障局"], ["区教育局", "区民政局", "团区委"]),
    23: (
        ["区科技经信局"],
        ["区委组织部", "区教育局", "区财政局", "区人力资源和社会保障局", "区卫生计生局"],
    ),
    24: (["区人力资源和社会保障局"], ["区委组织部", "区科技经信局", "区教育局", "区财政局"]),
    25: (
        ["区人力资源和社会保障局"],
        ["区委组织部", "区教育局", "区民政局", "区财政局", "区文体广电出版局", "区卫生计生局"],
    ),
    26: (["区科技经信局"], ["区投促局", "区委组织部", "区财政局", "区人力资源和社会保障局"]),
    27: (["区科技经信局"], ["区投促局", "区委组织部", "区人力资源和社会保障局", "区发展和改革局"]),
    28: (
        ["区人力资源和社会保障局"],
        ["区委组织部", "区委机构编制委员会办公室", "区教育局", "区卫生计生局", "区政务服务中心"],
    ),
    29: (["区政府法制办"], ["区委组织部", "区人力资源和社会保障局", "区教育局"]),
    30: (
        ["区委组织部", "区人力资源和社会保障局", "区统计局"],
        ["区科技经信局", "区民政局", "区农牧林业局"],
    ),
    31: (
        ["区人力资源和社会保障局"],
        ["区委组织部", "区发展和改革局", "区科技经信局", "区外事侨务旅游局"],
    ),
    32: (
        ["区委组织部"],
        [
            "区委统一战线工作部",
            "区发展和改革局",
            "区科技经信局",
            "区教育局",
            "区人力资源和社会保障局",
            "区投促局",
            "区工商业联合会",
        ],
    ),
    33: (
        ["区委组织部", "区人力资源和社会保障局"],
        ["区发展和改革局", "区科技经信局", "区财政局", "区工商业联合会"],
    ),
    34: (["区财政局"], ["区委组织部", "区教育局", "区人力资源和社会保障局", "区卫生计生局"]),
    35: (["区财政局"], ["区发展和改革局", "区科技经信局", "区投促局"]),
    36: (["区财政局"], ["区发展和改革局", "区人力资源和社会保障局", "区投促局"]),
    37: (
        ["区人力资源和社会保障局", "区科技经信局"],
        ["区委组织部", "区教育局", "区商务局", "区投促局"],
    ),
    38: (["区委宣传部"], ["区人才工作领导小组各成员单位"]),
    39: (["区委组织部"], ["区人才工作领导小组各成员单位"]),
    40: (["区委组织部"], ["区人才工作领导小组各成员单位"]),
    41: (["区委组织部"], ["区人才工作领导小组各成员单位"]),
    42: (["区目督办"], ["区委组织部", "区人力资源和社会保障局"]),
}


@pytest.fixture(scope="module")
def plan():
    return parse_file(SEED)


def test_counts(plan):
    assert len(plan.measures) == 42
    assert sum(t.level == CHAPTER for t in plan.themes) == 5
    assert sum(t.level == SECTION for t in plan.themes) == 22
    assert [m.number for m in plan.measures] == list(range(1, 43))


def test_title_and_provenance(plan):
    assert plan.plan.title == "自流井区关于深化人才发展体制机制改革推动“两区”建设的实施方案"
    assert plan.plan.id == "ziliujing_talent_plan"
    assert plan.plan.source == "ziliujing_talent_plan.txt"
    assert len(plan.plan.content_hash) == 64


@pytest.mark.parametrize("number", sorted(EXPECTED))
def test_every_measure_lists(plan, number):
    measure = plan.measures[number - 1]
    assert measure.number == number
    assert (plan.units(measure.id, LEAD), plan.units(measure.id, SUPPORT)) == EXPECTED[number]


def test_measure_text_excludes_the_unit_list(plan):
    first = plan.measures[0]
    assert first.text.startswith("对来我区创新创业的高层次和急需紧缺人才")
    assert first.text.endswith("支持高层次人才创新创业。")
    assert all("牵头单位" not in m.text for m in plan.measures)


def test_measures_sit_in_their_sections(plan):
    themes = {t.id: t for t in plan.themes}
    m14 = themes[plan.measures[13].theme]
    assert (m14.level, m14.chapter, m14.ordinal, m14.title) == (
        SECTION,
        1,
        7,
        "加强创新创业平台建设",
    )
    last = themes[plan.measures[41].theme]
    assert (last.chapter, last.ordinal) == (5, 3)


def test_warnings_name_measure_and_oddity(plan):
    found = [(w.measure, w.code) for w in plan.warnings]
    assert found == [
        (12, "no-supports"),
        (13, "mislabelled-lead"),
        (38, "collective-unit"),
        (39, "collective-unit"),
        (40, "collective-unit"),
        (41, "collective-unit"),
    ]
    mislabelled = plan.warnings[1]
    assert mislabelled.line == 26
    assert "measure 13" in mislabelled.message and "责任单位" in mislabelled.message


def test_mislabelled_lead_is_marked_inferred(plan):
    m13 = plan.measures[12]
    lead = [a for a in plan.assignments if a.measure == m13.id and a.role == LEAD]
    assert [(a.department, a.inferred) for a in lead] == [("区人力资源和社会保障局", True)]


def test_collective_units_kept_and_marked(plan):
    kinds = {d.name: d.kind for d in plan.departments}
    assert kinds["区人才工作领导小组各成员单位"] == COLLECTIVE
    assert sum(k == COLLECTIVE for k in kinds.values()) == 1
    assert len(plan.departments) == 26


PUNCTUATION_VARIANTS = """\
一、总则
(一) 第一节
1．甲措施。 ( 牵头单位 : 区委组织部 , 区财政局 。 责任单位: 区教育局,区民政局 )
2、乙措施。（牵头单位：区教育局；责任单位：区 民政局、、区财政局）
（二）第二节
3.丙措施。（牵头单位：区财政局。）
"""


def test_full_and_half_width_punctuation_and_stray_spaces():
    plan = parse_text(PUNCTUATION_VARIANTS, "p")
    lists = [(plan.units(m.id, LEAD), plan.units(m.id, SUPPORT)) for m in plan.measures]
    assert lists == [
        (["区委组织部", "区财政局"], ["区教育局", "区民政局"]),
        (["区教育局"], ["区民政局", "区财政局"]),
        (["区财政局"], []),
    ]
    assert [m.text for m in plan.measures] == ["甲措施。", "乙措施。", "丙措施。"]
    assert [(w.measure, w.code) for w in plan.warnings] == [(2, "empty-item"), (3, "no-supports")]


def test_nothing_dropped_silently():
    text = (
        "一、章\n前言文字，不属于任何措施。\n1. 没有单位的措施。\n"
        "2. 跨行的措施，\n续行。（牵头单位：区财政局）\n"
    )
    plan = parse_text(text, "p")
    assert [m.text for m in plan.measures] == ["没有单位的措施。", "跨行的措施，续行。"]
    codes = [(w.measure, w.code, w.line) for w in plan.warnings]
    assert codes == [
        (None, "text-outside-measure", 2),
        (1, "no-units", 3),
        (2, "no-supports", 4),
    ]


def test_chinese_numbers():
    assert [chinese_number(t) for t in ("一", "十", "十二", "二十", "二十二", "一百零五")] == [
        1,
        10,
        12,
        20,
        22,
        105,
    ]


def test_file_without_measures_is_an_input_error(tmp_path):
    f = tmp_path / "notes.txt"
    f.write_text("这只是一段说明文字。\n", encoding="utf-8")
    with pytest.raises(InputError, match="no numbered measures found"):
        parse_file(f)


def test_gb18030_file_reads_the_same(tmp_path):
    f = tmp_path / "gbk.txt"
    f.write_bytes(SEED.read_text(encoding="utf-8").encode("gb18030"))
    plan = parse_file(f)
    assert len(plan.measures) == 42
    assert plan.units(plan.measures[0].id, LEAD) == ["区委组织部"]
