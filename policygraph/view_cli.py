"""`policygraph view`: write one interactive HTML network view of a plan."""

from __future__ import annotations

from datetime import datetime

import click

from . import view_filters, view_page, view_text, views
from .emit import check_output
from .options import StoreSpec, store_options
from .output import safe_line
from .progress import Progress


@click.command()
@click.argument("name", type=click.Choice(views.VIEW_NAMES))
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, writable=True),
    help="HTML file to write [default: NAME.html].",
)
@click.option("--plan", help="Plan id; needed only when the store holds several plans.")
@click.option(
    "--version",
    type=click.IntRange(min=1),
    metavar="N",
    help="Draw this stored version of the plan (report plan-versions lists them) "
    "[default: the latest].",
)
@click.option("--department", help="The department or ego view's department, e.g. 区委组织部.")
@click.option(
    "--theme",
    help="The theme view's chapter (2), section (2.3), theme id or exact title.",
)
@click.option(
    "--layout",
    type=click.Choice(view_page.LAYOUTS),
    default="auto",
    show_default=True,
    help=f"physics: settle in the browser, then stop; fixed: positions computed here, no "
    f"physics (fast for big views); auto: physics up to {view_page.PHYSICS_MAX_NODES} nodes.",
)
@click.option(
    "--color-by",
    type=click.Choice(views.COLOR_BY),
    default="chapter",
    show_default=True,
    help="status: colour the overview's measures by their latest reported status (red: "
    "overdue), from `policygraph progress import`.",
)
@click.option(
    "--as-of",
    type=click.DateTime(["%Y-%m-%d"]),
    help="With --color-by status: the day to judge by [default: today].",
)
@click.option("--jurisdiction", help="The plans view's place, e.g. 自贡市 (report jurisdictions).")
@click.option(
    "--lang",
    type=click.Choice(view_text.LANGS),
    default="auto",
    show_default=True,
    help="Language of the page's own words (legend, buttons, filters); auto: the plan's.",
)
@click.option("--chapter", default="", help="Show one chapter (2) or section (2.3) at first.")
@click.option("--kind", default="", help="Show departments of one kind (party, government ...).")
@click.option("--hide-supports", is_flag=True, help="Hide SUPPORTS edges at first.")
@click.option(
    "--min-shared",
    type=int,
    default=1,
    show_default=True,
    help="coordination and ego views: only department pairs sharing at least N measures.",
)
@click.option(
    "--top",
    type=int,
    default=0,
    show_default=True,
    help="Only the N busiest departments (ego: the N partners sharing most); 0: all. Not "
    "for lineage, which draws no departments.",
)
@click.option(
    "--measures",
    type=click.Choice(view_filters.MEASURES),
    default="auto",
    show_default=True,
    help="each: a node per measure; chapter: one node per chapter; auto: per chapter when "
    "the view is drawn from a precomputed layout.",
)
@store_options
def view(
    name: str,
    output: str | None,
    plan: str | None,
    version: int | None,
    department: str | None,
    theme: str | None,
    layout: str,
    color_by: str,
    as_of: datetime | None,
    jurisdiction: str | None,
    lang: str,
    chapter: str,
    kind: str,
    hide_supports: bool,
    min_shared: int,
    top: int,
    measures: str,
    store: StoreSpec,
) -> None:
    """Write an interactive network view of a plan as one HTML file.

    The file works offline and can be sent by e-mail: everything it needs is inside it, and it
    fetches nothing. Views: overview (every department and measure), department (one
    department, every one of its measures and its partners), ego (one department, its
    measures one node per chapter and the partners sharing most: small whatever the plan),
    theme (one chapter or section), coordination (departments linked by the measures they
    share, coloured by community), plans (the departments of one jurisdiction across its
    plans), lineage (the plans one plan implements and those implementing it, and the
    documents it cites). Hover a node for its details, click to select, find nodes with the
    search box, and filter with the page's controls, which start from --chapter, --kind,
    --hide-supports, --min-shared, --top and --measures. The page speaks the plan's language
    (--lang en for English). A view past 20,000 nodes or 60,000 edges is refused (no
    browser draws it): draw a theme or a department. On a terminal one line shows the step
    under way and the view's size once read.

    \b
    Example:
      policygraph view overview -o overview.html
      policygraph view department --department 区委组织部 -o zzb.html
      policygraph view theme --theme 2.1 --neo4j
      policygraph view overview --color-by status -o status.html
      policygraph view ego --department 区委组织部 --top 8 -o zzb-ego.html
      policygraph view coordination --min-shared 3 --lang en
      policygraph view plans --jurisdiction 自贡市 -o zigong.html
      policygraph view lineage --plan yunnan-guandu-2016-growth -o lineage.html
      policygraph view overview --plan talent --version 1 -o talent-v1.html
    """
    output = output or f"{name}.html"
    check_output(output, store=store)
    from .versions import view_version

    with Progress("reading", 1) as progress:
        progress.note(f"the {name} view")
        with (
            store.open(read_only=True) as opened,
            view_version(opened, plan, version) as (graph, plan),
        ):
            built = views.build_view(
                graph,
                name,
                plan=plan,
                department=department,
                theme=theme,
                color_by=color_by,
                as_of=as_of.date().isoformat() if as_of else "",
                jurisdiction=jurisdiction,
                lang=lang,
                filters=view_filters.Filters(
                    chapter, kind, hide_supports, min_shared, top, measures
                ),
            )
        size = f"{built.node_count:,} nodes, {built.edge_count:,} edges"
        progress.phase("writing", 1, size)
        path = view_page.write_view(built, output, layout=layout)
        progress.advance(1, size)
    click.echo(f"wrote {safe_line(path)}: {built.node_count} nodes, {built.edge_count} edges")
