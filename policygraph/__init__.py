"""policygraph: implementation plans as a graph of measures and responsible departments."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("policygraph")
except PackageNotFoundError:  # running from a checkout that is not installed
    __version__ = "0.0.0+checkout"
