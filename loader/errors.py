"""Exceptions of policygraph: one base class, so callers can catch everything we raise.

Each message says what happened and what to do; the CLI prints it as one `Error:` line.
"""


class PolicygraphError(Exception):
    """Base class of every error policygraph raises on purpose."""


class InputError(PolicygraphError):
    """A plan file is missing, unreadable, not text, or holds no measures."""


class StoreError(PolicygraphError):
    """The graph store could not be opened, written or queried."""


class StoreBusyError(StoreError):
    """Another process holds the embedded store's write lock."""


class Neo4jUnavailableError(StoreError):
    """No Neo4j server answered, or it refused our credentials or database."""


class ReportError(PolicygraphError):
    """An unknown report, a bad report parameter, or an invalid catalogue file."""
