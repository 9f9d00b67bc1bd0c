"""Reading and writing the files the command line works on.

Reads are UTF-8 with errors located to a line; writes are atomic (a temporary
file in the same directory, then :func:`os.replace`), so a failed or
interrupted run never leaves half a file where a good one was expected.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from .problems import FileError
from .warnings_ import BtermWarning as W

__all__ = ["MAX_BYTES", "FileError", "read_text", "write_atomic"]

#: Files larger than this are refused before reading (a 20,000-term data file is ~8 MB).
MAX_BYTES = 32 * 1024 * 1024


def read_text(path: str | os.PathLike[str], what: str = "file") -> str:
    """The file's text; a missing, unreadable, oversized or non-UTF-8 file raises :class:`FileError`.

    ``what`` names the kind of file in the message about a directory.
    """
    try:
        if Path(path).is_dir():
            raise FileError(path, 1, f"is a directory, not a {what}")
        size = Path(path).stat().st_size
        if size > MAX_BYTES:
            raise FileError(path, 1, f"file is {size} bytes; the limit is {MAX_BYTES}", W.TOO_LARGE)
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
            path, line, f"not UTF-8 (byte 0x{raw[exc.start]:02x}); save it as UTF-8", W.ENCODING
        ) from None


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


#: A file's text, whole or as pieces written one after another.
Text = str | Iterable[str]


def write_atomic(path: str | os.PathLike[str], text: Text) -> None:
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
            if isinstance(text, str):
                handle.write(text)
            else:
                handle.writelines(text)
        temp.chmod(mode)
        temp.replace(target)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            temp.unlink()
        if isinstance(exc, OSError):
            raise FileError(path, 1, f"cannot write the file: {exc.strerror or exc}") from None
        raise
