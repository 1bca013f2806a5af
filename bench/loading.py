"""Parse and load measurements: throughput against a floor, bulk against row-by-row.

Every function returns plain dicts of figures; bench/run.py turns them into the table.
"""

from __future__ import annotations

import json
import re
import resource
import subprocess
import sys
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from policygraph.loader.model import NODE_BY_LABEL, RELATIONSHIPS, ParsedPlan
from policygraph.loader.parse import parse_file
from policygraph.loader.stores.base import node_rows, relationship_rows
from policygraph.loader.stores.embedded import EmbeddedStore

# The floor's one regex pass: find every numbered measure line, as any parser must.
FLOOR_RE = re.compile(r"^\s*(\d{1,4})\s*[.．、]", re.M)


def decode(data: bytes) -> str:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ValueError("undecodable")


def parse_throughput(files: list[Path]) -> dict[str, Any]:
    """MB/s of parse_file over the files, next to reading+decoding them and one regex pass."""
    size = sum(f.stat().st_size for f in files)
    for f in files:  # warm the page cache, so both sides read from memory
        f.read_bytes()
    t0 = time.perf_counter()
    for f in files:
        decode(f.read_bytes())
    t_decode = time.perf_counter() - t0
    t0 = time.perf_counter()
    found = 0
    for f in files:
        found += sum(1 for _ in FLOOR_RE.finditer(decode(f.read_bytes())))
    t_floor = time.perf_counter() - t0
    t0 = time.perf_counter()
    measures = 0
    for f in files:
        measures += len(parse_file(f).measures)
    t_parse = time.perf_counter() - t0
    mb = size / 1e6
    return {
        "bytes": size,
        "measures": measures,
        "floor_lines": found,
        "decode_mb_s": mb / t_decode,
        "floor_mb_s": mb / t_floor,
        "parse_mb_s": mb / t_parse,
        "parse_s": t_parse,
        "ratio": t_floor / t_parse,
    }


class TimedParse:
    """Parses files lazily and keeps the time spent parsing, to subtract it from a load."""

    def __init__(self, files: Iterable[Path]) -> None:
        self.files = files
        self.seconds = 0.0
        self.measures = 0

    def __iter__(self) -> Iterator[ParsedPlan]:
        for f in self.files:
            t0 = time.perf_counter()
            parsed = parse_file(f)
            self.seconds += time.perf_counter() - t0
            self.measures += len(parsed.measures)
            yield parsed


def relationship_total(counts: dict[str, int]) -> int:
    return sum(counts[r.type] for r in RELATIONSHIPS if r.type in counts)


