"""The built wheel works like a checkout: one import namespace, the data it reads shipped inside.

The wheel is built from this tree (no build isolation: the test dependencies bring setuptools and
wheel, so nothing is downloaded), installed into a fresh virtual environment that sees the
already-installed third-party dependencies but not this checkout, and `policygraph demo` runs
there from an unrelated folder.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

from tests.conftest import ROOT


def _run(cmd: list[str], cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        cmd,
        cwd=cwd,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=600,
        env={**os.environ, "PYTHONIOENCODING": "utf-8", **env},
    )


def _source_tree(dest: Path) -> Path:
    """The checkout's files (tracked and new, not ignored) copied to `dest`: setuptools builds
    in the source folder, and a stale build/ there would put removed modules into the wheel."""
    listed = _run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], cwd=ROOT)
    assert listed.returncode == 0, listed.stderr
    for name in filter(None, listed.stdout.split("\0")):
        source = ROOT / name
        if source.is_file():
            (dest / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, dest / name)
    return dest


def test_the_wheel_installs_under_one_namespace_and_runs_demo(tmp_path):
    dist = tmp_path / "dist"
    source = _source_tree(tmp_path / "source")
    built = _run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(dist),
            str(source),
        ],
        cwd=tmp_path,
    )
    assert built.returncode == 0, built.stdout + built.stderr
    (wheel,) = dist.glob("policygraph-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    tops = {name.split("/", 1)[0] for name in names}
    assert {top for top in tops if not top.endswith(".dist-info")} == {"policygraph"}, tops
    for needed in (
        "policygraph/plans/ziliujing_talent_plan.txt",
        "policygraph/loader/data/aliases.csv",
        "policygraph/queries/department-workload.cypher",
        "policygraph/launcher/pom.xml",
        "policygraph/launcher/src/main/java/policygraph/Launcher.java",
        "policygraph/data/view.js",
    ):
        assert needed in names, needed

    venv = tmp_path / "venv"
    made = _run([sys.executable, "-m", "venv", "--system-site-packages", str(venv)], cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    bindir = venv / ("Scripts" if os.name == "nt" else "bin")
    python = bindir / ("python.exe" if os.name == "nt" else "python")
    installed = _run(
        [str(python), "-m", "pip", "install", "-q", "--no-deps", "--no-index", str(wheel)],
        cwd=tmp_path,
    )
    assert installed.returncode == 0, installed.stdout + installed.stderr

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    where = _run(
        [
            str(python),
            "-c",
            "import policygraph, policygraph.loader, policygraph.neo4j_server as s;"
            "print(policygraph.__file__); print(policygraph.loader.__file__);"
            "print(s.LAUNCHER_DIR)",
        ],
        cwd=elsewhere,
    )
    assert where.returncode == 0, where.stderr
    for line in where.stdout.split():  # the wheel's copy, not the checkout's
        assert Path(line).resolve().is_relative_to(venv.resolve()), line
    assert (Path(where.stdout.split()[2]) / "pom.xml").is_file()

    demo = _run(
        [str(bindir / "policygraph"), "demo", "--views", str(elsewhere / "views")], cwd=elsewhere
    )
    assert demo.returncode == 0, demo.stdout + demo.stderr
    assert "Leads the most measures:   区人力资源和社会保障局 (18 of 42)" in demo.stdout
    assert (elsewhere / "views" / "overview.html").is_file()
