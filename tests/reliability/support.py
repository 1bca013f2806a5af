"""Helpers for the fault tests: plan corpora, a full dump of a store, whole-or-absent checks,
and the real CLI run as a child process that a test can kill or starve."""

from __future__ import annotations

import json
import os
import resource
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from policygraph.loader.model import NODES, RELATIONSHIPS

from tests.conftest import ROOT
from tests.fixtures.hostile import synthetic_text

Dump = dict[str, list[tuple[Any, ...]]]
PLAN_OWNED = {
    "Plan": "id",
    "Theme": "plan",
    "Measure": "plan",
    "Commitment": "plan",
    "PlanVersion": "plan",  # an earlier version belongs to its plan: kept with it, or not yet
}
# When a version was loaded: the one property two loads of the same files never share.
VOLATILE = ("loaded_at",)


# -- corpora ------------------------------------------------------------------------------------
def write_corpus(folder: Path, plans: int, measures: int, *, version: int = 0) -> Path:
    """`plans` synthetic plan files plan000.txt ...; another `version` gives the same plan ids
    with other measures and departments (an edited corpus, to test replacing loads)."""
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(plans):
        text = synthetic_text(measures + 7 * version, 40, seed=1 + i + 1000 * version)
        if version:
            text = text.replace("计划", f"计划（第{version}版）").replace(
                "项措施", "项措施（修订）"
            )
        (folder / f"plan{i:03d}.txt").write_text(text, encoding="utf-8")
    return folder


# -- the graph as data --------------------------------------------------------------------------
def _sorted(rows: Iterable[Iterable[Any]]) -> list[tuple[Any, ...]]:
    return sorted((tuple(r) for r in rows), key=lambda r: json.dumps(r, default=str))


def dump(store: Any) -> Dump:
    """Every node with every property (but the time it was loaded) and every relationship with
    its ends and properties, sorted: two stores hold the same graph exactly when their dumps
    are equal."""
    out: Dump = {}
    for node in NODES:
        cols = ", ".join(f"n.{p.name}" for p in node.properties if p.name not in VOLATILE)
        out[node.label] = _sorted(store.query(f"MATCH (n:{node.label}) RETURN {cols}").rows)
    key = {n.label: n.key for n in NODES}
    for rel in RELATIONSHIPS:
        for src, dst in rel.ends:
            cols = "".join(f", r.{p.name}" for p in rel.properties)
            cypher = (
                f"MATCH (a:{src})-[r:{rel.type}]->(b:{dst}) RETURN a.{key[src]}, b.{key[dst]}{cols}"
            )
            out[f"{rel.type}({src}->{dst})"] = _sorted(store.query(cypher).rows)
    return out


def by_plan(graph: Dump) -> dict[str, Dump]:
    """A dump cut into the part each plan owns (its nodes, and the edges that touch them)."""
    owner: dict[Any, str] = {}
    for label, prop in PLAN_OWNED.items():
        node = next(n for n in NODES if n.label == label)
        index = [p.name for p in node.properties if p.name not in VOLATILE]
        for row in graph[label]:
            owner[row[0]] = row[index.index(prop)]
    parts: dict[str, Dump] = {}
    for table, rows in graph.items():
        if table == "Department":
            continue
        for row in rows:
            plan = (
                owner.get(row[0]) if table in PLAN_OWNED else owner.get(row[0], owner.get(row[1]))
            )
            parts.setdefault(str(plan), {}).setdefault(table, []).append(row)
    return parts


def whole_or_absent(graph: Dump, *versions: Dump) -> list[str]:
    """Problems, if any: a plan that is not exactly one of its clean `versions`, or departments
    that no stored assignment names (or named ones that are missing)."""
    problems = []
    clean = [by_plan(v) for v in versions]
    for plan, part in by_plan(graph).items():
        if not any(part == {t: r for t, r in v.get(plan, {}).items() if r} for v in clean):
            tables = {t: len(r) for t, r in part.items()}
            problems.append(f"plan {plan} is partial or altered: {tables}")
    named = {
        row[0]
        for t in ("LEADS(Department->Measure)", "SUPPORTS(Department->Measure)")
        for row in graph[t]
    }
    kinds = {row[0]: row for v in versions for row in v["Department"]}
    expected = sorted(kinds[n] for n in named if n in kinds)
    if sorted(graph["Department"]) != expected:
        problems.append(
            f"departments differ from those the stored plans name: {len(graph['Department'])} "
            f"stored, {len(expected)} named"
        )
    return problems


