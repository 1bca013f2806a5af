"""`policygraph search`: measures whose text contains the given words (the search-measures
report, with the matches marked by policygraph.text_search)."""

from __future__ import annotations

import click

from . import api
from .cli import check_rows_output, print_rows
from .options import StoreSpec, output_options, store_options
from .output import FORMATS, safe_line
from .text_search import REPORT, split_terms

# what a table shows; json, csv and xlsx keep every column (the whole text and the offsets)
TABLE_COLUMNS = ("plan", "number", "theme", "leads", "hits", "snippet")


@click.command()
@click.argument("words", nargs=-1)
@click.option("--plan", default="", help="Only this plan's measures (default: every plan).")
@click.option(
    "--department",
    default="",
    help="Only measures this department leads or supports; an alias such as 区人社局 works.",
)
@click.option(
    "--jurisdiction", default="", help="The department's place, when several share its name."
)
@click.option(
    "--limit",
    type=click.IntRange(min=1),
    default=50,
    show_default=True,
    help="How many measures at most.",
)
@store_options
@output_options(formats=(*FORMATS, "xlsx"))
def search(
    words: tuple[str, ...],
    plan: str,
    department: str,
    jurisdiction: str,
    limit: int,
    store: StoreSpec,
    fmt: str,
    output: str | None,
    bom: bool,
    max_width: int,
) -> None:
    """Find the measures whose text contains every one of WORDS (substring match).

    Most occurrences first, then by plan and number. A table shows the text around the first
    match with every match in 【】; json, csv and xlsx add the whole text and the match's
    character offsets (start, end). Nothing found is an empty result, not an error.

    \b
    Example:
      policygraph search 企业家
      policygraph search 创业 金融 --department 区财政局 --format csv -o 创业.csv
    """
    query = " ".join(words)
    split_terms(query)  # an empty query fails before the store is opened
    check_rows_output(fmt, output, store)
    with store.open(read_only=True) as graph:
        result = api.search(
            graph,
            query,
            plan=plan,
            department=department,
            jurisdiction=jurisdiction,
            limit=limit,
        )
    if not result.rows:
        where = " of the given plan or department" if plan or department else ""
        click.echo(f"no measure{where} contains {safe_line(query)}.", err=True)
    if fmt in ("table", "markdown"):
        keep = [result.columns.index(c) for c in TABLE_COLUMNS]
        result = type(result)(list(TABLE_COLUMNS), [[r[i] for i in keep] for r in result.rows])
    print_rows(result, REPORT, fmt, output, store, bom=bom, max_width=max_width)
