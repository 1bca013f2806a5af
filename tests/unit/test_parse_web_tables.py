"""Web task tables pasted one cell per line (a fourth round of unseen real plans): a row with a
cell for every column reads cell by column, a row's first cell is its task, header cells broken
over two lines are one column's name, and padded names run together are several people."""

from policygraph.loader.model import LEAD, SUPPORT
from policygraph.loader.parse import parse_text, people_names
from policygraph.loader.tables import (
    DEADLINE_COL,
    LEAD_COL,
    NUMBER,
    SUPPORT_COL,
    TASK,
    column_kinds,
    text_tables,
)


def written(plan):
    """Units as written, per measure: (leads, supports)."""
    out = []
    for m in plan.measures:
        found = sorted((a for a in plan.assignments if a.measure == m.id), key=lambda a: a.position)
        out.append(
            tuple([a.as_written for a in found if a.role == role] for role in (LEAD, SUPPORT))
        )
    return out


def cells(*rows: str) -> str:
    return "\n".join(rows) + "\n"


def test_a_time_word_in_the_deadline_column_is_the_deadline_not_a_person():
    text = cells(
        "某园区重点工作清单",
        "序号 |", "重点工作 |", "责任领导 |", "责任单位 |", "完成时限 |",
        "1 |", "办好企业服务中心。 |", "王五 |", "服务部、财务部 |", "常年 |",
        "2 |", "清理闲置厂房。 |", "赵六 |", "规划部 |", "长期 |",
    )  # fmt: skip
    plan = parse_text(text, "p")
    assert written(plan) == [(["服务部"], ["财务部"]), (["规划部"], [])]
    assert [(m.leaders, m.deadline) for m in plan.measures] == [("王五", "常年"), ("赵六", "长期")]


def test_a_time_word_is_a_deadline_also_in_a_row_with_a_cell_missing():
    text = cells(
        "序号 |", "重点工作 |", "责任领导 |", "责任单位 |", "完成时限 |",
        "1 |", "办好企业服务中心。 |", "服务部 |", "年内 |",
    )  # fmt: skip
    plan = parse_text(text, "p")
    assert [(m.leaders, m.deadline) for m in plan.measures] == [("", "年内")]


def test_a_note_column_after_the_units_names_no_unit_and_its_open_bracket_swallows_nothing():
    text = cells(
        "序号", "项目内容", "当前进度", "牵头单位", "备注",
        "1", "新建养老中心2家。", "60%(甲镇未开工", "区民政局", "区民生实事",
        "2", "改造老旧小区。", "90%", "区住建局", "市民生实事",
    )  # fmt: skip
    plan = parse_text(text, "p")
    assert written(plan) == [(["区民政局"], []), (["区住建局"], [])]
    assert all(d.name not in ("区民生实事", "市民生实事") for d in plan.departments)
    assert plan.measures[0].text == "新建养老中心2家。"


def test_a_row_whose_cell_count_matches_by_chance_is_still_read_by_content():
    # 类别 spans the rows and is written once; the unit cell holds two units on two lines, so
    # the row has as many cells as the header has columns without a cell for each.
    text = cells(
        "类别", "指标名称", "完成情况", "责任部门",
        "经济发展",
        "1、新增规上企业数", "12家", "区经委", "区招商中心",
        "2、外贸进出口增长率", "8.5%", "区商务委",
    )  # fmt: skip
    plan = parse_text(text, "p")
    assert written(plan) == [(["区经委"], ["区招商中心"]), (["区商务委"], [])]


def test_a_rows_first_cell_is_its_task_even_when_it_reads_like_a_town_and_cells_are_missing():
    text = cells(
        "序号", "重点工作", "责任", "领导", "责任", "科室", "进展情况",
        "1", "现代农业示范镇", "孙七", "农业办",
        "2", "集镇污水管网", "周八", "建设办", "已开工",
    )  # fmt: skip
    plan = parse_text(text, "p")
    assert written(plan) == [(["农业办"], []), (["建设办"], [])]
    assert [m.leaders for m in plan.measures] == ["孙七", "周八"]
    assert [m.text for m in plan.measures] == ["现代农业示范镇", "集镇污水管网"]
    assert all(d.name != "现代农业示范镇" for d in plan.departments)


def test_header_cells_broken_over_two_lines_are_one_columns_name():
    out, _ = text_tables(
        cells("序号", "工作", "牵头", "科室", "完成", "时限", "1", "甲。", "综合办", "6月")
    )
    assert "1. 甲。（牵头单位：综合办。完成时限：6月）" in out.splitlines()
    kinds = column_kinds(["序号", "工作", "牵头科室", "配合科室", "完成时限"])
    assert kinds == [NUMBER, TASK, LEAD_COL, SUPPORT_COL, DEADLINE_COL]


def test_two_padded_names_run_together_in_a_leaders_cell_are_two_people():
    assert people_names(["张 三李 四"]) == ["张 三", "李 四"]
    assert people_names(["王 五", "张三、李四", "王 五"]) == ["王 五", "张三", "李四"]
    plan = parse_text("一、章\n1. 甲。（牵头单位：县财政局。责任领导：钱 九吴 十）\n", "p")
    assert plan.measures[0].leaders == "钱 九、吴 十"


def test_a_table_flattened_to_a_line_a_row_reads_its_header_at_the_end_of_the_title_line():
    text = cells(
        "附件 某市推进物流枢纽建设任务分工 工作任务 具体内容 牵头单位 配合单位",
        "一、完善枢纽设施",
        "1、建设公铁联运场站,推进二期工程. 市交通局、市发改委 市直有关部门,各区政府",
        "2、培育物流龙头企业.市商务局 市财政局",
        "3、推进 冷链 设施建设 . 市农业农村局 市供销社",
    )  # fmt: skip
    plan = parse_text(text, "p")
    assert written(plan) == [
        (["市交通局", "市发改委"], ["市直有关部门", "各区政府"]),
        (["市商务局"], ["市财政局"]),  # glued to the task after its full stop
        (["市农业农村局"], ["市供销社"]),
    ]
    assert plan.measures[1].text.startswith("培育物流龙头企业")
    assert "市交通局" not in plan.measures[0].text


def test_a_line_ending_in_unit_column_names_without_rows_after_it_is_left_as_written():
    text, warnings = text_tables("工作任务 牵头单位 配合单位\n各单位要高度重视。\n")
    assert text.rstrip("\n") == "工作任务 牵头单位 配合单位\n各单位要高度重视。" and warnings == []
