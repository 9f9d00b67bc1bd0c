"""``sphinx-balena-glossary check DOCS``: the build's terminology checks from the shell or CI.

The pages are parsed by Sphinx itself (the ``dummy`` builder: nothing is written), with the
project's own ``conf.py`` when the folder has one, else with MyST and this extension; so
the command line finds exactly what a build with ``balena_glossary_check`` warns about, in
reST and MyST alike. ``--fix`` turns the findings into source edits (:mod:`.source_fix`):
shown as a diff, written with ``--write``.
"""

from __future__ import annotations

import argparse
import io
import json
import logging
import os
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from .source_fix import Edit, apply_edits, diff_of, plan_edits
from .spelling import FINDING, Check, Finding

CHECK_EXAMPLES = """\
examples:
  sphinx-balena-glossary check docs/                     # every check, text report
  sphinx-balena-glossary check docs/ --checks case,avoid --format github
  sphinx-balena-glossary check docs/ --fix               # show the fixes as a diff
  sphinx-balena-glossary check docs/ --fix --write       # make them
"""


def add_arguments(check: argparse.ArgumentParser) -> None:
    """The ``check`` subcommand's arguments."""
    check.add_argument("docs", metavar="DOCS", help="the documentation source folder")
    check.add_argument(
        "-c",
        "--conf-dir",
        metavar="DIR",
        help="the folder of conf.py (default: DOCS, when it has one)",
    )
    check.add_argument(
        "--checks",
        type=_checks,
        default=tuple(Check),
        metavar="LIST",
        help="comma-separated: case, avoid, former (default: all three)",
    )
    check.add_argument(
        "--format", choices=("text", "json", "github"), default="text", help="report format"
    )
    check.add_argument(
        "--fix",
        action="store_true",
        help="show how the sources would change: avoided spellings, former names and "
        "wrong case replaced by the preferred name (never in code or link targets)",
    )
    check.add_argument("--write", action="store_true", help="with --fix: change the files")


def _checks(value: str) -> tuple[Check, ...]:
    names = [part.strip() for part in value.split(",") if part.strip()]
    known = {check.value: check for check in Check}
    wrong = [name for name in names if name not in known]
    if wrong or not names:
        raise argparse.ArgumentTypeError(
            f"{', '.join(wrong) or value!r}: checks are {', '.join(known)}"
        )
    return tuple(known[name] for name in names)


@dataclass(frozen=True)
class Reported:
    """A finding with the file and line the build gave it."""

    path: str
    line: int
    finding: Finding

    def as_dict(self) -> dict[str, object]:
        return {
            "path": self.path,
            "line": self.line,
            "check": self.finding.check.value,
            "found": self.finding.found,
            "preferred": self.finding.preferred,
            "message": self.finding.message,
        }


