"""Reading and writing the files the command line works on.

Reads are UTF-8 with errors located to a line; writes are atomic (a temporary
file in the same directory, then :func:`os.replace`), so a failed or
interrupted run never leaves half a file where a good one was expected.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

#: Sources larger than this are refused before reading (the same limit as data files).
MAX_BYTES = 32 * 1024 * 1024


class FileError(Exception):
    """A file that cannot be read or written, located as ``PATH:LINE``."""

    def __init__(self, path: str | os.PathLike[str], line: int, message: str) -> None:
        super().__init__(message)
        self.path = str(path)
        self.line = line
        self.message = message

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


def read_text(path: str | os.PathLike[str]) -> str:
    """The file's text; a missing, unreadable, oversized or non-UTF-8 file raises :class:`FileError`."""
    try:
        if Path(path).is_dir():
            raise FileError(path, 1, "is a directory, not a file")
        size = Path(path).stat().st_size
        if size > MAX_BYTES:
            raise FileError(path, 1, f"file is {size} bytes; the limit is {MAX_BYTES}")
        raw = Path(path).read_bytes()
    except FileNotFoundError:
        raise FileError(path, 1, "no such file") from None
    except OSError as exc:
        raise FileError(path, 1, f"cannot read the file: {exc.strerror or exc}") from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise FileError(
            path, line, f"not UTF-8 (byte 0x{raw[exc.start]:02x}); save it as UTF-8"
        ) from None


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def write_atomic(path: str | os.PathLike[str], text: str) -> None:
    """Replace ``path`` with ``text`` all at once, or leave it untouched and raise :class:`FileError`.

    The text is written exactly (no newline translation, so CSV keeps its
    ``\\r\\n``). The new file gets the old file's permissions, or the usual ones for a new
    file (``mkstemp`` would make it owner-only).
    """
    target = Path(path)
    try:
        mode = target.stat().st_mode & 0o7777
    except OSError:
        mode = 0o666 & ~_umask()
    try:
        fd, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    except OSError as exc:
        raise FileError(path, 1, f"cannot write the file: {exc.strerror or exc}") from None
    temp = Path(name)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
        temp.chmod(mode)
        temp.replace(target)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            temp.unlink()
        if isinstance(exc, OSError):
            raise FileError(path, 1, f"cannot write the file: {exc.strerror or exc}") from None
        raise
