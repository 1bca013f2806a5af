"""Render docs/reliability.md from the list of tested classes (tests/reliability/cases.py).

`python scripts/docs.py` rewrites it with every other generated file; `python scripts/docs.py
--check` (run by tests/unit/test_generated_files.py) names it when it is out of step.
"""

from __future__ import annotations

from pathlib import Path

from .cases import CASES, CLEAR_ERROR, NOTHING_LOST, SURVIVED, Case

DOC = Path(__file__).resolve().parents[2] / "docs" / "reliability.md"

INTRO = f"""\
# Reliability and security: what is tested, how often, with what outcome

policygraph holds the record of who is responsible for what, so a half-loaded plan or a silently
dropped measure would give analysts wrong answers. The tests in `tests/reliability/` inject
faults into the real `policygraph` command and feed the parser bad input, then compare the graph
with a clean load of the same files: every node, every relationship, every property.

This page is generated from `tests/reliability/cases.py`, whose counts the tests use and assert
(`python scripts/docs.py` rewrites it; a test fails when it is out of step). Each
run also writes `artifacts/reliability/run.json`: what every case saw (the kill delay, the plans
left after a kill, the exact error line, the time a huge input took).

Outcomes: **{SURVIVED}** (kept working and gave the right answer), **{CLEAR_ERROR}** (one
`Error: …` line saying what happened and what to do, exit code 1, no traceback), **{NOTHING_LOST}**
(every plan whole or absent, never partial; running the same load again gives a graph identical
to a clean load). Rows marked *known bug* run as expected failures: they fail today for the
reason given; where the failure is deterministic the mark is strict, so a fix turns the suite red
until the mark is removed with it.

Run them: `python -m pytest tests/reliability` (Neo4j cases start their own server on two
free ports and skip without Java and Maven, unless `--require-neo4j`; the disk-full cases mount
a small tmpfs and skip where that is not allowed).
"""

CREDENTIALS = """\
## Credentials and env files

- The Neo4j password is read only from the environment variable `NEO4J_PASSWORD`. No command has
  an option for it (`--password` is refused without echoing the value), so it never lands in
  shell history or process listings.
- policygraph never prints it: not in output, errors, `POLICYGRAPH_DEBUG=1` tracebacks, nor
  does it reach the local server's logs. Refused credentials give one `Error:` line without it.
- Keep it out of `NEO4J_URI`: a URI with credentials (`bolt://neo4j:PASSWORD@host`) is refused
  with an error that shows it as `bolt://***@host`; every message shows the URI that way.
- Env files: `.env.example` holds placeholders only; copy it to `.env`, which git ignores, and
  set the password there. policygraph does not read `.env` itself: Docker Compose reads it
  (`env_file: .env`), and for policygraph export it into your shell with
  `set -a; . ./.env; set +a`, or use a secret store that sets the variable.
"""

HARDENING = """\
## What the parser gained from this testing

- A measure with two or more sub-points (`1. …` followed by `（1）…` `（2）…`) crashed the parser
  (`ValueError … is not in list`); found by the generated-plan fuzzer.
- `百十名` crashed the commitment reader (`KeyError`); a run of hundreds of digits gave an
  infinite value.
- End-anchored regular expressions for the unit lists and the commitment patterns backtracked
  quadratically: a 20 KB line took up to 53 s, a 1 MB line hours. They are now linear (string
  scans, possessive quantifiers); each hostile 1 MB line above parses in about 2 s at most.
- Numbering checks, headings and the title rescanned everything read so far (quadratic on
  large plans); an 8 MB plan of 75,000 measures now parses in about 3 s.
- A FIFO or device given as a plan blocked forever; reading is bounded to the size limit even
  if the file grows; a .docx unpacking to over 32 MB (a zip bomb) is refused before it is read;
  broken UTF-16 is an error rather than a crash; a file mixing UTF-8 and GBK is an error naming
  the line rather than a plan silently read as GB18030 mojibake.
- Control, zero-width and bidi-override characters are removed with a `control-character`
  warning, so `区财\\u0000政局` or `区教\\u200b育局` no longer become a second department, and a
  right-to-left override cannot make a name display as another.
- Round two (issue #18, an independent attack): every format character (soft hyphen, U+061C,
  U+180E, tag characters ...), the Hangul fillers, variation selectors and U+034F are removed
  too, and Kangxi radicals and compatibility ideographs are read as the ideographs they imitate
  (`look-alike-character`), so none makes a second department; characters XML forbids are
  removed at parse time. A .docx may unpack to 32 MB (past 4 MB, 100 times its size) and a
  PDF's pages to 32 MB of drawing instructions read within 60 s, so small bombs are refused at
  once. Big5 plans are read; Shift-JIS and EUC-KR files are refused instead of loaded as
  GB18030 nonsense. A read-only open that races a writer is retried or reported as busy, and
  overlapping Neo4j loads run a batch again instead of failing on a constraint error.
"""

LIMITS = """\
## Not covered

- Power loss and lost fsyncs (a SIGKILL leaves the page cache intact); network file systems;
  Windows file locking.
- Faults inside Neo4j's own storage; a Neo4j cluster failing over (a single server is used).
- Coverage-guided fuzzing (`atheris`) is not set up; the hypothesis fuzzers above run in every
  CI run instead, with fresh random examples each time.
- A disk that fills *during* an embedded write (after the free-space check passed) makes
  LadybugDB 0.22 abort the process without an `Error:` line (upstream); the row above shows the
  next command repairing the store with nothing committed lost.
- A read-only report validates its reads by the store file's modification time, size and
  LadybugDB's `.shadow` file; on a file system with coarse timestamps a checkpoint within the
  same tick as the open could go unseen.
"""


def _row(case: Case) -> str:
    tests = "<br>".join(f"`{t.split('::')[-1]}`" for t in case.tests)
    outcome = case.outcome
    if case.known_bug:
        outcome += " (*known bug*)"
    elif case.note:
        outcome += " (*see note*)"
    return f"| {case.name} | {case.cases} | {outcome} | {case.proof} | {tests} |"


def render() -> str:
    parts = [INTRO]
    for area in dict.fromkeys(c.area for c in CASES):
        cases = [c for c in CASES if c.area == area]
        parts.append(f"## {area}: {len(cases)} classes, {sum(c.cases for c in cases)} cases\n")
        parts.append("| class | cases | outcome | what the test asserts | test |")
        parts.append("|---|---:|---|---|---|")
        parts += [_row(c) for c in cases]
        parts.append("")
    files = sorted({t.split("::")[0] for c in CASES for t in c.tests})
    parts.append("Test files: " + ", ".join(f"`{f}`" for f in files) + ".\n")
    parts.append("## Known bugs (expected failures)\n")
    parts += [
        f"- **{c.name}** (`{c.tests[0].split('::')[-1]}`): {c.known_bug}."
        for c in CASES
        if c.known_bug
    ] or ["None: every case above passes."]
    parts.append("\n## Known issues the passing tests tolerate\n")
    parts += [f"- **{c.name}**: {c.note}." for c in CASES if c.note] or ["None."]
    parts.append("")
    parts += [CREDENTIALS, HARDENING, LIMITS]
    return "\n".join(parts).rstrip() + "\n"


def generated() -> dict[Path, str]:
    """The file this module writes, with its text."""
    return {DOC: render()}
