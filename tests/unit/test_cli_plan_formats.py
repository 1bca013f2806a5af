# ruff: noqa: E501  (plan text is kept as written, one measure a line)
"""Issue #12's shapes and places from the command line, in every format a user brings: the same
plan as plain text, Markdown, a Word task table and a web table pasted as text gives the same
measures, units, leaders, deadlines and place. The answers below were written by hand."""

from __future__ import annotations

import json
from pathlib import Path

import docx
import pytest

TITLE = "自流井区关于优化营商环境的实施方案"
PREAMBLE = "为优化营商环境，结合自流井区实际，制定本方案。"

TEXT = f"""{TITLE}

{PREAMBLE}

一、提升政务服务
（一）办事便利
1.推行一网通办。【牵头单位：区行政审批局；责任单位：区大数据中心、区财政局】
2.压缩审批时限。（责任领导：张三；牵头单位：区发改局；责任单位：区住建局）（完成时限：2024年6月底前）
3.100个事项全程网办。（区大数据中心牵头，区人社局、区医保局等部门，各镇、街道配合）
二、强化要素保障
4.落实减税降费。（区财政局、区税务局和区人社局按职责分工负责）
"""

# number, leads, supports (as the alias table names them: 区人社局 is 区人力资源和社会保障局),
# leaders, deadline
ANSWERS = [
    (1, ["区行政审批服务局"], ["区大数据中心", "区财政局"], "", ""),
    (2, ["区发展和改革局"], ["区住房和城乡建设局"], "张三", "2024年6月底前"),
    (3, ["区大数据中心"], ["区人力资源和社会保障局", "区医疗保障局", "各镇、街道"], "", ""),
    (4, ["区财政局"], ["区税务局", "区人力资源和社会保障局"], "", ""),
]

MARKDOWN = f"""# {TITLE}

{PREAMBLE}

## 一、提升政务服务

### （一）办事便利

1. 推行一网通办。【牵头单位：区行政审批局；责任单位：区大数据中心、区财政局】
2. 压缩审批时限。（责任领导：张三；牵头单位：区发改局；责任单位：区住建局）（完成时限：2024年6月底前）
3. 100个事项全程网办。（**区大数据中心**牵头，区人社局、区医保局等部门，各镇、街道配合）

## 二、强化要素保障

4. 落实减税降费。（区财政局、区税务局和区人社局按职责分工负责）
"""

TABLE_HEAD = ["序号", "重点任务", "牵头单位", "配合单位", "责任领导", "完成时限"]
TABLE_ROWS = [
    ["一、提升政务服务"],
    ["1", "推行一网通办", "区行政审批局", "区大数据中心\n区财政局", "", "2024年底前"],
    ["2", "压缩审批时限", "区发改局", "区住房和城乡建设局", "张三", "2024年6月底前"],
    ["二、强化要素保障"],
    ["3", "落实减税降费", "区财政局", "区税务局、区人社局", "李四", "长期坚持"],
]
TABLE_ANSWERS = [
    (1, ["区行政审批服务局"], ["区大数据中心", "区财政局"], "", "2024年底前"),
    (2, ["区发展和改革局"], ["区住房和城乡建设局"], "张三", "2024年6月底前"),
    (3, ["区财政局"], ["区税务局", "区人力资源和社会保障局"], "李四", "长期坚持"),
]

# A web table copied from a browser: one cell a line, header cells first.
WEB_TABLE = f"""{TITLE}

{PREAMBLE}

序号
重点任务
牵头单位
配合单位
完成时限
1
推行一网通办
区行政审批局
区大数据中心、区财政局
2024年底前
2
压缩审批时限
区发改局
区住建局
2024年6月底前
"""
WEB_ANSWERS = [
    (1, ["区行政审批服务局"], ["区大数据中心", "区财政局"], "", "2024年底前"),
    (2, ["区发展和改革局"], ["区住房和城乡建设局"], "", "2024年6月底前"),
]


def write_docx(path: Path) -> None:
    document = docx.Document()
    document.add_paragraph(TITLE)
    document.add_paragraph(PREAMBLE)
    table = document.add_table(rows=0, cols=len(TABLE_HEAD))
    for row in [TABLE_HEAD, *TABLE_ROWS]:
        cells = table.add_row().cells
        if len(row) == 1:  # a chapter: one cell merged across the row
            merged = cells[0].merge(cells[-1])
            merged.text = row[0]
            continue
        for cell, value in zip(cells, row, strict=True):
            cell.text = value
    document.save(str(path))


def parsed(cli, path: Path) -> dict:
    result = cli("parse", str(path), "--format", "json")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def as_written(plan: dict) -> list[tuple]:
    return [
        (m["number"], m["leads"], m["supports"], m["leaders"], m["deadline"])
        for m in plan["measures"]
    ]


@pytest.mark.parametrize(
    ("suffix", "content", "answers"),
    [
        (".txt", TEXT, ANSWERS),
        (".md", MARKDOWN, ANSWERS),
        (".docx", None, TABLE_ANSWERS),
        (".txt", WEB_TABLE, WEB_ANSWERS),
    ],
    ids=["text", "markdown", "word-table", "web-table-pasted"],
)
def test_every_format_reads_the_same_units_people_deadlines_and_place(
    cli, tmp_path, suffix, content, answers
):
    path = tmp_path / f"plan{suffix}"
    if content is None:
        write_docx(path)
    else:
        path.write_text(content, encoding="utf-8")
    plan = parsed(cli, path)
    assert as_written(plan) == answers
    assert plan["plan"]["jurisdiction"] == "自流井区"
    assert all("张三" not in d["name"] and "李四" not in d["name"] for d in plan["departments"])
