"""``sphinx-balena-glossary``: check, import, export and count glossary data from the shell or CI.

Exit codes: 0 done and clean, 1 problems found (each printed as ``PATH:LINE: message``),
2 usage error. Output files are written atomically; ``-o -`` writes to stdout,
and then messages go to stderr only.
"""

from __future__ import annotations

import argparse
import io
import json
import sys
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from . import __version__, cli_check
from .conf_file import ConfFile, NotLiteralError
from .docstats import glossary_counts, scan_docs
from .exporters import FOLDER_FORMATS, FORMATS, to_yaml
from .files import FileError, read_text, write_atomic
from .importer import import_markdown
from .loader import BUNDLED, DataText, load_glossary
from .model import Glossary, without_terms
from .problems import Problem
from .remote import MAX_TIMEOUT
from .sources import read_sources, user_cache
from .urls import url_scheme

#: The setting that lists a docs project's glossary sources.
SOURCES_SETTING = "balena_glossary_file"
#: The setting that lists the terms a docs project leaves out.
EXCLUDE_SETTING = "balena_glossary_exclude"

EXAMPLES = """\
examples:
  # in a docs folder: the sources its conf.py lists; elsewhere the bundled one
  sphinx-balena-glossary validate
  sphinx-balena-glossary validate -c docs
  sphinx-balena-glossary validate docs/glossary.yaml
  # merged in order, as in conf.py
  sphinx-balena-glossary validate a.yaml b.yaml
  # any source conf.py takes: a URL, a glossary an installed package ships
  sphinx-balena-glossary validate https://handbook.example.com/glossary.json
  sphinx-balena-glossary validate @acme
  sphinx-balena-glossary validate --format json glossary.yaml
"""
IMPORT_EXAMPLES = """\
examples:
  sphinx-balena-glossary import glossary.md -o docs/glossary.yaml
  # print the data file
  sphinx-balena-glossary import glossary.md -o -
  # the page's relative links point to pages of the site it comes from
  sphinx-balena-glossary import pages/learn/more/glossary.md -o glossary.yaml \\
      --base-url https://docs.balena.io/learn/more/

What the page format cannot carry is reported as SOURCE:LINE: warning: ...;
the data file is still written, and the exit code is then 1.
"""
EXPORT_EXAMPLES = """\
examples:
  # the bundled glossary as the handbook's Markdown page
  sphinx-balena-glossary export --format markdown -o glossary.md
  sphinx-balena-glossary export docs/glossary.yaml --format json -o out.json
  # merged, as in conf.py
  sphinx-balena-glossary export a.yaml b.yaml --format csv -o terms.csv
  # a copy of another site's glossary, its relative links kept working
  sphinx-balena-glossary export https://handbook.example.com/glossary.json \\
      -o handbook.yaml
  # a normalised data file
  sphinx-balena-glossary export docs/glossary.yaml --format yaml -o -
  # a term base for translators (TBX-Basic), a SKOS thesaurus (JSON-LD)
  sphinx-balena-glossary export --format tbx -o glossary.tbx
  sphinx-balena-glossary export --format skos -o glossary.jsonld
  # style checkers: textlint-rule-terminology's terms, a Vale style (a folder)
  sphinx-balena-glossary export --format textlint -o terms.json
  sphinx-balena-glossary export --format vale -o styles
"""
STATS_EXAMPLES = """\
examples:
  # the bundled glossary
  sphinx-balena-glossary stats
  sphinx-balena-glossary stats docs/glossary.yaml --docs docs
  sphinx-balena-glossary check docs/ --fix
  sphinx-balena-glossary stats @bundled docs/team.yaml --docs docs \\
      --format json -o stats.json
"""
OVERVIEW = """\
examples:
  sphinx-balena-glossary validate docs/glossary.yaml
  sphinx-balena-glossary import glossary.md -o docs/glossary.yaml
  sphinx-balena-glossary export docs/glossary.yaml --format markdown -o glossary.md
  sphinx-balena-glossary stats docs/glossary.yaml --docs docs

Run 'sphinx-balena-glossary COMMAND --help' for each command's options and examples.
Exit codes: 0 done and clean, 1 problems found, 2 usage error.
"""


