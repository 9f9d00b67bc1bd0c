"""The parsed glossary kept between builds, keyed by the text of its sources.

Reading a data file of thousands of terms (YAML with line numbers, checks, keys) costs a
noticeable part of a second at every build; a live-preview rebuild after one page changed
should not pay it again for data that did not change. So the glossary read from the
sources, with its problems, is pickled into the environment folder with a key made of
the sources' names and texts (and the extension's version); the next build reads the
texts (cheap), and when the key matches, unpickles instead of parsing. A build that used a
last valid copy of a broken file is not kept: its message tells the copy's age.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from collections.abc import Sequence
from pathlib import Path

from . import __version__
from .files import FileError, read_text
from .last_good import Source
from .loader import FATAL, DataText
from .model import Glossary
from .problems import Problem

FILE_NAME = "bterm-glossary.pickle"


#: The modules whose code decides what a data file loads to: a kept glossary made by other
#: code (an upgrade, a checkout between releases) is not used.
_LOADING_CODE = ("model.py", "data_format.py", "loader.py", "last_good.py", "definitions.py")


def source_key(sources: Sequence[Source], *settings: object) -> str:
    """What the loaded glossary depends on: each source's name and text, ``settings``, and
    the code that loads it."""
    digest = hashlib.sha256(f"{__version__}\0{settings!r}".encode())
    for module in _LOADING_CODE:
        digest.update(Path(__file__).with_name(module).read_bytes())
    for source in sources:
        if isinstance(source, DataText):
            name, text = f"{source.path}\0{source.url}", source.text
        else:
            name = str(source)
            try:
                text = read_text(source)
            except FileError as exc:
                text = f"\0unreadable: {exc.message}"
        digest.update(f"\0{name}\0{len(text)}\0".encode())
        digest.update(text.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


class GlossaryCache:
    """One pickled (key, glossary, problems) in the environment folder."""

    def __init__(self, folder: str | os.PathLike[str]) -> None:
        self.path = Path(folder, FILE_NAME)

    def load(self, key: str) -> tuple[Glossary, list[Problem]] | None:
        """The glossary and problems kept for ``key``; None when there are none (or the file
        is not one this version wrote)."""
        try:
            with self.path.open("rb") as stream:
                kept_key, glossary, problems = pickle.load(stream)
        except (OSError, pickle.UnpicklingError, EOFError, ValueError, TypeError, AttributeError):
            return None
        if kept_key != key or not isinstance(glossary, Glossary):
            return None
        return glossary, list(problems)

    def save(self, key: str, glossary: Glossary, problems: list[Problem]) -> None:
        """Keep the result for the next build, unless a last valid copy stood in for a broken
        file; a folder that cannot be written to only costs the next build a parse."""
        if any(problem.subtype in FATAL for problem in problems):
            return
        temporary = self.path.with_suffix(f".{os.getpid()}.tmp")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with temporary.open("wb") as stream:
                pickle.dump((key, glossary, problems), stream, protocol=pickle.HIGHEST_PROTOCOL)
            temporary.replace(self.path)
        except OSError:
            temporary.unlink(missing_ok=True)