def plan_ids(graph: Dump) -> list[str]:
    return sorted(row[0] for row in graph["Plan"])


# -- the real CLI as a child process ------------------------------------------------------------
def cli_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "policygraph", *args]


def cli_env(**extra: str) -> dict[str, str]:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8", **extra}
    env.pop("POLICYGRAPH_DEBUG", None)
    return env


def start_cli(*args: str, env: dict[str, str] | None = None, **kw: Any) -> subprocess.Popen[str]:
    return subprocess.Popen(
        cli_command(*args),
        cwd=ROOT,
        env=env or cli_env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        **kw,
    )


def run(
    *args: str,
    env: dict[str, str] | None = None,
    timeout: float = 300,
    prefix: list[str] | None = None,
    **kw: Any,
) -> subprocess.CompletedProcess[str]:
    """Run the CLI to its end (`prefix`: a command it runs under, e.g. setpriv)."""
    return subprocess.run(
        [*(prefix or []), *cli_command(*args)],
        cwd=ROOT,
        env=env or cli_env(),
        capture_output=True,
        text=True,
        timeout=timeout,
        **kw,
    )


def one_error_line(result: subprocess.CompletedProcess[str]) -> str:
    """The single `Error: …` line a failed command must print (exit code 1, no traceback)."""
    lines = result.stderr.strip().splitlines()
    assert result.returncode == 1, (result.returncode, result.stderr[-2000:])
    assert len(lines) == 1 and lines[0].startswith("Error: "), result.stderr[-2000:]
    assert "unexpected" not in lines[0] and "Traceback" not in result.stderr, lines[0]
    return lines[0]


def usage_error_line(result: subprocess.CompletedProcess[str]) -> str:
    """click's usage error for a bad argument: exit code 2 and a last line `Error: …`."""
    lines = result.stderr.strip().splitlines()
    assert result.returncode == 2 and lines[-1].startswith("Error: "), result.stderr[-2000:]
    assert "Traceback" not in result.stderr
    return lines[-1]


def kill(proc: subprocess.Popen[str]) -> bool:
    """SIGKILL the process; True if it was still running (the kill landed mid-run)."""
    alive = proc.poll() is None
    if alive:
        os.kill(proc.pid, signal.SIGKILL)
    proc.communicate(timeout=60)
    return alive


def wait_for(condition: Callable[[], bool], timeout: float, step: float = 0.005) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(step)
    return False


def folder_state(folder: Path) -> dict[str, tuple[int, int]]:
    """(size, mtime) of every file in a folder: it changes once a writer starts writing."""
    state = {}
    for p in folder.iterdir() if folder.exists() else ():
        try:
            st = p.stat()
        except FileNotFoundError:
            continue
        state[p.name] = (st.st_size, st.st_mtime_ns)
    return state


def file_size_limit(limit: int) -> Callable[[], None]:
    """preexec_fn: writes past `limit` bytes fail (EFBIG, SIGXFSZ ignored), as on a full disk."""

    def apply() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return apply


def copy_store(src: Path, dst: Path) -> Path:
    dst.parent.mkdir(parents=True, exist_ok=True)
    for p in src.parent.glob(src.name + "*"):
        shutil.copy(p, dst.parent / p.name.replace(src.name, dst.name, 1))
    return dst


def no_dac_override() -> list[str] | None:
    """A command prefix that drops the capabilities letting root ignore file permissions, so a
    mode-000 file or a mode-555 folder stops root too ([] when not root; None if impossible)."""
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    return [setpriv, "--bounding-set=-dac_override,-dac_read_search"] if setpriv else None
