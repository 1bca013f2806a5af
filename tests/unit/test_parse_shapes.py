"""The shapes real plans take (issue #12), one short example each: brackets, people, role words,
joins, plan rules, collectives, elided prefixes, numbering, tables; never invent a unit."""

from policygraph.loader.model import LEAD, SUPPORT
from policygraph.loader.parse import parse_text
from policygraph.loader.tables import table_lines


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
        (3, ["市人力资源和社会保障局"], []),
        (4, ["市商务局"], []),
    ]
    assert "川委发〔2016〕13号" in plan.measures[0].text


def test_several_brackets_in_one_measure_are_one_list_in_written_order():
    plan = parse("1. 甲（市发改委牵头）；乙（市财政局牵头，市发改委、市商务局配合）。\n")
    assert lists(plan) == [(1, ["市发展和改革委员会", "市财政局"], ["市商务局"])]
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
    assert lists(plan) == [(1, ["区发展和改革局"], []), (2, ["区财政局"], [])]
    assert [(m.leaders, m.deadline) for m in plan.measures] == [
        ("张三、王五副区长", "2024年底前"),
        ("李四", "长期坚持"),
    ]
    assert all("张三" not in m.text for m in plan.measures)
    assert {d.name for d in plan.departments} == {"区发展和改革局", "区财政局"}


