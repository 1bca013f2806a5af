"""The shapes real plans take (issue #12), one short example each: brackets, people, role words,
joins, plan rules, collectives, elided prefixes, numbering, tables; never invent a unit."""

from loader.model import LEAD, SUPPORT
from loader.parse import parse_text
from loader.tables import table_lines


def lists(plan):
    return [(m.number, plan.units(m.id, LEAD), plan.units(m.id, SUPPORT)) for m in plan.measures]


def written(plan):
    """Units as written, per measure and role."""
    out = []
    for m in plan.measures:
        found = [a for a in plan.assignments if a.measure == m.id]
        out.append(
            [
                [a.as_written for a in sorted(found, key=lambda a: a.position) if a.role == role]
                for role in (LEAD, SUPPORT)
            ]
        )
    return out


def codes(plan):
    return [w.code for w in plan.warnings]


def parse(body: str):
    return parse_text("一、章\n" + body, "p")


def test_every_kind_of_bracket_holds_a_list_but_a_document_number_never_does():
    plan = parse(
        "1. 甲，依据川委发〔2016〕13号。〔牵头单位：市财政局；责任单位：市教育局〕\n"
        "2. 乙。【市民政局牵头，市财政局配合】\n"
        "3. 丙。[牵头单位：市人社局]\n"
        "4. 丁。［牵头单位：市商务局］\n"
    )
    assert lists(plan) == [
        (1, ["市财政局"], ["市教育局"]),
        (2, ["市民政局"], ["市财政局"]),
        (3, ["市人力资源社会保障局"], []),
        (4, ["市商务局"], []),
    ]
    assert "川委发〔2016〕13号" in plan.measures[0].text


def test_several_brackets_in_one_measure_are_one_list_in_written_order():
    plan = parse("1. 甲（市发改委牵头）；乙（市财政局牵头，市发改委、市商务局配合）。\n")
    assert lists(plan) == [(1, ["市发改委", "市财政局"], ["市商务局"])]
    assert "duplicate-unit" in codes(plan)


def test_an_unknown_label_first_keeps_the_known_labels_after_it():
    plan = parse("1. 甲。（督办单位：市督查室；牵头单位：市商务局；责任单位：市财政局）\n")
    assert lists(plan) == [(1, ["市商务局"], ["市财政局"])]
    assert "unknown-label" in codes(plan)


def test_people_and_deadlines_are_kept_on_the_measure_never_as_departments():
    plan = parse(
        "1. 甲。（责任领导：张三、王五副区长；牵头单位：区发改局；完成时限：2024年底前）\n"
        "2. 乙。\n牵头领导：李四\n牵头单位：区财政局\n时间节点：长期坚持\n"
    )
    assert lists(plan) == [(1, ["区发改局"], []), (2, ["区财政局"], [])]
    assert [(m.leaders, m.deadline) for m in plan.measures] == [
        ("张三、王五副区长", "2024年底前"),
        ("李四", "长期坚持"),
    ]
    assert all("张三" not in m.text for m in plan.measures)
    assert {d.name for d in plan.departments} == {"区发改局", "区财政局"}


def test_role_words_and_a_clause_without_one_taking_the_next_clauses_role():
    plan = parse(
        "1. 甲。（市发改委牵头，市财政局、市商务局等部门，市教育局、市民政局配合）\n"
        "2. 乙。（主办单位：市人社局；协办单位：市总工会）\n"
        "3. 丙。（市科技局主责，市教育局参加）\n"
        "4. 丁。（市住建局牵头，各区县按职责分工负责）\n"
    )
    assert lists(plan) == [
        (1, ["市发改委"], ["市财政局", "市商务局", "市教育局", "市民政局"]),
        (2, ["市人力资源社会保障局"], ["市总工会"]),
        (3, ["市科学技术局"], ["市教育局"]),
        (4, ["市住房和城乡建设局"], ["各区县"]),
    ]


def test_joins_split_only_where_both_sides_are_units():
    plan = parse(
        "1. 甲。（牵头单位：区委宣传部和区文明办；责任单位：区住房和城乡建设局、"
        "区人力资源和社会保障局及区发展和改革委员会）\n"
    )
    assert written(plan) == [
        [
            ["区委宣传部", "区文明办"],
            ["区住房和城乡建设局", "区人力资源和社会保障局", "区发展和改革委员会"],
        ]
    ]


def test_the_plans_own_rule_decides_who_leads_and_is_warned():
    plan = parse_text(
        "某县实施方案\n（列第一位者为牵头单位，下同）\n一、章\n1. 甲。（县财政局、县教育局）\n",
        "p",
    )
    assert lists(plan) == [(1, ["县财政局"], ["县教育局"])]
    assert "plan-rule" in codes(plan)


def test_collectives_and_names_with_brackets_stay_whole():
    plan = parse(
        "1. 甲。（牵头单位：县民政局；责任单位：镇（街道），各镇、街道，各县（市、区）人民政府、"
        "开发区管委会，各街办（新区），市级各有关部门）\n"
    )
    assert written(plan)[0][1] == [
        "镇（街道）",
        "各镇、街道",
        "各县（市、区）人民政府、开发区管委会",  # 各 governs the zones' committees too
        "各街办（新区）",
        "市级各有关部门",
    ]


