"""policygraph starts where POSIX-only modules do not exist (Windows)."""

from __future__ import annotations

import subprocess
import sys
import textwrap

from tests.conftest import ROOT

# Run in a fresh interpreter: fcntl is made unimportable before anything else is imported (a None
# entry in sys.modules makes `import fcntl` raise ImportError, as on Windows), then every module
# of the three packages is imported and the demo runs end to end. (Only fcntl: third-party
# libraries such as IPython pick their POSIX or Windows code by sys.platform, so blocking termios
# here would fail for them on Linux and prove nothing; our own imports are checked below.)
_SCRIPT = textwrap.dedent(
    """
    import sys, warnings
    # filelock falls back to a soft lock when fcntl is gone (on Windows it uses msvcrt).
    warnings.filterwarnings("ignore", "only soft file lock")
    import IPython.display  # pyvis needs it; on Linux it loads pexpect (fcntl), on Windows not
    sys.modules["fcntl"] = None
    import importlib, pkgutil
    imported = []
    for package in ("policygraph", "policygraph.loader", "policygraph.queries"):
        module = importlib.import_module(package)
        imported.append(package)
        for info in pkgutil.walk_packages(module.__path__, package + "."):
            if not info.name.endswith("__main__"):  # that one runs the CLI when imported
                importlib.import_module(info.name)
            imported.append(info.name)
    print("imported", len(imported))
    from policygraph.cli import main
    sys.argv = ["policygraph", "demo", "--keep", sys.argv[1], "--views", sys.argv[2]]
    main()
    """
)


def test_every_module_imports_and_demo_runs_without_posix_only_modules(tmp_path):
    result = subprocess.run(
        [sys.executable, "-c", _SCRIPT, str(tmp_path / "g.lbug"), str(tmp_path / "views")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    count = int(result.stdout.split("imported ", 1)[1].split()[0])
    assert count >= 20  # every module of loader, queries and policygraph, not just one
    assert "Leads the most measures:   区人力资源和社会保障局 (18 of 42)" in result.stdout
    assert (tmp_path / "views").is_dir()


def test_the_local_neo4j_launcher_says_it_needs_linux_or_macos_on_windows(monkeypatch, tmp_path):
    import pytest

    from policygraph import neo4j_server

    monkeypatch.setattr(neo4j_server.sys, "platform", "win32")
    with pytest.raises(neo4j_server.Neo4jServerError, match="Linux and macOS only"):
        neo4j_server.start(tmp_path)


POSIX_ONLY = {"fcntl", "termios", "pwd", "grp", "resource", "pty", "tty", "posix", "crypt"}


def test_no_module_of_ours_imports_a_posix_only_module_at_module_level():
    import ast

    found = []
    for folder in ("policygraph", "loader", "queries", "data", "tools"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for node in tree.body:  # module level only: a lazy import inside a function is fine
                names = []
                if isinstance(node, ast.Import):
                    names = [alias.name for alias in node.names]
                elif isinstance(node, ast.ImportFrom) and node.module:
                    names = [node.module]
                found += [f"{path.name}: {n}" for n in names if n.split(".")[0] in POSIX_ONLY]
    assert found == []
