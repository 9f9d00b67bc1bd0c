"""Where glossaries come from: the entries of ``balena_glossary_file`` (or the command line's
FILE arguments), each made something the loader reads.

* a path: a data file (relative to the conf dir in a build, as typed on the command line);
* ``@bundled``: the balena glossary shipped with the extension;
* ``@<name>``: a glossary an installed package ships, declared as an entry point of the
  group ``sphinx_balena_glossary.glossaries`` (its object is the data file's path, or a
  function returning it), so a company can ``pip install acme-glossary`` everywhere;
* ``http(s)://…``: a data file or another site's ``glossary.json``, fetched through a
  :class:`.remote.RemoteCache`; ``#sha256=…`` pins its content.

Nothing here raises: a source that cannot be used is a located :class:`.problems.Problem`
and the others still load.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from importlib.metadata import EntryPoint, entry_points
from pathlib import Path

from .loader import BUNDLED, BUNDLED_FILE, DataText, readable
from .problems import Problem, close_matches, did_you_mean
from .remote import Fetched, RemoteCache, describe_age, is_remote, split_pin
from .warnings_ import BtermWarning as W

#: The entry point group of packages that ship a glossary.
ENTRY_POINT_GROUP = "sphinx_balena_glossary.glossaries"

#: A source the loader reads: a path, or text already fetched.
Loadable = str | DataText


def installed_glossaries() -> dict[str, EntryPoint]:
    """The glossaries installed packages declare, by name."""
    return {point.name: point for point in entry_points(group=ENTRY_POINT_GROUP)}


def _package_path(name: str, where: tuple[str, int]) -> str | Problem:
    """The data file of the installed glossary ``@name``."""
    installed = installed_glossaries()
    point = installed.get(name)
    if point is None:
        names = [*installed, BUNDLED.removeprefix("@")]
        hint = did_you_mean([f"@{n}" for n in close_matches(name, names)])
        known = ", ".join(f"@{n}" for n in sorted(installed)) or "none is installed"
        return Problem(
            *where,
            f"'@{name}' names no installed glossary ({hint or 'installed: ' + known}); "
            f"a package declares one as an entry point in the group {ENTRY_POINT_GROUP!r}",
            W.SOURCE,
        )
    try:
        found = point.load()
        path = found() if callable(found) else found
        return str(os.fspath(path))
    except Exception as exc:  # noqa: BLE001 - a broken package must not stop the build
        return Problem(
            *where, f"the glossary '@{name}' ({point.value}) cannot be loaded: {exc}", W.SOURCE
        )


def _remote_problem(where: tuple[str, int], url: str, failure: str, age: float | None) -> Problem:
    if age is None:
        fallback = "no copy is cached: its terms are left out of this build"
    else:
        fallback = f"using the copy fetched {describe_age(age)} ago"
    return Problem(*where, f"glossary {url}: {failure}; {fallback}", W.REMOTE)


def read_sources(
    specs: Sequence[str],
    base: str | os.PathLike[str] | None,
    cache: RemoteCache,
    where: tuple[str, int] | None,
) -> tuple[list[Loadable], list[Problem]]:
    """The sources ``specs`` name, ready for :func:`.loader.load_glossary`, in order.

    ``base`` resolves relative paths (None keeps them as typed); ``where`` locates
    problems of the setting itself (``conf.py`` and its line; None: each at its source,
    as the command line names it).
    """
    loadable: list[Loadable] = []
    problems: list[Problem] = []

    def add(found: Loadable | Problem) -> None:
        if isinstance(found, Problem):
            problems.append(found)
        else:
            loadable.append(found)

    for spec in specs:
        at = where or (spec, 1)
        if spec == BUNDLED:
            add(str(BUNDLED_FILE))
        elif spec.startswith("@"):
            add(_package_path(spec[1:], at))
        elif is_remote(spec):
            try:
                fetched = cache.fetch(spec, readable_as(split_pin(spec)[0]))
            except Exception as exc:  # noqa: BLE001 - whatever a server does, the build goes on
                fetched = Fetched(split_pin(spec)[0], failure=f"cannot fetch it ({exc!r})")
            if fetched.failure:
                age = fetched.age if fetched.text is not None else None
                problems.append(_remote_problem(at, fetched.url, fetched.failure, age))
            if fetched.text is not None:
                loadable.append(DataText(fetched.url, fetched.text, fetched.url))
        else:
            add(_local_path(spec, base, at, where is not None))
    return loadable, problems


#: Data file suffixes, for "did you mean" hints about a missing file.
_DATA_SUFFIXES = (".yaml", ".yml", ".json")


def _local_path(
    spec: str, base: str | os.PathLike[str] | None, where: tuple[str, int], in_conf: bool
) -> str | Problem:
    """The data file ``spec`` names (relative to ``base``), or why there is none."""
    path = Path(base, spec).resolve() if base is not None else Path(spec)
    if path.exists():
        return str(path) if base is not None else spec
    folder = path.parent
    try:
        nearby = {p.stem: p.name for p in folder.iterdir() if p.suffix.lower() in _DATA_SUFFIXES}
    except OSError:
        nearby = {}
    # by stem: the suffix they share would make any two names look alike
    hint = did_you_mean([nearby[stem] for stem in close_matches(path.stem, nearby)])
    setting = f"balena_glossary_file names {spec!r}, but " if in_conf else ""
    return Problem(
        *where,
        f"{setting}there is no such file ({path}){'; ' + hint if hint else ''}",
        W.FILE,
    )


def readable_as(url: str) -> Callable[[str], str]:
    """The check a fetched text must pass to be used (and cached): it reads as a glossary."""

    def check(text: str) -> str:
        return readable(text, url)

    return check


def user_cache(timeout: float, max_age: float) -> RemoteCache:
    """The command line's cache of fetched glossaries (``$XDG_CACHE_HOME`` or ``~/.cache``)."""
    home = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return RemoteCache(Path(home, "sphinx-balena-glossary"), max_age=max_age, timeout=timeout)
