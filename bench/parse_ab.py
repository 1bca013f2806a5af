"""Parse speed of this tree against another tree's parser, in one process, next to the floor.

    git -C . archive 23cafe6 loader | tar -x -C /tmp/old     # the other tree's loader/ package
    python bench/parse_ab.py /tmp/old --corpus /tmp/corpus --files 100 --rounds 3

Each file is parsed by both trees in turn (the order alternating), `--rounds` times, with the
floor of bench/loading.py (read + decode + one compiled pass finding every measure line) timed
beside them; each tree's figure is the sum over files of its fastest parse, in process CPU time.
On a shared machine separate processes swing by ±20 % from one pass to the next, while both
trees here see the same moments of the machine, so the ratio holds when single timings do not.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import sys
import time
from pathlib import Path

from loading import FLOOR_RE, decode
from policygraph.loader import parse as this_parse


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("old", help="a folder holding the other tree's loader/ package")
    ap.add_argument("--corpus", type=Path, required=True, help="a folder of plan files")
    ap.add_argument("--files", type=int, default=100)
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args(argv)
    sys.path.insert(0, args.old)
    old_parse = importlib.import_module("loader.parse")
    assert Path(old_parse.__file__).is_relative_to(args.old), old_parse.__file__
    files = sorted(
        p
        for p in args.corpus.iterdir()
        if p.suffix in (".txt", ".md") and p.name not in ("README.md", "SOURCES.md")
    )[: args.files]
    best = {name: [float("inf")] * len(files) for name in ("old", "new", "floor")}
    trees = (("old", old_parse), ("new", this_parse))
    clock = time.process_time
    for r in range(args.rounds):
        for i, f in enumerate(files):
            began = clock()
            sum(1 for _ in FLOOR_RE.finditer(decode(f.read_bytes())))
            best["floor"][i] = min(best["floor"][i], clock() - began)
            for name, module in trees if (i + r) % 2 else trees[::-1]:
                began = clock()
                with contextlib.suppress(Exception):  # an InputError takes time as an answer
                    module.parse_file(f)
                best[name][i] = min(best[name][i], clock() - began)
    mb = sum(f.stat().st_size for f in files) / 1e6
    total = {name: sum(times) for name, times in best.items()}
    print(f"{len(files)} files, {mb:.1f} MB, {args.rounds} rounds (CPU time, fastest per file)")
    print(f"floor {mb / total['floor']:.1f} MB/s")
    for name in ("old", "new"):
        ratio = total["floor"] / total[name]
        print(f"{name}: {mb / total[name]:.1f} MB/s, parse/floor {ratio:.4f}")
    print(f"new/old: {total['old'] / total['new']:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
