"""`policygraph analyze`: network measures of the department co-responsibility graph."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from policygraph.loader.errors import InputError

from . import analytics
from .emit import check_output, emit
from .options import StoreSpec, output_options, store_options
from .output import render, safe_line
from .progress import Progress

SECTIONS: dict[str, tuple[str, Callable[..., list[dict[str, Any]]]]] = {
    "network": ("Network", lambda g, k: analytics.network_summary(g)),
    "centrality": ("Centrality (brokers first)", lambda g, k: analytics.centrality(g)),
    "communities": ("Communities", lambda g, k: analytics.communities(g)),
    "concentration": ("Workload concentration", analytics.concentration),
}


@click.command()
@click.argument("what", type=click.Choice(["all", *SECTIONS]), default="all", required=False)
@click.option("--plan", default="", help="Restrict to one plan id (default: every plan).")
@click.option(
    "--top-k",
    type=click.IntRange(min=1),
    default=3,
    show_default=True,
    help="How many departments the top-k shares take.",
)
@click.option(
    "--collectives/--no-collectives",
    default=True,
    show_default=True,
    help="Keep collective units (各…成员单位) as nodes, or leave them out.",
)
@click.option(
    "--export",
    "exports",
    multiple=True,
    type=click.Path(dir_okay=False, writable=True),
    metavar="FILE",
    help="Also write the network to FILE: .graphml, .gexf (Gephi) or .json (node-link). "
    "Each department carries community (numbered as in `analyze communities`), "
    "degree_unweighted (partners), degree_weighted (measures shared, summed over partners) and "
    "betweenness; GEXF also colours it by community and sizes it by the measures it carries. "
    "Repeat for several.",
)
@click.option(
    "--bipartite",
    is_flag=True,
    help="Export the department-measure graph instead: nodes with type department or measure, "
    "one link per assignment with role LEADS or SUPPORTS, plan, number and the measure's text "
    "(first 60 characters), for --plan or every plan.",
)
@click.option(
    "-v", "--verbose", is_flag=True, help="Print one line per section computed (on stderr)."
)
@store_options
@output_options
def analyze(
    what: str,
    plan: str,
    top_k: int,
    collectives: bool,
    exports: tuple[str, ...],
    bipartite: bool,
    verbose: bool,
    store: StoreSpec,
    fmt: str,
    output: str | None,
    bom: bool,
    max_width: int,
) -> None:
    """Measure the department co-responsibility network: departments linked by the measures
    they share, weighted by how many.

    WHAT is one of network, centrality (degree and betweenness), communities, concentration
    (Gini and top-k share of the workload), or all (default). On a terminal one line shows
    what is read and computed (departments, pairs, the section under way); the command ends
    with one summary line on stderr.

    \b
    Example:
      policygraph analyze centrality --format csv --bom -o centrality.csv
      policygraph analyze --export departments.gexf
      policygraph analyze --plan ziliujing_talent_plan --export roles.gexf --bipartite
    """
    names = list(SECTIONS) if what == "all" else [what]
    if fmt == "csv" and len(names) > 1:
        raise InputError(
            "CSV holds one table; name one: policygraph analyze centrality --format csv "
            "(or network, communities, concentration)."
        )
    targets = [*exports, *([output] if output else [])]
    for path in targets:  # every file before reading anything
        check_output(path, store=store)
    if len({Path(t).resolve() for t in targets}) < len(targets):
        raise InputError("-o and --export name the same file twice; give each its own file.")
    if bipartite and not exports:
        raise InputError("--bipartite says what --export writes; add --export FILE.gexf.")
    if exports:
        from . import network_export

        for path in exports:
            network_export.export_format(path)
    with Progress("reading", 2) as progress:
        progress.note("departments")
        with store.open(read_only=True) as graph_store:
            graph = analytics.build_network(
                graph_store,
                plan,
                collectives=collectives,
                step=lambda done: progress.advance(1, done),
            )
            if bipartite:
                progress.note("measures and their departments")
            roles = network_export.bipartite_network(graph_store, plan) if bipartite else None
        if len(graph) == 0:
            if plan:
                raise InputError(
                    f"no departments for plan {plan!r}; `policygraph report plans` lists the "
                    "loaded plans."
                )
            raise InputError("the store holds no departments; load a plan first.")
        size = f"{len(graph):,} departments, {graph.number_of_edges():,} links"
        progress.phase("computing", len(names) + len(exports), size)
        sections = {}
        for name in names:
            progress.note(f"{name} of {size}")
            began = time.monotonic()
            sections[name] = SECTIONS[name][1](graph, top_k)
            progress.advance(1, size)
            if verbose:
                took = time.monotonic() - began
                progress.echo(f"{name}: {len(sections[name]):,} rows in {took:.1f} s")
        for path in exports:
            progress.note(f"writing {safe_line(path)}")
            if roles is None:
                kind = network_export.export_graph(graph, path)
                counts = f"{len(graph)} departments, {graph.number_of_edges()} links"
            else:
                kind = network_export.export_bipartite(roles, path)
                types = [t for _, t in roles.nodes(data="type")]
                counts = (
                    f"{types.count('department')} departments, {types.count('measure')} "
                    f"measures, {roles.number_of_edges()} assignments"
                )
            progress.echo(f"wrote {safe_line(path)} ({kind}: {counts})")
            progress.advance(1, size)
    # the result once the live line is done, so the two never share a line
    emit(_render(sections, fmt, bom=bom, max_width=max_width), output, store=store)
    click.echo(f"analyzed {size} ({', '.join(names)}) in {progress.seconds()}", err=True)


def _render(
    sections: dict[str, list[dict[str, Any]]], fmt: str, *, bom: bool, max_width: int
) -> str:
    if fmt == "json":
        data: Any = sections if len(sections) > 1 else next(iter(sections.values()))
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    parts = []
    for name, rows in sections.items():
        columns = list(rows[0]) if rows else []
        body = render(columns, [list(r.values()) for r in rows], fmt, bom=bom, max_width=max_width)
        if len(sections) == 1:
            parts.append(body)
        elif fmt == "markdown":
            parts.append(f"## {SECTIONS[name][0]}\n\n{body}")
        else:
            parts.append(f"{SECTIONS[name][0]}\n{body}")
    return "\n".join(parts)
