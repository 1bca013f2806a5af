"""policygraph's public API: what the CLI, the notebook and a Python caller use.

Everything here is re-exported by ``policygraph`` (``import policygraph as pg``). Heavy libraries
(the parser's regexes, networkx, pyvis, pandas, the Neo4j driver) are imported by the functions
that need them, so importing policygraph stays fast.
The README's "Python API" section shows them at work (a test runs it).
"""

from __future__ import annotations

from collections.abc import Iterable
from contextlib import closing
from pathlib import Path
from typing import TYPE_CHECKING, Any

from policygraph.loader.errors import (
    InputError,
    PolicygraphError,
    ReportError,
    StoreError,
    ViewError,
)
from policygraph.loader.model import ParsedPlan
from policygraph.loader.stores import open_store  # the registry: a path or a Neo4j URI
from policygraph.loader.stores.base import LoadResult, QueryResult, Store

from . import plans as _plans
from .plan_json import plan_to_json

if TYPE_CHECKING:  # the modules that only some functions need are imported by them
    import networkx
    import pandas

    from policygraph.loader.aliases import Aliases
    from policygraph.queries import Report

    from .diff import Diff
    from .loading import ParseSettings
    from .view_filters import Filters

    AliasSource = Aliases | Iterable[str | Path] | None

__all__ = [
    "SAMPLE_PLAN",
    "InputError",
    "LoadResult",
    "ParsedPlan",
    "PolicygraphError",
    "QueryResult",
    "ReportError",
    "Store",
    "StoreError",
    "ViewError",
    "build_network",
    "compare_plans",
    "load",
    "open_store",
    "parse_file",
    "parse_text",
    "plan_to_json",
    "reports",
    "run_report",
    "search",
    "to_dataframe",
    "validate",
    "write_view",
]

# data/ziliujing_talent_plan.txt in a checkout; package data (policygraph.plans) in a wheel.
SAMPLE_PLAN = Path(_plans.__file__).resolve().parent / "ziliujing_talent_plan.txt"


def _settings(
    aliases: AliasSource,
    single_list: str | None,
    jurisdiction: str | None,
    year: int | None = None,
) -> ParseSettings:
    from policygraph.loader.aliases import Aliases, load_aliases

    from .loading import ParseSettings

    if not isinstance(aliases, Aliases):
        aliases = load_aliases(*(aliases or ()))
    return ParseSettings(aliases, single_list, jurisdiction, year)


def parse_file(
    path: str | Path,
    plan_id: str | None = None,
    *,
    aliases: AliasSource = None,
    single_list: str | None = None,
    jurisdiction: str | None = None,
    year: int | None = None,
) -> ParsedPlan:
    """Read and parse one plan file (.txt, .md, .docx or .pdf).

    Parameters
    ----------
    path : str or Path
        The plan file.
    plan_id : str, optional
        The plan's id; by default the file name without its suffix.
    aliases : Aliases or iterable of paths, optional
        Alias tables (CSV of alias,canonical) added to the bundled one, or an ``Aliases``.
    single_list : {"first-leads", "all-lead"}, optional
        Who leads when a measure has one list that does not say: the first unit (default) or
        every unit.
    jurisdiction : str, optional
        The plan's place (自流井区 or 自贡市自流井区), instead of what its text says.
    year : int, optional
        The year deadlines without one (年内, 12月底前, 明年) are read by, instead of the year
        in the plan's title or 文号.

    Returns
    -------
    ParsedPlan
        Plan, themes, measures, departments, assignments, commitments, warnings and notes.

    Raises
    ------
    InputError
        The file is missing, unreadable, not a plan, or holds no numbered measures.
    """
    return _settings(aliases, single_list, jurisdiction, year).parse(path, plan_id)


