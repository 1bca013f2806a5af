"""Plans implementing plans: IMPLEMENTS links, and the measures that carry out a parent's.

A plan implements another loaded plan when it cites it (not as one to draft) by the same 文号 or
the same title (loader.citations.title_keys). `link_lineage` runs after every load batch and
links every such pair not linked yet, whichever plan came first; a replaced plan loses its edges
with its nodes and is linked again. Measure matches are computed then, once per link, and stored
as CARRIES_OUT edges: reports stay plain Cypher on both stores, and the scores are the same on
both because they are computed once, here. A kill between the two writes leaves matches without
the link; the next load computes them again (MERGE: no duplicates) and links.

Matching: every child measure against every parent measure. `text_score` is the longest common
subsequence of the two texts (letters and digits only) over the shorter one's length, 0-100;
`score` adds 10 when a department of the same kind leads both (区政务服务局 and 市政务服务局).
A child measure keeps its best parents (at most MAX_PARENTS) whose score is at least MIN_SCORE.
The explanation is the shared words: common runs of two or more characters, longest first.
"""

from __future__ import annotations

import re
from typing import Any

from .citations import DRAFTS, title_keys
from .departments import region_prefix
from .model import (
    CARRIES_OUT,
    CITES,
    DEPARTMENT,
    DOCUMENT,
    IMPLEMENTS,
    LEAD,
    LEADS,
    MEASURE,
    PLAN,
    SUPPORTS,
)

MIN_SCORE = 60.0
MAX_PARENTS = 3
LEAD_BONUS = 10.0
SHARED_WORDS = 5  # shown per match
_NOT_TEXT_RE = re.compile(r"[\W_]+")
_PUNCT_RE = re.compile(r"[^\w]+")
_SUFFIX_RE = re.compile(r"(?:分局|局|委员会|委|办公室|办|厅)$")


def implements_links(
    plans: list[list[Any]], cites: list[list[Any]]
) -> list[tuple[str, str, str, str]]:
    """(child, parent, by, document) for every plan citing another: `plans` rows are (id, title,
    number), `cites` rows (citing plan, document id, title, number)."""
    by_number: dict[str, list[str]] = {}
    by_title: dict[str, list[str]] = {}
    for pid, title, number in plans:
        if number:
            by_number.setdefault(number, []).append(pid)
        for key in title_keys(title or ""):
            by_title.setdefault(key, []).append(pid)
    links: dict[tuple[str, str], tuple[str, str]] = {}
    for child, doc, title, number in cites:
        for parent in by_number.get(number or "", []):
            if parent != child:
                links.setdefault((child, parent), ("number", doc))
        for key in title_keys(title or ""):
            for parent in by_title.get(key, []):
                if parent != child:
                    links.setdefault((child, parent), ("title", doc))
    return sorted((c, p, by, doc) for (c, p), (by, doc) in links.items())


def _counterpart(name: str) -> str:
    """A department's name without its place and ending (区政务服务局, 市政务服务局: 政务服务)."""
    return _SUFFIX_RE.sub("", name[len(region_prefix(name)) :])


def shared_words(a: str, b: str, limit: int = SHARED_WORDS) -> list[str]:
    """Common runs of two or more characters of `a` and `b`, longest first (then as in `a`)."""
    from rapidfuzz.distance import Indel

    words: list[str] = []
    for op in Indel.opcodes(a, b):
        if op.tag == "equal":
            words += [w for w in _PUNCT_RE.split(a[op.src_start : op.src_end]) if len(w) >= 2]
    return sorted(dict.fromkeys(words), key=len, reverse=True)[:limit]


