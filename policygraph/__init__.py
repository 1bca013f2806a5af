"""policygraph: implementation plans as a graph of measures and responsible departments.

The public API (policygraph.api) is re-exported here: ``import policygraph as pg``, then
``pg.parse_file``, ``pg.open_store``, ``pg.load``, ``pg.run_report`` ... (see ``__all__``).
"""

from typing import Any

from .api import *  # noqa: F403
from .api import __all__ as __all__


def __getattr__(name: str) -> Any:
    # __version__ is read from the installed metadata when asked for: importlib.metadata takes
    # 15 ms to import, which every command would pay at start.
    if name == "__version__":
        from importlib.metadata import PackageNotFoundError, version

        try:
            found = version("policygraph")
        except PackageNotFoundError:  # running from a checkout that is not installed
            found = "0.0.0+checkout"
        globals()["__version__"] = found
        return found
    raise AttributeError(f"module 'policygraph' has no attribute {name!r}")
