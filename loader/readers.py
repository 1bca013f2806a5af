"""Plan files -> text: .txt and .md in UTF-8 (with or without BOM), GB18030 or Big5, .docx and .pdf.

Tables in a .docx or .md (the usual shape of a 任务分工方案: 序号 | 任务 | 牵头单位 |
责任单位) become lines the parser reads like any other plan (loader.tables). A PDF's text
layer is read with pypdf; page numbers are dropped and the lines its layout wrapped are joined
again (a wrap can fall inside a department's name or a 牵头单位 label).
"""

from __future__ import annotations

import codecs
import errno
import hashlib
import io
import logging
import re
import time
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .errors import InputError
from .tables import table_lines
from .vocabulary import DOCX_SUFFIXES, MARKDOWN_SUFFIXES, PDF_SUFFIXES, UNIT_LABEL_WORDS

MAX_BYTES = 64 * 1024 * 1024  # a plan is kilobytes; refuse to read something absurd
MAX_DOCX_XML = 32 * 1024 * 1024  # what a .docx may unpack to (a plan's XML is a few MB)
MAX_DOCX_RATIO = 100  # ... and how many times its packed size, past DOCX_RATIO_FROM
DOCX_RATIO_FROM = 4 * 1024 * 1024

_MD_PREFIX_RE = re.compile(r"^\s*(?:#{1,6}\s+|>\s*|[-*+]\s+)")
_MD_EMPHASIS_RE = re.compile(r"(\*\*|__)(.+?)\1")


def read_plan_file(path: str | Path) -> tuple[str, str]:
    """Text and sha256 of a plan file; raises InputError saying what is wrong with it."""
    p = Path(path)
    if _link_loop(p):
        raise InputError(
            f"{path}: is a symbolic link loop (links pointing at each other, never at a file); "
            "point the link at a plan file."
        )
    if not p.exists():
        raise InputError(
            f"{path}: no such file. Check the path, or run `policygraph demo` "
            "to try the bundled plan."
        )
    if p.is_dir():
        raise InputError(f"{path}: is a folder; give plan files (.txt, .md, .docx or .pdf).")
    if not p.is_file():  # a pipe or a device would block or never end
        raise InputError(
            f"{path}: is not a regular file; give plan files (.txt, .md, .docx or .pdf)."
        )
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
        raise InputError(f"{path}: cannot be read ({exc.strerror or exc}).") from exc
    if len(data) > MAX_BYTES:
        raise too_big
    digest = hashlib.sha256(data).hexdigest()
    suffix = p.suffix.lower()
    if suffix in DOCX_SUFFIXES:
        return docx_text(p, data), digest
    if suffix in PDF_SUFFIXES:
        return pdf_text(p, data), digest
    if not data.strip():
        raise InputError(f"{path}: the file is empty; expected a plan with numbered measures.")
    if b"\x00" in data[:8192] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(
            f"{path}: looks like a binary file; expected a plan as UTF-8 or GB18030 "
            "text (.txt or .md), a .docx or a .pdf document."
        )
    text = decode(data, path)
    if suffix in MARKDOWN_SUFFIXES:
        text = markdown_to_text(text)
    return text, digest


def _link_loop(path: Path) -> bool:
    """True when following the path's links never ends (Path.exists() says False: ELOOP)."""
    try:
        path.stat()
    except OSError as exc:
        return exc.errno == errno.ELOOP
    return False