def peak_rss_mb() -> float:
    """This process's peak resident memory. VmHWM, not ru_maxrss: after fork+exec, Linux keeps
    the parent's peak in ru_maxrss, so a child started by a big parent would report the parent."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def embedded_load_child(files: list[Path], store: Path) -> dict[str, Any]:
    """Stream parse+load into a fresh store (run in a child process: its peak RSS is ours)."""
    plans = TimedParse(files)
    t0 = time.perf_counter()
    with EmbeddedStore(store) as graph:
        results = graph.load_many(plans)
        total = time.perf_counter() - t0
        counts = graph.counts()
    return {
        "plans": len(results),
        "measures": plans.measures,
        "relationships": relationship_total(counts),
        "parse_s": plans.seconds,
        "load_s": total - plans.seconds,
        "total_s": total,
        "peak_rss_mb": peak_rss_mb(),
        "counts": counts,
    }


def embedded_load(files: list[Path], store: Path) -> dict[str, Any]:
    """embedded_load_child in a fresh Python process."""
    listing = store.with_suffix(".files")
    listing.write_text("\n".join(str(f) for f in files), encoding="utf-8")
    out = subprocess.run(
        [
            sys.executable,
            str(Path(__file__).with_name("run.py")),
            "--child-load",
            str(listing),
            str(store),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    if out.returncode != 0:
        raise RuntimeError(f"the load child failed:\n{out.stderr[-3000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def cli_load(files: list[Path], store: Path, workers: int | None = None) -> dict[str, Any]:
    """`policygraph load FILES --store STORE` as a user runs it, end to end (parse on its
    `--workers`, one per CPU by default at this size; check; write), in a fresh process."""
    import os

    listing = [str(f) for f in files]
    count = workers or os.cpu_count() or 1
    command = [sys.executable, "-m", "policygraph", "load", *listing, "--store", str(store)]
    command += ["--workers", str(count)]
    t0 = time.perf_counter()
    out = subprocess.run(command, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - t0
    if out.returncode != 0:
        raise RuntimeError(f"policygraph load failed:\n{out.stderr[-3000:]}")
    from policygraph.loader.stores.embedded import EmbeddedStore

    with EmbeddedStore(store, read_only=True) as graph:
        counts = graph.counts()
    return {
        "measures": counts["Measure"],
        "relationships": relationship_total(counts),
        "load_s": seconds,
        "workers": count,
    }


def _create_statements(parsed: ParsedPlan) -> Iterator[tuple[str, dict[str, Any]]]:
    """The same rows as the bulk path, as one Cypher statement each (the naive way)."""
    for label, table in node_rows(parsed).items():
        for row in table.dicts():
            key = NODE_BY_LABEL[label].key
            sets = ", ".join(f"n.{k} = ${k}" for k in row if k != key)
            verb = "MERGE" if label == "Department" else "CREATE"
            yield f"{verb} (n:{label} {{{key}: ${key}}}) SET {sets}", row
    for (rel_type, src, dst), table in relationship_rows(parsed).items():
        for row in table.dicts():
            props = ", ".join(f"{k}: ${k}" for k in row if k not in ("from", "to"))
            yield (
                f"MATCH (a:{src} {{{NODE_BY_LABEL[src].key}: $from}}), "
                f"(b:{dst} {{{NODE_BY_LABEL[dst].key}: $to}}) "
                f"CREATE (a)-[:{rel_type} {{{props}}}]->(b)",
                row,
            )


def embedded_row_by_row(files: list[Path], store: Path) -> dict[str, Any]:
    """One auto-committed statement per node and per relationship, same data."""
    plans = [parse_file(f) for f in files]
    statements = [s for p in plans for s in _create_statements(p)]
    t0 = time.perf_counter()
    with EmbeddedStore(store) as graph:
        for cypher, params in statements:
            graph.query(cypher, params)
        seconds = time.perf_counter() - t0
        counts = graph.counts()
    return {
        "measures": sum(len(p.measures) for p in plans),
        "relationships": relationship_total(counts),
        "load_s": seconds,
    }


def embedded_replace(files: list[Path], store: Path) -> dict[str, Any]:
    """A load that replaces every stored plan (`load_many(force=True)` over a loaded store):
    the path written by logged statements rather than COPY (see loader/stores/embedded.py)."""
    plans = [parse_file(f) for f in files]
    with EmbeddedStore(store) as graph:
        graph.load_many(plans)
        t0 = time.perf_counter()
        results = graph.load_many(plans, force=True)
        seconds = time.perf_counter() - t0
        counts = graph.counts()
    assert {r.status for r in results} == {"replaced"}
    return {
        "measures": counts["Measure"],
        "relationships": relationship_total(counts),
        "load_s": seconds,
    }


def neo4j_per_measure(driver: Any, database: str | None, files: list[Path]) -> dict[str, Any]:
    """One transaction per measure, as a naive loader does: MERGE the measure's departments,
    create the measure and its edges. Plan-level rows (plan, themes) go in one first transaction.
    """
    plans = [parse_file(f) for f in files]
    measures = relationships = 0

    def run(tx: Any, batch: list[tuple[str, dict[str, Any]]]) -> None:
        for cypher, params in batch:
            tx.run(cypher, params).consume()

    t0 = time.perf_counter()
    with driver.session(database=database) as session:
        for parsed in plans:
            ids = {m.id for m in parsed.measures}
            merges: dict[str, tuple[str, dict[str, Any]]] = {}
            groups: dict[str | None, list[tuple[str, dict[str, Any]]]] = {}
            for cypher, params in _create_statements(parsed):
                if cypher.startswith("MERGE"):  # by key (place/name), what edges point at
                    merges[params[NODE_BY_LABEL["Department"].key]] = (cypher, params)
                    continue
                owner = next(
                    (params[k] for k in ("id", "measure", "from", "to") if params.get(k) in ids),
                    None,
                )
                groups.setdefault(owner, []).append((cypher, params))
            session.execute_write(run, groups.pop(None, []))
            for batch in groups.values():
                names = [p["from"] for c, p in batch if c.startswith("MATCH (a:Department")]
                session.execute_write(run, [merges[n] for n in names] + batch)
                measures += 1
                relationships += sum(1 for c, _ in batch if c.startswith("MATCH"))
    seconds = time.perf_counter() - t0
    return {"measures": measures, "relationships": relationships, "load_s": seconds}


def neo4j_import_child(
    folder: Path, home: Path, csv_folder: Path, ports: list[int], workers: int
) -> dict[str, Any]:
    """`policygraph neo4j import` of the plan files in `folder` into a new home (run in a child
    process: its peak RSS is the parse and CSV writing; the importer is a Java process)."""
    from policygraph.loader.stores.neo4j import Neo4jStore

    from policygraph import neo4j_server
    from policygraph.loading import ParseSettings
    from policygraph.neo4j_import import import_local

    t0 = time.perf_counter()
    results, server, times = import_local(
        home,
        (str(folder),),
        ParseSettings(),
        bolt_port=ports[0],
        http_port=ports[1],
        keep_files=csv_folder,
        workers=workers,
    )
    total = time.perf_counter() - t0
    try:
        with Neo4jStore(server.bolt_uri) as store:
            counts = store.counts()
    finally:
        neo4j_server.stop(home)
    return {
        "plans": len(results),
        "measures": counts["Measure"],
        "relationships": relationship_total(counts),
        "load_s": total,
        "files_s": times.files_s,
        "admin_s": times.admin_s,
        "start_s": times.start_s,
        "schema_s": times.schema_s,
        "arguments": times.arguments,
        "workers": workers,
        "peak_rss_mb": peak_rss_mb(),  # of the parent; each worker holds one batch too
    }


def neo4j_import(folder: Path, workdir: Path, workers: int | None = None) -> dict[str, Any]:
    """The import path end to end (neo4j_import_child in a fresh process; `workers`: its
    --workers, by default the CPU count), then Neo4j's importer alone on the same CSV files
    into another new home: the raw figure to compare."""
    import os
    import shutil
    import socket

    from policygraph import neo4j_server

    def free_port() -> int:
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            return int(sock.getsockname()[1])

    home, raw_home, csv_folder = (
        workdir / "neo4j-import-home",
        workdir / "neo4j-raw-home",
        workdir / "neo4j-import-csv",
    )
    for path in (home, raw_home, csv_folder):
        shutil.rmtree(path, ignore_errors=True)
    ports = [free_port(), free_port()]
    args = [str(folder), str(home), str(csv_folder), str(ports[0]), str(ports[1])]
    args.append(str(workers or os.cpu_count() or 1))
    out = subprocess.run(
        [sys.executable, str(Path(__file__).with_name("run.py")), "--child-import", *args],
        capture_output=True,
        text=True,
        check=False,
    )
    if out.returncode != 0:
        neo4j_server.stop(home)
        raise RuntimeError(f"the import child failed:\n{out.stderr[-3000:]}")
    result: dict[str, Any] = json.loads(out.stdout.strip().splitlines()[-1])
    arguments = [a for a in result.pop("arguments") if a != "--overwrite-destination=true"]
    raw_s = neo4j_server.import_database(raw_home, arguments, lambda message: None)
    result["raw"] = {
        "measures": result["measures"],
        "relationships": result["relationships"],
        "load_s": raw_s,
    }
    for path in (home, raw_home, csv_folder):
        shutil.rmtree(path, ignore_errors=True)
    return result
