"""Latency of every catalogue report on both stores: the median of several runs, with a timeout."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import ladybug
from policygraph.loader.stores import ENGINES
from policygraph.queries import Report, catalogue

SLOW_SINGLE_RUN = 10.0  # a report slower than this once is not repeated
BUFFER_POOL_MB = 4096  # LadybugDB memory for the report runs (its default: 80% of RAM)


def report_params(query: Callable[[str], list[list[Any]]]) -> dict[str, Any]:
    """Parameter values that exist in the loaded corpus (the catalogue's examples are for the
    bundled plan): the busiest lead department, and a little-used one for two-department reports.
    """
    busiest = query(
        "MATCH (d:Department)-[:LEADS]->(m:Measure) RETURN d.name AS name, "
        "d.jurisdiction AS place, count(m) AS n ORDER BY n DESC, name, place LIMIT 1"
    )
    quiet = query(
        "MATCH (d:Department)-[:LEADS|SUPPORTS]->(m:Measure) RETURN d.name AS name, "
        "d.jurisdiction AS place, count(m) AS n ORDER BY n, name, place LIMIT 1"
    )
    top = busiest[0][:2] if busiest else ["", ""]
    other = quiet[0][:2] if quiet and quiet[0][:2] != top else top
    # A name may be a department of several places: each one is given with its place.
    return {
        "department": top[0],
        "jurisdiction": top[1],
        "department_a": top[0],
        "jurisdiction_a": top[1],
        "department_b": other[0],
        "jurisdiction_b": other[1],
        "number": 13,
        "terms": SEARCH_TERMS,  # in many generated measures: search-measures ranks them all
    }


def bind(report: Report, given: dict[str, Any]) -> dict[str, Any]:
    names = {p.name for p in report.params}
    examples = dict(report.examples)
    values = {k: v for k, v in examples.items() if k in names}
    chosen = set(examples) | {n for n in names if n.startswith("jurisdiction")}
    values.update({k: v for k, v in given.items() if k in names and k in chosen})
    return report.bind(values)


def time_reports(
    run: Callable[[str, dict[str, Any], float], int],
    engine_store: str,
    params: dict[str, Any],
    runs: int,
    timeout: float,
) -> dict[str, dict[str, Any]]:
    """{report: {median_s, runs, rows} or {timeout: True}} for every report in the catalogue.

    `run(cypher, params, timeout)` runs one query and returns its row count, raising
    TimeoutError when the timeout passes.
    """
    out: dict[str, dict[str, Any]] = {}
    dialect = ENGINES[engine_store].load_class().dialect  # the store speaks it
    for name, report in catalogue().items():
        cypher = report.body(dialect).rstrip().rstrip(";")
        values = bind(report, params)
        times: list[float] = []
        rows = 0
        try:
            for _ in range(runs):
                t0 = time.perf_counter()
                rows = run(cypher, values, timeout)
                times.append(time.perf_counter() - t0)
                if times[-1] > SLOW_SINGLE_RUN:
                    break
        except TimeoutError:
            out[name] = {"timeout": True, "limit_s": timeout}
            continue
        except Exception as exc:  # a report that fails is a finding, not a crash
            out[name] = {"error": str(exc).splitlines()[0][:200]}
            continue
        out[name] = {"median_s": statistics.median(times), "runs": len(times), "rows": rows}
    return out


SEARCH_TERMS = "人才"  # the term search-measures is timed with too (report_params)


def time_search(store: Any, runs: int, terms: str = SEARCH_TERMS) -> dict[str, Any]:
    """{median_s, runs, rows} of `policygraph search TERMS` on a policygraph store: api.search,
    as the command calls it (parameter checks, the search-measures report, the marked snippet),
    or {error} when it fails."""
    from policygraph import api

    times: list[float] = []
    rows = 0
    try:
        for _ in range(runs):
            t0 = time.perf_counter()
            rows = len(api.search(store, terms).rows)
            times.append(time.perf_counter() - t0)
            if times[-1] > SLOW_SINGLE_RUN:
                break
    except Exception as exc:  # a search that fails is a finding, not a crash
        return {"error": str(exc).splitlines()[0][:200]}
    return {"median_s": statistics.median(times), "runs": len(times), "rows": rows}


class EmbeddedRunner:
    """Runs report text on a LadybugDB file opened read-only, as `policygraph report` does, but
    with a bounded buffer pool (the default is most of the machine's memory, and one report
    that joins too much would take it all) and the engine's query timeout. After a failure the
    database is reopened: a query that ran out of memory can leave the pool full.
    """

    def __init__(self, path: Path, buffer_pool_mb: int = BUFFER_POOL_MB) -> None:
        self.path, self.pool = path, buffer_pool_mb * 1024**2
        self._open()

    def _open(self) -> None:
        self.db = ladybug.Database(str(self.path), read_only=True, buffer_pool_size=self.pool)
        self.conn = ladybug.Connection(self.db)

    def query(self, cypher: str) -> list[list[Any]]:
        return self.conn.execute(cypher).get_all()

    def __call__(self, cypher: str, params: dict[str, Any], timeout: float) -> int:
        self.conn.set_query_timeout(int(timeout * 1000))
        try:
            return len(self.conn.execute(cypher, params).get_all())
        except RuntimeError as exc:
            self.close()
            self._open()
            if "interrupt" in str(exc).lower() or "timeout" in str(exc).lower():
                raise TimeoutError from None
            if "buffer pool is full" in str(exc):
                raise MemoryError(
                    f"out of memory: needs more than a {self.pool // 1024**2:,} MB buffer pool"
                ) from None
            raise

    def close(self) -> None:
        self.conn.close()
        self.db.close()


def neo4j_runner(driver: Any, database: str | None) -> Callable[[str, dict[str, Any], float], int]:
    """Runs report text in an auto-commit read transaction with a server-side timeout, without
    the driver's retries (a report that runs out of memory would be retried for 30 s), fetching
    the rows as `Neo4jStore.query_table` does (in chunks; plainly if they cannot be collected)."""
    import neo4j
    from neo4j.exceptions import ClientError, TransientError
    from policygraph.loader.stores.neo4j import table_query

    columns: dict[str, list[str]] = {}  # the store remembers each query's columns too

    def fetch(cypher: str, params: dict[str, Any], timeout: float) -> int:
        with driver.session(database=database, default_access_mode=neo4j.READ_ACCESS) as s:
            if cypher not in columns:
                explain = s.run(neo4j.Query(f"EXPLAIN {cypher}", timeout=timeout), params)
                columns[cypher] = list(explain.keys())
                explain.consume()
            query = neo4j.Query(table_query(cypher, columns[cypher]), timeout=timeout)
            try:
                return sum(len(chunk) for (chunk,) in s.run(query, params))
            except (ClientError, TransientError) as exc:
                if "MemoryPool" not in (exc.code or ""):
                    raise
            return len(list(s.run(neo4j.Query(cypher, timeout=timeout), params)))

    def run(cypher: str, params: dict[str, Any], timeout: float) -> int:
        try:
            return fetch(cypher, params, timeout)
        except (ClientError, TransientError) as exc:
            code, message = exc.code or "", exc.message or ""
            if "Timeout" in code or "terminated" in message or "timeout" in message.lower():
                raise TimeoutError from None
            if "MemoryPool" in code:
                raise MemoryError(f"out of memory: {message}") from None
            raise

    return run