def parse_text(
    text: str,
    plan_id: str = "plan",
    *,
    title: str | None = None,
    source: str = "",
    aliases: AliasSource = None,
    single_list: str | None = None,
    jurisdiction: str | None = None,
    year: int | None = None,
) -> ParsedPlan:
    """Parse the text of one plan.

    Parameters
    ----------
    text : str
        The plan as text (headings, numbered measures and their lists).
    plan_id : str, default "plan"
        The plan's id in the store.
    title : str, optional
        The plan's title; by default the lines before its first heading.
    source : str, optional
        Where the text came from (a file name), kept on the plan.
    aliases, single_list, jurisdiction, year
        As for :func:`parse_file`.

    Returns
    -------
    ParsedPlan
        As for :func:`parse_file`; a text without measures gives a plan with none (and
        warnings), not an error.

    Raises
    ------
    InputError
        An alias table cannot be read.
    """
    settings = _settings(aliases, single_list, jurisdiction, year)
    return settings.parse_text(text, plan_id, source=source, title=title)


def validate(plan: ParsedPlan | str | Path) -> QueryResult:
    """The data-quality problems of one plan: what ``policygraph validate`` lists.

    Parameters
    ----------
    plan : ParsedPlan, str or Path
        A parsed plan, or a plan file to parse with the default settings.

    Returns
    -------
    QueryResult
        Columns plan, line, measure, check, detail; one row per parser warning, doubtful
        jurisdiction, aliased name and name of no known kind, in line order. Aliased names
        (check ``aliased``) are notes, not problems: ``validate --strict`` does not count them.

    Raises
    ------
    InputError
        A file that cannot be read (only when given a path).
    """
    from .quality import COLUMNS, quality_rows

    parsed = plan if isinstance(plan, ParsedPlan) else parse_file(plan)
    return QueryResult(list(COLUMNS), quality_rows(parsed))


def load(
    store: Store,
    files: Iterable[str | Path],
    *,
    plan_id: str | None = None,
    force: bool = False,
    replace: bool = False,
    batch_measures: int | None = None,
    aliases: AliasSource = None,
    single_list: str | None = None,
    jurisdiction: str | None = None,
    year: int | None = None,
    workers: int = 1,
) -> list[LoadResult]:
    """Parse plan files (folders expanded) and write them to a store, many per transaction.

    Every file is read and checked before anything is written. Loading a file again changes
    nothing; an edited file becomes its plan's next version, and the stored one is kept
    (`replace`: overwritten).

    Parameters
    ----------
    store : Store
        From :func:`open_store`, opened for writing.
    files : iterable of str or Path
        Plan files and folders (every .txt/.md/.docx/.pdf inside, sorted).
    plan_id : str, optional
        The plan's id, for one file only.
    force : bool, default False
        Rewrite plans whose files are unchanged.
    replace : bool, default False
        Overwrite the stored version of an edited plan instead of keeping it.
    batch_measures : int, optional
        Measures per transaction (default: the store's).
    aliases, single_list, jurisdiction, year
        As for :func:`parse_file`.
    workers : int, default 1
        Processes that parse the files (``policygraph load --workers``); the plans stored are
        the same.

    Returns
    -------
    list of LoadResult
        One per plan, in order: its id, status (loaded, replaced or unchanged), counts, its
        version and the earlier version kept (``kept``, None when none was).

    Raises
    ------
    InputError
        A file cannot be read (nothing is written), a folder holds no plan, or two files give
        one plan id.
    StoreError
        The store refused a write; the plans of earlier transactions stay written.
    """
    from .loading import PlanBatch, plan_files

    paths = plan_files(files)
    if plan_id and len(paths) > 1:
        raise InputError("plan_id names one plan; give one file with it.")
    batch = PlanBatch(_settings(aliases, single_list, jurisdiction, year), plan_id)
    with closing(batch.add_all(paths, workers)) as added:  # an error cancels the rest
        for _, error in added:
            if error is not None:
                raise error
    return list(batch.write(store, force=force, batch_measures=batch_measures, replace=replace))


