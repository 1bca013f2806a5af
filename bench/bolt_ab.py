"""A/B timings of Bolt loads into one Neo4j server: variants interleaved, each in a fresh process.

    python bench/bolt_ab.py --uri bolt://127.0.0.1:7687 --measures 50000 --rounds 2 \
        --variant pure --variant rust --variant rust:batch_size=20000

A variant is `rust` or `pure` (the driver's Rust PackStream codec, neo4j-rust-ext, or its
pure-Python one), then optional `:store=FILE.py` (a Neo4jStore module to load instead of
policygraph's, e.g. an older version) and `:batch_size=N`. The corpus is parsed before the
clock starts; the database is wiped before each load (it must hold only policygraph's labels).
Prints one line per load and the median per variant.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path[:0] = [str(BENCH), str(BENCH.parent)]


def child(variant: str, uri: str, files: list[Path]) -> dict[str, float]:
    codec, *options = variant.split(":")
    if codec == "pure":
        sys.modules["neo4j._rust"] = None  # type: ignore[assignment]  # the driver falls back
    settings = dict(o.split("=", 1) for o in options)
    from policygraph.loader.parse import parse_file

    if "store" in settings:
        name = "policygraph.loader.stores.neo4j_variant"
        spec = importlib.util.spec_from_file_location(name, settings["store"])
        assert spec and spec.loader
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
        store_class = module.Neo4jStore
    else:
        from policygraph.loader.stores.neo4j import Neo4jStore as store_class
    import neo4j._codec.packstream.v1 as packstream

    assert (packstream._rust_pack is not None) == (codec == "rust"), "neo4j-rust-ext not found"
    plans = [parse_file(f) for f in files]
    batch_size = int(settings.get("batch_size", 5000))
    with store_class(uri, batch_size=batch_size) as store:
        with store._driver.session(database=store.database) as session:
            for cypher in (
                "MATCH ()-[r]->() CALL (r) { DELETE r } IN TRANSACTIONS OF 20000 ROWS",
                "MATCH (n) CALL (n) { DELETE n } IN TRANSACTIONS OF 20000 ROWS",
            ):
                session.run(cypher).consume()
        t0 = time.perf_counter()
        store.load_many(plans)
        seconds = time.perf_counter() - t0
        measures = store.counts()["Measure"]
    return {"seconds": seconds, "measures": measures}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--uri", required=True)
    ap.add_argument("--measures", type=int, default=50_000)
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--variant", action="append", default=[])
    ap.add_argument("--workdir", type=Path, default=Path("/tmp/policygraph-bolt-ab"))
    ap.add_argument("--child", help=argparse.SUPPRESS)
    args = ap.parse_args()
    from generator import generate

    folder = args.workdir / f"corpus-{args.measures}"
    if not folder.is_dir():
        generate(folder, args.measures)
    files = sorted(p for p in folder.iterdir() if p.suffix in (".txt", ".md"))
    if args.child:
        print(json.dumps(child(args.child, args.uri, files)))
        return 0
    times: dict[str, list[float]] = {v: [] for v in args.variant}
    for round_ in range(args.rounds):
        for variant in args.variant:  # interleaved: a drift of the machine hits every variant
            out = subprocess.run(
                [sys.executable, __file__, "--uri", args.uri, "--measures", str(args.measures),
                 "--workdir", str(args.workdir), "--child", variant],
                capture_output=True, text=True, check=False,
            )  # fmt: skip
            if out.returncode:
                raise SystemExit(out.stderr[-2000:])
            result = json.loads(out.stdout.splitlines()[-1])
            times[variant].append(result["seconds"])
            print(f"round {round_ + 1} {variant}: {result['seconds']:.1f} s "
                  f"({result['measures']:,} measures)", flush=True)  # fmt: skip
    for variant, seconds in times.items():
        print(f"median {variant}: {statistics.median(seconds):.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
