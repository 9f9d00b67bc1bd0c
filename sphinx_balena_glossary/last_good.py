"""The last valid version of each data file, so one slip costs a warning, not the glossary.

A data file that cannot be read at all (a YAML syntax error, a wrong
``version``) would leave the build without any of its terms:
an empty glossary page, an "unknown glossary term" for every role, and a
served site without its glossary while ``sphinx-autobuild`` runs. Each data
file read without a fatal problem is copied into the build's environment folder; when
one cannot be read, its last valid copy is used instead, whole (never a
part of the broken file), with one warning at the broken line saying so.
A fetched glossary has its own last good copy (:mod:`.remote`); a missing
file is reported as missing, not replaced.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from .files import FileError, read_text, write_atomic
from .loader import BUNDLED_FILE, FATAL, DataText, load_glossary
from .model import Glossary
from .problems import Problem
from .remote import describe_age

#: What a source is to :func:`load_recovering`: a data file's path or text in hand.
Source = str | os.PathLike[str] | DataText


class LastGood:
    """Copies of valid data files, in ``folder``."""

    def __init__(self, folder: str | os.PathLike[str]) -> None:
        self.folder = Path(folder)

    def _paths(self, source: str) -> tuple[Path, Path]:
        name = hashlib.sha256(source.encode()).hexdigest()[:24]
        return self.folder / f"{name}.yaml", self.folder / f"{name}.json"

    def remember(self, source: str, text: str) -> None:
        """Keep ``text``, the version of ``source`` that was just read without a fatal
        problem, unless that copy is kept already."""
        digest = hashlib.sha256(text.encode()).hexdigest()
        body, meta = self._paths(source)
        try:
            if json.loads(meta.read_text(encoding="utf-8")).get("sha256") == digest:
                return
        except (OSError, ValueError):
            pass
        info = {"path": source, "saved": time.time(), "sha256": digest}
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            write_atomic(body, text)
            write_atomic(meta, json.dumps(info))
        except Exception:  # noqa: BLE001 - no copy kept is no recovery, not a failure
            return

    def recall(self, source: str) -> tuple[str, float] | None:
        """The last valid text of ``source`` and its age in seconds, if one was kept."""
        body, meta = self._paths(source)
        try:
            info: dict[str, Any] = json.loads(meta.read_text(encoding="utf-8"))
            return body.read_text(encoding="utf-8"), time.time() - float(info["saved"])
        except (OSError, ValueError, KeyError):
            return None


def load_recovering(sources: Sequence[Source], store: LastGood) -> tuple[Glossary, list[Problem]]:
    """:func:`.loader.load_glossary`, with each unreadable data file replaced by its last
    valid copy (reported once, at the broken line), and the text of each file read without
    a fatal problem remembered (the text that was read: a save landing meanwhile is not
    taken for it)."""
    texts: dict[str, str] = {}
    read: list[Source] = []
    for source in sources:
        if isinstance(source, DataText) or str(source) == str(BUNDLED_FILE):
            read.append(source)
            continue
        try:
            texts[str(source)] = read_text(source)
        except FileError:
            read.append(source)  # the loader reports it
            continue
        read.append(DataText(str(source), texts[str(source)]))
    glossary, problems = load_glossary(read)
    fatal = {p.path for p in problems if p.subtype in FATAL}
    # unreadable: a fatal problem and nothing of the file used (an entry without a name is a
    # schema problem too, but the file's other entries are there)
    used = {term.source for term in glossary}
    broken: dict[str, Problem] = {}
    for problem in problems:
        if problem.path in texts and problem.path not in used and problem.subtype in FATAL:
            broken.setdefault(problem.path, problem)
    recalled = {path: found for path in broken if (found := store.recall(path)) is not None}
    if recalled:
        again = [
            DataText(s.path, recalled[s.path][0])
            if isinstance(s, DataText) and s.path in recalled
            else s
            for s in read
        ]
        glossary, problems = load_glossary(again)
        problems = [p for p in problems if p.path not in recalled]
        problems += [
            replace(
                broken[path],
                message=f"{broken[path].message}; the last valid version of this file (saved "
                f"{describe_age(age)} ago) is used until it is fixed",
            )
            for path, (_, age) in recalled.items()
        ]
    for path, text in texts.items():
        if path not in fatal:
            store.remember(path, text)
    return glossary, problems
