"""The analyst notebook runs top to bottom on the bundled plan (as CI runs it)."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
from nbclient import NotebookClient

NOTEBOOK = Path(__file__).resolve().parents[2] / "notebooks" / "analyst.ipynb"


def outputs_text(cell) -> str:
    parts = []
    for out in cell.get("outputs", []):
        parts.append(out.get("text", ""))
        parts += [str(v) for v in out.get("data", {}).values()]
    return "\n".join(parts)


def test_notebook_executes_without_errors():
    nb = nbformat.read(NOTEBOOK, as_version=4)
    assert all(not c.get("outputs") for c in nb.cells if c.cell_type == "code"), (
        "commit the notebook without outputs"
    )
    # raises CellExecutionError, naming the cell, if any cell fails
    NotebookClient(
        nb,
        timeout=300,
        kernel_name="python3",
        resources={"metadata": {"path": str(NOTEBOOK.parent)}},
    ).execute()
    text = "\n".join(outputs_text(c) for c in nb.cells if c.cell_type == "code")
    assert "loaded ziliujing_talent_plan: 42 measures" in text
    assert "73.8" in text  # the top three lead departments lead 73.8% of the measures
    assert "区统计局 &gt; #30" in text or "区统计局 > #30" in text
    assert "gini_total" in text and "betweenness" in text
    assert "<iframe srcdoc=" in text and "vis-network" in text


def test_no_notebook_cell_edits_sys_path_so_it_runs_on_the_installed_package():
    # An edit of sys.path would make the notebook import a checkout's folders instead of the
    # installed policygraph (and fail for anyone who installed the wheel).
    edits = re.compile(r"\bsys\.path\b|\bsite\.addsitedir\b|\bPYTHONPATH\b")
    found = [
        (path.name, index)
        for path in sorted(NOTEBOOK.parent.glob("*.ipynb"))
        for index, cell in enumerate(nbformat.read(path, as_version=4).cells)
        if cell.cell_type == "code" and edits.search(cell.source)
    ]
    assert NOTEBOOK.exists() and found == []
