"""Plan files into a store: which files a folder holds, how they are parsed, and how many parsed
plans `load` keeps in memory between checking every file and writing them."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from policygraph.loader.aliases import Aliases
from policygraph.loader.errors import InputError
from policygraph.loader.model import ParsedPlan, Plan
from policygraph.loader.stores.base import LoadResult, Store
from policygraph.loader.vocabulary import PLAN_SUFFIXES

# Of plan files (about 100,000 measures): the plans parsed while checking these first bytes of
# files are kept for the write; later ones are parsed again when the store reaches them, so a
# large corpus never sits in memory whole.
KEEP_PARSED_BYTES = 32 * 2**20


@dataclass(frozen=True)
class ParseSettings:
    """How plan files are read: the alias table, the single-list rule, the jurisdiction (None:
    what each plan says) and the year deadlines without one are read by (None: the plan's).
    Parsing imports the parser only when a file is read."""

    aliases: Aliases | None = None
    single_list: str | None = None  # None: the parser's default rule (first-leads)
    jurisdiction: str | None = None
    year: int | None = None

    def parse(self, path: str | Path, plan_id: str | None = None) -> ParsedPlan:
        """One plan file, parsed (InputError if it cannot be read or holds no measures)."""
        from policygraph.loader.parse import FIRST_LEADS, parse_file  # 50 ms of regexes

        return parse_file(
            path,
            plan_id,
            aliases=self.aliases,
            single_list=self.single_list or FIRST_LEADS,
            jurisdiction=self.jurisdiction,
            year=self.year,
        )

    def parse_text(
        self, text: str, plan_id: str, *, source: str = "", title: str | None = None
    ) -> ParsedPlan:
        """The text of one plan, parsed."""
        from policygraph.loader.parse import FIRST_LEADS, parse_text

        return parse_text(
            text,
            plan_id,
            source=source,
            title=title,
            aliases=self.aliases,
            single_list=self.single_list or FIRST_LEADS,
            jurisdiction=self.jurisdiction,
            year=self.year,
        )


def plan_files(paths: Iterable[str | Path]) -> list[Path]:
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


def check_unique_ids(plans: Iterable[Plan]) -> None:
    """InputError when two files give the same plan id (the second would replace the first)."""
    seen: dict[str, str] = {}
    for plan in plans:
        if plan.id in seen:
            raise InputError(
                f"two files give the plan id {plan.id!r} ({seen[plan.id]} and "
                f"{plan.source}); rename one, or load them one at a time with --plan-id."
            )
        seen[plan.id] = plan.source


class PlanBatch:
    """Plan files, each read and checked by `add` before `write` stores any of them.

    The parsed plans of the first KEEP_PARSED_BYTES of files are kept for the write; later ones
    are parsed again as the store reaches them, one batch at a time.
    """

    def __init__(self, settings: ParseSettings, plan_id: str | None = None) -> None:
        self.settings = settings
        self.plan_id = plan_id
        self.paths: list[Path] = []
        self.plans: list[Plan] = []
        self.measures = 0  # in the files added
        self.warnings: list[int] = []  # per plan written, in order, as the store reads them
        self.departments: set[str] = set()  # keys (place/name) of the plans written
        self._kept: list[ParsedPlan | None] = []
        self._size = 0

    def add(self, path: str | Path) -> ParsedPlan:
        """Parse one file for the batch; InputError (and nothing added) if it cannot be read."""
        parsed = self.settings.parse(path, self.plan_id)
        self.paths.append(Path(path))
        self.plans.append(parsed.plan)
        self.measures += len(parsed.measures)
        self._size += Path(path).stat().st_size
        self._kept.append(parsed if self._size <= KEEP_PARSED_BYTES else None)
        return parsed

    def parsed_plans(self) -> Iterator[ParsedPlan]:
        """The plans in order: kept ones handed over (and forgotten), the others parsed again."""
        for i, path in enumerate(self.paths):
            parsed = self._kept[i] or self.settings.parse(path, self.plan_id)
            self._kept[i] = None  # the store holds it now, for one batch
            self.warnings.append(len(parsed.warnings))
            self.departments.update(d.id for d in parsed.departments)
            yield parsed

    def check(self) -> None:
        """InputError if two files give one plan id (the second would replace the first)."""
        check_unique_ids(self.plans)

    def write(
        self,
        store: Store,
        *,
        force: bool = False,
        batch_measures: int | None = None,
        replace: bool = False,
    ) -> Iterator[LoadResult]:
        """Store every plan, many per transaction; yields each plan's result once its batch has
        committed. InputError at once, before anything is written, if two files give one id."""
        self.check()
        if not self.paths:
            return iter(())
        return store.iter_load(
            self.parsed_plans(), force=force, batch_measures=batch_measures, replace=replace
        )
