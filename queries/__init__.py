"""The report catalogue: one .cypher file a report, its header comments its documentation.

Header lines (before the first line of Cypher):

    // name: department-workload
    // description: Lead, support and total responsibilities of every department.
    // group: Workload
    // param: plan str = "" -- restrict to one plan id; empty means every plan
    // param: department str -- required, since it has no default
    // example: department=区委组织部

`group` places the report under one of the questions in GROUPS, the order docs/reports.md,
the Neo4j Browser guide and the README present them in (within a group, by name).
`example` lines give representative values (used by the docs, the Neo4j Browser guide and the
test that runs every report on both stores); every required param needs one.

A report that needs a different text per Cypher dialect holds one for each, after a marker line
`// engine: ladybug` or `// engine: neo4j` (the dialects are `DIALECTS` of
policygraph.loader.stores.base); a store says which it speaks (`Store.dialect`). The catalogue is
validated when it loads: names are unique and equal to the file name, every report has a
description and a known group, and the declared params are exactly the `$vars` of every body.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from policygraph.loader.errors import ReportError
from policygraph.loader.model import DEPARTMENT
from policygraph.loader.stores.base import DIALECTS, QueryResult, Store
from policygraph.queries.values import check_counts, check_values, closest

CATALOGUE_DIR = Path(__file__).parent
ENGINES = DIALECTS  # the names an `// engine:` line may give


def _iso_date(value: str | int) -> str:
    """A day as an ISO date string (how Measure.due and Progress.as_of are stored), or ''."""
    text = str(value).strip()
    return text and date.fromisoformat(text).isoformat()


PARAM_TYPES: dict[str, Callable[[Any], Any]] = {"str": str, "int": int, "date": _iso_date}
TYPE_WORDS = {"str": "text", "int": "a whole number", "date": "a date such as 2024-07-01"}
# The analysts' questions, in the order the docs present them: every report names one in its
# `// group:` line, so the reports of a group are listed nowhere but in their files.
GROUPS = (
    "Workload",
    "One department",
    "Coordination",
    "Gaps and risks",
    "Themes",
    "One measure",
    "Commitments",
    "Deadlines and progress",
    "Across plans",
)
INT_MIN, INT_MAX = -(2**63), 2**63 - 1  # a 64-bit integer, as LadybugDB and Neo4j store them

_HEADER_RE = re.compile(r"^//\s*(name|description|group|param|example):\s*(.*)$")
_PARAM_RE = re.compile(r"^(\w+)\s+(str|int|date)(?:\s*=\s*(\"[^\"]*\"|-?\d+))?\s*--\s*(.+)$")
_ENGINE_RE = re.compile(r"^//\s*engine:\s*(\w+)\s*$")
_VAR_RE = re.compile(r"\$(\w+)")
_STRING_RE = re.compile(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"")


@dataclass(frozen=True)
class Param:
    name: str
    type: str
    default: Any  # None when the parameter is required
    doc: str

    @property
    def required(self) -> bool:
        return self.default is None


@dataclass(frozen=True)
class Report:
    name: str
    description: str
    params: tuple[Param, ...]
    bodies: dict[str, str]  # engine -> Cypher text
    path: Path
    examples: tuple[tuple[str, str], ...] = ()  # representative KEY=VALUE pairs, as text
    group: str = ""  # one of GROUPS

    def example_params(self) -> dict[str, Any]:
        """The example values, bound like CLI parameters (defaults filled in)."""
        return self.bind(dict(self.examples))

    def body(self, dialect: str) -> str:
        """The Cypher text for a store that speaks `dialect` (Store.dialect)."""
        return self.bodies.get(dialect) or self.bodies["*"]

    def bind(self, given: Mapping[str, str | int]) -> dict[str, Any]:
        """Parameters for a run: given values checked and converted, defaults filled in."""
        known = {p.name: p for p in self.params}
        unknown = sorted(set(given) - set(known))
        if unknown:
            expected = ", ".join(known) or "none"
            raise ReportError(
                f"report {self.name} has no parameter {unknown[0]!r}; its parameters: {expected}."
            )
        values: dict[str, Any] = {}
        for p in self.params:
            if p.name not in given:
                if p.required:
                    raise ReportError(
                        f"report {self.name} needs the parameter {p.name!r} "
                        f"({p.doc}); add -p {p.name}=VALUE."
                    )
                values[p.name] = p.default
                continue
            value = given[p.name]
            try:
                values[p.name] = PARAM_TYPES[p.type](value)
            except ValueError as exc:
                raise ReportError(
                    f"parameter {p.name!r} of report {self.name} must be "
                    f"{TYPE_WORDS[p.type]}, "
                    f"not {value!r}."
                ) from exc
            if p.type == "int" and not INT_MIN <= values[p.name] <= INT_MAX:
                raise ReportError(  # both stores hold 64-bit integers; past them they fail
                    f"parameter {p.name!r} of report {self.name} must be a whole number "
                    f"between {INT_MIN} and {INT_MAX}, not {str(value)[:40]!r}."
                )
        check_counts(self.name, values)
        return values


def _parse_report(path: Path) -> Report:
    header: dict[str, str] = {}
    params: list[Param] = []
    examples: list[tuple[str, str]] = []
    bodies: dict[str, list[str]] = {}
    engine = "*"
    in_header = True
    lines = path.read_text(encoding="utf-8").splitlines()
    for lineno, line in enumerate(lines, start=1):
        where = f"{path.name}:{lineno}"
        if m := _ENGINE_RE.match(line.strip()):
            engine = m.group(1)
            if engine not in ENGINES:
                raise ReportError(f"{where}: unknown engine {engine!r}; use one of {ENGINES}.")
            in_header = False
            continue
        m = _HEADER_RE.match(line.strip()) if in_header else None
        if m:
            key, value = m.group(1), m.group(2).strip()
            if key == "param":
                pm = _PARAM_RE.match(value)
                if not pm:
                    raise ReportError(
                        f"{where}: cannot read the param line; write "
                        "`// param: NAME str|int|date [= DEFAULT] -- what it means`."
                    )
                default = pm.group(3)
                if default is not None:
                    default = default.strip('"') if pm.group(2) != "int" else int(default)
                params.append(Param(pm.group(1), pm.group(2), default, pm.group(4).strip()))
            elif key == "example":
                ex_key, sep, ex_value = value.partition("=")
                if not sep:
                    raise ReportError(f"{where}: write the example as `// example: NAME=VALUE`.")
                examples.append((ex_key.strip(), ex_value.strip()))
            else:
                if key == "group" and value not in GROUPS:
                    raise ReportError(
                        f"{where}: unknown group {value!r}; use one of {', '.join(GROUPS)}."
                    )
                header[key] = value
            continue
        if line.strip() and not line.strip().startswith("//"):
            in_header = False
        bodies.setdefault(engine, []).append(line)
    name = header.get("name", "")
    if name != path.stem:
        raise ReportError(f"{path.name}:1: the header must say `// name: {path.stem}`.")
    if not header.get("description"):
        raise ReportError(f"{path.name}:1: report {name} has no `// description:` line.")
    if not header.get("group"):
        raise ReportError(
            f"{path.name}:1: report {name} has no `// group:` line; use one of {', '.join(GROUPS)}."
        )
    texts = {e: "\n".join(b).strip() + "\n" for e, b in bodies.items() if "\n".join(b).strip()}
    if not texts:
        raise ReportError(f"{path.name}: report {name} has no Cypher.")
    if "*" in texts and len(texts) > 1:
        raise ReportError(
            f"{path.name}: Cypher before the first `// engine:` line; put all of "
            "it under engine markers, or use none."
        )
    if "*" not in texts and set(texts) != set(ENGINES):
        raise ReportError(f"{path.name}: report {name} needs a body for each engine {ENGINES}.")
    declared = {p.name for p in params}
    for engine_name, text in texts.items():
        code = "\n".join(_STRING_RE.sub("''", ln).split("//")[0] for ln in text.splitlines())
        used = set(_VAR_RE.findall(code))
        if used != declared:
            lineno = _first_line(lines, (used ^ declared))
            raise ReportError(
                f"{path.name}:{lineno}: declared params {sorted(declared)} differ from the "
                f"$vars used ({engine_name}): {sorted(used)}."
            )
    declared_names = [p.name for p in params]
    for ex_key, _ in examples:
        if ex_key not in declared_names:
            raise ReportError(f"{path.name}: the example names {ex_key!r}, which is not a param.")
    for p in params:
        if p.required and p.name not in dict(examples):
            raise ReportError(
                f"{path.name}: required param {p.name!r} needs an "
                f"`// example: {p.name}=VALUE` line."
            )
    return Report(
        name,
        header["description"],
        tuple(params),
        texts,
        path,
        tuple(examples),
        header["group"],
    )


def _first_line(lines: list[str], names: set[str]) -> int:
    for lineno, line in enumerate(lines, start=1):
        if any(re.search(rf"\${n}\b|param:\s*{n}\b", line) for n in names):
            return lineno
    return 1


def grouped(reports: dict[str, Report]) -> list[tuple[str, list[Report]]]:
    """The reports under their groups, in the order of GROUPS; within a group, by name."""
    return [
        (group, members)
        for group in GROUPS
        if (members := sorted((r for r in reports.values() if r.group == group), key=_name))
    ]


def _name(report: Report) -> str:
    return report.name


@cache
def catalogue(folder: Path = CATALOGUE_DIR) -> dict[str, Report]:
    """Every report in the folder, by name, validated."""
    reports: dict[str, Report] = {}
    for path in sorted(folder.glob("*.cypher")):
        report = _parse_report(path)
        reports[report.name] = report
    return reports


def get_report(name: str) -> Report:
    reports = catalogue()
    if name in reports:
        return reports[name]
    close = closest(name, reports, cutoff=0.8)
    close += [r for r in reports if name.lower() in r and r not in close][: 3 - len(close)]
    hint = f" Did you mean {', '.join(close)}?" if close else ""
    raise ReportError(f"no report named {name!r}.{hint} `policygraph reports` lists them all.")


def run_report(store: Store, name: str, params: dict[str, Any] | None = None) -> QueryResult:
    """Run one catalogue report on a store, with its parameters checked: a department given by
    an alias is found by its canonical name, a value the store lacks is an error (values.py)."""
    report = get_report(name)
    values = report.bind(params or {})
    for p in report.params:  # an empty date is today, said here: the engines spell it apart
        if p.type == "date" and values[p.name] == "":
            values[p.name] = date.today().isoformat()
    check_values(store, report.name, values)
    check_department_places(store, report, values)
    return store.query_table(report.body(store.dialect).rstrip().rstrip(";"), values)


def check_department_places(store: Store, report: Report, values: dict[str, Any]) -> None:
    """A department parameter that names departments of several places, with no jurisdiction
    given for it, is an error listing them: its report must not merge them silently. With a
    jurisdiction given, the department must be one of that place (else the error lists its
    places), not an empty table.

    `department` pairs with `jurisdiction`, `department_a` with `jurisdiction_a`, and so on.
    """
    for p in report.params:
        if not p.name.startswith("department"):
            continue
        place = "jurisdiction" + p.name.removeprefix("department")
        if place not in values or not values[p.name]:
            continue
        places = [
            row[0]
            for row in store.query(
                f"MATCH (d:{DEPARTMENT}) WHERE d.name = $name "
                "RETURN DISTINCT d.jurisdiction AS place ORDER BY place",
                {"name": values[p.name]},
            ).rows
        ]
        if values[place] and values[place] not in places:
            raise ReportError(
                f"{values[p.name]} is not a department of {values[place]}; it is one of "
                f"{', '.join(places)}."
            )
        if not values[place] and len(places) > 1:
            raise ReportError(
                f"{values[p.name]} is a department of {len(places)} jurisdictions "
                f"({', '.join(places)}); choose one with -p {place}=PLACE."
            )