def decode(data: bytes, path: str | Path) -> str:
    """UTF-16 (by its BOM), else UTF-8, else GB18030 or Big5; mixed encodings are an error."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise InputError(
                f"{path}: starts like UTF-16 text but byte {exc.start} is not UTF-16; "
                "save it again as UTF-8 and retry."
            ) from exc
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
            ) from exc
    return legacy_decode(data, path)


MIXED_AFTER = 8  # non-ASCII characters read as UTF-8 before a bad byte: a mixed file


def legacy_decode(data: bytes, path: str | Path) -> str:
    """GB18030 or Big5 (traditional-character plans exist), told apart by which reading gives
    common ideographs; Japanese (Shift-JIS) and Korean (EUC-KR) files are refused, since
    GB18030 would read them as plausible-looking nonsense.

    Each encoding numbers its most common ideographs in one block (GB2312 level 1, Big5's
    frequent characters), so the right reading has nearly all its ideographs there and a
    wrong one few: 0.9 against 0.1 for a Big5 plan read as GB18030."""
    if _share(_strict(data, "cp932"), _is_kana) >= 0.1:
        raise InputError(
            f"{path}: looks like Japanese text (Shift-JIS), not a Chinese plan; policygraph "
            "reads Chinese plans in UTF-8, GB18030 or Big5."
        )
    if _share(_strict(data, "euc_kr"), _is_hangul) >= 0.5:
        raise InputError(
            f"{path}: looks like Korean text (EUC-KR), not a Chinese plan; policygraph "
            "reads Chinese plans in UTF-8, GB18030 or Big5."
        )
    gb = _strict(data, "gb18030")
    big5 = _strict(data, "cp950")
    if big5 is not None and _common(big5, "cp950", 0xA4, 0xC6) > _common(gb, "gb2312", 0xB0, 0xD7):
        return big5
    if gb is None:
        raise InputError(
            f"{path}: is not Chinese text in UTF-8, GB18030 or Big5; save it as UTF-8 and retry."
        )
    # A low share alone is no reason to refuse: traditional characters saved as GBK are
    # outside GB2312 too.
    return gb


def _strict(data: bytes, codec: str) -> str | None:
    try:
        return data.decode(codec)
    except UnicodeDecodeError:
        return None


def _is_kana(ch: str) -> bool:
    return "\u3040" <= ch <= "\u30ff"


def _is_hangul(ch: str) -> bool:
    return "\uac00" <= ch <= "\ud7a3"


def _share(text: str | None, test: Callable[[str], bool]) -> float:
    """The share of the non-ASCII characters of (the start of) `text` that pass `test`."""
    if text is None:
        return 0.0
    wide = [ch for ch in text[:65536] if ch >= "\x80"]
    return sum(map(test, wide)) / len(wide) if len(wide) >= 10 else 0.0


def _common(text: str | None, codec: str, low: int, high: int) -> float:
    """The share of the ideographs of (the start of) `text` among the common ones of `codec`
    (first byte from `low` to `high`)."""
    if text is None:
        return 0.0
    ideographs = [ch for ch in text[:65536] if "\u4e00" <= ch <= "\u9fff"]
    common = 0
    for ch in ideographs:
        try:
            first = ch.encode(codec)[0]
        except UnicodeEncodeError:
            continue
        common += low <= first <= high
    return common / max(len(ideographs), 1)


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


def docx_text(path: Path, data: bytes) -> str:
    """Paragraphs and tables of a .docx, in document order."""
    try:
        import docx  # python-docx
        from docx.table import Table
        from docx.text.paragraph import Paragraph
    except ImportError as exc:  # pragma: no cover - a declared dependency
        raise InputError("reading .docx needs python-docx: pip install python-docx") from exc
    if not zipfile.is_zipfile(path):
        raise InputError(
            f"{path}: is not a valid .docx (Word 2007+) file; save it again as "
            ".docx, or as UTF-8 text."
        )
    try:
        with zipfile.ZipFile(path) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
            packed = sum(info.compress_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise InputError(
            f"{path}: is not a valid .docx ({exc}); save it again as .docx, or as UTF-8 text."
        ) from exc
    # Word's XML becomes a tree many times its size in memory: a 383 KB file unpacking to
    # 200 MB took 5.8 GB and 569 s. Real documents compress their XML 5 to 30 times.
    if unpacked > MAX_DOCX_XML or (
        unpacked > DOCX_RATIO_FROM and unpacked > MAX_DOCX_RATIO * packed
    ):
        raise InputError(
            f"{path}: unpacks to {unpacked / 2**20:.0f} MB ({unpacked / max(packed, 1):.0f} "
            f"times its packed size), more than a plan's {MAX_DOCX_XML // 2**20} MB or "
            f"{MAX_DOCX_RATIO} times (a zip bomb?); check the file, or save it as UTF-8 text."
        )
    try:
        document = docx.Document(str(path))
    except Exception as exc:  # python-docx raises several kinds for broken files
        raise InputError(
            f"{path}: cannot be read as .docx ({type(exc).__name__}); save it "
            "again as .docx, or as UTF-8 text."
        ) from exc
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


# -- PDF ----------------------------------------------------------------------------------------
# pypdf reports damaged files through the `pypdf` logger; with no handler configured Python
# would print those warnings before our one-line error. A library stays quiet.
logging.getLogger("pypdf").addHandler(logging.NullHandler())

# A page number alone on a page's first or last line: 3, - 3 -, －3－, — 3 —, 第3页, 3/12.
_PAGE_NUMBER_RE = re.compile(
    r"^[\s\-－—–_·•]*(?:第\s*)?\d{1,4}(?:\s*页)?(?:\s*[/／]\s*\d{1,4})?(?:\s*页)?[\s\-－—–_·•]*$"
)
# A line that starts something (a heading, a numbered item, a labelled list) never continues
# the line before it.
_STARTS_RE = re.compile(
    r"^\s*(?:[0-9０-９]{1,4}\s*[.．、)）]|[（(]\s*[0-9０-９一二三四五六七八九十百]+\s*[）)]"
    r"|[一二三四五六七八九十百]+\s*[、.．]|[①-⑳]|第[一二三四五六七八九十百0-9]+[章节条部分]"
    rf"|(?:{'|'.join(UNIT_LABEL_WORDS)}|牽頭|責任)(?:单位|部门|單位|部門)\s*[:：])"
)
WRAPPED = 0.85  # a line this close to the longest lines' width was wrapped by the layout


def pdf_text(path: Path, data: bytes) -> str:
    """The plan text of a PDF's text layer, its page numbers dropped and wrapped lines joined."""
    import pypdf  # only PDF plans pay for importing it

    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise InputError(
                f"{path}: the PDF is protected by a password; save an unprotected copy and retry."
            )
        pages = page_texts(reader, path)
    except InputError:
        raise
    except Exception as exc:  # pypdf raises many kinds of error on a damaged file
        detail = str(exc).strip().splitlines()[0][:120] if str(exc).strip() else ""
        raise InputError(
            f"{path}: cannot be read as a PDF ({type(exc).__name__}{': ' if detail else ''}"
            f"{detail}); check the file, or give the plan as .docx or text."
        ) from exc
    text = unwrap_lines([line for page in pages for line in page_lines(page)])
    if not text.strip():
        raise InputError(
            f"{path}: the PDF holds no text, only images (a scan?); run OCR on it first, or "
            "give the plan as .docx or text."
        )
    return text


