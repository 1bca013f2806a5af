"""Exceptions of policygraph: one base class, so callers can catch everything we raise.

Each class says what failed: the input (a plan file, an alias table, an output path), the store,
a report or a view. Each message says what happened and what to do; the CLI prints it as one
`Error:` line. Where another error caused ours (the driver's, the operating system's), it is kept
as `__cause__` (`raise InputError(...) from exc`), so a library caller can look at it.
"""


class PolicygraphError(Exception):
    """Base class of every error policygraph raises on purpose."""


class InputError(PolicygraphError):
    """A plan file is missing, unreadable, not text, or holds no measures; or an option, alias
    table or output file cannot be used."""


class StoreError(PolicygraphError):
    """The graph store could not be opened, written or queried."""


class StoreBusyError(StoreError):
    """Another process holds the embedded store's write lock."""


class Neo4jUnavailableError(StoreError):
    """No Neo4j server answered, or it refused our credentials or database."""


class ReportError(PolicygraphError):
    """An unknown report, a bad report parameter, or an invalid catalogue file."""


class ViewError(PolicygraphError):
    """A view cannot be drawn: an unknown view, plan, department or theme, a view too big for a
    browser, or a page asset that cannot be embedded."""
