"""Every generated file of the checkout, rewritten or checked by one command.

    python scripts/docs.py          # rewrite the generated files that are stale
    python scripts/docs.py --check  # write nothing; exit 1 naming every stale file

Run it with the virtualenv's python from a checkout (it also runs as `python -m scripts.docs`
from the checkout's root). Each file's generator stays beside its source; this script only
collects their `generated()` maps (path -> text):

- graph_model.md                       policygraph.loader.docs (from loader/model.py)
- docs/reports.md, browser/guide.html  policygraph.queries.docs (from queries/*.cypher)
- docs/reliability.md                  tests.reliability.report (from tests/reliability/cases.py)
- docs/accuracy.md,                    tests.accuracy (the parser scored on the real-plan
  tests/fixtures/real/SOURCES.md         corpus, and the corpus's sources)

It lives in scripts/, not in the policygraph package, because two generators and all the files
belong to the checkout (tests/ and docs/ are not installed). tests/unit/test_generated_files.py
runs the check.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # `python scripts/docs.py` puts only scripts/ on the path
    sys.path.insert(0, str(ROOT))


def generators() -> list[Callable[[], dict[Path, str]]]:
    """The generators, imported when asked for (scoring the corpus takes a few seconds)."""
    from policygraph.loader import docs as model_docs
    from policygraph.queries import docs as report_docs

    from tests import accuracy
    from tests.reliability import report as reliability

    return [model_docs.generated, report_docs.generated, reliability.generated, accuracy.generated]


def generated() -> dict[Path, str]:
    """Every generated file with the text it should hold."""
    files: dict[Path, str] = {}
    for generate in generators():
        files.update(generate())
    return files


def stale(files: dict[Path, str]) -> list[Path]:
    """The files whose text differs from what their generator makes, or that are missing."""
    return [
        path
        for path, text in files.items()
        if not path.is_file() or path.read_text(encoding="utf-8") != text
    ]


def main(argv: Iterable[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python scripts/docs.py",
        description="Rewrite every generated file of the checkout, or check that none is stale.",
    )
    parser.add_argument(
        "--check", action="store_true", help="write nothing; exit 1 naming every stale file"
    )
    args = parser.parse_args(list(argv) if argv is not None else None)
    files = generated()
    old = stale(files)
    for path in old:
        name = path.relative_to(ROOT).as_posix()
        if args.check:
            print(f"{name} is stale; run: python scripts/docs.py")
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(files[path], encoding="utf-8", newline="\n")
        print(f"wrote {name}")
    if not old:
        print(f"{len(files)} generated files up to date")
    return 1 if old and args.check else 0


if __name__ == "__main__":
    sys.exit(main())
