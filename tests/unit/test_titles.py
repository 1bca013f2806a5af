"""A plan's title without the furniture of the web page it was copied from (loader.titles):
real plans' first lines, titles written by hand from reading them."""

from __future__ import annotations

import pytest
from policygraph.loader.parse import parse_file
from policygraph.loader.titles import title_of

from tests.conftest import ROOT, SEED

REAL = ROOT / "tests" / "fixtures" / "real"

TITLES = {  # file -> the document's title as its own text gives it
    REAL / "anhui-chizhou-2017-business.txt":
    "池州市人民政府关于创优“四最”营商环境的实施意见(池政〔2017〕101号)",
    REAL / "sichuan-dazhu-2016-livelihood.txt":
    "大竹县人民政府办公室关于对2016年民生实事进行重点督办的通知",
    REAL / "hubei-xialu-2020-workreport.txt":
    "区人民政府办公室 关于印发2020年区政府重点工作责任分解的通知",
    REAL / "guangdong-guangzhou-2021-workreport.txt":
    "广州市人民政府关于印发2021年市政府工作报告部署工作责任分工的通知",
    REAL / "hunan-province-2016-workreport.txt":
    "《政府工作报告》重点工作部门分工的意见",
    REAL / "shandong-weihai-2023-digital.txt":
    "威海市人民政府办公室关于印发数字威海建设2023年工作要点的通知",
    REAL / "zhejiang-lishui-2023-workreport.txt":
    "市政府工作报告重点工作责任分解(2023年)",
    ROOT / "tests/fixtures/diff/zhejiang-haishu-2023-workreport.txt":
    "2023年政府工作报告重点工作责任分解",
    ROOT / "tests/fixtures/lineage/yunnan-kunming-2016-growth.txt":
    "昆明市人民政府关于印发昆明市稳增长促发展若干政策措施的通知",
    SEED:
    "自流井区关于深化人才发展体制机制改革推动“两区”建设的实施方案",
}  # fmt: skip


@pytest.mark.parametrize("path", TITLES, ids=lambda p: p.stem)
def test_a_plan_s_title_is_its_own_words_without_the_page_s(path):
    assert parse_file(path).plan.title == TITLES[path]


def test_fields_banners_and_addressees_are_left_out_and_the_preamble_is_not_read():
    lines = [
        "关于印发某县2024年工作要点的通知发布日期:2024-02-07 16:17 来源:县政府办公室 浏览次数:",
        "某县人民政府文件  某政发〔2024〕3号",
        "19.04.2024  11:13",
        "关于印发某县2024年工作要点的通知",  # the page's title line said it already
        "各乡镇人民政府，县直各单位：",
        "这一行在收文单位之后，是正文，不是标题",
    ]
    assert title_of(lines, "\n".join(lines)) == "关于印发某县2024年工作要点的通知"


def test_with_nothing_of_a_title_left_the_notice_s_issued_title_is_used():
    lines = ["- 文件编号:某政办发〔2023〕2号", "- 成文日期:2023-02-10", "各镇人民政府："]
    text = "\n".join([*lines, "《某区2023年重点工作责任分解》已经区政府同意，现印发给你们。"])
    assert title_of(lines, text) == "某区2023年重点工作责任分解"
    assert title_of(["各镇人民政府："], "各镇人民政府：\n请认真落实。") == ""
