"""Files made from the whole glossary (``glossary.json``, the search card's terms), written
again only when what they are made from changed.

Rendering thousands of definitions costs about a second; a rebuild that changed one page,
or nothing, would pay it at every build. Each file's inputs (the glossary's sources, as
:mod:`.glossary_cache` keys them, and the settings and addresses the file depends on) are
hashed into a stamp kept in the environment folder; an existing file with the same stamp
is left as it is.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from .domain import get_domain
from .files import FileError, Text, read_text, write_atomic

if TYPE_CHECKING:
    from sphinx.application import Sphinx

STAMPS_FILE = "bterm-outputs.json"


def write_when_changed(
    app: Sphinx, target: Path, inputs: tuple[object, ...], render: Callable[[], Text]
) -> None:
    """Write ``render()`` (a text, or its pieces) to ``target`` unless the file there was made
    from the same glossary and ``inputs``. Raises :class:`.files.FileError` when it cannot be
    written."""
    stamp = hashlib.sha256(repr((get_domain(app.env).glossary_key, inputs)).encode()).hexdigest()
    stamps_path = Path(app.doctreedir, STAMPS_FILE)
    stamps = _read_stamps(stamps_path)
    if stamps.get(str(target)) == stamp and target.is_file():
        return
    write_atomic(target, render())
    stamps[str(target)] = stamp
    with contextlib.suppress(FileError):  # then the next build writes the file again
        write_atomic(stamps_path, json.dumps(stamps, indent=1, sort_keys=True))


def _read_stamps(path: Path) -> dict[str, str]:
    try:
        stamps = json.loads(read_text(path))
    except (FileError, ValueError):
        return {}
    return stamps if isinstance(stamps, dict) else {}
