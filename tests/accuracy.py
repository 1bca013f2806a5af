"""Score the parser on the real-plan corpus (tests/fixtures/real/) against its hand-written answers.

    python -m tests.accuracy   # score the parser: rewrite docs/accuracy.md and the corpus's
                               # SOURCES.md, print the totals line

`python scripts/docs.py` rewrites both with every other generated file, and `--check` (run by
a unit test) names them when they are stale.

A measure is fully right when its number, its lead and supporting units (as written, in written
order; `商务厅=省商务厅` also checks the department's full name), its leaders and its deadline all
match the answer. A unit the parser names that the answer does not is *invented*; one the answer
names that the parser does not is *dropped*. The answer format is in the corpus's README.md.
"""

from __future__ import annotations

import difflib
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from policygraph.loader.aliases import default_aliases
from policygraph.loader.errors import InputError
from policygraph.loader.model import LEAD, SUPPORT, ParsedPlan
from policygraph.loader.parse import parse_file
from policygraph.loader.vocabulary import PLAN_SUFFIXES

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "fixtures" / "real"
DOC = ROOT / "docs" / "accuracy.md"
SOURCES = CORPUS / "SOURCES.md"
TARGET = 0.95  # share of measures fully right
# Causes of the misses the parser does not fix, by a text of the miss (or a plan's name).
CAUSES = (
    (
        "extra measure",
        "Cause: a numbered line outside the task list (an attachment list `附件：1. … 2. …`, a "
        "table's title, a page header `04.2016`) is read as a measure; it names no unit.",
    ),
)


@dataclass
class Answer:
    number: int
    leads: list[tuple[str, str | None]]  # (as written, full name when the plan elides a prefix)
    supports: list[tuple[str, str | None]]
    leaders: list[str]
    deadline: str


@dataclass
class Expected:
    name: str
    plan: Path
    header: dict[str, str]
    answers: list[Answer]


@dataclass
class PlanScore:
    name: str
    shape: str
    measures: int
    right: int = 0
    invented: int = 0
    dropped: int = 0
    misses: list[str] = field(default_factory=list)
    error: str = ""


def _units(column: str) -> list[tuple[str, str | None]]:
    out = []
    for unit in (u.strip() for u in column.split("；")):
        if unit:
            written, _, full = unit.partition("=")
            out.append((written.strip(), full.strip() or None))
    return out


def read_expected(path: Path) -> Expected:
    header: dict[str, str] = {}
    answers = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            key, sep, value = line[1:].partition(":")
            if sep and key.strip() not in header:
                header[key.strip()] = value.strip()
            continue
        if not line.strip():
            continue
        cols = [c.strip() for c in line.split(" | ")] + [""] * 5
        answers.append(
            Answer(
                int(cols[0].strip(" |")),
                _units(cols[1].strip("|").strip()),
                _units(cols[2].strip("|").strip()),
                [p.strip() for p in cols[3].strip("|").split("；") if p.strip()],
                cols[4].strip("|").strip(),
            )
        )
    plan = next(
        (p for s in PLAN_SUFFIXES if (p := path.with_suffix(s)).exists()), path.with_suffix("")
    )
    return Expected(path.stem, plan, header, answers)


def corpus() -> list[Expected]:
    return [read_expected(p) for p in sorted(CORPUS.glob("*.expected"))]


def _got(parsed: ParsedPlan, measure_id: str, role: str) -> list[tuple[str, str]]:
    found = [a for a in parsed.assignments if a.measure == measure_id and a.role == role]
    return [(a.as_written, a.department) for a in sorted(found, key=lambda a: a.position)]