def test_an_elided_region_prefix_takes_the_plans_dominant_prefix():
    plan = parse(
        "1. 甲。（牵头单位：省发展改革委、商务厅；责任单位：省财政厅）\n"
        "2. 乙。（牵头单位：市生态环境局、市场监管局）\n"
    )
    edges = [(a.as_written, a.department, a.inferred) for a in plan.assignments]
    assert ("商务厅", "省商务厅", True) in edges
    assert ("市场监管局", "省市场监督管理局", True) in edges  # the plan's prefix is 省
    assert "elided-prefix" in codes(plan)


def test_a_city_plan_reads_market_supervision_as_the_citys():
    plan = parse("1. 甲。（牵头单位：市生态环境局、市场监管局、市财政局）\n")
    assert [a.department for a in plan.assignments][1] == "市市场监督管理局"


def test_numbers_follow_the_sequence_their_neighbours_give():
    plan = parse(
        "1. 甲。（牵头单位：区财政局）\n2. 乙，补助\n1.5万元。（牵头单位：区民政局）\n"
        "3.100个示范村建设。（牵头单位：区农业农村局）\n"
    )
    assert [m.number for m in plan.measures] == [1, 2, 3]
    assert plan.measures[1].text == "乙，补助1.5万元。"
    assert plan.measures[2].text.startswith("100个示范村")


def test_numbers_of_any_length_are_items():
    body = "".join(f"{n}. 措施{n}。（牵头单位：区财政局）\n" for n in range(9998, 10002))
    assert [m.number for m in parse(body).measures] == [9998, 9999, 10000, 10001]


def test_a_plan_pasted_without_line_breaks_splits_into_items():
    text = (
        "某区工作方案一、总体要求（一）目标。到2025年完成任务。二、重点任务（一）就业"
        "1.做好高校毕业生就业。（牵头单位：区人社局；责任单位：区教育局）"
        "2.扶持创业，补助1.5万元。（牵头单位：区财政局）3.开展培训。（区总工会负责）"
    )
    plan = parse_text(text, "p")
    assert lists(plan) == [
        (1, ["区人力资源社会保障局"], ["区教育局"]),
        (2, ["区财政局"], []),
        (3, ["区总工会"], []),
    ]
    assert plan.measures[1].text == "扶持创业，补助1.5万元。"


def test_a_web_table_pasted_one_cell_a_line_with_empty_cells_gone():
    text = (
        "某县任务分解表\n一、重点任务\n序号\n主要工作举措\n牵头单位\n配合单位\n责任领导\n完成时限\n"
        "1\n建设产业园。\n县发改局\n县财政局、县自然资源局\n张三\n2024年底前\n"
        "2\n新建学校。\n县教育局\n李四\n9月底前\n"
    )
    plan = parse_text(text, "p")
    assert lists(plan) == [(1, ["县发改局"], ["县财政局", "县自然资源局"]), (2, ["县教育局"], [])]
    assert [(m.leaders, m.deadline) for m in plan.measures] == [
        ("张三", "2024年底前"),
        ("李四", "9月底前"),
    ]
    assert "table-cells-guessed" in codes(plan)


def test_word_table_rows_cells_with_several_units_and_merged_headings():
    rows = [
        ["序号", "重点任务", "责任单位", "时间节点"],
        ["一、产业发展"] * 4,
        ["3", "修建道路", "县交通局\n县农业农村局", "6月"],
    ]
    assert table_lines(rows) == [
        "一、产业发展",
        "3. 修建道路（责任单位：县交通局、县农业农村局。完成时限：6月）",
    ]


def test_a_glued_cell_is_split_with_a_warning():
    plan = parse("1. 修路。（责任单位：县交通局县农业农村局）\n")
    assert lists(plan) == [(1, ["县交通局"], ["县农业农村局"])]
    assert "glued-units-split" in codes(plan)
    assert all(a.inferred for a in plan.assignments)


def test_fragments_that_are_not_units_are_warned_never_made_departments():
    plan = parse("1. 甲。（牵头单位：区财政局、做好资金保障工作的有关事项安排）\n")
    assert lists(plan) == [(1, ["区财政局"], [])]
    assert "not-a-unit" in codes(plan)


def test_a_list_sharing_one_suffix_names_each_place_in_full():
    plan = parse("1. 甲。（牵头单位：市科技局；配合单位：黄埔区、南沙区政府）\n")
    assert [(a.as_written, a.department) for a in plan.assignments][1:] == [
        ("黄埔区", "黄埔区政府"),
        ("南沙区政府", "南沙区政府"),
    ]


def test_people_named_by_their_posts_are_leaders_not_units():
    plan = parse("1. 甲。（分管副市长、市政府副秘书长负责，市科技局牵头，市财政局配合）\n")
    assert lists(plan) == [(1, ["市科学技术局"], ["市财政局"])]
    assert plan.measures[0].leaders == "分管副市长、市政府副秘书长"


def test_an_elided_name_already_on_the_measure_is_never_named_twice():
    plan = parse("1. 甲。（牵头单位：市委组织部、市财政局；配合单位：委组织部、市教育局）\n")
    pairs = [(a.measure, a.department) for a in plan.assignments]
    assert len(pairs) == len(set(pairs))