def _command(
    commands: Any, name: str, help_text: str, description: str, epilog: str
) -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = commands.add_parser(
        name,
        help=help_text,
        description=textwrap.fill(description, 79),
        epilog=epilog,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    return parser


def _output_option(parser: argparse.ArgumentParser, what: str) -> None:
    parser.add_argument(
        "-o",
        "--output",
        default="-",
        metavar="OUT",
        help=f"where to write {what} ('-', the default: stdout); replaced atomically",
    )


def _data_files(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "files",
        nargs="*",
        metavar="SOURCE",
        help="glossary sources, merged in order, as balena_glossary_file lists them: data "
        "files, http(s) URLs of data files or glossary.json, '@name' (a glossary an installed "
        "package ships); default: the bundled glossary, which '@bundled' names",
    )
    parser.add_argument(
        "-c",
        "--conf-dir",
        metavar="DIR",
        help="with no SOURCE: the docs folder whose conf.py lists the sources in "
        "balena_glossary_file (default: the current folder, when it has a conf.py)",
    )
    parser.add_argument(
        "--timeout",
        type=_seconds,
        default=10.0,
        metavar="SECONDS",
        help="how long fetching a URL may take (default: 10); the last good copy is kept in "
        "the user cache folder and used when a fetch fails",
    )


def _seconds(value: str) -> float:
    """``--timeout``: seconds above 0, at most :data:`.remote.MAX_TIMEOUT`."""
    try:
        seconds = float(value)
    except ValueError:
        seconds = 0.0
    if not 0 < seconds <= MAX_TIMEOUT:
        raise argparse.ArgumentTypeError(
            f"{value!r} is not a number of seconds up to {MAX_TIMEOUT}"
        )
    return seconds


def _folder_url(value: str) -> str:
    """``--base-url``: an http(s) URL, read as a folder (``…/more`` is ``…/more/``)."""
    if url_scheme(value) not in ("http", "https"):
        raise argparse.ArgumentTypeError(f"{value!r} is not an http(s) URL")
    return value if value.endswith("/") else value + "/"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="sphinx-balena-glossary",
        description="Work with sphinx-balena-glossary data files.",
        epilog=OVERVIEW,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    validate = _command(
        commands,
        "validate",
        "check data files; print one PATH:LINE: message per problem",
        "Check glossary data files (merged in order). Exit 0 when valid, 1 when not.",
        EXAMPLES,
    )
    _data_files(validate)
    validate.add_argument(
        "--format", choices=("text", "json"), default="text", help="output format"
    )
    _output_option(validate, "the report")

    page = _command(
        commands,
        "import",
        "read a glossary page in balena's Markdown format into a data file",
        "Read a glossary page (front matter, '## A' letters, '### Term aka. ALIAS' entries) "
        "into a data file, keeping the page's term order.",
        IMPORT_EXAMPLES,
    )
    page.add_argument("source", metavar="SOURCE.md", help="the Markdown page")
    page.add_argument(
        "--base-url",
        type=_folder_url,
        metavar="URL",
        help="the published URL of the page's folder: relative links in definitions are "
        "written relative to it (kept as 'base_url' in the data file)",
    )
    _output_option(page, "the data file")

    export = _command(
        commands,
        "export",
        "write data files as YAML, JSON, Markdown, CSV, TBX, SKOS, textlint or Vale terms",
        "Write glossary data in another format. 'import' reads the Markdown back exactly. "
        "tbx, skos, textlint and vale carry the terminology: preferred, admitted, deprecated "
        "and superseded spellings.",
        EXPORT_EXAMPLES,
    )
    _data_files(export)
    export.add_argument(
        "--format",
        choices=(*FORMATS, *FOLDER_FORMATS),
        default="yaml",
        metavar="FORMAT",
        help=f"output format: {', '.join((*FORMATS, *FOLDER_FORMATS))} (default: yaml); "
        "vale writes a folder, given with -o DIR",
    )
    _output_option(export, "the export")

    stats = _command(
        commands,
        "stats",
        "count terms, aliases, scopes and statuses, and the terms the docs mention",
        "Count the glossary's terms and aliases per scope and status; with --docs, also "
        "which terms the .rst/.md/.txt sources mention (as auto-linking finds them) and "
        "which they never mention.",
        STATS_EXAMPLES,
    )
    _data_files(stats)
    stats.add_argument("--docs", metavar="SRCDIR", help="documentation sources to search")
    stats.add_argument("--format", choices=("text", "json"), default="text", help="output format")
    _output_option(stats, "the report")
    cli_check.add_arguments(
        _command(
            commands,
            "check",
            "report wrongly cased, avoided and former names in a docs folder",
            "Parse a docs folder as Sphinx does (its conf.py, or MyST and reST with this "
            "extension) and report each spelling the glossary rules out, at FILE:LINE. Exit 0 "
            "when clean, 1 when something is found, 2 when the docs cannot be read.",
            cli_check.CHECK_EXAMPLES,
        )
    )
    return parser


class _UsageError(Exception):
    """A command line that cannot be carried out; the message says why (exit code 2)."""


@dataclass(frozen=True)
class _Project:
    """What a docs project's conf.py says of its glossary."""

    specs: list[str]
    #: What relative paths are relative to (None: as typed).
    base: str | None = None
    #: Where the sources' setting is (None: each problem at its source).
    where: tuple[str, int] | None = None
    exclude: tuple[str, ...] = ()


def _names(conf: ConfFile, setting: str, default: object) -> list[str]:
    """A setting of conf.py that is a name or a list of names, as written there."""
    where = f"{conf.path}:{conf.line(setting)}"
    try:
        value = conf.literal(setting, default)
    except NotLiteralError:
        raise _UsageError(
            f"{where}: {setting} is computed, not written out; give the sources on the command line"
        ) from None
    except (OSError, SyntaxError, ValueError) as exc:
        raise _UsageError(f"{conf.path}: cannot read it ({exc})") from None
    names = [value] if isinstance(value, str) else value
    if not isinstance(names, (list, tuple)) or not all(isinstance(n, str) for n in names):
        raise _UsageError(f"{where}: {setting} must be a string or a list of strings")
    return list(names)


def _conf_sources(conf_dir: str | None) -> _Project:
    """The glossary of the docs project in ``conf_dir`` (or the current folder): the specs
    its conf.py lists, relative to it, and the terms it leaves out; the bundled glossary
    where there is no conf.py."""
    folder = Path(conf_dir or ".")
    if not (folder / "conf.py").is_file():
        if conf_dir is not None:
            raise _UsageError(f"{folder / 'conf.py'}: no such file")
        return _Project([BUNDLED])
    conf = ConfFile(folder)
    return _Project(
        _names(conf, SOURCES_SETTING, BUNDLED),
        str(folder),
        (conf.path, conf.line(SOURCES_SETTING)),
        tuple(_names(conf, EXCLUDE_SETTING, [])),
    )


@dataclass(frozen=True)
class SourceArgs:
    """The glossary sources of a command: as typed, else those the docs project's conf.py
    lists (``conf_dir`` or the current folder), else the bundled glossary."""

    files: Sequence[str] = ()
    #: Seconds a fetch may take.
    timeout: float = 10.0
    conf_dir: str | None = None

    def load(self) -> tuple[list[str], Glossary, list[Problem]]:
        """The sources' names, the glossary, and every problem (overrides as notes) located
        at its source."""
        project = _Project(list(self.files)) if self.files else _conf_sources(self.conf_dir)
        cache = user_cache(self.timeout, max_age=0)
        sources, problems = read_sources(project.specs, project.base, cache, project.where)
        glossary, loaded = load_glossary(sources)
        glossary, _ = without_terms(glossary, project.exclude)
        return project.specs, glossary, problems + loaded


def _split_notes(problems: Sequence[Problem]) -> tuple[list[Problem], list[Problem]]:
    """(problems, notes): a note is information, not a reason to fail."""
    return [p for p in problems if not p.note], [p for p in problems if p.note]


def _emit(text: str, output: str, out: TextIO, err: TextIO) -> int:
    """Write ``text`` to ``output`` (``-``: ``out``); 1 and a message when that fails."""
    if output == "-":
        out.write(text)
        return 0
    try:
        write_atomic(output, text)
    except FileError as exc:
        err.write(f"{exc}\n")
        return 1
    return 0


def _print_problems(problems: Sequence[Problem], err: TextIO) -> None:
    err.writelines(f"{problem}\n" for problem in problems)


def _problem_dict(problem: Problem) -> dict[str, Any]:
    return {
        "path": problem.path,
        "line": problem.line,
        "type": f"bterm.{problem.subtype_name}",
        "message": problem.message,
    }


def validate(sources: SourceArgs, output_format: str, out: TextIO) -> int:
    specs, glossary, found = sources.load()
    problems, notes = _split_notes(found)
    if output_format == "json":
        json.dump(
            {
                "valid": not problems,
                "terms": len(glossary),
                "aliases": glossary.alias_count,
                "problems": [_problem_dict(p) for p in problems],
                "notes": [_problem_dict(p) for p in notes],
            },
            out,
            indent=2,
        )
        out.write("\n")
    else:
        out.writelines(f"{problem}\n" for problem in found)
        verdict = "valid" if not problems else f"{len(problems)} problem(s)"
        out.write(
            f"{', '.join(specs)}: {verdict}; {len(glossary)} terms, {glossary.alias_count} aliases\n"
        )
    return 1 if problems else 0


def _check_data(text: str, shown_as: str) -> list[Problem]:
    """Problems the loader finds in a data file's text, located in ``shown_as``."""
    return load_glossary([DataText(shown_as, text)])[1]


def _is_data(text: str) -> bool:
    """Whether ``text`` starts like a data file (``version:``/``terms:``) or a JSON document."""
    first = next(
        (line for line in text.splitlines() if line.strip() and not line.startswith("#")), ""
    )
    return first.lstrip().startswith(("version:", "terms:", "{"))


def import_page(
    source: str, output: str, out: TextIO, err: TextIO, base_url: str | None = None
) -> int:
    """Markdown page → data file. Warnings still write the file; exit 1 tells they were there."""
    try:
        text = read_text(source)
    except FileError as exc:
        err.write(f"{exc}\n")
        return 1
    result = import_markdown(text, source, base_url or "")
    err.writelines(f"{problem}\n" for problem in (*result.warnings, *result.notes))
    if not result.terms:
        kind = " (it looks like a data file: 'validate' checks those)" if _is_data(text) else ""
        err.write(
            f"{source}:1: no glossary entries in it{kind}; 'import' reads a Markdown page with "
            "'## A' letter sections and a '### Term' heading per entry; nothing written\n"
        )
        return 1
    data = to_yaml(
        result.terms,
        header=f"Imported from {Path(source).name} by sphinx-balena-glossary import.",
    )
    problems = _check_data(data, "<stdout>" if output == "-" else output)
    if problems:  # pragma: no cover - the importer only makes valid entries
        _print_problems(problems, err)
        return 1
    if _emit(data, output, out, err):
        return 1
    aliases = sum(len(term.aliases) for term in result.terms)
    err.write(
        f"{source}: {len(result.terms)} terms, {aliases} aliases; "
        f"{len(result.warnings)} warning(s)\n"
    )
    return 1 if result.warnings else 0


def _emit_folder(files: dict[str, str], folder: str, err: TextIO) -> int:
    """Write each of ``files`` (by its path in ``folder``, made when missing); 1 and a message
    when one cannot be written."""
    for name, text in files.items():
        path = Path(folder, name)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            where = folder if Path(folder).exists() and not Path(folder).is_dir() else path.parent
            err.write(f"{where}:1: cannot make the folder: {exc.strerror or exc}\n")
            return 1
        if _emit(text, str(path), err, err):
            return 1
    return 0


def export(sources: SourceArgs, output_format: str, output: str, out: TextIO, err: TextIO) -> int:
    """Glossary sources → one format. Invalid data is not exported (no half glossary)."""
    if output_format in FOLDER_FORMATS and output == "-":
        raise _UsageError(
            f"--format {output_format} writes a folder of files, not one text: "
            "give the folder with -o DIR"
        )
    _, glossary, found = sources.load()
    problems, notes = _split_notes(found)
    _print_problems(notes, err)
    if problems:
        _print_problems(problems, err)
        return 1
    if output_format in FOLDER_FORMATS:
        return _emit_folder(FOLDER_FORMATS[output_format](glossary.terms), output, err)
    return _emit(FORMATS[output_format](glossary.terms), output, out, err)


def _stats_text(report: dict[str, Any]) -> str:
    lines = [
        f"{', '.join(report['files'])}: {report['terms']} terms, {report['aliases']} aliases",
        "  scope:  " + ", ".join(f"{k} {v}" for k, v in report["scope"].items()),
        "  status: " + ", ".join(f"{k} {v}" for k, v in report["status"].items()),
    ]
    docs = report.get("docs")
    if docs:
        lines.append(
            f"{docs['path']}: {docs['files']} files; {len(docs['mentioned'])} terms mentioned, "
            f"{len(docs['never_mentioned'])} never mentioned, "
            f"{len(docs['not_searched'])} not searched (autolink: false)"
        )
        width = max((len(m["term"]) for m in docs["mentioned"]), default=0)
        lines += _listed(
            "mentioned", [f"{m['term']:<{width}}  {m['count']}" for m in docs["mentioned"]]
        )
        lines += _listed("never mentioned", docs["never_mentioned"])
        lines += _listed("not searched (autolink: false)", docs["not_searched"])
    return "\n".join(lines) + "\n"


def _listed(heading: str, items: list[str]) -> list[str]:
    """``heading:`` and the items under it; nothing at all for no items."""
    return [f"{heading}:", *(f"  {item}" for item in items)] if items else []


def stats(
    sources: SourceArgs,
    docs: str | None,
    output_format: str,
    output: str,
    out: TextIO,
    err: TextIO,
) -> int:
    """Counts for the glossary and, with ``docs``, its use in those sources."""
    specs, glossary, found = sources.load()
    _print_problems(found, err)
    failed = bool(_split_notes(found)[0])
    report: dict[str, Any] = {"files": specs, **glossary_counts(glossary)}
    if docs is not None:
        if not Path(docs).is_dir():
            err.write(f"{docs}:1: no such directory\n")
            return 1
        scan = scan_docs(glossary, Path(docs))
        err.writelines(f"{problem}\n" for problem in scan.problems)
        failed = failed or bool(scan.problems)
        report["docs"] = {
            "path": docs,
            "files": scan.files,
            "mentioned": [{"term": t, "count": n} for t, n in scan.mentioned(glossary)],
            "never_mentioned": scan.unmentioned(glossary),
            "not_searched": [t.term for t in glossary if not t.autolink],
        }
    if output_format == "json":
        text = json.dumps(report, indent=2, ensure_ascii=False) + "\n"
    else:
        text = _stats_text(report)
    return 1 if _emit(text, output, out, err) or failed else 0


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    out, err = sys.stdout, sys.stderr
    try:
        return _run(args, out, err)
    except _UsageError as exc:
        err.write(f"{exc}\n")
        return 2


def _run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    if args.command == "check":
        return cli_check.run(args, out, err)
    if args.command == "import":
        return import_page(args.source, args.output, out, err, args.base_url)
    sources = SourceArgs(args.files, args.timeout, args.conf_dir)
    if args.command == "validate":
        report = io.StringIO()
        status = validate(sources, args.format, report)
        return _emit(report.getvalue(), args.output, out, err) or status
    if args.command == "export":
        return export(sources, args.format, args.output, out, err)
    if args.command == "stats":
        return stats(sources, args.docs, args.format, args.output, out, err)
    return 2  # pragma: no cover - argparse rejects unknown commands


if __name__ == "__main__":
    sys.exit(main())
