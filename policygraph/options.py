"""Options and helpers shared by the click commands: store choice, output format, writing."""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import click

from policygraph.loader.aliases import Aliases, load_aliases
from policygraph.loader.errors import InputError
from policygraph.loader.model import ParsedPlan
from policygraph.loader.parse import FIRST_LEADS, SINGLE_LIST_RULES, parse_file
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
from policygraph.loader.vocabulary import PLAN_SUFFIXES

from .output import FORMATS, safe_line, writing

DEFAULT_URI = "bolt://127.0.0.1:7687"
BINARY_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".docx", ".doc")  # text written into one breaks it


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
        type=click.Choice(SINGLE_LIST_RULES),
        default=FIRST_LEADS,
        show_default=True,
        help="When a measure has one list that does not say who leads: the first unit leads "
        "and the rest support, or every unit leads. Either way the edge is marked inferred.",
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
        single_list: str,
        jurisdiction: str | None,
        year: int | None,
        **kwargs: Any,
    ) -> Any:
        settings = ParseSettings(load_aliases(*alias_files), single_list, jurisdiction, year)
        return func(*args, settings=settings, **kwargs)

    return wrapper


@dataclass(frozen=True)
class ParseSettings:
    aliases: Aliases
    single_list: str
    jurisdiction: str | None = None
    year: int | None = None

    def parse(self, path: str | Path, plan_id: str | None = None) -> ParsedPlan:
        return parse_file(
            path,
            plan_id,
            aliases=self.aliases,
            single_list=self.single_list,
            jurisdiction=self.jurisdiction,
            year=self.year,
        )


def plan_files(paths: tuple[str, ...]) -> list[Path]:
    """The files named, with folders expanded to the plan files inside them (sorted).

    In a folder, hidden files, Word lock files (~$…) and README/LICENSE/CHANGELOG are skipped.
    Any other entry with a plan suffix is kept even when it is no regular file (a dangling link,
    a pipe), so reading it says what is wrong instead of the load skipping it silently.
    """
    files: list[Path] = []
    for name in paths:
        path = Path(name)
        if path.is_dir():
            found = sorted(
                p
                for p in path.rglob("*")
                if not p.is_dir()
                and p.suffix.lower() in PLAN_SUFFIXES
                and not p.name.startswith((".", "~$"))
                and not p.stem.upper().startswith(("README", "LICENSE", "CHANGELOG"))
            )
            if not found:
                raise InputError(
                    f"{name}: the folder holds no plan files ({', '.join(PLAN_SUFFIXES)})."
                )
            files += found
        else:
            files.append(path)
    return files


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
        help="Start CSV with a byte-order mark, so Excel shows Chinese correctly.",
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
        return func(*args, **kwargs)

    return wrapper


def emit(
    text: str, output: str | None, *, store: StoreSpec | None = None, inputs: Iterable[Path] = ()
) -> None:
    """Write rows to -o FILE, or to standard output: in a pipe the same UTF-8 bytes as the
    file (click.echo would strip escape codes from them, and Windows would double the CSV's
    CR LF and use the console's code page); on a terminal through click, which also speaks
    to the Windows console."""
    if output:
        check_output(output, store=store, inputs=inputs)
        if Path(output).suffix.lower() in BINARY_SUFFIXES:
            raise InputError(
                f"cannot write text into {safe_line(output)}: a {Path(output).suffix} file "
                "would not open; use --format xlsx (policygraph report) or a .csv, .json, .md "
                "or .txt file name."
            )
        with writing(output) as path:
            path.write_text(text, encoding="utf-8", newline="")
        click.echo(f"wrote {safe_line(output)}", err=True)
    elif sys.stdout.isatty():
        click.echo(text, nl=False)
    else:
        sys.stdout.flush()
        stdout = click.get_binary_stream("stdout")
        stdout.write(text.encode("utf-8"))
        stdout.flush()


def check_output(
    output: str | Path, *, store: StoreSpec | None = None, inputs: Iterable[Path] = ()
) -> None:
    """Refuse an output file that is the store, one of the store's own files (its .wal,
    .shadow, ...), or one of the input files: writing it would destroy them."""
    out = Path(output)
    target = out.resolve()
    for stored in store.files() if store else []:
        stored = stored.resolve()
        if (
            target == stored
            or (target.parent == stored.parent and target.name.startswith(stored.name + "."))
            or _same_file(out, stored)
        ):
            raise InputError(
                f"cannot write {safe_line(output)}: it is the store {safe_line(stored)} or one "
                "of its files, and writing it would destroy the graph; choose another file."
            )
    for given in inputs:
        if target == given.resolve() or (out.exists() and _same_file(out, given)):
            raise InputError(
                f"cannot write {safe_line(output)}: it is the input file {safe_line(given)}, "
                "and writing it would destroy the plan; choose another file."
            )


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False
