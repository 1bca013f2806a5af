"""Plan files -> text: .txt and .md in UTF-8 (with or without BOM) or GB18030, and .docx.

Tables in a .docx (the usual shape of a 任务分工方案: 序号 | 任务 | 牵头单位 | 责任单位) become
lines the parser reads like any other plan: `N. 任务（牵头单位：…。责任单位：…）`.
"""

from __future__ import annotations

import codecs
import hashlib
import re
import zipfile
from pathlib import Path

from .errors import InputError

TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text", ""}
DOCX_SUFFIXES = {".docx"}
MAX_BYTES = 64 * 1024 * 1024  # a plan is kilobytes; refuse to read something absurd
MAX_DOCX_XML = 256 * 1024 * 1024  # what a .docx may unpack to (a zip bomb unpacks to far more)

_MD_PREFIX_RE = re.compile(r"^\s*(?:#{1,6}\s+|>\s*|[-*+]\s+)")
_MD_EMPHASIS_RE = re.compile(r"(\*\*|__)(.+?)\1")
_TASK_HEAD = (
    "任务",
    "工作任务",
    "重点任务",
    "主要任务",
    "具体措施",
    "工作措施",
    "措施",
    "内容",
    "工作内容",
    "目标任务",
    "具体任务",
)
_LEAD_HEAD = ("牵头", "主责")
_SUPPORT_HEAD = ("责任", "配合", "参与", "协办", "协助")


def read_plan_file(path: str | Path) -> tuple[str, str]:
    """Text and sha256 of a plan file; raises InputError saying what is wrong with it."""
    p = Path(path)
    if not p.exists():
        raise InputError(
            f"{path}: no such file. Check the path, or run `policygraph demo` "
            "to try the bundled plan."
        )
    if p.is_dir():
        raise InputError(f"{path}: is a folder; give plan files (.txt, .md or .docx).")
    if not p.is_file():  # a pipe or a device would block or never end
        raise InputError(f"{path}: is not a regular file; give plan files (.txt, .md or .docx).")
    too_big = InputError(
        f"{path}: is over {MAX_BYTES // (1024 * 1024)} MB; a plan is expected to be "
        "kilobytes of text. Split it, or check the file."
    )
    try:
        if p.stat().st_size > MAX_BYTES:
            raise too_big
        with p.open("rb") as fh:
            data = fh.read(MAX_BYTES + 1)  # bounded, even if the file grows meanwhile
    except OSError as exc:
        raise InputError(f"{path}: cannot be read ({exc.strerror or exc}).") from None
    if len(data) > MAX_BYTES:
        raise too_big
    digest = hashlib.sha256(data).hexdigest()
    suffix = p.suffix.lower()
    if suffix in DOCX_SUFFIXES:
        return docx_text(p, data), digest
    if not data.strip():
        raise InputError(f"{path}: the file is empty; expected a plan with numbered measures.")
    if b"\x00" in data[:8192] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(
            f"{path}: looks like a binary file; expected a plan as UTF-8 or GB18030 "
            "text (.txt or .md) or a .docx document."
        )
    text = decode(data, path)
    if suffix in (".md", ".markdown"):
        text = markdown_to_text(text)
    return text, digest