MAX_PDF_CONTENT = 32 * 1024 * 1024  # content-stream bytes a PDF's pages may unpack to, in all
MAX_PDF_SECONDS = 60.0  # time to read a PDF's text layer


def page_texts(reader: Any, path: Path) -> list[str]:
    """The text of each page, refusing a PDF bomb before it is read: pages whose content
    streams unpack to more than MAX_PDF_CONTENT in all (a 103 KB file whose 200 pages share
    one 70 MB stream ran for over 10 minutes), or that take longer than MAX_PDF_SECONDS."""
    began, content, texts = time.monotonic(), 0, []
    for page in reader.pages:
        streams = page.get("/Contents")
        streams = streams.get_object() if streams is not None else []
        for stream in streams if isinstance(streams, list) else [streams]:
            data = getattr(stream.get_object(), "get_data", None)  # not a stream: nothing drawn
            content += len(data()) if data else 0
        if content > MAX_PDF_CONTENT:
            raise InputError(
                f"{path}: its pages unpack to over {MAX_PDF_CONTENT // 2**20} MB of drawing "
                "instructions, far more than a plan's text needs (a PDF bomb?); check the "
                "file, or give the plan as .docx or text."
            )
        texts.append(page.extract_text() or "")
        if time.monotonic() - began > MAX_PDF_SECONDS:
            raise InputError(
                f"{path}: reading its text took over {MAX_PDF_SECONDS:.0f} s (page "
                f"{len(texts)} of {len(reader.pages)}); check the file, or give the plan as "
                ".docx or text."
            )
    return texts


def page_lines(page: str) -> list[str]:
    """A page's lines without a page number as its first or last line."""
    lines = [line.rstrip() for line in page.splitlines()]
    while lines and not lines[-1].strip():
        lines.pop()
    if lines and _PAGE_NUMBER_RE.match(lines[-1]):
        lines.pop()
    while lines and not lines[0].strip():
        lines.pop(0)
    if lines and _PAGE_NUMBER_RE.match(lines[0]):
        lines.pop(0)
    return lines


def unwrap_lines(lines: list[str]) -> str:
    """Join each line the layout wrapped (nearly as wide as the widest lines) with the next,
    unless the next one starts a heading, a numbered item or a labelled list outside brackets
    (`（牵头单位：A。` wrapped before `责任单位：B）` is one list)."""
    widths = sorted(len(line) for line in lines if line.strip())
    if not widths:
        return ""
    full = widths[int(0.9 * (len(widths) - 1))]
    out: list[str] = []
    wrapped = False  # whether the last line read filled its width
    for line in lines:
        text = line.lstrip()
        prev = out[-1] if out else ""
        open_bracket = prev.count("（") + prev.count("(") > prev.count("）") + prev.count(")")
        if wrapped and text and (open_bracket or not _STARTS_RE.match(line)):
            latin = prev[-1:].isascii() and prev[-1:].isalnum() and text[0].isascii()
            out[-1] = prev + (" " if latin and text[0].isalnum() else "") + text
        else:
            out.append(line)
        wrapped = bool(text) and len(line) >= WRAPPED * full
    return "\n".join(out)
