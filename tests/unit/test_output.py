import csv
import io
import json

from policygraph.output import display_width, render, safe_text


def test_table_aligns_chinese_by_display_width():
    text = render(["department", "total"], [["区委组织部", 36], ["团区委", 5]], "table")
    lines = text.splitlines()
    assert lines[0] == "department  total"
    assert lines[2] == "区委组织部     36"
    assert lines[3] == "团区委          5"
    assert len({display_width(line) for line in lines}) == 1


def test_table_clips_long_cells_and_neutralises_control_characters():
    text = render(["t"], [["长" * 100], ["a\x1b[2Jb"]], "table", max_width=12)
    assert "长长长长长…" in text and "长" * 6 not in text
    assert "\x1b" not in text and "a\\u001b[2Jb" in text


def test_json_is_objects_keyed_by_column():
    assert json.loads(render(["a", "b"], [["甲", 1]], "json")) == [{"a": "甲", "b": 1}]


def test_csv_bom_and_formula_cells():
    plain = render(["a"], [["=1+1"], ["甲"]], "csv")
    with_bom = render(["a"], [["甲"]], "csv", bom=True)
    assert with_bom.encode("utf-8").startswith(b"\xef\xbb\xbf")
    assert not plain.startswith("\ufeff")
    assert list(csv.reader(io.StringIO(plain))) == [["a"], ["'=1+1"], ["甲"]]


def test_csv_list_cells_are_joined_then_guarded():
    text = render(["a", "b"], [[["=cmd|x", "乙"], ["甲", "@b"]]], "csv")
    assert list(csv.reader(io.StringIO(text))) == [["a", "b"], ["'=cmd|x、乙", "甲、@b"]]


def test_safe_line_keeps_a_message_on_one_line_without_escapes():
    from policygraph.output import safe_line

    assert safe_line("a\nb\r\x1b[31m\x9b\u202e") == "a\\nb\\r\\u001b[31m\\u009b\\u202e"


def test_markdown_escapes_html_and_pipes():
    text = render(["t"], [["<script>alert(1)</script>|x"]], "markdown")
    assert "<script>" not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;\\|x" in text


def test_safe_text_flattens_newlines_and_bidi_overrides():
    assert safe_text("a\nb\u202ec") == "a b\\u202ec"
