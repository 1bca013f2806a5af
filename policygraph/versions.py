"""Reports and views on an earlier version of a plan (`-p version=N`, `view --version N`).

The graph holds the latest version of every plan, so the catalogue's reports need no version
filter. An earlier version is read back from its snapshot (policygraph.loader.versions) into a
scratch embedded store in a temporary folder, holding that version alone, and the report or
view runs there unchanged, whichever store the plan came from.
"""

from __future__ import annotations

import contextlib
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from policygraph.loader.errors import InputError, PolicygraphError, ReportError
from policygraph.loader.model import PLAN, ParsedPlan
from policygraph.loader.stores.base import Store
from policygraph.loader.versions import current_version, read_version, split_ref

VERSION = "version"  # the parameter every report takes besides its own


def split_version(
    report: Any, params: dict[str, Any]
) -> tuple[dict[str, Any], str | None, int | None]:
    """A report's parameters without `version`, the plan it names and the version asked for
    (None: the latest). A plan given only to choose the version (the report itself has no
    `plan` parameter) is taken out of the parameters too."""
    params = dict(params)
    raw = params.pop(VERSION, None)
    if raw is None or str(raw).strip() == "":
        return params, None, None
    try:
        version = int(str(raw).strip())
    except ValueError as exc:
        raise ReportError(f"parameter 'version' must be a whole number, not {raw!r}.") from exc
    if version < 1:
        raise ReportError(f"parameter 'version' must be 1 or more, not {version}.")
    takes_plan = any(p.name == "plan" for p in report.params)
    plan = params.get("plan") if takes_plan else params.pop("plan", None)
    return params, (str(plan) if plan else None), version


def only_plan(store: Store, plan: str | None, what: str) -> str:
    """The plan a version refers to: `plan`, or the store's only plan."""
    if plan:
        return plan
    ids = [row[0] for row in store.query(f"MATCH (p:{PLAN}) RETURN p.id ORDER BY p.id").rows]
    if len(ids) != 1:
        how = "-p plan=ID" if what.startswith("-p") else "--plan ID"
        raise InputError(
            f"{what} names a version of one plan, and the store holds {len(ids)}; "
            f"say which with {how}."
        )
    return ids[0]


@contextlib.contextmanager
def at_version(store: Store, plan: str, version: int | None) -> Iterator[Store]:
    """`store` itself when `version` is None or the plan's current one; otherwise a scratch
    embedded store holding that version of the plan alone (deleted afterwards).

    Raises StoreError for an unknown plan, InputError for a version the store lacks."""
    if version is None or version == current_version(store, plan):
        yield store
        return
    from policygraph.loader.stores.embedded import EmbeddedStore

    parsed = read_version(store, plan, version)
    with tempfile.TemporaryDirectory(prefix="policygraph-version-") as folder:
        scratch = EmbeddedStore(Path(folder) / "version.lbug")
        try:
            scratch.load(parsed)
            yield scratch
        finally:
            scratch.close()


@contextlib.contextmanager
def view_version(
    store: Store, plan: str | None, version: int | None
) -> Iterator[tuple[Store, str | None]]:
    """What a view of `plan` at `version` (`--version`) reads: (the store, the plan) for the
    latest; (a scratch store of that version, its plan: the store's only one when None)."""
    if version is None:
        yield store, plan
        return
    plan = only_plan(store, plan, "--version")
    with at_version(store, plan, version) as graph:
        yield graph, plan


def run_report(store: Store, name: str, params: dict[str, Any]) -> Any:
    """A catalogue report, on the version `params` asks for (`version`, with `plan`)."""
    from policygraph.queries import get_report
    from policygraph.queries import run_report as run

    report = get_report(name)
    own, plan, version = split_version(report, params)
    if version is None:
        return run(store, name, own)
    with at_version(store, only_plan(store, plan, "-p version"), version) as graph:
        return run(graph, name, own)


def read_side(
    ref: str, open_store: Any, parse: Any, *, what: str = "plan"
) -> tuple[ParsedPlan, str]:
    """One side of a diff: `ref` names a plan file (parsed with `parse(path)`), else a stored
    plan (`ID`: its latest version, `ID@N`: version N) of the store `open_store()` opens.
    Returns the plan and how to name it (a file's path; `ID@N` for a stored plan)."""
    path = Path(ref)
    if path.is_file():
        return parse(path), ref
    plan, version = split_ref(ref)
    try:
        store = open_store()
    except PolicygraphError as exc:
        raise InputError(
            f"{what} {ref!r} is no file, and the store to find it in cannot be read: {exc}"
        ) from exc
    if not store.query(f"MATCH (p:{PLAN}) WHERE p.id = $plan RETURN p.id", {"plan": plan}).rows:
        raise InputError(
            f"{what} {ref!r} is neither a file nor a plan in the store; give a plan file, or a "
            "stored plan as ID or ID@VERSION (`policygraph report plan-versions` lists them)."
        )
    parsed = read_version(store, plan, version)
    return parsed, f"{plan}@{parsed.plan.version or 1}"