def compare_plans(
    old: ParsedPlan | str | Path, new: ParsedPlan | str | Path, *, store: Store | None = None
) -> Diff:
    """What changed from one plan to another, measure by measure (``policygraph diff``).

    Parameters
    ----------
    old, new : ParsedPlan, str or Path
        A parsed plan, a plan file, or (with ``store``) a stored plan id: ``"talent"`` for its
        latest version, ``"talent@1"`` for version 1.
    store : Store, optional
        Where plan ids are looked up.

    Returns
    -------
    Diff
        ``changes`` (kind, old and new number, detail, text), ``change_rows()`` and
        ``shift_rows()`` (per department: leads and supports before and after, measures gained
        and lost); ``policygraph.diff_output`` writes it as text, JSON, a workbook or a page.

    Raises
    ------
    InputError
        A side is neither a readable file nor (with a store) a stored plan, or names a
        version the store does not hold.
    """
    from .diff import compare
    from .versions import read_side

    def opened() -> Store:
        if store is None:
            raise InputError("a plan id needs a store to look it up in (store=...).")
        return store

    sides = []
    for ref in (old, new):
        if isinstance(ref, ParsedPlan):
            sides.append((ref, ref.plan.id))
        else:
            sides.append(read_side(str(ref), opened, parse_file))
    return compare(sides[0][0], sides[1][0], sides[0][1], sides[1][1])


def reports() -> list[Report]:
    """The report catalogue: one ``Report`` (name, description, params) per ``.cypher`` file.

    Returns
    -------
    list of Report
        In name order.

    Raises
    ------
    ReportError
        A catalogue file is invalid (names the file and line).
    """
    from policygraph.queries import catalogue

    return list(catalogue().values())


def run_report(
    store: Store, name: str, params: dict[str, Any] | None = None, **values: Any
) -> QueryResult:
    """Run one catalogue report on a store (see :func:`reports`).

    Parameters
    ----------
    store : Store
        From :func:`open_store`.
    name : str
        The report, e.g. ``"department-workload"``.
    params : dict, optional
        The report's parameters; ``**values`` adds more (``top=3``). Every report also
        takes ``version`` (with ``plan``, unless the store holds one plan): it then runs on
        that stored version of the plan instead of the latest.

    Returns
    -------
    QueryResult
        ``columns`` and ``rows`` (lists); ``records()`` gives dicts, :func:`to_dataframe` a
        pandas DataFrame. The same rows on either store.

    Raises
    ------
    ReportError
        No such report, or a missing, unknown or ill-typed parameter, a ``limit`` or ``top``
        below 1, a department (after the alias table), plan, measure number or commitment
        kind the store does not hold (the message names the closest), or a department name
        that several places share, with no jurisdiction given.
    StoreError
        The store failed to run it.
    """
    from .versions import run_report as _run_report

    return _run_report(store, name, {**(params or {}), **values})


def search(
    store: Store,
    query: str,
    *,
    plan: str = "",
    department: str = "",
    jurisdiction: str = "",
    limit: int = 50,
) -> QueryResult:
    """Measures whose text contains every space-separated term of ``query`` (substring match).

    Runs the ``search-measures`` report, so both stores give the same rows: most occurrences
    of the terms first, then by plan and the measures' order.

    Parameters
    ----------
    store : Store
        From :func:`open_store`.
    query : str
        One or more terms separated by spaces, e.g. ``"企业家 培训"``: a measure must contain all.
    plan, department, jurisdiction : str, optional
        Only measures of this plan; only measures this department leads or supports (an alias
        such as 区人社局 is found by its canonical name), of this place.
    limit : int, default 50
        How many measures at most.

    Returns
    -------
    QueryResult
        Columns plan, number, theme, leads, hits, text, then ``start`` and ``end`` (character
        offsets of the first match in text) and ``snippet`` (the text around it, every match
        in 【】). No rows when nothing matches.

    Raises
    ------
    InputError
        The query has no terms.
    ReportError
        A plan or department the store does not hold (the message names the closest), or a
        limit below 1.
    StoreError
        The store failed to run it.
    """
    from policygraph.queries import run_report as _run_report

    from .text_search import REPORT, split_terms, with_matches

    terms = split_terms(query)
    params = {"plan": plan, "department": department, "jurisdiction": jurisdiction}
    result = _run_report(store, REPORT, {"terms": " ".join(terms), **params, "limit": limit})
    return with_matches(result, terms)


