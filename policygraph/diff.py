"""Two plans compared measure by measure: what was added, removed, reworded, moved, reassigned.

Measures are matched by text similarity (rapidfuzz's normalised Indel ratio, 0-100), with a
small bonus for the same number and the same section so that near-twins pair up in order;
a measure renumbered or moved to another section still matches its old self. Each matched pair
is then compared field by field. Works for two versions of one plan and for two years' plans of
one place (where most measures are rewritten, and fewer match).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass, field

from rapidfuzz import fuzz
from rapidfuzz.distance import Indel

from policygraph.loader.model import LEAD, SUPPORT, Commitment, Measure, ParsedPlan

MATCH_CUTOFF = 50.0  # lowest similarity (0-100) at which two measures are one measure
SAME_SECTION = 80.0  # section titles this similar name the same section
# Change kinds, in the order a measure's changes are listed.
ADDED = "added"
REMOVED = "removed"
REWORDED = "reworded"
MOVED = "moved"
LEAD_CHANGED = "lead changed"
SUPPORTS_ADDED = "supports added"
SUPPORTS_REMOVED = "supports removed"
DEADLINE_CHANGED = "deadline changed"
COMMITMENT_CHANGED = "commitment changed"
KINDS = (
    ADDED,
    REMOVED,
    REWORDED,
    MOVED,
    LEAD_CHANGED,
    SUPPORTS_ADDED,
    SUPPORTS_REMOVED,
    DEADLINE_CHANGED,
    COMMITMENT_CHANGED,
)
CHANGE_COLUMNS = ("change", "old", "new", "similarity", "detail", "text")
SHIFT_COLUMNS = (
    "department",
    "leads_before",
    "leads_after",
    "supports_before",
    "supports_after",
    "gained",
    "lost",
    "gained_measures",
    "lost_measures",
)
# A changed stretch of text is widened to whole runs of these, so 60% -> 70% reads as such.
_WORDISH = re.compile(r"[0-9A-Za-z.%０-９％]")


@dataclass(frozen=True)
class Change:
    kind: str  # one of KINDS
    old: int | str | None  # the measure's number in the old plan (None: added), see label()
    new: int | str | None  # ... in the new plan (None: removed)
    detail: str  # what changed, in words: `区外事侨务旅游局 → 区科技经信局`
    text: str  # the measure's text (the new one, or the old one of a removed measure)
    similarity: float | None = None  # of the matched texts, 0-100

    def row(self) -> list[object]:
        score = None if self.similarity is None else round(self.similarity, 1)
        return [self.kind, self.old, self.new, score, self.detail, self.text]


@dataclass
class Pair:
    """One measure on either side: matched (both), added (old None) or removed (new None)."""

    old: Measure | None
    new: Measure | None
    similarity: float | None = None
    changes: list[Change] = field(default_factory=list)


@dataclass
class Diff:
    old: ParsedPlan
    new: ParsedPlan
    old_label: str  # how each side was named (a file, an id, id@version)
    new_label: str
    pairs: list[Pair]  # in the new plan's order, each removed measure after its old neighbour

    @property
    def changes(self) -> list[Change]:
        return [c for p in self.pairs for c in p.changes]

    def change_rows(self) -> list[list[object]]:
        return [c.row() for c in self.changes]

    def shift_rows(self) -> list[list[object]]:
        return department_shift(self)


def compare(old: ParsedPlan, new: ParsedPlan, old_label: str = "", new_label: str = "") -> Diff:
    """Match the measures of `old` and `new` and classify what changed.

    Parameters
    ----------
    old, new : ParsedPlan
        The plans, as parsed (policygraph.parse_file) or read from a store (read_version).
    old_label, new_label : str
        How the caller named them, shown in the outputs.

    Returns
    -------
    Diff
        Every measure paired (or added or removed) with its changes (``changes``,
        ``change_rows()``) and the per-department shift (``shift_rows()``).
    """
    matched = match(old, new)
    pairs = _order(old, new, matched)
    sections = _section_matches(old, new)
    # a measure moved to another section is moved already; of the others, those out of order
    elsewhere = {
        i
        for i, (j, _) in matched.items()
        if sections.get(_section(old, old.measures[i]), _section(new, new.measures[j]))
        != _section(new, new.measures[j])
    }
    moved_order = _out_of_order({i: m for i, m in matched.items() if i not in elsewhere})
    for pair in pairs:
        pair.changes = _classify(old, new, pair, moved_order, sections)
    return Diff(old, new, old_label, new_label, pairs)


# -- matching --------------------------------------------------------------------------------
def match(old: ParsedPlan, new: ParsedPlan) -> dict[int, tuple[int, float]]:
    """old measure index -> (new measure index, similarity), greedily by best similarity."""
    old_sections = [_section(old, m) for m in old.measures]
    new_sections = [_section(new, m) for m in new.measures]
    candidates = []
    for i, a in enumerate(old.measures):
        for j, b in enumerate(new.measures):
            score = fuzz.ratio(a.text, b.text, score_cutoff=MATCH_CUTOFF)
            if not score:
                continue
            bonus = (a.number == b.number) + (old_sections[i] == new_sections[j])
            candidates.append((score + bonus, -abs(i - j), i, j, score))
    candidates.sort(reverse=True)
    taken_old: dict[int, tuple[int, float]] = {}
    taken_new: set[int] = set()
    for _, _, i, j, score in candidates:
        if i not in taken_old and j not in taken_new:
            taken_old[i] = (j, score)
            taken_new.add(j)
    return taken_old


def _order(old: ParsedPlan, new: ParsedPlan, matched: dict[int, tuple[int, float]]) -> list[Pair]:
    """Pairs in the new plan's order; a removed measure follows the pair of the old measure
    before it (or comes first)."""
    by_new = {j: (i, score) for i, (j, score) in matched.items()}
    pairs: list[Pair] = []
    placed: dict[int, int] = {}  # old index -> position in pairs
    for j, m in enumerate(new.measures):
        if j in by_new:
            i, score = by_new[j]
            placed[i] = len(pairs)
            pairs.append(Pair(old.measures[i], m, score))
        else:
            pairs.append(Pair(None, m))
    removed = [i for i in range(len(old.measures)) if i not in matched]
    for i in reversed(removed):
        before = max((k for k in placed if k < i), default=None)
        at = placed[before] + 1 if before is not None else 0
        pairs.insert(at, Pair(old.measures[i], None))
        placed = {k: p + (p >= at) for k, p in placed.items()}
    return pairs


def _out_of_order(matched: dict[int, tuple[int, float]]) -> set[int]:
    """Old indexes of matched measures outside the longest run kept in order: those moved
    relative to the others (an inserted or removed measure moves nothing)."""
    seq = sorted(matched.items())  # by old index
    news = [j for _, (j, _) in seq]
    # longest increasing subsequence of new indexes, with back-pointers
    tails: list[int] = []
    tail_at: list[int] = []
    back = [-1] * len(news)
    for k, j in enumerate(news):
        pos = bisect_left(tails, j)
        if pos == len(tails):
            tails.append(j)
            tail_at.append(k)
        else:
            tails[pos] = j
            tail_at[pos] = k
        back[k] = tail_at[pos - 1] if pos else -1
    keep: set[int] = set()
    k = tail_at[-1] if tail_at else -1
    while k >= 0:
        keep.add(k)
        k = back[k]
    return {seq[k][0] for k in range(len(seq)) if k not in keep}


def _section(plan: ParsedPlan, m: Measure) -> str:
    titles = {t.id: t.title for t in plan.themes}
    return titles.get(m.theme or "", "")


def _section_matches(old: ParsedPlan, new: ParsedPlan) -> dict[str, str]:
    """Old section title -> the new section title that is the same section, for the sections
    both plans have (titles alike); a section renamed beyond recognition has none."""
    new_titles = sorted({t.title for t in new.themes})
    out = {}
    for t in {t.title for t in old.themes}:
        best = max(new_titles, key=lambda n: fuzz.ratio(t, n), default="")
        if best and fuzz.ratio(t, best) >= SAME_SECTION:
            out[t] = best
    return out


# -- classifying -----------------------------------------------------------------------------
def _classify(
    old: ParsedPlan,
    new: ParsedPlan,
    pair: Pair,
    moved_order: set[int],
    sections: dict[str, str],
) -> list[Change]:
    a, b = pair.old, pair.new
    if a is None:
        assert b is not None
        return [Change(ADDED, None, label(new, b), _units_phrase(new, b), b.text)]
    if b is None:
        return [Change(REMOVED, label(old, a), None, _units_phrase(old, a), a.text)]

    def change(kind: str, detail: str) -> Change:
        return Change(kind, label(old, a), label(new, b), detail, b.text, pair.similarity)

    out = []
    old_commitments, new_commitments = _commitments(old, a), _commitments(new, b)
    old_core, new_core = _core(a, old_commitments), _core(b, new_commitments)
    if old_core != new_core:
        out.append(change(REWORDED, changed_words(old_core, new_core)))
    old_section, new_section = _section(old, a), _section(new, b)
    if old_section in sections and sections[old_section] != new_section:
        out.append(change(MOVED, f"{old_section} → {new_section}"))
    elif old.measures.index(a) in moved_order:
        out.append(change(MOVED, f"order: {label(old, a)} → {label(new, b)} ({new_section})"))
    old_leads, new_leads = old.units(a.id, LEAD), new.units(b.id, LEAD)
    if set(old_leads) != set(new_leads):
        out.append(change(LEAD_CHANGED, f"{_names(old_leads)} → {_names(new_leads)}"))
    old_sup, new_sup = set(old.units(a.id, SUPPORT)), set(new.units(b.id, SUPPORT))
    if new_sup - old_sup:
        out.append(change(SUPPORTS_ADDED, _names(sorted(new_sup - old_sup))))
    if old_sup - new_sup:
        out.append(change(SUPPORTS_REMOVED, _names(sorted(old_sup - new_sup))))
    if _when(a) != _when(b):
        out.append(change(DEADLINE_CHANGED, f"{_when_text(a)} → {_when_text(b)}"))
    commitments = _commitment_changes(old_commitments, new_commitments)
    if commitments:
        out.append(change(COMMITMENT_CHANGED, "；".join(commitments)))
    return out


def label(plan: ParsedPlan, m: Measure) -> int | str:
    """How a measure is named: its number, or `<chapter>.<number>` (`3.1`) in a plan whose
    numbers restart in each chapter or section, where the number alone names several."""
    numbers = [x.number for x in plan.measures]
    if len(set(numbers)) == len(numbers):
        return m.number
    chapters = {t.id: t.chapter for t in plan.themes}
    return f"{chapters.get(m.theme or '', 0)}.{m.number}"


def _names(names: Iterable[str]) -> str:
    return "、".join(names) or "(none)"


def _units_phrase(plan: ParsedPlan, m: Measure) -> str:
    leads = _names(plan.units(m.id, LEAD))
    supports = plan.units(m.id, SUPPORT)
    return f"leads: {leads}" + (f"; supports: {_names(supports)}" if supports else "")


def _when(m: Measure) -> tuple[str, str, str]:
    return (m.deadline, m.timing, m.due)


def _when_text(m: Measure) -> str:
    written = m.deadline or m.timing or "(none)"
    return f"{written} ({m.due})" if m.due else written


def _commitments(plan: ParsedPlan, m: Measure) -> list[Commitment]:
    """The measure's commitments, less those that only repeat its deadline (每年 as timing)."""
    return [
        c
        for c in plan.commitments
        if c.measure == m.id and c.kind != "deadline" and c.text != m.timing
    ]


