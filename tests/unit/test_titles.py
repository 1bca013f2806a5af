"""A plan's title without the furniture of the web page it was copied from (loader.titles):
real plans' first lines, titles written by hand from reading them."""

from __future__ import annotations

import pytest
from policygraph.loader.parse import parse_file, parse_text
from policygraph.loader.titles import title_of

from tests.conftest import ROOT, SEED

REAL = ROOT / "tests" / "fixtures" / "real"

TITLES = {  # file -> the document's title as its own text gives it
    REAL / "anhui-chizhou-2017-business.txt":
    "池州市人民政府关于创优“四最”营商环境的实施意见(池政〔2017〕101号)",
    REAL / "sichuan-dazhu-2016-livelihood.txt":
    "大竹县人民政府办公室关于对2016年民生实事进行重点督办的通知",
    REAL / "hubei-caidian-2023-workreport.txt":  # a field table, labels without colons
    "区人民政府办公室关于印发2023年区《政府工作报告》确定的主要目标任务责任分解方案的通知",
    REAL / "shandong-jinxiang-2021-rural.txt":  # fields above the title, 分享 below it
    "2021年全县乡村振兴工作重点任务清单",
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


# Shapes of a page's furniture seen on government sites; each title written by hand.
FURNITURE = {
    "labels and values without a colon, several pairs to a line": (
        [
            "关于印发某县2024年工作要点的通知",
            "索 引 号 11510300/2023-00012  公开方式 主动公开",
            "发布机构 自贡市人民政府办公室 成文日期 2023-05-06",
            "各乡镇人民政府，县直各单位：",
        ],
        "关于印发某县2024年工作要点的通知",
    ),
    "a page's table of fields, labels spaced out, and its date line": (
        [
            "区人民政府办公室关于印发2023年重点工作责任分解方案的通知",
            "2023-01-05 10:00 区人民政府办公室",
            "索  引  号 MB1534522/2023-05475 发文日期 2023-01-03",
            "发布机构 区人民政府办公室 文    号 蔡政办〔2023〕1号",
            "分   类 政务公开 有 效 性 有效",
            "组配分类 政策和解读",
        ],
        "区人民政府办公室关于印发2023年重点工作责任分解方案的通知",
    ),
    "labels left without values and a share button": (
        ["成文日期 2021-04-20 废止日期", "有效性", "2021年全县乡村振兴工作重点任务清单", "分享"],
        "2021年全县乡村振兴工作重点任务清单",
    ),
    "the site's name and its breadcrumb before the title": (
        [
            "自贡市人民政府门户网站",
            "首页 > 政务公开 > 政策文件",
            "自贡市人民政府办公室关于印发自贡市优化营商环境实施方案的通知",
        ],
        "自贡市人民政府办公室关于印发自贡市优化营商环境实施方案的通知",
    ),
    "other sites' names, a welcome line, site tools and a current-position line": (
        [
            "欢迎来到平顶山市水利局!",
            "繁体  |  本网站已经支持IPV6",
            "平顶山市水利局网站",
            "池州市政府网",
            "中国政府网",
            "当前位置：",
            "您当前的位置是:首页> 专题报道> 河长制> 工作动态",
            "当前位置：首页 » 信息公开 » 通知公告",
            "平顶山市河长制办公室关于印发河长制主要任务分解方案的通知",
        ],
        "平顶山市河长制办公室关于印发河长制主要任务分解方案的通知",
    ),
    "a breadcrumb ending in the title itself, after 正文": (
        ["首页 >> 政策文件 >> 正文关于印发某市2023年重点工作的通知"],
        "关于印发某市2023年重点工作的通知",
    ),
    "the site's section, and labels each alone on a line above its value": (
        [
            "某区人民政府",
            "政府信息公开",
            "某区人民政府关于分解落实2023年区政府工作目标任务的通知",
            "索引号",
            "011437144/2023-06550",
            "文件类型",
            "政府文件",
            "发文单位",
            "区人民政府办公室",
            "发文字号",
            "某政发〔2023〕5号",
            "发布日期",
            "2023年02月13日 10:53:20",
            "效力状态",
            "有效",
        ],
        "某区人民政府关于分解落实2023年区政府工作目标任务的通知",
    ),
    "a page converted to traditional characters, its source and 发表日期 on one line": (
        [
            "某市人民政府關于印發某市若幹政策措施的通知(某府〔2019〕31號)",
            "來源:某市新聞網发表日期:2019-09-04 15:05",
        ],
        "某市人民政府關于印發某市若幹政策措施的通知(某府〔2019〕31號)",
    ),
}


@pytest.mark.parametrize("shape", FURNITURE)
def test_a_page_s_labels_site_name_and_breadcrumb_never_reach_the_title(shape):
    lines, title = FURNITURE[shape]
    assert title_of(lines, "\n".join(lines)) == title


def test_title_words_that_look_like_furniture_are_kept():
    # a title broken over lines (one ends in 管网), one starting with the word 分类, and a
    # breadcrumb's last crumb that is the title itself
    broken = ["关于加快推进城市燃气管网", "更新改造的实施方案"]
    assert title_of(broken, "") == "关于加快推进城市燃气管网更新改造的实施方案"
    assert title_of(["分类推进事业单位改革实施方案"], "") == "分类推进事业单位改革实施方案"
    crumbs = ["首页 > 通知公告 > 关于印发某县2024年民生实事项目的通知"]
    assert title_of(crumbs, "") == "关于印发某县2024年民生实事项目的通知"


def test_the_year_is_still_read_from_every_line_above_the_first_sentence():
    text = "\n".join(
        [
            "某县人民政府门户网站",
            "发布机构 某县人民政府 成文日期 2023年5月6日",
            "关于印发某县重点工作的通知",
            "一、总体要求",
            "1. 年内建成服务中心。（牵头单位：县发改局）",
        ]
    )
    plan = parse_text(text, "p")
    assert plan.plan.title == "关于印发某县重点工作的通知"  # the year is on a label's line
    assert plan.plan.year == 2023
    assert plan.measures[0].due == "2023-12-31"
