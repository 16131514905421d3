"""StudioDesk (工作室台账): records and reports for a head-teacher studio."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("studiodesk")
except PackageNotFoundError:  # running from a source tree that was not installed
    __version__ = "0.0.0+source"
