"""Run a real local Neo4j 5.26 (community, auth disabled, loopback only) without Docker.

The server is ``tools/neo4j-launcher``: a tiny Java main around ``org.neo4j.test:neo4j-harness``,
built once with Maven from Maven Central (dependencies cached in ``~/.m2``; after that no network is
needed). The Neo4j Browser UI is served at ``http://127.0.0.1:<http_port>/browser/``
(``ServerInfo.browser_url`` is a link that connects it to the right Bolt port by itself).

A *home* directory holds one server's state: ``data/`` (the store, kept across restarts),
``logs/`` (Neo4j's debug.log etc.), ``neo4j.log`` (process stdout/stderr), ``neo4j.pid`` and
``server.json``. Default home: ``$POLICYGRAPH_NEO4J_HOME`` or ``~/.cache/policygraph/neo4j``.

CLI: ``policygraph neo4j start|status|stop``. The launcher runs on Linux and macOS; on Windows
``start`` says so with one ``Error:`` line (use Docker or Neo4j Desktop there). Importing this
module works everywhere: the home's lock is a portable ``filelock``.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass
from pathlib import Path

from filelock import FileLock

from policygraph import launcher as _launcher_sources
from policygraph.loader.errors import PolicygraphError

# The launcher's sources ship as package data (tools/neo4j-launcher in a checkout); it is built
# in a cache folder named by the sources' digest, so an installed (read-only) wheel builds too.
LAUNCHER_DIR = Path(_launcher_sources.__file__).resolve().parent
_BUILDS = "~/.cache/policygraph/launcher"
MAIN_CLASS = "policygraph.Launcher"
ADMIN_CLASS = "org.neo4j.cli.AdminTool"  # neo4j-admin, from the same classpath
HEAP_MB = 1024  # the server's Java heap; a transaction may use up to 70 % of it
PAGE_CACHE_MB = 512  # the most memory the store's page cache may take (used as it fills)
JVM_OPTS = [
    "-Xms256m",
    # As in Neo4j's own start script: lets Neo4j use native file access (fadvise etc.).
    "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
    "-Dio.netty.tryReflectionSetAccessible=true",
]
_SOURCES = ("pom.xml", "src/main/java/policygraph/Launcher.java")
_HOME = "~/.cache/policygraph/neo4j"
# ServerInfo fields kept in server.json
_RECORDED = ("pid", "bolt_port", "http_port", "home", "log_path")
_children: dict[int, subprocess.Popen[bytes]] = {}  # servers started by this process


class Neo4jServerError(PolicygraphError):
    """The local Neo4j server could not be built, started, or stopped."""

    keeps_lines = True  # the message ends with Maven's or the server's log, shown as lines


@dataclass(frozen=True)
class ServerInfo:
    """Where a running local server listens, and where its files are."""

    pid: int
    bolt_port: int
    http_port: int
    home: str
    log_path: str
    already_running: bool = False

    @property
    def bolt_uri(self) -> str:
        return f"bolt://127.0.0.1:{self.bolt_port}"

    @property
    def http_url(self) -> str:
        return f"http://127.0.0.1:{self.http_port}"

    @property
    def browser_url(self) -> str:
        """Neo4j Browser, told (by its documented URL parameters) to connect to this server's
        Bolt port without a login form: the server runs with auth off, and on a port other than
        7687 Browser would otherwise try 7687."""
        return f"{self.http_url}/browser/?dbms={self.bolt_uri}&preselectAuthMethod=NO_AUTH"


def default_home() -> Path:
    """``$POLICYGRAPH_NEO4J_HOME`` if set, else ``~/.cache/policygraph/neo4j``."""
    return Path(os.environ.get("POLICYGRAPH_NEO4J_HOME") or _HOME).expanduser()


def build(progress: Callable[[str], None] = print) -> None:
    """Build the launcher with Maven unless already built from the current sources."""
    if not (LAUNCHER_DIR / "pom.xml").is_file():
        raise Neo4jServerError(f"launcher sources not found at {LAUNCHER_DIR}")
    where = build_dir()
    stamp = where / "target" / ".policygraph-build-stamp"
    if stamp.is_file() and (where / "target" / "dependency").is_dir():
        return
    mvn = shutil.which("mvn")
    if mvn is None:
        raise Neo4jServerError("'mvn' not found on PATH; install Maven 3.8+ (and a Java 17+ JDK)")
    _java()  # fail early with a clear message
    progress(f"Building Neo4j launcher with Maven in {where} (first build downloads ~160 MB) ...")
    for name in _SOURCES:
        (where / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(LAUNCHER_DIR / name, where / name)
    pom = str(where / "pom.xml")
    cmd = [mvn, "-q", "-B", "-f", pom, "clean", "package", "dependency:copy-dependencies"]
    result = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if result.returncode != 0:
        raise Neo4jServerError(f"Maven build failed ({' '.join(cmd)}):\n{result.stdout[-4000:]}")
    stamp.write_text(where.name, encoding="utf-8")
    progress("Neo4j launcher built.")


def start(
    home: Path | None = None,
    bolt_port: int = 7687,
    http_port: int = 7474,
    timeout: float = 180,
    progress: Callable[[str], None] = print,
    *,
    auth: bool = False,
    heap_mb: int = HEAP_MB,
    page_cache_mb: int = PAGE_CACHE_MB,
) -> ServerInfo:
    """Start a server for ``home`` (or return the one already running there); wait for Bolt.

    With ``auth`` the server checks credentials (user neo4j, initial password neo4j, which must
    be changed before use); tests use it to see refused credentials. ``heap_mb`` and
    ``page_cache_mb`` size a new server's memory (a running one keeps its own).
    """
    check_platform()
    home = Path(home or default_home()).expanduser().resolve()
    home.mkdir(parents=True, exist_ok=True)
    with _lock(home):
        running = status(home)
        if running is not None:
            return ServerInfo(**{**asdict(running), "already_running": True})
        for port in (bolt_port, http_port):
            if not 0 < port < 65536 or bolt_port == http_port:
                raise Neo4jServerError(f"bad ports: bolt {bolt_port}, http {http_port}")
            if _port_in_use(port):
                raise Neo4jServerError(
                    f"port {port} on 127.0.0.1 is already in use by another process "
                    f"(not the server recorded in {home}); stop it or choose other ports"
                )
        build(progress)
        log_path = home / "neo4j.log"
        with log_path.open("ab") as log:
            offset = log.tell()
            proc = subprocess.Popen(
                _server_command(home, bolt_port, http_port, auth, (heap_mb, page_cache_mb)),
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # survives the caller; stop() ends it
                cwd=home,
            )
        _children[proc.pid] = proc
        info = ServerInfo(proc.pid, bolt_port, http_port, str(home), str(log_path))
        try:
            _wait_ready(proc, info, offset, timeout, auth)
        except BaseException:
            _terminate(proc.pid, 10)
            raise
        (home / "neo4j.pid").write_text(f"{proc.pid}\n")
        record = {**asdict(info), "bolt_uri": info.bolt_uri, "browser_url": info.browser_url}
        (home / "server.json").write_text(json.dumps(record, indent=2) + "\n")
        return info


def check_platform() -> None:
    """Neo4jServerError on Windows, where the launcher does not run."""
    if sys.platform == "win32":
        raise Neo4jServerError(
            "the bundled Neo4j launcher runs on Linux and macOS only; on Windows run Neo4j "
            "Desktop or `docker compose up -d` (see README) and use --neo4j with NEO4J_URI"
        )


def status(home: Path | None = None) -> ServerInfo | None:
    """Info about the server recorded in ``home`` if it is alive, else None."""
    home = Path(home or default_home()).expanduser().resolve()
    try:
        data = json.loads((home / "server.json").read_text())
        pid = int((home / "neo4j.pid").read_text().strip())
        info = ServerInfo(**{name: data[name] for name in _RECORDED})
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return info if info.pid == pid and _is_launcher(pid) else None


def stop(home: Path | None = None, timeout: float = 30) -> bool:
    """Stop the server recorded in ``home`` (SIGTERM, then SIGKILL); True if one was running."""
    home = Path(home or default_home()).expanduser().resolve()
    if not home.is_dir():
        return False
    with _lock(home):
        info = status(home)
        if info is not None:
            _terminate(info.pid, timeout)
        for name in ("neo4j.pid", "server.json"):
            (home / name).unlink(missing_ok=True)
        return info is not None


def database_folder(home: Path | None = None) -> Path:
    """Where the server of ``home`` keeps its default database (``neo4j``)."""
    return Path(home or default_home()).expanduser().resolve() / "data" / "databases" / "neo4j"


def import_database(
    home: Path | None, arguments: list[str], progress: Callable[[str], None] = print
) -> float:
    """Run Neo4j's offline importer (``neo4j-admin`` + ``arguments``, e.g. ``database import
    full neo4j --nodes=...``) into the database of ``home``, whose server must be stopped. Its
    output goes to ``home/import.log``. Returns the seconds it took.

    The importer's classes ship in the launcher's Maven classpath (neo4j-import-tool), so no
    Neo4j installation is needed; its config points the data and log folders at ``home``.
    """
    home = Path(home or default_home()).expanduser().resolve()
    home.mkdir(parents=True, exist_ok=True)
    build(progress)
    conf = home / "import.conf"
    conf.write_text(
        f"server.directories.data={(home / 'data').as_posix()}\n"
        f"server.directories.logs={(home / 'logs').as_posix()}\n",
        encoding="utf-8",
    )
    log_path = home / "import.log"
    classpath = str(build_dir() / "target" / "dependency" / "*")
    cmd = [_java(), "-cp", classpath, ADMIN_CLASS, *arguments[:4]]
    cmd += [f"--additional-config={conf}", f"--report-file={home / 'import.report'}"]
    cmd += arguments[4:]
    started = time.monotonic()
    with _lock(home), log_path.open("wb") as log:
        if status(home) is not None:
            raise Neo4jServerError(f"the Neo4j server of {home} is running; stop it first")
        result = subprocess.run(
            cmd,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            env={**os.environ, "NEO4J_HOME": str(home)},
            cwd=home,
        )
    if result.returncode != 0:
        raise Neo4jServerError(
            f"Neo4j's importer failed (exit code {result.returncode}); nothing was imported. "
            f"End of {log_path}:\n{_tail(log_path, 0, 20)}"
        )
    return time.monotonic() - started


def _server_command(
    home: Path, bolt_port: int, http_port: int, auth: bool, memory: tuple[int, int]
) -> list[str]:
    target = build_dir() / "target"
    classpath = os.pathsep.join([str(target / "classes"), str(target / "dependency" / "*")])
    ports = ["--bolt-port", str(bolt_port), "--http-port", str(http_port)]
    ports += ["--auth", "true" if auth else "false"]
    heap_mb, page_cache_mb = memory
    options = [*ports, "--page-cache-mb", str(page_cache_mb), "--data-dir", str(home)]
    return [_java(), *JVM_OPTS, f"-Xmx{heap_mb}m", "-cp", classpath, MAIN_CLASS, *options]


def _wait_ready(
    proc: subprocess.Popen[bytes], info: ServerInfo, offset: int, timeout: float, auth: bool
) -> None:
    deadline = time.monotonic() + timeout
    while True:
        if proc.poll() is not None:
            raise Neo4jServerError(
                f"Neo4j exited with code {proc.returncode} while starting; "
                f"end of {info.log_path}:\n{_tail(Path(info.log_path), offset)}"
            )
        output = Path(info.log_path).read_bytes()[offset:]
        ready = output.startswith(b"READY ") or b"\nREADY " in output
        if ready and (_port_in_use(info.bolt_port) if auth else _bolt_answers(info.bolt_uri)):
            return
        if time.monotonic() > deadline:
            raise Neo4jServerError(
                f"Neo4j did not become ready within {timeout}s; "
                f"end of {info.log_path}:\n{_tail(Path(info.log_path), offset)}"
            )
        time.sleep(0.25)


def _bolt_answers(uri: str) -> bool:
    try:
        import neo4j
    except ImportError:  # driver is optional: the READY line is printed only once Bolt listens
        return True
    try:
        with neo4j.GraphDatabase.driver(uri, auth=None) as driver:
            driver.verify_connectivity()
        return True
    except Exception:
        return False


def _terminate(pid: int, timeout: float) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGTERM)
    if not _wait_gone(pid, timeout):
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, getattr(signal, "SIGKILL", signal.SIGTERM))  # no SIGKILL on Windows
        if not _wait_gone(pid, 10):
            raise Neo4jServerError(f"could not kill Neo4j process {pid}")


def _wait_gone(pid: int, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while _alive(pid):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.1)
    return True


def _alive(pid: int) -> bool:
    proc = _children.get(pid)
    if proc is not None:  # our own child: poll() reaps it, so a dead server is not seen as a zombie
        if proc.poll() is None:
            return True
        del _children[pid]
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    with contextlib.suppress(OSError):  # a zombie (exited, not reaped by its parent) is dead
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    return True


def _is_launcher(pid: int) -> bool:
    """Alive, and really our launcher (guards against a recycled pid)."""
    if not _alive(pid):
        return False
    try:
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().decode(errors="replace")
    except OSError:
        result = subprocess.run(
            ["ps", "-o", "command=", "-p", str(pid)], capture_output=True, text=True
        )
        cmdline = result.stdout
    return MAIN_CLASS in cmdline


def _port_in_use(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.settimeout(1)
        return sock.connect_ex(("127.0.0.1", port)) == 0


def _java() -> str:
    java_home = os.environ.get("JAVA_HOME")
    java = str(Path(java_home) / "bin" / "java") if java_home else shutil.which("java")
    if not java or not os.access(java, os.X_OK):
        raise Neo4jServerError("'java' not found (set JAVA_HOME or put a Java 17+ JDK on PATH)")
    return java


def build_dir() -> Path:
    """Where the launcher is built: ``~/.cache/policygraph/launcher/<digest of its sources>``
    (``$POLICYGRAPH_LAUNCHER_BUILDS`` overrides the parent folder)."""
    sha = hashlib.sha256()
    for name in _SOURCES:
        sha.update((LAUNCHER_DIR / name).read_bytes())
    parent = Path(os.environ.get("POLICYGRAPH_LAUNCHER_BUILDS") or _BUILDS).expanduser()
    return parent / sha.hexdigest()[:16]


def _tail(path: Path, offset: int = 0, lines: int = 40) -> str:
    try:
        return "\n".join(path.read_bytes()[offset:].decode(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"


@contextlib.contextmanager
def _lock(home: Path) -> Iterator[None]:
    """Serialise start/stop for one home across processes (e.g. parallel test workers)."""
    # filelock: flock on POSIX, msvcrt on Windows (an fcntl import broke the CLI on Windows).
    with FileLock(home / ".lock"):
        yield
