"""Options shared by the click commands: the store, how plans are parsed, the output format."""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from policygraph.loader.errors import InputError
from policygraph.loader.stores import (
    DEFAULT_PATH,
    ENGINES,
    PATH,
    accepted_forms,
    engine_name,
    open_engine,
    redact_uri,
)
from policygraph.loader.stores.base import Store

from .output import FORMATS, safe_line

if TYPE_CHECKING:
    from .loading import ParseSettings

DEFAULT_URI = "bolt://127.0.0.1:7687"


@dataclass(frozen=True)
class StoreSpec:
    """Which store a command uses: `target` is a file path (the embedded store, the default) or
    a URI (Neo4j); `engine` names the kind of store when it is not read from the target (as
    with --neo4j)."""

    target: str
    engine: str | None = None
    username: str | None = None
    database: str | None = None

    @property
    def kind(self) -> str:
        """The store's name in the registry (ENGINES)."""
        return self.engine or engine_name(self.target)

    def open(self, *, read_only: bool = False) -> Store:
        # The password is read by the store from NEO4J_PASSWORD, never from the command line.
        graph = open_engine(
            self.kind,
            self.target,
            read_only=read_only,
            username=self.username,
            database=self.database,
        )
        for notice in graph.notices:
            click.echo(f"warning: {safe_line(notice)}", err=True)
        return graph

    def files(self) -> list[Path]:
        """The local store file an output must never overwrite (with its .wal, .shadow, ...)."""
        return [Path(self.target)] if PATH in ENGINES[self.kind].schemes else []

    def describe(self) -> str:
        if PATH in ENGINES[self.kind].schemes:
            return self.target
        where = f" database {self.database}" if self.database else ""
        return f"{ENGINES[self.kind].title} {redact_uri(self.target)}{where}"


def store_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """--store PATH|URI (--neo4j: short for the Neo4j server at --uri), with the Neo4j
    connection settings.

    The options are folded into one `store: StoreSpec` argument. The Neo4j password is read
    only from NEO4J_PASSWORD, never from the command line.
    """

    @click.option(
        "--store",
        "store_target",
        metavar="PATH|URI",
        default=DEFAULT_PATH,
        envvar="POLICYGRAPH_STORE",
        show_default=True,
        show_envvar=True,
        help=f"The store: {accepted_forms()}, e.g. bolt://127.0.0.1:7687.",
    )
    @click.option(
        "--neo4j",
        "use_neo4j",
        is_flag=True,
        envvar="POLICYGRAPH_NEO4J",
        show_envvar=True,
        help="Use the Neo4j server at --uri instead of --store (short for --store URI). "
        "The password comes from NEO4J_PASSWORD.",
    )
    @click.option(
        "--uri",
        default=DEFAULT_URI,
        envvar="NEO4J_URI",
        show_default=True,
        show_envvar=True,
        help="Neo4j Bolt URI (with --neo4j).",
    )
    @click.option(
        "--username",
        default="neo4j",
        envvar="NEO4J_USERNAME",
        show_default=True,
        show_envvar=True,
        help="Neo4j user (for a Neo4j store).",
    )
    @click.option(
        "--database",
        default=None,
        envvar="NEO4J_DATABASE",
        show_envvar=True,
        help="Neo4j database (for a Neo4j store); the server's default if not given.",
    )
    @functools.wraps(func)
    def wrapper(
        *args: Any,
        store_target: str,
        use_neo4j: bool,
        uri: str,
        username: str,
        database: str | None,
        **kwargs: Any,
    ) -> Any:
        if use_neo4j:
            spec = StoreSpec(uri, "neo4j", username, database or None)
        else:
            spec = StoreSpec(store_target, None, username, database or None)
        return func(*args, store=spec, **kwargs)

    return wrapper


