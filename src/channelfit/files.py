"""Bounded reads: every file a caller names is a regular file, read up to a stated size, decoded as UTF-8.

``stat`` reports 0 bytes for devices and cannot be trusted for size; a FIFO blocks a plain ``open``.
So a file is opened without blocking, checked to be a regular file on the open handle, and read with
a limit; anything else is a :class:`~channelfit.errors.ChannelfitError` naming the path.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from .errors import ChannelfitError

__all__ = ["inside", "read_text"]


def read_text(path: str | os.PathLike[str], limit: int, field: str | None = None, error: type[ChannelfitError] = ChannelfitError, **where: object) -> str:
    """The UTF-8 text of the regular file at ``path``, at most ``limit`` bytes.

    Parameters
    ----------
    path
        The file.
    limit
        Largest size accepted, in bytes.
    field
        What the error names (default: the path).
    error
        The error class to raise; ``where`` holds its extra keyword arguments (a catalog error's ``file``).

    Raises
    ------
    ChannelfitError
        Not a regular file, unreadable, larger than ``limit``, or not UTF-8.
    """
    name = str(path)
    fields = {"field": field or name} if not where else dict(where)
    try:
        descriptor = os.open(name, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        raise error(f"cannot open the file: {exc.strerror or exc.__class__.__name__}", value=name[:200], allowed="a readable regular file", **fields) from None
    with os.fdopen(descriptor, "rb") as handle:
        if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
            raise error("not a regular file", value=name[:200], allowed="a regular file (not a device, a pipe or a folder)", **fields)
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise error("the file is too large", value=f"over {limit} bytes", allowed=f"at most {limit} bytes", **fields)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise error(f"not UTF-8 text (byte {exc.start})", value=name[:200], allowed="a UTF-8 text file", **fields) from None


def inside(path: Path, directory: Path) -> bool:
    """Whether ``path`` resolves (links followed) to a place inside ``directory`` (resolved too)."""
    try:
        path.resolve().relative_to(directory.resolve())
    except ValueError:
        return False
    return True