def test_role_words_and_a_clause_without_one_taking_the_next_clauses_role():
    plan = parse(
        "1. 甲。（市发改委牵头，市财政局、市商务局等部门，市教育局、市民政局配合）\n"
        "2. 乙。（主办单位：市人社局；协办单位：市总工会）\n"
        "3. 丙。（市科技局主责，市教育局参加）\n"
        "4. 丁。（市住建局牵头，各区县按职责分工负责）\n"
    )
    assert lists(plan) == [
        (1, ["市发展和改革委员会"], ["市财政局", "市商务局", "市教育局", "市民政局"]),
        (2, ["市人力资源和社会保障局"], ["市总工会"]),
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
        (1, ["区人力资源和社会保障局"], ["区教育局"]),
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
    assert lists(plan) == [
        (1, ["县发展和改革局"], ["县财政局", "县自然资源局"]),
        (2, ["县教育局"], []),
    ]
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


def test_collectives_task_forces_parks_and_member_units_are_units():
    plan = parse(
        "1. 甲。\n牵头单位：县商务局\n责任单位：县开发区管委，全县招商引资各专班\n"
        "2. 乙。（县应急指挥部成员单位、城南物流园、各乡镇街负责）\n"
    )
    assert written(plan) == [
        [["县商务局"], ["县开发区管委", "全县招商引资各专班"]],
        [["县应急指挥部成员单位"], ["城南物流园", "各乡镇街"]],
    ]
    assert "not-a-unit" not in codes(plan)


def test_a_fragment_with_a_verb_around_a_collective_is_still_no_unit():
    plan = parse("1. 甲。（县财政局牵头，推动各地、强化各项配合）\n")
    assert written(plan) == [[["县财政局"], []]]
    assert "not-a-unit" in codes(plan)


def test_a_unit_before_a_role_phrase_of_several_words_keeps_its_name():
    plan = parse("1. 甲。\n责任单位：县民政局、县财政局，各街道按照职责分工分别负责。\n")
    assert written(plan) == [[["县民政局"], ["县财政局", "各街道"]]]


def test_a_deadline_under_a_requirement_label_is_read():
    plan = parse("1. 甲。\n责任单位：市税务局\n时限要求：长期坚持\n")
    assert [m.deadline for m in plan.measures] == ["长期坚持"]


def test_a_role_phrase_ends_a_collective_before_it():
    plan = parse("1. 甲。\n责任单位：县司法局、各有关部门，乡镇人民政府按职责分工分别负责。\n")
    assert written(plan) == [[["县司法局"], ["各有关部门", "乡镇人民政府"]]]


def test_a_list_inside_the_text_may_end_with_a_note_sentence():
    plan = parse(
        "1. 甲。〔市水务局牵头，市财政局配合。以下均需各区落实，不再列出。〕乙（市水务局牵头）\n"
    )
    assert written(plan) == [[["市水务局"], ["市财政局"]]]
    assert "不再列出" not in plan.measures[0].text


def test_a_heading_naming_a_lead_gives_it_to_the_items_below_without_a_list():
    plan = parse_text(
        "一、市交通局牵头工作（2项）\n1. 修路。\n2. 建桥。\n二、张三市长牵头重点工作\n1. 治水。\n",
        "p",
    )
    assert written(plan) == [[["市交通局"], []], [["市交通局"], []], [[], []]]
    assert codes(plan).count("heading-lead") == 2


def test_an_attachment_list_of_titles_starting_with_a_year_is_no_measure():
    plan = parse_text(
        "附件：1.2024年任务清单\n2.2024年项目清单\n3.重点项目表\n一、章\n1. 甲（市商务局负责）\n",
        "p",
    )
    assert [m.number for m in plan.measures] == [1]


def test_a_list_line_after_the_last_sub_item_belongs_to_their_parent():
    plan = parse("1. 完善制度\n（1）修订。\n（2）培训。\n（责任单位：市应急局、市司法局）\n")
    assert [m.number for m in plan.measures] == [1]
    assert written(plan) == [[["市应急局"], ["市司法局"]]]
    own = parse("1. 加强队伍\n（1）招录。\n责任单位：市人社局\n（2）演练。\n责任单位：市应急局\n")
    assert written(own) == [[["市人社局"], []], [["市应急局"], []]]


def test_a_page_on_one_line_with_parts_separated_by_spaces_splits_into_items():
    plan = parse_text(
        "各部门: 现印发给你们。 2024年重点工作 一、第一组工作 1.建成新的市民中心一处,"
        "投入使用并向社会开放服务。 责任单位:县建设局、县财政局 2.完成老旧小区改造任务十二个,"
        "惠及居民三千余户。 责任单位:县住建局 二、第二组工作 1.新增城镇就业岗位五千个以上。 "
        "责任单位:县人社局",
        "p",
    )
    assert [m.number for m in plan.measures] == [1, 2, 1]
    assert written(plan) == [[["县建设局"], ["县财政局"]], [["县住建局"], []], [["县人社局"], []]]


def test_sub_points_run_on_in_a_paragraph_each_with_a_list_are_measures():
    plan = parse(
        "1.优化服务。(1)推行网上办理,让企业少跑腿,办理时限压减一半以上,年内覆盖全部政务服务事项。(市数据局牵头负责)"
        "(2)推行证照联办,实行一窗受理、一次办结、全程留痕的办理方式。(市市场监管局牵头负责)\n"
    )
    assert [m.number for m in plan.measures] == [1, 2]
    assert written(plan) == [[["市数据局"], []], [["市市场监管局"], []]]


def test_a_web_table_pasted_one_row_a_line_with_spaces_between_cells():
    text = (
        "附件：某市任务分解表 序号 名称 工作任务 牵头责任单位\n一、预期目标\n"
        "1 经济 生产总值增长6%. 发改委\n2 财政 收入增长5%. 财政局、税务局\n"
    )
    plan = parse_text(text, "p")
    assert written(plan) == [[["发改委"], []], [["财政局", "税务局"], []]]


def test_figures_among_a_rows_cells_are_values_and_marked_numbers_are_rows():
    text = (
        "序号\n指标\n单位\n目标\n责任部门\n"
        "1\n家禽出栏\n万只\n1\n县农业局\n"
        "2*\n水产品产量\n万吨\n3\n县海洋局\n"
    )
    plan = parse_text(text, "p")
    assert [m.number for m in plan.measures] == [1, 2]
    assert written(plan) == [[["县农业局"], []], [["县海洋局"], []]]


def test_a_trailing_column_of_units_in_no_role_names_no_responsible_unit():
    text = (
        "序号\n考核指标\n目标\n责任部门\n评分部门\n"
        "1\n粮食面积\n2万亩\n县农业局\n县水利局\n市农业局\n"
        "2\n渔业产量\n3万吨\n县海洋局\n市海洋局\n"
    )
    plan = parse_text(text, "p")
    assert written(plan) == [[["县农业局"], ["县水利局"]], [["县海洋局"], []]]


def test_header_and_unit_cells_broken_over_two_lines_are_read_whole():
    text = (
        "序号\n项目\n区级牵头\n责任单位\n备注\n"
        "1\n培训农民工。\n区人力资源\n社会保障局\n完成\n"
        "2\n培训青年。\n区教育局、\n团区委\n完成\n"
        "3\n扶持养殖。\n全区统筹\n区农业局\n完成\n"
    )
    plan = parse_text(text, "p")
    assert written(plan) == [
        [["区人力资源社会保障局"], []],
        [["区教育局", "团区委"], []],
        [["区农业局"], []],
    ]


def test_a_task_cell_that_reads_like_a_units_name_stays_the_task_in_a_full_row():
    text = "序号\n重点任务\n牵头单位\n配合单位\n1\n推行一网通办\n区审批局\n区财政局\n"
    plan = parse_text(text, "p")
    assert written(plan) == [[["区审批局"], ["区财政局"]]]
    assert plan.measures[0].text.startswith("推行一网通办")


def test_a_note_about_later_measures_after_a_full_stop_names_no_units():
    plan = parse(
        "1. 甲。（责任单位：市商务局、市财政局，各区人民政府、开发区管委会。以下各项均需各区"
        "人民政府、开发区管委会落实，不再列出）\n"
        "2. 乙。（市商务局牵头，市财政局参与，各区人民政府负责落实。以下工作均需各区"
        "人民政府落实）\n"
    )
    assert written(plan) == [
        [["市商务局"], ["市财政局", "各区人民政府、开发区管委会"]],
        [["市商务局"], ["市财政局", "各区人民政府"]],
    ]
    assert "not-a-unit" not in codes(plan)


def test_a_clause_ending_in_luoshi_beside_a_lead_clause_supports():
    plan = parse("1. 甲。（责任单位：县民政局牵头，县财政局等部门参加，各乡镇落实）\n")
    assert written(plan) == [[["县民政局"], ["县财政局", "各乡镇"]]]


def test_a_shortened_guanwei_continues_the_collective_before_it():
    plan = parse("1. 甲。（牵头单位：市商务局；责任单位：各县政府、高新区管委）\n")
    assert written(plan) == [[["市商务局"], ["各县政府、高新区管委"]]]


def test_a_pipe_table_row_a_line_gives_each_column_its_cell_units_leaders_and_no_progress():
    text = (
        "一、民生实事任务分解表\n"
        "序号 | 具体工作任务和要求 | 责任领导 | 责任单位 | 落实情况 |\n"
        "1 | 新建学校两所。 | 毛晓青 | 县教体局 各相关乡镇政府 | 已完成项目建设,秋季开学。 |\n"
        "2 | 改造供水管网。 | 张学伟 | 县住建局 | 金滩水厂建设基本完成 |\n"
    )
    plan = parse_text(text, "p")
    assert written(plan) == [[["县教体局"], ["各相关乡镇政府"]], [["县住建局"], []]]
    assert [m.leaders for m in plan.measures] == ["毛晓青", "张学伟"]


def test_units_with_only_a_space_between_them_are_two_units_with_a_warning():
    plan = parse("1. 建校。（责任单位：县教体局 各相关乡镇政府）\n")
    assert written(plan) == [[["县教体局"], ["各相关乡镇政府"]]]
    assert "glued-units-split" in codes(plan)
    # a name a space breaks (住房和城乡 建设局) is one name, never two
    whole = parse("1. 建房。（牵头单位：县住房和城乡 建设局）\n")
    assert written(whole) == [[["县住房和城乡建设局"], []]]


def test_a_label_written_straight_after_the_last_unit_ends_the_list():
    plan = parse(
        "1. 老旧小区改造\n牵头单位:县城管执法局\n"
        "责任单位:莲塘镇任务目标:改造莲塘镇莲水巷、橡西巷等住宅小区\n"
    )
    assert written(plan) == [[["县城管执法局"], ["莲塘镇"]]]
    assert "unknown-label" in codes(plan)
    assert "not-a-unit" not in codes(plan)


def test_a_kind_of_unit_after_a_collective_continues_it_county_level_cities_included():
    plan = parse("1. 引才。（牵头单位：市委组织部，配合单位：市人社局，各区、县级市）\n")
    assert written(plan) == [[["市委组织部"], ["市人社局", "各区、县级市"]]]
    assert all(d.name != "县级市" for d in plan.departments)


def test_a_section_row_naming_only_leaders_is_a_heading_whose_leaders_lead_the_rows_below():
    text = (
        "序号\n目标任务\n牵头单位\n责任单位\n"
        "一、主要经济指标工作目标(牵头领导:成坤、柯相国)\n"
        "1\n地区生产总值增长15%。\n区发改局\n区统计局\n"
        "2\n规上工业增加值增长10%。\n区经信局\n区统计局\n"
    )
    plan = parse_text(text, "p")
    assert [m.number for m in plan.measures] == [1, 2]
    assert [m.leaders for m in plan.measures] == ["成坤、柯相国", "成坤、柯相国"]
    assert [t.title for t in plan.themes] == ["主要经济指标工作目标"]
    assert codes(plan).count("heading-leaders") == 2


def test_a_chapter_headings_own_list_goes_to_its_items_that_have_none():
    plan = parse_text(
        "一、强化科技创新（区科技局牵头）\n加快培育新质生产力。\n"
        "（一）加强平台建设。建设研究院。\n（二）支持企业研发。给予奖励。\n"
        "二、扩大有效投资（区发改局牵头，区财政局配合）\n（一）建设重点项目。\n"
        "三、优化服务（牵头单位：区数据局；配合单位：区政务服务中心）\n"
        "1. 推行网上办理。\n2. 推行证照联办。\n",
        "p",
    )
    assert [m.number for m in plan.measures] == [1, 2, 1, 1, 2]
    assert written(plan) == [
        [["区科技局"], []],
        [["区科技局"], []],
        [["区发改局"], ["区财政局"]],
        [["区数据局"], ["区政务服务中心"]],
        [["区数据局"], ["区政务服务中心"]],
    ]
    assert [t.title for t in plan.themes] == ["强化科技创新", "扩大有效投资", "优化服务"]
    assert codes(plan).count("heading-lead") == 5


def test_a_heading_that_runs_on_into_a_paragraph_is_named_by_its_first_sentence():
    plan = parse_text(
        "一、实施行动计划\n（一）产业提升人才行动计划。围绕主导产业，实施如下重点项目：\n"
        "2.紧缺人才开发项目。（牵头单位：市发展改革委）\n",
        "p",
    )
    assert [t.title for t in plan.themes] == ["实施行动计划", "产业提升人才行动计划"]


def test_a_collective_joined_to_a_body_named_by_its_kind_alone_stays_one_collective():
    plan = parse("1. 节水。（牵头单位：市水利局；责任单位：各县（市、区）党委和人民政府）\n")
    assert written(plan) == [[["市水利局"], ["各县（市、区）党委和人民政府"]]]
    both = parse("1. 节水。（牵头单位：市水利局；责任单位：市财政局和市税务局）\n")
    assert written(both) == [[["市水利局"], ["市财政局", "市税务局"]]]


def test_units_under_a_xiezuo_label_support():
    plan = parse("1. 丁。（牵头部门：县商务局；协作部门：县财政局、县市场监管局）\n")
    assert written(plan) == [[["县商务局"], ["县财政局", "县市场监管局"]]]
    rows = [["序号", "工作任务", "牵头单位", "协作单位"], ["1", "修路", "县交通局", "县财政局"]]
    table = table_lines(rows)
    assert table == ["1. 修路（牵头单位：县交通局。配合单位：县财政局）"]


def test_a_remark_whose_bracket_is_never_closed_leaves_the_list_bracket_after_it_whole():
    plan = parse(
        "1. 新建文化站(西片进度滞后（牵头单位：区文旅局；配合单位：区财政局）\n"
        "2. 改造菜场【北片未动工（区商务局牵头）\n"
    )
    assert written(plan) == [[["区文旅局"], ["区财政局"]], [["区商务局"], []]]
    # a list cut off at the end of the text is still the list it began, brackets inside it too
    cut = parse("1. 甲。（牵头单位：区发改局（区粮食局），配合单位：\n")
    assert written(cut) == [[["区发改局（区粮食局）"], []]]


def test_a_list_that_ends_in_deng_with_departments_and_units_keeps_the_units_before_it():
    plan = parse(
        "1. 甲。（区卫健局等有关部门和单位负责）\n"
        "2. 乙。（区教育局、区体育局等相关部门及单位按职责分工负责）\n"
    )
    assert written(plan) == [[["区卫健局"], []], [["区教育局"], ["区体育局"]]]
    assert "not-a-unit" not in codes(plan)


def test_a_unit_joined_after_an_open_list_is_a_unit_of_its_own():
    plan = parse("1. 甲。（区商务局、区农业农村局等和各街道办事处负责）\n")
    assert written(plan) == [[["区商务局"], ["区农业农村局", "各街道办事处"]]]
    assert "collective-unit" in codes(plan)  # 各街道办事处, warned as a collective only


def test_units_before_huitong_lead_and_the_units_they_convene_support():
    plan = parse(
        "1. 甲。（区发改局会同有关部门负责）\n"
        "2. 乙。（区财政局、区审计局会同区直各部门负责）\n"
        "3. 丙。（责任单位：区民政局会同各镇）\n"
    )
    assert written(plan) == [
        [["区发改局"], ["有关部门"]],
        [["区财政局", "区审计局"], ["区直各部门"]],
        [["区民政局"], ["各镇"]],
    ]


def test_huitong_in_a_place_name_is_no_role_word():
    plan = parse("1. 甲。（怀化市会同县人民政府负责）\n2. 乙。（会同县人民政府负责）\n")
    assert written(plan) == [[["怀化市会同县人民政府"], []], [["会同县人民政府"], []]]


def test_the_youth_leagues_central_committee_is_a_unit():
    plan = parse("1. 甲。（全国妇联、团中央负责）\n")
    assert written(plan) == [[["全国妇联"], ["团中央"]]]


def test_the_preambles_numbered_items_before_the_tasks_are_headings_not_measures():
    plan = parse_text(
        "一、总体要求\n"
        "（一）指导思想。以高质量发展为主题。\n"
        "（二）工作目标：到2027年，建成智慧园区。\n"
        "二、重点任务\n"
        "（三）建设数据平台。（区大数据局负责）\n"
        "（四）工作目标考核。（区考核办负责）\n",
        "p",
    )
    assert lists(plan) == [(3, ["区大数据局"], []), (4, ["区考核办"], [])]
    sections = [t.title for t in plan.themes if t.level == "section"]
    assert sections[0] == "指导思想" and sections[1].startswith("工作目标")
