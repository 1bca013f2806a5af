"""Type-check policygraph with mypy, as it installs: python scripts/typecheck.py [MYPY ARGS]

pyproject's package-dir installs loader/ as policygraph.loader, queries/ as policygraph.queries
(and data/, tools/neo4j-launcher/), but mypy finds a module by its folder, and an editable install
maps them with an import hook that mypy does not run. So this lays the package out as a wheel
would - copies of the .py files in a temporary folder - runs mypy on it (settings in pyproject's
[tool.mypy]) and prints mypy's messages with the checkout's paths. Exit code: mypy's.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def layout() -> dict[str, Path]:
    """Installed path (policygraph/loader/parse.py) -> the file in the checkout."""
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    setup = pyproject["tool"]["setuptools"]
    folders: dict[str, str] = setup.get("package-dir", {})
    files: dict[str, Path] = {}
    for package in setup["packages"]:
        # as setuptools does: the longest mapped prefix of the package's name gives its folder
        mapped = [p for p in folders if package == p or package.startswith(p + ".")]
        prefix = max(mapped, key=len, default=None)
        if prefix is None:
            folder = ROOT.joinpath(*package.split("."))
        else:  # policygraph.loader.stores -> loader/stores
            folder = ROOT.joinpath(folders[prefix], *package[len(prefix) :].split(".")[1:])
        for source in sorted(folder.glob("*.py")):
            files["/".join([*package.split("."), source.name])] = source
    return files


def main(args: list[str]) -> int:
    files = layout()
    with tempfile.TemporaryDirectory(prefix="policygraph-mypy-") as tmp:
        for installed, source in files.items():
            target = Path(tmp, installed)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)  # keeps the time stamp: mypy's cache stays valid
        command = [
            sys.executable,
            "-m",
            "mypy",
            "--config-file",
            str(ROOT / "pyproject.toml"),
            "--cache-dir",
            str(ROOT / ".mypy_cache"),
            "-p",
            "policygraph",
            *args,
        ]
        env = {**os.environ, "MYPYPATH": tmp}
        result = subprocess.run(
            command, cwd=tmp, env=env, capture_output=True, text=True, encoding="utf-8"
        )
    for line in (result.stdout + result.stderr).splitlines():
        path, sep, rest = line.partition(":")
        if sep and path.replace(os.sep, "/") in files:
            line = f"{files[path.replace(os.sep, '/')].relative_to(ROOT)}:{rest}"
        print(line)
    return result.returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
