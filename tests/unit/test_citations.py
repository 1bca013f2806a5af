"""Cited documents read from real sentences (tests/fixtures/real, the bundled plan). The expected
answers were written by hand from the sentences before the extractor was run on them."""

import pytest
from policygraph.loader.citations import cited_documents, decode_number, own_number

# (sentence as the plan writes it, [(title, number, issuer, level, kind)])
CASES = [
    (  # data/ziliujing_talent_plan.txt, the preamble
        "为贯彻落实市委、市政府《关于深化人才发展体制机制改革推动振兴发展的实施意见》，"
        "结合我区实际，制定本实施方案。",
        [("关于深化人才发展体制机制改革推动振兴发展的实施意见", "", "市委、市政府", "市", "basis")],
    ),
    (  # the bundled plan, measure 24: a document the measure is to draft, not one it cites
        "制定出台《鼓励科技人员创办（领办）科技型企业试点的意见》，鼓励科技人员离岗创办企业",
        [("鼓励科技人员创办（领办）科技型企业试点的意见", "", "", "", "drafts")],
    ),
    (  # yunnan-guandu-2016-growth: title with its 文号 in half-width brackets
        "着力促进全区经济平稳较快发展,根据《昆明市人民政府关于印发昆明市稳增长促发展若干政策措施"
        "的通知》(昆政发〔2016〕13号),结合官渡区实际,特制定如下政策措施。",
        [
            (
                "昆明市人民政府关于印发昆明市稳增长促发展若干政策措施的通知",
                "昆政发〔2016〕13号",
                "昆明市人民政府",
                "市",
                "basis",
            )
        ],
    ),
    (  # heilongjiang-jiamusi-2018-water: two titles, each with its 文号; 国发 is the State Council
        "为深入贯彻落实《国务院关于印发水污染防治行动计划的通知》(国发〔2015〕17号)和《黑龙江省"
        "人民政府关于印发黑龙江省水污染防治工作方案的通知》(黑政发〔2016〕3号)精神,确保水污染防治"
        "各项工作顺利开展",
        [
            (
                "国务院关于印发水污染防治行动计划的通知",
                "国发〔2015〕17号",
                "国务院",
                "国家",
                "basis",
            ),
            (
                "黑龙江省人民政府关于印发黑龙江省水污染防治工作方案的通知",
                "黑政发〔2016〕3号",
                "黑龙江省人民政府",
                "省",
                "basis",
            ),
        ],
    ),
    (  # fujian-xiamen-2019-business: issuer before the 《; the page's damaged 文号 is not guessed
        "为全面贯彻落实国务院《关于聚焦企业关切进一步推动优化营商环境政策落实的通知》"
        "(国办发〔2018104号)、福建省践行“马上就办”提升营商环境工作推进方案",
        [("关于聚焦企业关切进一步推动优化营商环境政策落实的通知", "", "国务院", "国家", "basis")],
    ),
    (  # guangdong-chaozhou-2019-air: a title holding <…>, kept whole
        "为落实《广东省人民政府关于印发<广东省打赢蓝天保卫战实施方案(2018-2020年)>的通知》"
        "(粤府〔2018〕128号)部署要求,坚决打赢蓝天保卫战",
        [
            (
                "广东省人民政府关于印发<广东省打赢蓝天保卫战实施方案(2018-2020年)>的通知",
                "粤府〔2018〕128号",
                "广东省人民政府",
                "省",
                "basis",
            )
        ],
    ),
    (  # guangdong-dongguan-2021-employment, traditional characters: 號 is read as 号
        "為貫徹落實《廣東省人民政府關于印發廣東省進一步穩定和擴大就業若干政策措施的通知》"
        "(粵府〔2021〕13號),強化就業優先政策",
        [
            (
                "廣東省人民政府關于印發廣東省進一步穩定和擴大就業若干政策措施的通知",
                "粵府〔2021〕13号",
                "廣東省人民政府",
                "省",
                "basis",
            )
        ],
    ),
    (  # shanxi-yuncheng-2017-emergency: 《规划》 afterwards is the same document, shortened
        "根据《运城市突发事件应急体系建设“十三五”规划》(运政办发〔2016〕76号)精神,现将《规划》中"
        "明确提出的9项具体建设任务和7项重点建设项目进行责任分解。",
        [("运城市突发事件应急体系建设“十三五”规划", "运政办发〔2016〕76号", "", "", "basis")],
    ),
    (  # anhui-chizhou-2017-business: (以下简称《目录》) names the document just cited
        "根据省工商局公布的《安徽省“多证合一”改革证照事项目录》(以下简称《目录》),全面实行"
        "“多证合一、一照一码”",
        [("安徽省“多证合一”改革证照事项目录", "", "", "", "basis")],
    ),
    (  # liaoning-province-2023-workreport: a relative issuer (省) before the title
        "落实省委经济工作会议和省十四届人大一次会议通过的省《政府工作报告》部署,做好今年政府工作",
        [("政府工作报告", "", "省", "省", "basis")],
    ),
    (  # henan-xuchang-2020-workreport: cited, not issued (予以分解, not 印发)
        "现将《政府工作报告》提出的2020年重点工作任务予以分解并明确到各责任单位。",
        [("政府工作报告", "", "", "", "mention")],
    ),
    (  # liaoning-province-2023-workreport: the plan itself, issued by the notice: no citation
        "《2023年省〈政府工作报告〉任务分解和责任分工方案》已经省政府十四届一次全体(扩大)会议审议"
        "通过,现印发给你们,请认真贯彻,抓好落实。",
        [],
    ),
    (  # the 文号 forms, cited without a title; [] brackets as pages write them
        "按照川委发〔2016〕13号和自府办发[2017]5号文件要求",
        [
            ("", "川委发〔2016〕13号", "四川省委", "省", "basis"),
            ("", "自府办发〔2017〕5号", "", "", "basis"),
        ],
    ),
    (  # a constructed sentence: a newspaper is no document and stays out
        "据《人民日报》报道,我市经验被《求是》杂志刊载。",
        [],
    ),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_cited_documents_are_read_from_real_sentences(text, expected):
    found = [(c.title, c.number, c.issuer, c.level, c.kind) for c in cited_documents(text)]
    assert found == expected


def test_the_plans_own_title_line_is_not_a_citation():
    title = "合肥市人民政府关于印发《合肥市推动经济持续回升向好若干政策举措》的通知"
    assert cited_documents(title + "\n合政〔2025〕31号\n", plan_title=title) == []


@pytest.mark.parametrize(
    ("head", "number"),
    [
        # yunnan-kunming-2016-growth: the notice's own 文号 on the 文件 line
        ("昆明市人民政府文件     昆政发〔2016〕13号  \n各县(市)、区人民政府", "昆政发〔2016〕13号"),
        # anhui-chizhou-2017-business: the title line with its number in brackets
        ("池州市人民政府关于创优“四最”营商环境的实施意见(池政〔2017〕101号)", "池政〔2017〕101号"),
        # henan-xuchang-2020-workreport: a space and [] brackets
        ("许政 [2020] 20号\n各县(市、区)人民政府", "许政〔2020〕20号"),
        # yunnan-guandu-2016-growth: the only 文号 is the city plan's, cited: none of its own
        (
            "根据《昆明市人民政府关于印发昆明市稳增长促发展若干政策措施的通知》(昆政发〔2016〕13号),"
            "结合官渡区实际",
            "",
        ),
        # a 文号 cited without a title is not the plan's own either
        ("为贯彻落实川委发〔2016〕13号文件精神,制定本方案。", ""),
    ],
)
def test_a_plan_records_its_own_number_when_its_text_gives_it(head, number):
    assert own_number(head) == number


@pytest.mark.parametrize(
    ("number", "issuer", "level"),
    [
        ("湘政发〔2016〕1号", "湖南省人民政府", "省"),
        ("国办发〔2018〕104号", "国务院办公厅", "国家"),
        ("中发〔2016〕9号", "中共中央", "国家"),
        ("川委办发〔2016〕2号", "四川省委办公厅", "省"),
        ("京兴政办发〔2023〕1号", "", ""),  # 京 starts it, but 兴 is a district: not read as 北京市
        ("自府办发〔2017〕5号", "", ""),  # 自 (自贡) does not say a city from a county
    ],
)
def test_a_numbers_prefix_names_its_issuer_only_when_it_is_unambiguous(number, issuer, level):
    assert decode_number(number) == (issuer, level)


def test_a_title_whose_closing_mark_was_lost_does_not_swallow_the_next_line():
    # zhejiang-jiaxing-2022-workreport lost a 《; here the 》 is lost instead
    text = (
        "根据《关于进一步优化营商环境的实施意见,制定本方案。\n"
        "按照《关于印发某区工作要点的通知》执行。"
    )
    assert [c.title for c in cited_documents(text)] == ["关于印发某区工作要点的通知"]
