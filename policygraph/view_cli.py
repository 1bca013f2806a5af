"""`policygraph view`: write one interactive HTML network view of a plan."""

from __future__ import annotations

from datetime import datetime

import click

from . import view_page, views
from .emit import check_output
from .options import StoreSpec, store_options
from .output import safe_line


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
@click.option("--department", help="The department view's department, e.g. 区委组织部.")
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
    store: StoreSpec,
) -> None:
    """Write an interactive network view of a plan as one HTML file.

    The file works offline and can be sent by e-mail: everything it needs is inside it, and it
    fetches nothing. Views: overview (every department and measure), department (one
    department, its measures and partners), theme (one chapter or section), coordination
    (departments linked by the measures they share, coloured by community). Hover a node for
    its details, click to select, and find nodes with the search box. A view past 20,000
    nodes or 60,000 edges is refused (no browser draws it): draw a theme or a department.

    \b
    Example:
      policygraph view overview -o overview.html
      policygraph view department --department 区委组织部 -o zzb.html
      policygraph view theme --theme 2.1 --neo4j
      policygraph view overview --color-by status -o status.html
      policygraph view overview --plan talent --version 1 -o talent-v1.html
    """
    output = output or f"{name}.html"
    check_output(output, store=store)
    from .versions import at_version, only_plan

    with store.open(read_only=True) as opened:
        if version is not None:
            plan = only_plan(opened, plan, "--version")
        with at_version(opened, plan or "", version) as graph:
            built = views.build_view(
                graph,
                name,
                plan=plan,
                department=department,
                theme=theme,
                color_by=color_by,
                as_of=as_of.date().isoformat() if as_of else "",
            )
    path = view_page.write_view(built, output, layout=layout)
    click.echo(f"wrote {safe_line(path)}: {built.node_count} nodes, {built.edge_count} edges")
