"""An output oracle for parser work: a hash of everything `parse_file`/`parse_text` give back
(every record and warning, as the dataclasses' repr) for a fixed set of inputs, so that a change
meant only to make parsing faster can be shown to change no answer.

    python bench/parse_oracle.py record ORACLE.json --corpus /tmp/tok-corpus --fuzz /tmp/tok-fuzz
    python bench/parse_oracle.py check ORACLE.json --corpus /tmp/tok-corpus --fuzz /tmp/tok-fuzz

The inputs: the bench corpus (bench/generator.py), tests/fixtures/real, tests/fixtures/formats,
data/ziliujing_talent_plan.txt, the view tests' hostile plan, the reliability tests' 1 MB
pathological lines, and fuzz inputs drawn once from the reliability tests' own hypothesis
strategies (arbitrary text, generated plans, mutated real plans) and saved in the `--fuzz`
folder, so every later run reads the same bytes. Each file is also parsed with
`single_list="all-lead"` and with a jurisdiction and a year, to reach those branches.
`--old DIR` parses with another copy of the loader package (a folder holding `loader/`), to
compare two trees in one process.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib
import json
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
FUZZ_EXAMPLES = 400  # per strategy


def _loader(old: str | None) -> Any:
    """The parse module: this tree's, or the `loader` package found under `old`."""
    if old is None:
        return importlib.import_module("policygraph.loader.parse")
    sys.path.insert(0, old)
    module = importlib.import_module("loader.parse")
    assert Path(module.__file__).is_relative_to(old), module.__file__
    return module


def draw_fuzz(folder: Path) -> None:
    """Save FUZZ_EXAMPLES inputs of each of the reliability tests' parser strategies."""
    from hypothesis import strategies as st

    sys.path.insert(0, str(ROOT))
    fuzz = importlib.import_module("tests.reliability.test_fuzz_parser")
    folder.mkdir(parents=True, exist_ok=True)
    made = 0

    def keep(name: str, data: bytes) -> None:
        nonlocal made
        made += 1
        (folder / f"{made:05d}-{name}").write_bytes(data)

    cases: list[tuple[str, st.SearchStrategy, Callable[[Any], tuple[str, bytes]]]] = [
        ("text", fuzz.TEXT, lambda t: ("text.txt", t.encode("utf-8", "surrogatepass"))),
        ("plan", fuzz.plan_st(), lambda p: ("plan.txt", p[0].encode())),
        ("mutated", fuzz.mutated_st(), lambda m: (f"mutated{m[1]}", m[0])),
    ]
    for _, strategy, to_file in cases:
        draw_cases(strategy, to_file, keep)


def draw_cases(strategy: Any, to_file: Callable[[Any], tuple[str, bytes]], keep: Any) -> None:
    from hypothesis import HealthCheck, given, settings

    @settings(
        max_examples=FUZZ_EXAMPLES,
        derandomize=True,
        database=None,
        deadline=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(strategy)
    def draw(value: Any) -> None:
        keep(*to_file(value))

    draw()


def inputs(corpus: Path | None, fuzz: Path | None) -> Iterator[tuple[str, Path | str]]:
    """(key, a file or a text) of every input."""
    if corpus:
        for p in sorted(corpus.iterdir()):
            yield f"corpus/{p.name}", p
    for p in sorted((ROOT / "tests/fixtures/real").glob("*.txt")):
        yield f"real/{p.name}", p
    for p in sorted((ROOT / "tests/fixtures/formats").iterdir()):
        if p.suffix in (".txt", ".md", ".pdf"):
            yield f"formats/{p.name}", p
    yield "data/ziliujing", ROOT / "data/ziliujing_talent_plan.txt"
    sys.path.insert(0, str(ROOT))
    hostile = importlib.import_module("tests.fixtures.hostile")
    yield "hostile/text", hostile.HOSTILE_TEXT
    fuzz_tests = importlib.import_module("tests.reliability.test_fuzz_parser")
    for name, line in sorted(fuzz_tests.PATHOLOGICAL_LINES.items()):
        yield f"pathological/{name}", fuzz_tests.HEAD + line + "\n"
    if fuzz:
        for p in sorted(fuzz.iterdir()):  # text and plans as the tests give them: parse_text
            if p.name.endswith(("-text.txt", "-plan.txt")):
                yield f"fuzz/{p.name}", p.read_bytes().decode("utf-8", "surrogatepass")
            else:
                yield f"fuzz/{p.name}", p


VARIANTS: dict[str, dict[str, Any]] = {
    "default": {},
    "all-lead": {"single_list": "all-lead"},
    "place-year": {"jurisdiction": "广东省广州市", "year": 2024},
}


def digest(parse: Any, source: Path | str, options: dict[str, Any]) -> str:
    try:
        if isinstance(source, Path):
            parsed = parse.parse_file(source, **options)
        else:
            parsed = parse.parse_text(source, "p", **options)
        text = repr(parsed)
    except Exception as exc:  # InputError is an answer too; so, here, is any other error
        text = f"{type(exc).__name__}: {exc}"
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def hashes(parse: Any, corpus: Path | None, fuzz: Path | None) -> dict[str, str]:
    out = {}
    for key, source in inputs(corpus, fuzz):
        for variant, options in VARIANTS.items():
            if variant != "default" and key.startswith(("corpus/", "pathological/")):
                continue  # the corpus is big and uniform; the 1 MB lines are slow
            out[f"{key}#{variant}"] = digest(parse, source, options)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("action", choices=["record", "check"])
    ap.add_argument("oracle", type=Path)
    ap.add_argument("--corpus", type=Path, help="a bench/generator.py folder")
    ap.add_argument("--fuzz", type=Path, help="folder of saved fuzz inputs (drawn if empty)")
    ap.add_argument("--old", help="a folder holding another tree's loader/ package")
    args = ap.parse_args(argv)
    if args.fuzz and not (args.fuzz.is_dir() and any(args.fuzz.iterdir())):
        draw_fuzz(args.fuzz)
    parse = _loader(args.old)
    print(f"parser: {parse.__file__}", file=sys.stderr)
    began = time.perf_counter()
    found = hashes(parse, args.corpus, args.fuzz)
    print(f"{len(found)} answers in {time.perf_counter() - began:.1f} s", file=sys.stderr)
    if args.action == "record":
        args.oracle.write_text(json.dumps(found, indent=0, sort_keys=True), encoding="utf-8")
        return 0
    expected = json.loads(args.oracle.read_text(encoding="utf-8"))
    differ = sorted(k for k in expected.keys() | found.keys() if expected.get(k) != found.get(k))
    for key in differ[:40]:
        print(f"differs: {key}")
    print(f"{len(found) - len(differ)} of {len(expected)} answers identical; {len(differ)} differ")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