def _commitment_changes(old: list[Commitment], new: list[Commitment]) -> list[str]:
    """`不低于60% → 不低于70%` for each commitment whose value changed, paired by kind in
    order; `+ X` and `− X` for one only one side has."""

    def key(c: Commitment) -> tuple[object, ...]:
        return (c.kind, c.low, c.high, c.unit, c.qualifier)

    same = [c for c in old if any(key(c) == key(d) for d in new)]
    left = [c for c in old if c not in same]
    right = [d for d in new if not any(key(d) == key(c) for c in old)]
    out = []
    for c in left:
        twin = next((d for d in right if d.kind == c.kind), None)
        if twin is None:
            out.append(f"− {c.text}")
        else:
            right.remove(twin)
            out.append(f"{c.text} → {twin.text}")
    out += [f"+ {d.text}" for d in right]
    return out


def _core(m: Measure, commitments: list[Commitment]) -> str:
    """The text less its deadline words, its commitments' figures and whitespace: what is
    left to call reworded once the deadline and the commitments are compared on their own."""
    text = re.sub(r"\s+", "", m.text)
    for part in (m.timing, m.deadline, *(c.text for c in commitments)):
        if part:
            text = text.replace(re.sub(r"\s+", "", part), "")
    return text


def text_changes(old: str, new: str) -> list[tuple[str, str, str]]:
    """The texts as runs: ("equal", a, a), ("delete", a, ""), ("insert", "", b) or
    ("replace", a, b), changed runs widened to whole numbers and Latin words."""
    runs: list[tuple[str, str, str]] = []
    for op in Indel.opcodes(old, new):
        a, b = old[op.src_start : op.src_end], new[op.dest_start : op.dest_end]
        if op.tag != "equal" and runs and runs[-1][0] != "equal":
            # Indel gives a replacement as a delete and an insert: one change
            _, pa, pb = runs.pop()
            runs.append(("replace", pa + a, pb + b))
        else:
            runs.append((op.tag, a, b))
    return _widen(runs)