def to_dataframe(result: QueryResult) -> pandas.DataFrame:
    """A report's rows (or :func:`validate`'s) as a pandas DataFrame.

    Parameters
    ----------
    result : QueryResult
        From :func:`run_report` or :func:`validate`.

    Returns
    -------
    pandas.DataFrame
        One column per result column, in order.

    Raises
    ------
    ImportError
        pandas is not installed (``pip install pandas``).
    """
    try:
        import pandas
    except ImportError as exc:
        raise ImportError("to_dataframe needs pandas: pip install pandas") from exc
    return pandas.DataFrame(result.rows, columns=result.columns)


def build_network(store: Store, plan: str = "", *, collectives: bool = True) -> networkx.Graph:
    """The department co-responsibility network: what ``policygraph analyze`` measures.

    Parameters
    ----------
    store : Store
        From :func:`open_store`.
    plan : str, optional
        One plan's id; by default every plan.
    collectives : bool, default True
        Keep collective units (各…成员单位) as nodes.

    Returns
    -------
    networkx.Graph
        Departments as nodes (attributes kind, leads, supports, total, jurisdiction), linked
        when they share a measure, weighted by how many. ``policygraph.analytics`` measures it.

    Raises
    ------
    StoreError
        The store failed to answer.
    """
    from . import analytics

    return analytics.build_network(store, plan, collectives=collectives)


def write_view(
    store: Store,
    name: str,
    output: str | Path,
    *,
    plan: str | None = None,
    department: str | None = None,
    theme: str | None = None,
    layout: str = "auto",
    jurisdiction: str | None = None,
    lang: str = "auto",
    filters: Filters | None = None,
    version: int | None = None,
) -> Path:
    """Write one interactive HTML network view (offline, safe to e-mail).

    Parameters
    ----------
    store : Store
        From :func:`open_store`.
    name : {"overview", "department", "ego", "theme", "coordination", "plans"}
        The view.
    output : str or Path
        The HTML file to write.
    plan : str, optional
        The plan's id; needed only when the store holds several plans.
    department : str, optional
        The department or ego view's department (e.g. 区委组织部).
    theme : str, optional
        The theme view's chapter ("2"), section ("2.3"), theme id or exact title.
    layout : {"auto", "physics", "fixed"}, default "auto"
        Lay out in the browser (physics), from positions computed here (fixed), or physics up
        to 1,000 nodes (auto).
    jurisdiction : str, optional
        The plans view's place (e.g. 自贡市); needed when the plans are of several places.
    lang : {"auto", "zh", "en"}, default "auto"
        The language of the page's own words (auto: the plan's).
    filters : policygraph.views.Filters, optional
        What the page shows at first (chapter, kind, hide_supports, min_shared, top,
        measures); its filter controls start from these values.
    version : int, optional
        Draw this stored version of the plan (``report plan-versions`` lists them) instead of
        the latest.

    Returns
    -------
    Path
        The file written.

    Raises
    ------
    ViewError
        An unknown view, plan, department or theme, or a view too big for a browser to draw.
    InputError
        The file cannot be written.
    """
    from . import view_page, views
    from .versions import view_version

    with view_version(store, plan, version) as (graph, plan):
        built = views.build_view(
            graph,
            name,
            plan=plan,
            department=department,
            theme=theme,
            jurisdiction=jurisdiction,
            lang=lang,
            filters=filters,
        )
    return view_page.write_view(built, output, layout=layout)
