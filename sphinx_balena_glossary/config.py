"""Every ``balena_glossary_*`` setting: declared once, typed, validated at ``config-inited``.

A wrong value is never fatal: it is reported with the setting's name and
the value the build uses instead.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from typing import TYPE_CHECKING, Any

from sphinx.util import logging

from .conf_file import ConfFile
from .loader import BUNDLED
from .problems import close_matches, did_you_mean
from .remote import MAX_TIMEOUT
from .spelling import Check
from .warnings_ import WARNING_TYPE, BtermWarning

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

logger = logging.getLogger(__name__)


def _is_file_list(value: Any) -> bool:
    return isinstance(value, str) or (
        isinstance(value, (list, tuple)) and all(isinstance(v, str) for v in value)
    )


def _is_str(value: Any) -> bool:
    return isinstance(value, str)


def _is_bool(value: Any) -> bool:
    return isinstance(value, bool)


class AutolinkMode(str, Enum):
    """``balena_glossary_autolink``: which plain mentions become links."""

    FIRST = "first"
    SECTION = "section"
    ALL = "all"
    OFF = "off"


def _is_mode(value: Any) -> bool:
    return value in {mode.value for mode in AutolinkMode}


class PrintNotes(str, Enum):
    """``balena_glossary_print``: what builders without tooltips add for each term."""

    PLAIN = "plain"
    FOOTNOTE = "footnote"
    LIST = "list"


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _is_positive_number(value: Any) -> bool:
    return _is_number(value) and 0 < value <= MAX_TIMEOUT


def _is_glob_list(value: Any) -> bool:
    return isinstance(value, (list, tuple)) and all(isinstance(v, str) for v in value)


#: The values of ``balena_glossary_check``.
CHECKS = tuple(check.value for check in Check)


@dataclass(frozen=True)
class Setting:
    """One config value: its default, when it forces a rebuild, and its check."""

    name: str
    default: Any
    rebuild: str
    types: tuple[type, ...]
    valid: Callable[[Any], bool]
    expected: str
    description: str


SETTINGS: tuple[Setting, ...] = (
    Setting(
        "balena_glossary_file",
        BUNDLED,
        "env",
        (str, list, tuple),
        _is_file_list,
        "a path, URL or @name, or a list of them",
        "Glossary sources, merged in order; a later one overrides a term of the same name: "
        f"paths (relative to the conf dir), http(s) URLs, {BUNDLED!r} (the bundled balena "
        "glossary) and '@name' (a glossary an installed package ships).",
    ),
    Setting(
        "balena_glossary_url",
        "",
        "env",
        (str,),
        _is_str,
        "a URL string",
        "URL of a published glossary page, used for term links when the project has no glossary page.",
    ),
    Setting(
        "balena_glossary_tooltips",
        True,
        "html",
        (bool,),
        _is_bool,
        "True or False",
        "Show the definition in a tooltip when a term link is hovered or focused (HTML only).",
    ),
    Setting(
        "balena_glossary_autolink",
        "first",
        "env",
        (str,),
        _is_mode,
        "'first', 'section', 'all' or 'off'",
        "Link plain mentions of terms: the first mention of each term per page, per section, "
        "all of them, or none.",
    ),
    Setting(
        "balena_glossary_autolink_exclude",
        [],
        "env",
        (list, tuple),
        _is_glob_list,
        "a list of document-name globs",
        "Documents (globs such as 'changelog' or 'api/**') where plain mentions are never linked.",
    ),
    Setting(
        "balena_glossary_json",
        True,
        "html",
        (bool,),
        _is_bool,
        "True or False",
        "Write glossary.json (every term, with its page URL and anchor) into the HTML output root.",
    ),
    Setting(
        "balena_glossary_backrefs",
        True,
        "env",
        (bool,),
        _is_bool,
        "True or False",
        "Under each glossary entry, list the pages that link to the term ('Mentioned in').",
    ),
    Setting(
        "balena_glossary_expand",
        "off",
        "html",
        (str,),
        lambda value: value in ("off", "first"),
        "'off' or 'first'",
        "Spell out a term at the first mention by an acronym alias on each page (per section "
        "with autolink 'section'): 'Host OS updater (HUP)', in every builder.",
    ),
    Setting(
        "balena_glossary_print",
        "plain",
        "html",
        (str,),
        lambda value: value in {notes.value for notes in PrintNotes},
        "'plain', 'footnote' or 'list'",
        "Where no tooltip shows definitions (LaTeX/PDF, e-books, text): a footnote at the first "
        "link of each term on a page ('footnote'), a 'Terms used in this document' list at the "
        "end of each page ('list'), or nothing ('plain').",
    ),
    Setting(
        "balena_glossary_check",
        [],
        "env",
        (list, tuple),
        lambda value: _is_glob_list(value) and all(v in CHECKS for v in value),
        f"a list of {', '.join(map(repr, CHECKS))}",
        "Terminology checks, each a warning at the mention's line: 'case' (a strict name in "
        "another case), 'avoid' (a spelling the data lists under avoid), 'former' (a former "
        "or deprecated name).",
    ),
    Setting(
        "balena_glossary_warn_former",
        False,
        "env",
        (bool,),
        _is_bool,
        "True or False",
        "Same as 'former' in balena_glossary_check.",
    ),
    Setting(
        "balena_glossary_exclude",
        [],
        "env",
        (list, tuple),
        _is_glob_list,
        "a list of term names",
        "Terms (names or aliases) this project leaves out of the glossaries it loads.",
    ),
    Setting(
        "balena_glossary_warn_override",
        False,
        "env",
        (bool,),
        _is_bool,
        "True or False",
        "Warn (instead of an information line) where a later glossary source overrides a term.",
    ),
    Setting(
        "balena_glossary_timeout",
        10.0,
        "",
        (int, float),
        _is_positive_number,
        f"a number of seconds above 0, at most {MAX_TIMEOUT}",
        "How long fetching a remote glossary may take.",
    ),
    Setting(
        "balena_glossary_cache_limit",
        60,
        "",
        (int, float),
        _is_number,
        "a number of minutes (0: ask at every build; negative: never ask again)",
        "How long a fetched glossary is used without asking its server if it changed.",
    ),
)


#: The prefix of every setting of the extension.
PREFIX = "balena_glossary_"


def setting_location(confdir: str | os.PathLike[str] | None, name: str) -> tuple[str, int]:
    """Where conf.py sets ``name`` (its line 1 when it does not)."""
    conf = ConfFile(confdir)
    return conf.path, conf.line(name)


def validate_config(app: Sphinx, config: Config) -> None:
    """Reset wrong values to their defaults, with a warning at the setting's line in conf.py;
    warn about ``balena_glossary_*`` names the extension does not know (a typo is ignored
    by Sphinx without a word)."""
    conf = ConfFile(app.confdir)
    path, lines = conf.path, conf.lines
    known = [setting.name for setting in SETTINGS]
    for name, line in lines.items():
        if name.startswith(PREFIX) and name not in known:
            hint = did_you_mean(close_matches(name, known))
            logger.warning(
                "unknown setting %r%s",
                name,
                f"; {hint}" if hint else "",
                location=f"{path}:{line}",
                type=WARNING_TYPE,
                subtype=BtermWarning.CONFIG.value,
            )
    for setting in SETTINGS:
        value = getattr(config, setting.name)
        if not setting.valid(value):
            logger.warning(
                "%s must be %s, got %r; using the default %r",
                setting.name,
                setting.expected,
                value,
                setting.default,
                location=f"{path}:{lines.get(setting.name, 1)}",
                type=WARNING_TYPE,
                subtype=BtermWarning.CONFIG.value,
            )
            setattr(config, setting.name, setting.default)


def register(app: Sphinx) -> None:
    """Declare every setting to Sphinx."""
    for setting in SETTINGS:
        app.add_config_value(
            setting.name,
            setting.default,
            setting.rebuild,  # type: ignore[arg-type]
            types=setting.types,
            description=setting.description,
        )
    app.connect("config-inited", validate_config)


@dataclass(frozen=True)
class Settings:
    """The ``balena_glossary_*`` settings of a project, typed (after :func:`validate_config`)."""

    files: list[str]
    url: str
    tooltips: bool
    autolink: AutolinkMode
    autolink_exclude: list[str]
    json: bool
    backrefs: bool
    #: The terminology checks to run ('former' too with ``balena_glossary_warn_former``).
    checks: frozenset[Check]
    #: Spell out the first mention by an acronym alias.
    expand: bool
    #: What builders without tooltips add for each term.
    print_notes: PrintNotes
    exclude: list[str]
    warn_override: bool
    #: Seconds a fetch may take.
    timeout: float
    #: Seconds a fetched glossary is used without asking (infinite when negative).
    cache_limit: float


def settings(config: Config) -> Settings:
    """The project's settings: the one place the code reads ``balena_glossary_*`` values."""
    files = config.balena_glossary_file
    return Settings(
        files=[files] if isinstance(files, str) else list(files),
        url=config.balena_glossary_url,
        tooltips=config.balena_glossary_tooltips,
        autolink=AutolinkMode(config.balena_glossary_autolink),
        autolink_exclude=list(config.balena_glossary_autolink_exclude),
        json=config.balena_glossary_json,
        backrefs=config.balena_glossary_backrefs,
        checks=frozenset(map(Check, config.balena_glossary_check))
        | ({Check.FORMER} if config.balena_glossary_warn_former else set()),
        expand=config.balena_glossary_expand == "first",
        print_notes=PrintNotes(config.balena_glossary_print),
        exclude=list(config.balena_glossary_exclude),
        warn_override=config.balena_glossary_warn_override,
        timeout=float(config.balena_glossary_timeout),
        cache_limit=(
            float("inf")
            if config.balena_glossary_cache_limit < 0
            else 60.0 * config.balena_glossary_cache_limit
        ),
    )
