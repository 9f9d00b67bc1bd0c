"""The parsed glossary and its compiled matcher, kept between builds, keyed by the text of
the glossary's sources.

Reading a data file of thousands of terms (YAML with line numbers, checks, keys) and
compiling its names into the matcher each cost a noticeable part of a second at every
build; a live-preview rebuild after one page changed should not pay them again for data
that did not change. So the glossary read from the sources, with its problems, is pickled
into the environment folder with a key made of the sources' names and texts (and the code
that loads them); the next build reads the texts (cheap), and when the key matches,
unpickles instead of parsing. The matcher is kept the same way, next to it, keyed by the
glossary's key and the matching code (its regexes keep their compiled code:
:mod:`.kept_regex`). A build that used a last valid copy of a broken file keeps neither:
its message tells the copy's age.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from collections.abc import Sequence
from pathlib import Path

from . import __version__
from .collector import without_collection
from .files import FileError, read_text
from .last_good import Source
from .loader import FATAL, DataText
from .matcher import Matcher
from .model import Glossary
from .problems import Problem

FILE_NAME = "bterm-glossary.pickle"
MATCHER_FILE = "bterm-matcher.pickle"


#: The modules whose code decides what a data file loads to: a kept glossary made by other
#: code (an upgrade, a checkout between releases) is not used.
_LOADING_CODE = (
    *("model.py", "data_format.py", "loader.py", "last_good.py"),
    *("definitions.py", "plain_markup.py"),
)
#: The modules whose code decides what the matcher finds.
_MATCHING_CODE = ("matcher.py", "inflection.py", "kept_regex.py")


def _code_digest(modules: Sequence[str], *settings: object) -> hashlib._Hash:
    digest = hashlib.sha256(f"{__version__}\0{settings!r}".encode())
    for module in modules:
        digest.update(Path(__file__).with_name(module).read_bytes())
    return digest


def matcher_key(glossary_key: str) -> str:
    """What the matcher of a glossary depends on: the glossary's key and the matching code."""
    return _code_digest(_MATCHING_CODE, glossary_key).hexdigest()


def source_key(sources: Sequence[Source], *settings: object) -> str:
    """What the loaded glossary depends on: each source's name and text, ``settings``, and
    the code that loads it."""
    digest = _code_digest(_LOADING_CODE, *settings)
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


class KeptFile:
    """One pickled (key, value) in the environment folder."""

    def __init__(self, folder: str | os.PathLike[str], name: str) -> None:
        self.path = Path(folder, name)

    @without_collection
    def load(self, key: str) -> object | None:
        """The value kept for ``key``; None when there is none (or the file is not one this
        version wrote)."""
        try:
            with self.path.open("rb") as stream:
                kept_key, value = pickle.load(stream)
        except Exception:  # noqa: BLE001 - damaged, or written by other code: not kept
            return None
        return value if kept_key == key else None

    def save(self, key: str, value: object) -> None:
        """Keep ``value`` for the next build; a folder that cannot be written to only costs
        the next build the work again."""
        temporary = self.path.with_suffix(f".{os.getpid()}.tmp")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with temporary.open("wb") as stream:
                pickle.dump((key, value), stream, protocol=pickle.HIGHEST_PROTOCOL)
            temporary.replace(self.path)
        except OSError:
            temporary.unlink(missing_ok=True)


class GlossaryCache(KeptFile):
    """The kept (glossary, problems)."""

    def __init__(self, folder: str | os.PathLike[str]) -> None:
        super().__init__(folder, FILE_NAME)

    def load_glossary(self, key: str) -> tuple[Glossary, list[Problem]] | None:
        """The glossary and problems kept for ``key``, or None."""
        value = self.load(key)
        if not isinstance(value, tuple) or not isinstance(value[0], Glossary):
            return None
        return value[0], list(value[1])

    def save_glossary(self, key: str, glossary: Glossary, problems: list[Problem]) -> bool:
        """Keep the result for the next build, unless a last valid copy stood in for a broken
        file (then say False)."""
        if any(problem.subtype in FATAL for problem in problems):
            return False
        self.save(key, (glossary, problems))
        return True


class MatcherCache(KeptFile):
    """The kept matcher of the glossary."""

    def __init__(self, folder: str | os.PathLike[str]) -> None:
        super().__init__(folder, MATCHER_FILE)

    def load_matcher(self, key: str) -> Matcher | None:
        value = self.load(key)
        return value if isinstance(value, Matcher) else None
