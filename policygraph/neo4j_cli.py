"""`policygraph neo4j start|status|stop`: a local Neo4j 5.26 for people without Docker."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from policygraph.loader.model import NODES

from . import neo4j_server
from .options import StoreSpec, parse_options, store_options
from .output import safe_line

if TYPE_CHECKING:
    from .loading import ParseSettings


def _home_options(func: Callable[..., Any]) -> Callable[..., Any]:
    func = click.option(
        "--home",
        type=click.Path(file_okay=False, path_type=Path),
        default=None,
        help="Folder for the server's data and logs "
        "[default: $POLICYGRAPH_NEO4J_HOME or ~/.cache/policygraph/neo4j].",
    )(func)
    return func


@click.group()
def neo4j() -> None:
    """Run a local Neo4j 5.26 server from Maven Central (no Docker needed).

        The first start builds a small launcher with Maven (about 200 MB of downloads, cached in
        ~/.m2); later starts take a few seconds. Auth is off and the server listens on 127.0.0.1
        only. The Neo4j Browser is served on the HTTP port; `start` prints a link to it that
        connects to the Bolt port by itself. `guide` serves the report guide for Browser's `:play`.
    `import` makes a first load of a large corpus through Neo4j's offline importer.

        \b
        Example:
          policygraph neo4j start && policygraph load data/ziliujing_talent_plan.txt --neo4j
    """


def _memory_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """--heap and --page-cache: the memory of a server this command starts."""
    command = click.option(
        "--page-cache",
        "page_cache_mb",
        type=click.IntRange(min=8),
        default=neo4j_server.PAGE_CACHE_MB,
        show_default=True,
        metavar="MB",
        help="The most memory in MB the store's files may take in the page cache; a store "
        "larger than it is read from disk. Size it to the store for a large corpus.",
    )(command)
    return click.option(
        "--heap",
        "heap_mb",
        type=click.IntRange(min=256),
        default=neo4j_server.HEAP_MB,
        show_default=True,
        metavar="MB",
        help="The server's Java heap in MB; one transaction may use up to 70 % of it.",
    )(command)


@neo4j.command()
@_home_options
@click.option("--bolt-port", type=click.IntRange(1, 65535), default=7687, show_default=True)
@click.option("--http-port", type=click.IntRange(1, 65535), default=7474, show_default=True)
@click.option(
    "--timeout",
    type=click.FloatRange(min=1),
    default=180,
    show_default=True,
    help="Seconds to wait for the server to answer.",
)
@_memory_options
def start(
    home: Path | None,
    bolt_port: int,
    http_port: int,
    timeout: float,
    heap_mb: int,
    page_cache_mb: int,
) -> None:
    """Start the server (or report the one already running) and wait until Bolt answers.

    A server already running keeps its memory sizes; stop it first to change them.

    \b
    Example:
      policygraph neo4j start --bolt-port 7688 --http-port 7475 --home /tmp/neo4j-test
      policygraph neo4j start --heap 4096 --page-cache 4096     # a province-sized corpus
    """
    info = neo4j_server.start(
        home,
        bolt_port,
        http_port,
        timeout,
        progress=lambda msg: click.echo(msg, err=True),
        heap_mb=heap_mb,
        page_cache_mb=page_cache_mb,
    )
    _started(info)


def _started(info: neo4j_server.ServerInfo) -> None:
    state = "already running" if info.already_running else "started"
    click.echo(f"Neo4j {state} (pid {info.pid})")
    click.echo(f"  Bolt:    {info.bolt_uri}")
    click.echo(f"  Browser: {info.browser_url}")
    click.echo(f"  Data:    {info.home}")
    click.echo(f"Use it with: policygraph load FILE --neo4j --uri {info.bolt_uri}")


@neo4j.command()
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=8001,
    show_default=True,
    help="Port on 127.0.0.1 to serve the guide on (0: any free port).",
)
@click.option("--verbose", is_flag=True, help="Log each request on stderr.")
def guide(port: int, verbose: bool) -> None:
    """Serve the report guide for Neo4j Browser until Ctrl-C.

    The guide has one slide per catalogue report with runnable blocks (the same text as
    browser/guide.html). It is served with CORS headers for pages from this machine, so
    Neo4j Browser can play it: run the printed `:play` command in Browser's editor.

    \b
    Example:
      policygraph neo4j guide --port 8001
      (then in Neo4j Browser)  :play http://localhost:8001/guide.html
    """
    from . import neo4j_guide

    log = (lambda msg: click.echo(msg, err=True)) if verbose else None
    server = neo4j_guide.make_server(port, log)
    click.echo("Serving the report guide; in Neo4j Browser run:")
    click.echo(f"  :play {neo4j_guide.guide_url(server)}")
    click.echo("Press Ctrl-C to stop.")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        click.echo("Stopped.", err=True)
    finally:
        server.server_close()


@neo4j.command()
@_home_options
def status(home: Path | None) -> None:
    """Say whether the local server is running, and where; exit code 3 if it is not.

    \b
    Example:
      policygraph neo4j status
    """
    info = neo4j_server.status(home)
    if info is None:
        click.echo("Neo4j is not running; start it with `policygraph neo4j start`.")
        raise click.exceptions.Exit(3)
    click.echo(f"Neo4j running (pid {info.pid}) at {info.bolt_uri}, Browser {info.browser_url}")


@neo4j.command()
@_home_options
def stop(home: Path | None) -> None:
    """Stop the local server (its data stays in the home folder).

    \b
    Example:
      policygraph neo4j stop
    """
    click.echo("Neo4j stopped." if neo4j_server.stop(home) else "Neo4j was not running.")


@neo4j.command("import")
@click.argument("files", nargs=-1, required=True, type=click.Path())
@_home_options
@parse_options
@click.option("--bolt-port", type=click.IntRange(1, 65535), default=7687, show_default=True)
@click.option("--http-port", type=click.IntRange(1, 65535), default=7474, show_default=True)
@click.option(
    "--files-folder",
    type=click.Path(file_okay=False, path_type=Path),
    metavar="FOLDER",
    help="Write the import's CSV files to this new folder and keep them (by default they go "
    "to a temporary folder in the home, removed at the end).",
)
@click.option(
    "--batch-measures",
    type=click.IntRange(min=1),
    metavar="N",
    help="Measures parsed into rows before they are appended to the files (default 100000); "
    "each worker holds one such batch, so smaller holds less memory.",
)
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=lambda: os.cpu_count() or 1,
    show_default="the number of CPUs",
    metavar="N",
    help="Processes that parse the files and write the CSV files, each its share (1: in "
    "this process).",
)
@_memory_options
@click.option("-v", "--verbose", is_flag=True, help="Print one line per plan.")
def import_(
    files: tuple[str, ...],
    home: Path | None,
    settings: ParseSettings,
    bolt_port: int,
    http_port: int,
    files_folder: Path | None,
    batch_measures: int | None,
    workers: int,
    heap_mb: int,
    page_cache_mb: int,
    verbose: bool,
) -> None:
    """Load a large corpus into a new local server through Neo4j's offline importer.

    A first load, many times faster than `load --neo4j` over Bolt at scale: the files are
    parsed as `load` parses them (any unreadable file stops the import before the importer
    runs), written as CSV files, imported with `neo4j-admin database import full` into the
    home's database, and the server is started with the constraints, indexes and lineage
    links (plans implementing other plans) that `load` makes. The graph is the same as a
    `load --neo4j` of the same files. The home's database must be new or empty (an empty one
    is replaced); to add plans to a graph, use `load --neo4j`. The server is left running,
    with the memory --heap and --page-cache give it. --workers processes (one per CPU by
    default) parse the files and write the CSV files, each its share. For a server you run
    yourself, see `load --bulk`.

    \b
    Example:
      policygraph neo4j import plans/ --home /data/neo4j-plans --bolt-port 7688 --http-port 7475
    """
    from . import neo4j_import

    results, info, times = neo4j_import.import_local(
        home or neo4j_server.default_home(),
        files,
        settings,
        batch_measures=batch_measures,
        verbose=verbose,
        bolt_port=bolt_port,
        http_port=http_port,
        keep_files=files_folder,
        workers=workers,
        memory=(heap_mb, page_cache_mb),
    )
    total = times.files_s + times.admin_s + times.start_s + times.schema_s
    click.echo(
        f"imported {len(results):,} plans into Neo4j in {total:,.1f} s (files "
        f"{times.files_s:,.1f} s, neo4j-admin {times.admin_s:,.1f} s, start "
        f"{times.start_s:,.1f} s, constraints and indexes {times.schema_s:,.1f} s)"
    )
    _started(info)


@neo4j.command("init-schema")
@store_options
def init_schema(store: StoreSpec) -> None:
    """Create policygraph's constraints and indexes in a Neo4j database, wait until they are
    online, and link the plans that implement other loaded plans (IMPLEMENTS, CARRIES_OUT):
    the step after `neo4j-admin database import full` of the files `load --bulk` writes (a
    load over Bolt does both by itself). Running it again changes nothing.

    \b
    Example:
      policygraph neo4j init-schema --store bolt://db.example.org:7687
    """
    from policygraph.loader.errors import InputError

    from .neo4j_import import finish

    if store.kind != "neo4j":
        raise InputError(
            "init-schema sets up a Neo4j database; give --neo4j or --store bolt://HOST."
        )
    with store.open() as graph:  # opening for writing creates them
        finish(graph)
        counts = graph.counts()
    nodes = sum(counts[n.label] for n in NODES)
    click.echo(f"constraints and indexes online in {safe_line(store.describe())} ({nodes:,} nodes)")
