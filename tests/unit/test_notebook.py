"""The analyst notebook runs top to bottom on the bundled plan (as CI runs it)."""

from __future__ import annotations

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