def parse_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """--aliases FILE, --single-list RULE, --jurisdiction PLACE and --year, folded into one
    `settings: ParseSettings`."""

    @click.option(
        "--aliases",
        "alias_files",
        multiple=True,
        type=click.Path(dir_okay=False),
        help="A CSV of alias,canonical department names to add to the bundled table (repeatable).",
    )
    @click.option(
        "--single-list",
        type=_SingleListChoice(),
        default=None,
        help="When a measure has one list that does not say who leads: the first unit leads "
        "and the rest support (first-leads, the default), or every unit leads (all-lead). "
        "Either way the edge is marked inferred.",
    )
    @click.option(
        "--jurisdiction",
        metavar="PLACE",
        help="The place the plans are of (自流井区, or with the places above it: "
        "自贡市自流井区), instead of what their titles and issuing lines say. Departments "
        "are shared by the plans of one place.",
    )
    @click.option(
        "--year",
        type=click.IntRange(1949, 2200),
        help="The year deadlines without one (年内, 12月底前, 明年) are read by, instead of "
        "the year in the plans' titles or 文号.",
    )
    @functools.wraps(func)
    def wrapper(
        *args: Any,
        alias_files: tuple[str, ...],
        single_list: str | None,
        jurisdiction: str | None,
        year: int | None,
        **kwargs: Any,
    ) -> Any:
        from policygraph.loader.aliases import load_aliases

        from .loading import ParseSettings

        settings: ParseSettings = ParseSettings(
            load_aliases(*alias_files), single_list, jurisdiction, year
        )
        return func(*args, settings=settings, **kwargs)

    return wrapper


def workers_option(func: Callable[..., Any]) -> Callable[..., Any]:
    """--workers N: the processes that parse the files (`workers`; None: as many as
    loading.parse_workers decides)."""
    return click.option(
        "--workers",
        type=click.IntRange(min=1),
        metavar="N",
        help="Processes that parse the files (with `load --bulk`: and write the CSV files, "
        "each its share). Default: one per CPU when the files hold 8 MB or more in all, else "
        "1, as starting processes costs more than it saves on less.",
    )(func)


class _SingleListChoice(click.Choice):
    """The parser's single-list rules as a click choice, read from the parser only when help is
    shown or a value given: importing loader.parse (its regexes) takes 50 ms, which commands
    that parse nothing (`report`) should not pay."""

    def __init__(self) -> None:
        super().__init__(())

    @property
    def choices(self) -> tuple[str, ...]:
        from policygraph.loader.parse import SINGLE_LIST_RULES

        return tuple(SINGLE_LIST_RULES)

    @choices.setter  # click's __init__ sets the (empty) choices given above
    def choices(self, value: object) -> None:
        pass


def output_options(
    func: Callable[..., Any] | None = None, *, formats: tuple[str, ...] = FORMATS
) -> Any:
    """--format, -o/--output, --bom and --width for commands that print rows; `formats`
    widens --format (`@output_options(formats=(*FORMATS, "xlsx"))`)."""
    if func is None:
        return functools.partial(output_options, formats=formats)

    @click.option(
        "--format",
        "fmt",
        type=click.Choice(formats),
        default="table",
        show_default=True,
        help="Output format.",
    )
    @click.option(
        "-o",
        "--output",
        type=click.Path(dir_okay=False, writable=True),
        help="Write to this file instead of standard output.",
    )
    @click.option(
        "--bom",
        is_flag=True,
        help="Start CSV with a byte-order mark, so Excel shows Chinese correctly (CSV only).",
    )
    @click.option(
        "--width",
        "max_width",
        type=click.IntRange(min=0),
        default=60,
        show_default=True,
        help="Clip table cells to this display width (0: never).",
    )
    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        if kwargs.get("bom") and kwargs.get("fmt") != "csv":
            raise InputError(
                f"--bom marks a CSV file for Excel; --format {kwargs.get('fmt')} has no use for "
                "it: drop --bom, or use --format csv."
            )
        return func(*args, **kwargs)

    return wrapper
