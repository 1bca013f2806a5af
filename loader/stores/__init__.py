"""Graph stores, chosen by what a target names: a file path or a URI.

`open_store("policygraph.lbug")` opens the embedded LadybugDB file; `open_store("bolt://host:7687")`
(or `neo4j://`, `neo4j+s://`, ...) a Neo4j server. `ENGINES` maps each kind of store to its class
and the URI schemes it serves, so a third engine is one class (see `base.Store`) and one line
here. A store class is imported only when a store of its kind is opened: the Neo4j driver takes
half a second to import, which a command on the embedded store never pays.
"""

from __future__ import annotations

import importlib
import os
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote

from ..errors import StoreError
from .base import Store

PATH = "path"  # the "scheme" of a target that is no URI: a file path
DEFAULT_PATH = "policygraph.lbug"  # the embedded store when none is named

if TYPE_CHECKING:  # mypy keeps each store class in step with the Store protocol
    from .embedded import EmbeddedStore
    from .neo4j import Neo4jStore

    def _every_class_is_a_store(a: EmbeddedStore, b: Neo4jStore) -> list[Store]:
        return [a, b]


@dataclass(frozen=True)
class Engine:
    """One kind of store: its class, the targets it serves, and the settings it takes."""

    store: str  # "module:Class", imported when a store of this kind is first opened
    schemes: tuple[str, ...]  # URI schemes (before ://) it serves; PATH for a file path
    title: str  # how messages name it
    settings: tuple[str, ...] = ()  # keyword options of open_store it takes

    def load_class(self) -> Any:
        module, _, name = self.store.partition(":")
        return getattr(importlib.import_module(module), name)


ENGINES: dict[str, Engine] = {  # by Store.name
    "embedded": Engine(
        "policygraph.loader.stores.embedded:EmbeddedStore",
        (PATH,),
        "embedded LadybugDB store",
        ("buffer_pool_size",),
    ),
    "neo4j": Engine(
        "policygraph.loader.stores.neo4j:Neo4jStore",
        ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc"),
        "Neo4j",
        ("username", "password", "database", "batch_size"),
    ),
}


def open_store(target: str | os.PathLike[str], *, read_only: bool = False, **options: Any) -> Store:
    """Open the store `target` names: a file path (the embedded store) or a URI (Neo4j).

    Parameters
    ----------
    target:
        A path such as ``policygraph.lbug``, or a URI such as ``bolt://127.0.0.1:7687``,
        ``neo4j://host``, ``neo4j+s://host`` (see `ENGINES` for every scheme).
    read_only:
        Open for reading only: nothing is written, not even a schema (a Neo4j read replica or a
        user without write rights can run reports), and a missing store file is an error
        rather than a new store.
    options:
        Settings of the engine the target names (Neo4j: ``username``, ``password``,
        ``database``, each read from NEO4J_USERNAME, NEO4J_PASSWORD, NEO4J_DATABASE when not
        given; embedded: ``buffer_pool_size``). A setting of another engine, or None, is
        ignored, so one set of settings serves any target.

    Returns
    -------
    An open store; close it, or use it in a ``with`` block.

    Raises
    ------
    StoreError
        The target names no known kind of store, or the store cannot be opened.
    TypeError
        An option that no engine takes.
    """
    return open_engine(engine_name(target), target, read_only=read_only, **options)


def open_engine(
    name: str, target: str | os.PathLike[str], *, read_only: bool = False, **options: Any
) -> Store:
    """open_store with the kind of store given (as by `--neo4j`), not read from the target."""
    known = {s for engine in ENGINES.values() for s in engine.settings}
    unknown = sorted(set(options) - known)
    if unknown:
        raise TypeError(f"open_store() takes no option {unknown[0]!r}; options: {sorted(known)}")
    engine = ENGINES[name]
    given = {k: v for k, v in options.items() if k in engine.settings and v is not None}
    store: Store = engine.load_class().open(os.fspath(target), read_only=read_only, **given)
    return store


def engine_name(target: str | os.PathLike[str]) -> str:
    """The name (in ENGINES) of the kind of store `target` names."""
    scheme = target_scheme(target)
    for name, engine in ENGINES.items():
        if scheme in engine.schemes:
            return name
    raise StoreError(
        f"cannot open the store {redact_uri(os.fspath(target))!r}: unknown scheme {scheme}://; "
        f"give {accepted_forms()}."
    )


def target_scheme(target: str | os.PathLike[str]) -> str:
    """The URI scheme of `target` (lower case), or PATH when it is no URI."""
    if not isinstance(target, str):
        return PATH
    scheme, sep, _ = target.partition("://")
    # A Windows path (C:\x) has no "://"; a scheme is letters, digits and + - . (RFC 3986).
    if sep and re.fullmatch(r"[A-Za-z][A-Za-z0-9+.-]*", scheme):
        return scheme.lower()
    return PATH


def accepted_forms() -> str:
    """What a target may be, for messages and help: built from ENGINES."""
    forms = []
    for engine in ENGINES.values():
        uris = [s for s in engine.schemes if s != PATH]
        if PATH in engine.schemes:
            forms.append(f"a file path ({engine.title})")
        if uris:
            starts = ", ".join(s + "://" for s in uris)
            forms.append(f"a URI starting with {starts} ({engine.title})")
    return " or ".join(forms)


def redact_uri(uri: str) -> str:
    """`uri` with every credential-looking part hidden: `user:password@` before the host shown
    as `***@`, and the value of any query or fragment parameter whose name speaks of a
    password, token, key, secret or auth shown as `***`.

    Everything up to the last `@` counts: a password may hold `/`, `:` or `@` unescaped, and
    Neo4j URIs have no other use for `@`."""
    scheme, sep, rest = uri.partition("://")
    if not sep:
        scheme, rest = "", uri
    if "@" in rest:
        rest = "***@" + rest.rpartition("@")[2]
    return scheme + sep + _PARAM_RE.sub(_redact_param, rest)


_PARAM_RE = re.compile(r"([?&;#])([^=&;#]*)=([^&;#]*)")  # name=value after ? & ; or #
_SECRET_WORDS = ("pass", "pwd", "auth", "token", "secret", "key", "cred", "sig")


def _redact_param(match: re.Match[str]) -> str:
    name = unquote(match.group(2)).lower()  # %-escapes must not hide a name
    if any(word in name for word in _SECRET_WORDS):
        return f"{match.group(1)}{match.group(2)}=***"
    return match.group(0)


__all__ = [
    "DEFAULT_PATH",
    "ENGINES",
    "PATH",
    "Engine",
    "Store",
    "accepted_forms",
    "engine_name",
    "open_engine",
    "open_store",
    "redact_uri",
]