def _compare(answer: Answer, parsed: ParsedPlan, index: int) -> tuple[list[str], int, int]:
    """What differs on one measure, and how many units were invented and dropped."""
    measure = parsed.measures[index]
    aliases = default_aliases()
    diffs = []
    got = {role: _got(parsed, measure.id, role) for role in (LEAD, SUPPORT)}
    want = {LEAD: answer.leads, SUPPORT: answer.supports}
    got_all = {w for role in got for w, _ in got[role]}
    want_all = {w for role in want for w, _ in want[role]}
    invented = len(got_all - want_all)
    dropped = len(want_all - got_all)
    if measure.number != answer.number:
        diffs.append(f"number {measure.number}, expected {answer.number}")
    for role, word in ((LEAD, "leads"), (SUPPORT, "supports")):
        if [w for w, _ in got[role]] != [w for w, _ in want[role]]:
            diffs.append(
                f"{word} {'、'.join(w for w, _ in got[role]) or '(none)'}, expected "
                f"{'、'.join(w for w, _ in want[role]) or '(none)'}"
            )
            continue
        for (written, department), (_, full) in zip(got[role], want[role], strict=True):
            if full and department != aliases.resolve(full):
                diffs.append(f"{written} read as {department}, expected {full}")
    leaders = [p for p in measure.leaders.split("、") if p]
    if [" ".join(p.split()) for p in leaders] != [" ".join(p.split()) for p in answer.leaders]:
        diffs.append(
            f"leaders {'、'.join(leaders) or '(none)'}, expected "
            f"{'、'.join(answer.leaders) or '(none)'}"
        )
    if measure.deadline != answer.deadline:
        diffs.append(f"deadline {measure.deadline or '(none)'}, expected {answer.deadline}")
    return diffs, invented, dropped


def score_plan(expected: Expected) -> PlanScore:
    score = PlanScore(expected.name, expected.header.get("shape", ""), len(expected.answers))
    try:
        parsed = parse_file(expected.plan)
    except InputError as exc:
        score.error = str(exc).replace(str(expected.plan), expected.plan.name)
        score.dropped = sum(len(a.leads) + len(a.supports) for a in expected.answers)
        score.misses.append(f"no measures read: {score.error}")
        return score
    want = [a.number for a in expected.answers]
    got = [m.number for m in parsed.measures]
    codes: dict[int, list[str]] = {}
    for w in parsed.warnings:
        if w.measure is not None:
            codes.setdefault(w.measure, []).append(w.code)
    matcher = difflib.SequenceMatcher(None, want, got, autojunk=False)
    every_expected = {u for a in expected.answers for u, _ in a.leads + a.supports}
    for op, a0, a1, b0, b1 in matcher.get_opcodes():
        pairs = list(zip(range(a0, a1), range(b0, b1), strict=False))
        if op in ("equal", "replace"):
            for i, j in pairs:
                diffs, invented, dropped = _compare(expected.answers[i], parsed, j)
                score.invented += invented
                score.dropped += dropped
                if diffs:
                    number = expected.answers[i].number
                    hints = ", ".join(dict.fromkeys(codes.get(parsed.measures[j].number, [])))
                    score.misses.append(
                        f"measure {number}: {'; '.join(diffs)}"
                        + (f" (warnings: {hints})" if hints else "")
                    )
                else:
                    score.right += 1
        for i in range(a0 + len(pairs), a1):  # answers the parser has no measure for
            answer = expected.answers[i]
            score.dropped += len(answer.leads) + len(answer.supports)
            score.misses.append(f"measure {answer.number}: not read as a measure")
        for j in range(b0 + len(pairs), b1):  # measures the answers do not have
            m = parsed.measures[j]
            names = {w for role in (LEAD, SUPPORT) for w, _ in _got(parsed, m.id, role)}
            score.invented += len(names - every_expected)
            score.misses.append(
                f"extra measure {m.number} at line {m.line}: {m.text[:30]}"
                + (f" (units {'、'.join(sorted(names))})" if names else "")
            )
    return score


def score_corpus() -> list[PlanScore]:
    return [score_plan(e) for e in corpus()]


