"""A first load of a large corpus through Neo4j's offline importer, in two forms:
`policygraph neo4j import` (the local server of a home: import, start, create the indexes) and
`load --bulk` (a server you run yourself: write the files and print the commands to run).

Both parse the files as `load` does, with its progress line and summary, but write CSV files
(policygraph.loader.stores.neo4j_csv) instead of Bolt transactions, parsing each file once.
The graph is the same; a test compares every node, edge and report after both.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import click

from policygraph.loader.errors import InputError
from policygraph.loader.stores import redact_uri
from policygraph.loader.stores.base import LoadResult, Store
from policygraph.loader.stores.neo4j_csv import ImportFiles, admin_arguments

from . import neo4j_server
from .loading import ParseSettings, parse_workers, plan_files
from .neo4j_workers import Written, write_parallel, write_share
from .options import StoreSpec
from .output import safe_line, safe_text
from .progress import Progress, load_summary

INDEX_WAIT_S = 3600  # seconds to wait for the indexes to come online after an import


def write_files(
    files: tuple[str, ...],
    writer: ImportFiles,
    settings: ParseSettings,
    plan_id: str | None = None,
    batch_measures: int | None = None,
    verbose: bool = False,
    workers: int = 1,
) -> Written:
    """Parse the plan files and write them as import files (in `writer`'s folder), with
    `load`'s progress line and summary. Each file is parsed once (`load` reads every file
    before it writes to a store, and again past 32 MB): the files are not the store, and any
    unreadable file stops the import before the importer runs (InputError, no files left), so
    no command imports a corpus with files missing. `workers` > 1: that many processes parse
    and write their share of the files (policygraph.neo4j_workers)."""
    paths = plan_files(files)
    if plan_id and len(paths) > 1:
        raise InputError("--plan-id names one plan; give one file with it.")
    measures = 0

    def counted(found: int, steps: int) -> None:
        nonlocal measures
        measures += found
        progress.advance(steps, f"{measures:,} measures")

    where = safe_line(f"Neo4j import files in {writer.folder}")
    with Progress("reading", len(paths)) as progress:
        if workers > 1 and len(paths) > 1:
            written = write_parallel(
                paths, writer, settings, plan_id, batch_measures, workers,
                lambda steps, share: counted(sum(r.measures for r in share.results), steps),
            )  # fmt: skip
        else:
            written = write_share(
                paths, writer, settings, plan_id, batch_measures,
                lambda parsed: counted(len(parsed.measures), 1),
            )  # fmt: skip
            if written.error is not None:
                raise InputError(written.error)
    if verbose:
        for result in written.results:
            click.echo(
                f"{result.status} {safe_text(result.plan)}: {result.measures} measures, "
                f"{result.departments} departments, {result.relationships} assignments "
                f"-> {where}"
            )
    took = progress.seconds()
    summary = load_summary(written.results, len(written.departments), written.warnings, took, where)
    click.echo(summary)
    return written


def write_for_server(
    folder: Path,
    store: StoreSpec,
    files: tuple[str, ...],
    settings: ParseSettings,
    plan_id: str | None,
    batch_measures: int | None,
    verbose: bool,
    workers: int | None = None,
) -> None:
    """`load --bulk FOLDER`: the import files for a Neo4j server run elsewhere, then the
    commands that import them and create the constraints and indexes. `workers` processes
    write them (None: as `load` decides, loading.parse_workers)."""
    if store.kind != "neo4j":
        raise InputError(
            "--bulk writes files for Neo4j's importer; give --neo4j (or --store bolt://HOST) "
            "with it, or drop --bulk to load the embedded store."
        )
    writer = ImportFiles(folder)
    paths = plan_files(files)
    named = tuple(str(path) for path in paths)  # the folders looked through once
    try:
        write_files(
            named, writer, settings, plan_id, batch_measures, verbose,
            parse_workers(paths, workers),
        )  # fmt: skip
    except BaseException:
        writer.discard()  # half a corpus must not look like an import to run
        raise
    database = store.database or "neo4j"
    schema = ["policygraph", "neo4j", "init-schema", "--store", redact_uri(store.target)]
    if store.database:
        schema += ["--database", store.database]
    click.echo(f"To load them into the Neo4j database {safe_line(database)} (new or empty):")
    click.echo("  1. stop the Neo4j server (neo4j stop), on the machine that holds these files")
    click.echo(f"  2. {command_line(['neo4j-admin', *writer.admin_arguments(database)])}")
    click.echo("     (add --overwrite-destination=true when the database exists but is empty)")
    created = f"; then CREATE DATABASE {database}" if store.database else ""
    click.echo(f"  3. start the server (neo4j start){created}")
    click.echo(f"  4. {command_line(schema)}")
    click.echo("     (the constraints, indexes and lineage links that `policygraph load` makes)")


def command_line(args: list[str]) -> str:
    """`args` as one line to paste into this system's shell."""
    return subprocess.list2cmdline(args) if os.name == "nt" else shlex.join(args)