def _widen(runs: list[tuple[str, str, str]]) -> list[tuple[str, str, str]]:
    """Move word-ish characters (digits, Latin letters, %) that touch a change into it."""
    out = [list(r) for r in runs]
    for k, run in enumerate(out):
        if run[0] == "equal":
            continue
        if k > 0 and out[k - 1][0] == "equal":
            prev = out[k - 1]
            n = len(prev[1])
            cut = n
            while (
                cut > 0
                and _WORDISH.match(prev[1][cut - 1])
                and (
                    (run[1] and _WORDISH.match(run[1][0])) or (run[2] and _WORDISH.match(run[2][0]))
                )
            ):
                cut -= 1
            if cut < n:
                moved = prev[1][cut:]
                prev[1] = prev[2] = prev[1][:cut]
                run[1], run[2] = moved + run[1], moved + run[2]
        if k + 1 < len(out) and out[k + 1][0] == "equal":
            nxt = out[k + 1]
            cut = 0
            while (
                cut < len(nxt[1])
                and _WORDISH.match(nxt[1][cut])
                and (
                    (run[1] and _WORDISH.match(run[1][-1]))
                    or (run[2] and _WORDISH.match(run[2][-1]))
                )
            ):
                cut += 1
            if cut:
                moved = nxt[1][:cut]
                nxt[1] = nxt[2] = nxt[1][cut:]
                run[1], run[2] = run[1] + moved, run[2] + moved
        if run[1] and run[2]:
            run[0] = "replace"
    return [(str(a), str(b), str(c)) for a, b, c in out if a != "equal" or b]