def _pct(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f} %" if whole else "-"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def accuracy_markdown(scores: list[PlanScore]) -> str:
    measures = sum(s.measures for s in scores)
    right = sum(s.right for s in scores)
    lines = [
        "# Parser accuracy on real plans",
        "",
        "Generated by `python3 -m tests.accuracy` from `tests/fixtures/real/` (excerpts of "
        "published plans with answers written by hand before the parser ran; sources in "
        "[SOURCES.md](../tests/fixtures/real/SOURCES.md)); `tests/unit/test_accuracy.py` fails "
        f"below {TARGET:.0%} of measures fully right, with any unit invented, or when this page "
        "is out of date.",
        "",
        "A measure is fully right when its number, lead and supporting units (as written, in "
        "written order, and the full name where the plan elides a region prefix), leaders and "
        "deadline all match the answer. *Invented*: a unit the parser names that the answer "
        "does not. *Dropped*: a unit the answer names that the parser does not.",
        "",
        f"**Total: {len(scores)} plans, {measures} measures, {right} fully right "
        f"({_pct(right, measures)}), {sum(s.invented for s in scores)} units invented, "
        f"{sum(s.dropped for s in scores)} units dropped.**",
        "",
        "## By shape",
        "",
        "| shape | plans | measures | fully right | share |",
        "|---|---:|---:|---:|---:|",
    ]
    shapes: Counter[str] = Counter()
    shape_right: Counter[str] = Counter()
    shape_plans: Counter[str] = Counter()
    for s in scores:
        for shape in {x.strip() for x in s.shape.split(",") if x.strip()}:
            shapes[shape] += s.measures
            shape_right[shape] += s.right
            shape_plans[shape] += 1
    for shape in sorted(shapes):
        lines.append(
            f"| {shape} | {shape_plans[shape]} | {shapes[shape]} | {shape_right[shape]} | "
            f"{_pct(shape_right[shape], shapes[shape])} |"
        )
    lines += [
        "",
        "## By plan",
        "",
        "| plan | shape | measures | fully right | invented | dropped |",
        "|---|---|---:|---:|---:|---:|",
    ]
    for s in scores:
        lines.append(
            f"| {s.name} | {_cell(s.shape)} | {s.measures} | {s.right} | {s.invented} | "
            f"{s.dropped} |"
        )
    lines += [
        "",
        "## Remaining misses",
        "",
        "Each miss says what the parser read and what the answer says, with the parser's warnings "
        "on that measure; the cause, where it is known, follows in italics.",
        "",
    ]
    missed = [s for s in scores if s.misses]
    if not missed:
        lines.append("None.")
    for s in missed:
        lines.append(f"- **{s.name}**")
        for miss in s.misses:
            cause = next((c for key, c in CAUSES if key in miss or key == s.name), "")
            lines.append(f"  - {_cell(miss)}" + (f" *{cause}*" if cause else ""))
    return "\n".join(lines) + "\n"


def sources_markdown(expected: list[Expected]) -> str:
    lines = [
        "# Sources of the real-plan corpus",
        "",
        "Generated by `python3 -m tests.accuracy` from the `# source/title/issuer/excerpt` "
        "headers of the `.expected` files. Government documents are not under copyright "
        "(著作权法 article 5); the excerpts are kept short.",
        "",
        "| file | title | issuer | source | excerpt |",
        "|---|---|---|---|---|",
    ]
    for e in expected:
        h = e.header
        lines.append(
            f"| {e.plan.name} | {_cell(h.get('title', ''))} | {_cell(h.get('issuer', ''))} | "
            f"{_cell(h.get('source', ''))} | {_cell(h.get('excerpt', ''))} |"
        )
    return "\n".join(lines) + "\n"


def generated() -> dict[Path, str]:
    """The files this module writes, with their text."""
    return {DOC: accuracy_markdown(score_corpus()), SOURCES: sources_markdown(corpus())}


if __name__ == "__main__":
    files = generated()
    for path, text in files.items():
        path.write_text(text, encoding="utf-8", newline="\n")
    print(next(line for line in files[DOC].splitlines() if line.startswith("**Total")))
    sys.exit(0)
