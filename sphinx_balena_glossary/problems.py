"""What goes wrong in a file, located to its line: one type for the loader, the importer and
file access, so every message reads ``PATH:LINE: ...`` the same way."""

from __future__ import annotations

import difflib
import os
from collections.abc import Iterable
from dataclasses import dataclass

from .warnings_ import BtermWarning


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a file (or, for an import, not taken as written), at its line (1-based)."""

    path: str
    line: int
    message: str
    #: The warning subtype of a data-file problem, as builds report it (``bterm.<subtype>``).
    subtype: BtermWarning | None = None
    #: An import warning: the source was read, this part not as written.
    warning: bool = False
    #: Information, not a problem: the data is fine as it is (a later source overrides a term).
    note: bool = False

    @property
    def location(self) -> str:
        return f"{self.path}:{self.line}"

    @property
    def subtype_name(self) -> str:
        """The subtype's name, as builds tag the warning (``bterm.<name>``); ``""`` for none."""
        return self.subtype.value if self.subtype else ""

    def __str__(self) -> str:
        kind = "warning: " if self.warning else "note: " if self.note else ""
        text = f"{self.location}: {kind}{self.message}"
        return f"{text} [bterm.{self.subtype_name}]" if self.subtype else text


class FileError(Exception):
    """A file that cannot be read or written; its :class:`Problem` says where and why."""

    def __init__(
        self,
        path: str | os.PathLike[str],
        line: int,
        message: str,
        subtype: BtermWarning = BtermWarning.FILE,
    ) -> None:
        super().__init__(message)
        self.problem = Problem(str(path), line, message, subtype)

    @property
    def path(self) -> str:
        return self.problem.path

    @property
    def message(self) -> str:
        return self.problem.message

    def __str__(self) -> str:
        return f"{self.problem.location}: {self.message}"


def close_matches(word: str, choices: Iterable[str], limit: int = 1) -> list[str]:
    """The ``choices`` closest to ``word``, for "did you mean" hints."""
    return difflib.get_close_matches(word, list(choices), n=limit, cutoff=0.75)


def did_you_mean(close: list[str]) -> str:
    """``did you mean 'a' or 'b'?`` — callers put it in parentheses or after a semicolon."""
    return f"did you mean {' or '.join(map(repr, close))}?" if close else ""
