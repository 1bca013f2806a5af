"""One command checks every generated file: `python scripts/docs.py --check`."""

from __future__ import annotations

import subprocess
import sys

from scripts import docs
from tests.conftest import ROOT


def test_every_generated_file_is_up_to_date():
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "docs.py"), "--check"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == f"{len(docs.generated())} generated files up to date\n"


def test_the_check_covers_every_generated_file():
    names = {path.relative_to(ROOT).as_posix() for path in docs.generated()}
    assert names == {
        "graph_model.md",
        "docs/reports.md",
        "browser/guide.html",
        "docs/reliability.md",
        "docs/accuracy.md",
        "tests/fixtures/real/SOURCES.md",
    }


def test_the_check_names_every_stale_file_and_writes_nothing(tmp_path, monkeypatch, capsys):
    fresh, old, missing = tmp_path / "fresh.md", tmp_path / "old.md", tmp_path / "sub" / "new.md"
    fresh.write_text("same\n", encoding="utf-8")
    old.write_text("before\n", encoding="utf-8")
    files = {fresh: "same\n", old: "after\n", missing: "new\n"}
    monkeypatch.setattr(docs, "ROOT", tmp_path)
    monkeypatch.setattr(docs, "generators", lambda: [lambda: files])

    assert docs.main(["--check"]) == 1
    assert capsys.readouterr().out == (
        "old.md is stale; run: python scripts/docs.py\n"
        "sub/new.md is stale; run: python scripts/docs.py\n"
    )
    assert old.read_text(encoding="utf-8") == "before\n" and not missing.exists()

    assert docs.main([]) == 0
    assert capsys.readouterr().out == "wrote old.md\nwrote sub/new.md\n"
    assert old.read_text(encoding="utf-8") == "after\n"
    assert missing.read_text(encoding="utf-8") == "new\n"
    assert docs.main(["--check"]) == 0