class _Collector(logging.Handler):
    """Keeps the findings of the build's warnings."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.found: list[Reported] = []

    def emit(self, record: logging.LogRecord) -> None:
        where = getattr(record, FINDING, None)
        if where is not None:
            path, line, finding = where
            reported = Reported(_shown(path), line, finding)
            # Sphinx holds warnings back during a build and hands them on again at its end
            if reported not in self.found:
                self.found.append(reported)


def _shown(path: str) -> str:
    """A path as the user would type it: relative to the current folder when inside it."""
    try:
        relative = os.path.relpath(path)
    except ValueError:  # another drive
        return path
    return path if relative.startswith("..") else relative


def find(docs: Path, conf_dir: Path | None, checks: Sequence[Check], err: TextIO) -> list[Reported]:
    """The findings of a parse of ``docs``; Sphinx's own problems go to ``err``."""
    # Sphinx is imported only here: the other commands start without it
    from sphinx.application import Sphinx
    from sphinx.util.docutils import docutils_namespace, patch_docutils

    overrides: dict[str, object] = {"balena_glossary_check": [c.value for c in checks]}
    if conf_dir is None and (docs / "conf.py").is_file():
        conf_dir = docs
    if conf_dir is None:
        overrides |= _bare_project(docs)
    warnings = io.StringIO()
    collector = _Collector()
    # as sphinx-build does: docutils' registries restored afterwards
    with tempfile.TemporaryDirectory() as out, patch_docutils(conf_dir), docutils_namespace():
        app = Sphinx(
            str(docs),
            str(conf_dir) if conf_dir is not None else None,
            out,
            str(Path(out, ".doctrees")),
            "dummy",
            confoverrides=overrides,
            status=None,
            warning=warnings,
            freshenv=True,
        )
        logging.getLogger("sphinx").addHandler(collector)
        try:
            app.build(force_all=True)
        finally:
            logging.getLogger("sphinx").removeHandler(collector)
    found = {r.finding for r in collector.found}
    err.writelines(
        line + "\n"
        for line in warnings.getvalue().splitlines()
        if line.strip() and not any(f.message in line for f in found)
    )
    return sorted(collector.found, key=lambda r: (r.path, r.line, r.finding.start))


def _bare_project(docs: Path) -> dict[str, object]:
    """Settings for a folder without conf.py: its reST and MyST pages, any one of them the
    root (nothing is built, so no page needs to list the others)."""
    pages = sorted(p for p in docs.rglob("*") if p.suffix in (".rst", ".md") and p.is_file())
    root = next((p for p in pages if p.stem == "index"), pages[0] if pages else None)
    settings: dict[str, object] = {
        "extensions": ["myst_parser", "sphinx_balena_glossary"],
        "source_suffix": {".rst": "restructuredtext", ".md": "markdown"},
        "suppress_warnings": ["toc.not_included"],
    }
    if root is not None:
        settings["root_doc"] = root.relative_to(docs).with_suffix("").as_posix()
    return settings


def report(found: list[Reported], output_format: str) -> str:
    if output_format == "json":
        return json.dumps([r.as_dict() for r in found], indent=2, ensure_ascii=False) + "\n"
    if output_format == "github":
        return "".join(
            f"::warning file={r.path},line={r.line},title=bterm.{r.finding.check.value}::"
            f"{_github_escape(r.finding.message)}\n"
            for r in found
        )
    return "".join(
        f"{r.path}:{r.line}: {r.finding.message} [bterm.{r.finding.check.value}]\n" for r in found
    )


def _github_escape(text: str) -> str:
    """A workflow command's message: ``%``, CR and LF escaped as GitHub asks."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    docs = Path(args.docs)
    if not docs.is_dir():
        err.write(f"{args.docs}: no such folder\n")
        return 2
    conf_dir = Path(args.conf_dir) if args.conf_dir else None
    from sphinx.errors import SphinxError

    try:
        found = find(docs, conf_dir, args.checks, err)
    except SphinxError as exc:
        err.write(f"{args.docs}: {exc}\n")
        return 2
    if not args.fix:
        out.write(report(found, args.format))
        return 1 if found else 0
    edits = plan_edits([(Path(r.path), r.line, r.finding) for r in found])
    return _fix(edits, found, args.write, out, err)


def _fix(edits: list[Edit], found: list[Reported], write: bool, out: TextIO, err: TextIO) -> int:
    """Show (or make) the edits; what no edit covers is reported as still to fix by hand."""
    out.write(diff_of(edits))
    fixed = sum(len(edit.findings) for edit in edits)
    left = len(found) - fixed
    if write:
        apply_edits(edits)
        err.write(f"fixed {fixed} of {len(found)} in {len({e.path for e in edits})} files\n")
    else:
        err.write(f"{fixed} of {len(found)} can be fixed; run with --write to change the files\n")
    if left:
        err.write(f"{left} left to fix by hand (run without --fix to list them)\n")
    return 1 if left or (fixed and not write) else 0