def decode(data: bytes, path: str | Path) -> str:
    """UTF-16 (by its BOM), else UTF-8, else GB18030; a file mixing encodings is an error."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise InputError(
                f"{path}: starts like UTF-16 text but byte {exc.start} is not UTF-16; "
                "save it again as UTF-8 and retry."
            ) from None
    body = data.removeprefix(codecs.BOM_UTF8)
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as exc:
        good = body[: exc.start].decode("utf-8")
        if sum(ord(ch) > 127 for ch in good) >= MIXED_AFTER:
            # Chinese text that was valid UTF-8 up to here: not a GB18030 file, but one that
            # mixes encodings (e.g. lines pasted from another file); decoding it all as GB18030
            # would turn every earlier line into nonsense.
            line = good.count("\n") + 1
            raise InputError(
                f"{path}: line {line} is not UTF-8, though the lines before it are; the file "
                "mixes encodings. Save it as UTF-8 and retry."
            ) from None
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError:
        raise InputError(
            f"{path}: is neither UTF-8 nor GB18030 text; save it as UTF-8 and retry."
        ) from None


MIXED_AFTER = 8  # non-ASCII characters read as UTF-8 before a bad byte: a mixed file


def markdown_to_text(text: str) -> str:
    """Drop Markdown heading, quote and bullet markers and emphasis; tables become plan lines."""
    lines = []
    rows: list[list[str]] = []
    for line in text.splitlines():
        stripped = line.strip()
        if stripped.startswith("|") and stripped.endswith("|"):
            cells = [c.strip() for c in stripped.strip("|").split("|")]
            if not all(re.fullmatch(r":?-{2,}:?", c) for c in cells if c):
                rows.append(cells)
            continue
        if rows:
            lines += table_lines(rows)
            rows = []
        lines.append(_MD_EMPHASIS_RE.sub(r"\2", _MD_PREFIX_RE.sub("", line)))
    if rows:
        lines += table_lines(rows)
    return "\n".join(lines)


def table_lines(rows: list[list[str]]) -> list[str]:
    """A task table as plan lines, when its header names a task column and a unit column."""
    if not rows:
        return []
    header = [re.sub(r"\s+", "", c) for c in rows[0]]

    def column(names: tuple[str, ...]) -> int | None:
        return next((i for i, h in enumerate(header) if any(n in h for n in names)), None)

    task = next((i for i, h in enumerate(header) if h in _TASK_HEAD), None)
    if task is None:
        task = column(("任务", "措施", "内容"))
    lead, support = column(_LEAD_HEAD), column(_SUPPORT_HEAD)
    if task is None or (lead is None and support is None):
        return [" ".join(r) for r in rows]  # not a task table: keep its text
    out = []
    for n, row in enumerate(rows[1:], start=1):
        cells = row + [""] * (len(header) - len(row))
        lists = []
        if lead is not None and cells[lead].strip():
            lists.append(f"牵头单位：{cells[lead].strip()}")
        if support is not None and cells[support].strip():
            label = "责任单位" if lead is not None else header[support] or "责任单位"
            lists.append(f"{label if '单位' in label else '责任单位'}：{cells[support].strip()}")
        units = f"（{'。'.join(lists)}）" if lists else ""
        out.append(f"{n}. {cells[task].strip()}{units}")
    return out


def docx_text(path: Path, data: bytes) -> str:
    """Paragraphs and tables of a .docx, in document order."""
    try:
        import docx  # python-docx
        from docx.table import Table
        from docx.text.paragraph import Paragraph
    except ImportError:  # pragma: no cover - a declared dependency
        raise InputError("reading .docx needs python-docx: pip install python-docx") from None
    if not zipfile.is_zipfile(path):
        raise InputError(
            f"{path}: is not a valid .docx (Word 2007+) file; save it again as "
            ".docx, or as UTF-8 text."
        )
    try:
        with zipfile.ZipFile(path) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise InputError(
            f"{path}: is not a valid .docx ({exc}); save it again as .docx, or as UTF-8 text."
        ) from None
    if unpacked > MAX_DOCX_XML:
        raise InputError(
            f"{path}: unpacks to {unpacked // (1024 * 1024)} MB, more than a plan's "
            f"{MAX_DOCX_XML // (1024 * 1024)} MB; check the file, or save it as UTF-8 text."
        )
    try:
        document = docx.Document(str(path))
    except Exception as exc:  # python-docx raises several kinds for broken files
        raise InputError(
            f"{path}: cannot be read as .docx ({type(exc).__name__}); save it "
            "again as .docx, or as UTF-8 text."
        ) from None
    lines: list[str] = []
    body = document.element.body
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            lines.append(Paragraph(child, document).text)
        elif tag == "tbl":
            table = Table(child, document)
            rows = [[cell.text.strip() for cell in row.cells] for row in table.rows]
            lines += table_lines(rows)
    text = "\n".join(lines)
    if not text.strip():
        raise InputError(
            f"{path}: the document has no text; expected a plan with numbered measures."
        )
    return text