def changed_words(old: str, new: str) -> str:
    """The changed runs of text: `「60%」→「70%」；+「另加」；−「逐步」`."""
    parts = []
    for tag, a, b in text_changes(old, new):
        if tag == "replace":
            parts.append(f"「{a}」→「{b}」")
        elif tag == "delete":
            parts.append(f"−「{a}」")
        elif tag == "insert":
            parts.append(f"+「{b}」")
    return "；".join(parts)


# -- who gained and lost work ----------------------------------------------------------------
def department_shift(diff: Diff) -> list[list[object]]:
    """Per department (by name), its measures before and after: leads and supports counted,
    measures gained (it has a role in the new measure and had none in the old one, or the
    measure is new) and lost. Only departments whose work changed, most gained first."""
    roles: dict[str, dict[str, list]] = {}

    def record(plan: ParsedPlan, m: Measure | None, side: str) -> dict[str, str]:
        if m is None:
            return {}
        found = {name: LEAD for name in plan.units(m.id, LEAD)}
        for name in plan.units(m.id, SUPPORT):
            found.setdefault(name, SUPPORT)
        for name, role in found.items():
            counts = roles.setdefault(name, {"old": [0, 0], "new": [0, 0], "+": [], "-": []})
            counts[side][0 if role == LEAD else 1] += 1
        return found

    for pair in diff.pairs:
        before = record(diff.old, pair.old, "old")
        after = record(diff.new, pair.new, "new")
        for name in after.keys() - before.keys():
            assert pair.new is not None
            roles[name]["+"].append(label(diff.new, pair.new))
        for name in before.keys() - after.keys():
            assert pair.old is not None
            roles[name]["-"].append(label(diff.old, pair.old))
    rows = []
    for name, r in roles.items():
        if not (r["+"] or r["-"] or r["old"] != r["new"]):
            continue
        rows.append(
            [
                name,
                r["old"][0],
                r["new"][0],
                r["old"][1],
                r["new"][1],
                len(r["+"]),
                len(r["-"]),
                "、".join(map(str, r["+"])),
                "、".join(map(str, r["-"])),
            ]
        )
    rows.sort(key=lambda row: (-(int(str(row[5])) - int(str(row[6]))), str(row[0])))
    return rows