@dataclass(frozen=True)
class ImportTimes:
    """Seconds of each step of `neo4j import`."""

    files_s: float  # parse and write the CSV files
    admin_s: float  # neo4j-admin database import full
    start_s: float  # start the server
    schema_s: float  # constraints and indexes created and online, plans' lineage linked
    arguments: list[str]  # what followed neo4j-admin


def import_local(
    home: Path,
    files: tuple[str, ...],
    settings: ParseSettings,
    *,
    plan_id: str | None = None,
    batch_measures: int | None = None,
    verbose: bool = False,
    bolt_port: int = 7687,
    http_port: int = 7474,
    timeout: float = 180,
    keep_files: Path | None = None,
    workers: int = 1,
    memory: tuple[int, int] = (neo4j_server.HEAP_MB, neo4j_server.PAGE_CACHE_MB),
) -> tuple[list[LoadResult], neo4j_server.ServerInfo, ImportTimes]:
    """`neo4j import`: refuse a home whose database holds a graph, write the import files,
    run the importer into the stopped server's database, start the server, create the
    constraints and indexes and link the plans' lineage (`finish`). The files go to
    `keep_files` (kept) or a temporary folder in the home (removed); `workers` processes
    write them (write_files); the server is started with `memory` (heap, page cache in MB)."""
    from policygraph.loader.stores.neo4j import Neo4jStore

    neo4j_server.check_platform()  # before the work: the server could not start after it
    home = Path(home).expanduser().resolve()
    overwrite = _check_empty(home, bolt_port, http_port, timeout)
    began = time.monotonic()
    home.mkdir(parents=True, exist_ok=True)
    folder = keep_files or Path(tempfile.mkdtemp(prefix="import-", dir=home))
    try:
        writer = ImportFiles(folder)
        written = write_files(
            files, writer, settings, plan_id, batch_measures, verbose, workers
        )  # fmt: skip
        results = written.results
        files_s = time.monotonic() - began
        click.echo(f"importing with neo4j-admin (log: {home / 'import.log'}) ...", err=True)
        arguments = admin_arguments(written.files, overwrite=overwrite)
        admin_s = neo4j_server.import_database(home, arguments, _stderr)
    finally:
        if keep_files is None:
            shutil.rmtree(folder, ignore_errors=True)
    t0 = time.monotonic()
    heap_mb, page_cache_mb = memory
    info = neo4j_server.start(
        home,
        bolt_port,
        http_port,
        timeout,
        progress=_stderr,
        heap_mb=heap_mb,
        page_cache_mb=page_cache_mb,
    )
    start_s = time.monotonic() - t0
    t0 = time.monotonic()
    with Neo4jStore(info.bolt_uri) as graph:  # creates the constraints and indexes, as `load`
        finish(graph)
    times = ImportTimes(files_s, admin_s, start_s, time.monotonic() - t0, arguments)
    return results, info, times


def finish(graph: Store) -> None:
    """What a Bolt load does besides writing the rows, on an imported database: wait for the
    constraints' and indexes' (created when the store opened) to be online, then link the plans
    that implement other loaded plans (lineage: computed from the stored graph)."""
    from policygraph.loader.lineage import link_lineage

    graph.query("CALL db.awaitIndexes($seconds)", {"seconds": INDEX_WAIT_S})
    link_lineage(graph)


def _stderr(message: str) -> None:
    click.echo(message, err=True)


def _check_empty(home: Path, bolt_port: int, http_port: int, timeout: float) -> bool:
    """InputError when the database of `home` holds a graph; else stop its server if it runs.
    Returns whether an (empty) database exists, which the importer must overwrite."""
    info = neo4j_server.status(home)
    if info is None and not neo4j_server.database_folder(home).is_dir():
        return False  # a new home
    if info is None:  # a stopped server's database: ask it, which takes a start
        _stderr(f"checking that the database of {home} is empty ...")
        info = neo4j_server.start(home, bolt_port, http_port, timeout, progress=_stderr)
        started = True
    else:
        started = False
    try:
        nodes = _node_count(info.bolt_uri)
    except BaseException:
        if started:
            neo4j_server.stop(home)
        raise
    if nodes:
        if started:
            neo4j_server.stop(home)
        raise InputError(
            f"the Neo4j database in {home} already holds a graph ({nodes:,} nodes); "
            "`neo4j import` makes a first load into an empty database: give a new --home, or "
            f"add the plans to this one with `policygraph load FILES --neo4j --uri "
            f"{info.bolt_uri}` (after `policygraph neo4j start --home {home}` if it is stopped)."
        )
    neo4j_server.stop(home)  # the importer writes into a stopped server's database
    return True


def _node_count(uri: str) -> int:
    import neo4j

    with neo4j.GraphDatabase.driver(uri, auth=None) as driver:
        records, _, _ = driver.execute_query("MATCH (n) RETURN count(n) AS n")
    return int(records[0]["n"])