def match_measures(
    children: list[list[Any]],
    parents: list[list[Any]],
    roles: dict[str, list[tuple[str, str]]],
) -> list[dict[str, Any]]:
    """CARRIES_OUT rows: `children`/`parents` rows are (id, text); `roles` maps a measure id to
    its (department name, role) pairs."""
    from rapidfuzz.distance import LCSseq

    rows = []
    for cid, ctext in children:
        a = _NOT_TEXT_RE.sub("", ctext or "")
        found = []
        for pid, ptext in parents:
            b = _NOT_TEXT_RE.sub("", ptext or "")
            if not a or not b:
                continue
            text_score = round(100 * LCSseq.similarity(a, b) / min(len(a), len(b)), 1)
            mine = {_counterpart(n): (n, r) for n, r in roles.get(cid, [])}
            shared = []
            lead = False
            for name, role in roles.get(pid, []):
                if (key := _counterpart(name)) in mine:
                    other, other_role = mine[key]
                    lead = lead or role == other_role == LEAD
                    both = role if role == other_role else f"{role}/{other_role}"
                    shared.append(f"{both} {name}/{other}")
            # leads first, then by name: an order both stores give alike
            shared.sort(key=lambda s: (not s.startswith(f"{LEAD} "), s))
            score = min(100.0, round(text_score + (LEAD_BONUS if lead else 0.0), 1))
            if score >= MIN_SCORE:
                found.append((score, text_score, pid, ptext, shared))
        found.sort(key=lambda f: (-f[0], f[2]))
        for score, text_score, pid, ptext, shared in found[:MAX_PARENTS]:
            rows.append(
                {
                    "from": cid,
                    "to": pid,
                    "score": score,
                    "text_score": text_score,
                    "shared": " / ".join(shared_words(ctext, ptext)),
                    "departments": "; ".join(shared),
                }
            )
    return rows


def _measure_rows(store: Any, plan: str) -> list[list[Any]]:
    return store.query(
        f"MATCH (m:{MEASURE}) WHERE m.plan = $plan RETURN m.id, m.text ORDER BY m.seq",
        {"plan": plan},
    ).rows


def link_lineage(store: Any) -> None:
    """Link every plan that cites another loaded plan, and store its measures' matches."""
    cites = store.query(
        f"MATCH (p:{PLAN})-[c:{CITES}]->(d:{DOCUMENT}) WHERE c.kind <> $drafts "
        "RETURN p.id, d.id, d.title, d.number ORDER BY p.id, d.id",
        {"drafts": DRAFTS},
    ).rows
    if not cites:
        return
    plans = store.query(f"MATCH (p:{PLAN}) RETURN p.id, p.title, p.number ORDER BY p.id").rows
    linked = {
        (a, b)
        for a, b in store.query(
            f"MATCH (a:{PLAN})-[:{IMPLEMENTS}]->(b:{PLAN}) RETURN a.id, b.id"
        ).rows
    }
    new = [link for link in implements_links(plans, cites) if link[:2] not in linked]
    for child, parent, _, _ in new:
        roles: dict[str, list[tuple[str, str]]] = {}
        for mid, name, role in store.query(
            f"MATCH (d:{DEPARTMENT})-[r:{LEADS}|{SUPPORTS}]->(m:{MEASURE}) WHERE m.plan IN $plans "
            "RETURN m.id, d.name, r.role ORDER BY m.id, r.role, r.position, d.name",
            {"plans": [child, parent]},
        ).rows:
            roles.setdefault(mid, []).append((name, role))
        rows = match_measures(_measure_rows(store, child), _measure_rows(store, parent), roles)
        if rows:
            store._write_rows(
                f"UNWIND $rows AS row MATCH (a:{MEASURE} {{id: row.`from`}}) WITH a, row "
                f"MATCH (b:{MEASURE} {{id: row.`to`}}) MERGE (a)-[r:{CARRIES_OUT}]->(b) "
                "SET r.score = row.score, r.text_score = row.text_score, r.shared = row.shared, "
                "r.departments = row.departments",
                rows,
            )
    if new:
        store._write_rows(
            f"UNWIND $rows AS row MATCH (a:{PLAN} {{id: row.`from`}}) WITH a, row "
            f"MATCH (b:{PLAN} {{id: row.`to`}}) MERGE (a)-[r:{IMPLEMENTS}]->(b) "
            "SET r.by = row.by, r.document = row.document",
            [{"from": c, "to": p, "by": by, "document": doc} for c, p, by, doc in new],
        )
