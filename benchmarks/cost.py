"""Every figure of the extension's performance targets, measured in one run, as a markdown table.

Reuses the generated handbook and the pinned pairs of builds of
``build_ratio.py`` (see there why pairs, and why couples with the cores
swapped), and adds what a build's wall time hides on a shared machine: each
build's **CPU seconds** (user + system, from ``os.wait4``), which do not
count the time a build waited for a core. Ratios are medians of the couples::

    python benchmarks/cost.py --quick        # one couple per case: a try (~4 minutes)
    python benchmarks/cost.py                # nine couples per case (~35 minutes)
    python benchmarks/cost.py --couples 3 --only full incremental

The figures, each against a plain Sphinx build of the same pages (conf.py
without the extension's lines):

* **full** builds (``-E``) of a *link-dense* handbook: 300 pages, 5% of the
  words term mentions (dozens of links per page), tooltips on, auto-linking
  ``"all"`` and the default ``"first"``, each at 5,000 and at 100 terms: CPU
  time, wall time, peak memory and HTML size;
* **incremental** builds of the 5,000-term project, as a live preview runs
  them (no ``-E``, the same output folder): after one page was touched (a
  sentence appended), and with nothing changed; what the extension adds, in
  CPU seconds;
* **load**: reading, checking and compiling a generated 20,000-term data file
  through the extension's own API (``load_glossary``, ``build_matcher``, one
  search), CPU seconds in a fresh process, best of three;
* **cli**: wall time of ``sphinx-balena-glossary validate`` on the bundled
  glossary, best of five;
* **tippy**: sphinx-tippy on the same pages, their mentions written as
  ``:term:`` roles to a ``.. glossary::`` page of the same terms, against the
  same pages and glossary page without it (sphinx-tippy's network features
  off); for comparison, it has no target.

Progress goes to stderr; the table (ready for the README) to stdout.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import NamedTuple

sys.path.insert(0, str(Path(__file__).resolve().parent))

from build_ratio import (
    HERE,
    Build,
    Ratios,
    _cores,
    build_couples,
    build_pair,
    compile_extension,
    extension_path,
    summarize,
    term_names,
    write_glossary,
    write_project,
)

#: The marker of an automatic link in the extension's HTML.
AUTO_LINK = 'class="bterm '
#: The marker of a ``:term:`` link (to the glossary page) in a generated page.
TERM_LINK = "glossary.html#term-"


class Row(NamedTuple):
    """One line of the table: what was measured, its value, its target, whether it is met."""

    figure: str
    measured: str
    target: str
    #: None: a figure for comparison, without a target.
    met: bool | None


class Case(NamedTuple):
    """A full build to compare with plain Sphinx, and its CPU-time target."""

    terms: int
    mode: str
    cpu_target: float


#: Targets (ratios with/without the extension, or seconds).
MEMORY_TARGET = 1.10
HTML_TARGET = 1.15
INCREMENTAL_TARGET = 0.3
LOAD_TARGET = 2.0
CLI_TARGET = 0.3


def _say(message: str) -> None:
    """Progress, on stderr so that stdout is the table alone."""
    print(message, file=sys.stderr, flush=True)


@contextmanager
def _projects(parent: Path, name: str) -> Iterator[Path]:
    """A folder for one case's projects, removed afterwards (a project of 300 pages and
    its build take ~20 MB)."""
    folder = parent / name
    folder.mkdir()
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def links_per_page(root: Path, marker: str) -> float:
    """Links per handbook page (``s*/p*.html``) of a build: occurrences of ``marker``."""
    pages = list((root / "_build").glob("s*/p*.html"))
    links = sum(page.read_text(encoding="utf-8").count(marker) for page in pages)
    return links / max(1, len(pages))


def _against(
    value: float, target: float | None, shown: str = "≤ {:.2f}×"
) -> tuple[str, bool | None]:
    """The target column (``shown``, formatted with ``target``) and the verdict of ``value``:
    at most ``target``; without a target, none."""
    if target is None:
        return "—", None
    return shown.format(target), value <= target


def _build_rows(label: str, ratios: Ratios, cpu_target: float | None) -> list[Row]:
    """CPU time, peak memory and HTML size rows of a full-build comparison; without a CPU
    target (a comparison), none of the three has a target."""
    cpu = statistics.median(ratios.cpu)
    each = ", ".join(f"{ratio:.3f}" for ratio in ratios.cpu)
    targets = cpu_target is not None
    return [
        Row(
            f"{label}: CPU time",
            f"{cpu:.3f}× (couples: {each}); wall {statistics.median(ratios.wall):.3f}×",
            *_against(cpu, cpu_target),
        ),
        Row(
            f"{label}: peak memory",
            f"{ratios.memory:.3f}×",
            *_against(ratios.memory, MEMORY_TARGET if targets else None),
        ),
        Row(
            f"{label}: HTML size",
            f"{ratios.html:.3f}× (gzipped {ratios.gzipped:.3f}×)",
            *_against(ratios.html, HTML_TARGET if targets else None),
        ),
    ]


def full_builds(parent: Path, args: argparse.Namespace) -> list[Row]:
    """Each :class:`Case`: the large and the small glossary linking every mention, then
    both in the default mode (the first mention of each term on a page)."""
    cases = [
        Case(args.terms, "all", 1.05),
        Case(args.small_terms, "all", 1.03),
        Case(args.terms, "first", 1.03),
        Case(args.small_terms, "first", 1.03),
    ]
    return [row for case in cases for row in full_build(parent, args, case)]


def full_build(parent: Path, args: argparse.Namespace, case: Case) -> list[Row]:
    """Fresh builds (``-E``) of the link-dense handbook, plain and with the extension."""
    names = term_names(case.terms)
    with _projects(parent, f"full-{case.terms}-{case.mode}") as folder:
        plain, ext = folder / "plain", folder / "ext"
        write_project(plain, args.pages, names, "plain", args.density)
        write_project(ext, args.pages, names, "extension", args.density, case.mode)
        _, runs = build_couples(plain, ext, args.couples)
        links = links_per_page(ext, AUTO_LINK)
    _say(f"  {case.terms} terms, {case.mode!r}: {links:.1f} links per page; {_seconds(runs)}")
    label = f"Full build, {case.terms:,} terms, `{case.mode}` ({links:.0f} links/page)"
    return _build_rows(label, summarize(runs), case.cpu_target)


def _seconds(runs: list[tuple[Build, Build]]) -> str:
    """The CPU seconds of each pair, for the progress log."""
    each = ", ".join(f"{e.cpu_seconds:.2f}/{p.cpu_seconds:.2f}" for p, e in runs)
    return f"CPU seconds with/without: {each}"


#: The page an author edits in the incremental builds (its source and HTML, under the project).
TOUCHED = Path("s0", "p0")


def touch_page(root: Path, number: int, names: list[str]) -> str:
    """Append a sentence (with a term mention) to one page, as an author editing it does;
    its start (the mention may become a link), to find in the rebuilt page."""
    start = f"Edit {number} mentions"
    with (root / TOUCHED).with_suffix(".rst").open("a", encoding="utf-8") as handle:
        handle.write(f"\n\n{start} {names[number % len(names)]}.\n")
    return start


def couple_differences(
    runs: list[tuple[Build, Build]], cost: Callable[[Build], float]
) -> list[float]:
    """With minus without, of each couple of ``runs``: the mean of its two pairs' differences
    (one pair per core order, so a difference in the cores' speeds cancels out)."""
    pairs = [cost(e) - cost(p) for p, e in runs]
    return [(a + b) / 2 for a, b in zip(pairs[::2], pairs[1::2], strict=True)]


def _extra_row(label: str, runs: list[tuple[Build, Build]]) -> Row:
    """What the extension adds to an incremental build, in CPU seconds."""
    extras = couple_differences(runs, lambda build: build.cpu_seconds)
    extra = statistics.median(extras)
    plain = statistics.median(p.cpu_seconds for p, _ in runs)
    ext = statistics.median(e.cpu_seconds for _, e in runs)
    each = ", ".join(f"{value:+.2f}" for value in extras)
    return Row(
        label,
        f"{extra:+.2f} CPU s (plain {plain:.2f} s, extension {ext:.2f} s; couples: {each})",
        *_against(extra, INCREMENTAL_TARGET, "≤ +{:.1f} s"),
    )


def incremental(parent: Path, args: argparse.Namespace) -> list[Row]:
    """A live preview's rebuilds: one page touched, then nothing changed (no ``-E``).

    After one full build of each variant, each round touches the same page
    in both projects and builds both (a pair, pinned as in ``build_ratio``),
    then builds both again unchanged; rounds alternate the cores.
    """
    names = term_names(args.terms)
    cores = _cores()
    touched: list[tuple[Build, Build]] = []
    unchanged: list[tuple[Build, Build]] = []
    with _projects(parent, "incremental") as folder:
        roots = plain, ext = folder / "plain", folder / "ext"
        write_project(plain, args.pages, names, "plain", args.density)
        write_project(ext, args.pages, names, "extension", args.density, "all")
        build_pair(plain, ext, cores)
        for number in range(2 * args.couples):
            order = cores if number % 2 == 0 else cores[::-1]
            for root in roots:
                sentence = touch_page(root, number, names)  # the same in both
            touched.append(build_pair(plain, ext, order, fresh=False))
            _check_rebuilt(roots, sentence)
            unchanged.append(build_pair(plain, ext, order, fresh=False))
    _say(f"  touched: {_seconds(touched)}")
    _say(f"  unchanged: {_seconds(unchanged)}")
    project = f"{args.pages} pages, {args.terms:,} terms, `all`"
    return [
        _extra_row(f"Rebuild after touching one page ({project}): extra CPU", touched),
        _extra_row(f"Rebuild with nothing changed ({project}): extra CPU", unchanged),
    ]


def _check_rebuilt(roots: tuple[Path, ...], sentence: str) -> None:
    """Both incremental builds wrote the touched page (else the figure measures nothing)."""
    for root in roots:
        written = (root / "_build" / TOUCHED).with_suffix(".html").read_text(encoding="utf-8")
        if sentence not in written:
            raise SystemExit(f"{root}: the touched page was not written again")


#: Run in a fresh interpreter by :func:`load`: CPU seconds of importing, of reading and
#: checking the data file, and of compiling the matcher (with one search, in case
#: compiling is deferred to it).
LOAD_SCRIPT = """
import json, sys, time
started = time.process_time()
from sphinx_balena_glossary.loader import load_glossary
from sphinx_balena_glossary.matcher import build_matcher
imported = time.process_time()
glossary, problems = load_glossary([sys.argv[1]])
loaded = time.process_time()
build_matcher(glossary).find("The first search of a build, in case compiling is deferred.")
done = time.process_time()
print(json.dumps({
    "import": imported - started, "read": loaded - imported, "compile": done - loaded,
    "terms": len(glossary.terms), "problems": len(problems),
}))
"""


def load(parent: Path, args: argparse.Namespace) -> list[Row]:
    """Loading and compiling a generated data file of ``--load-terms`` terms, best of 3."""
    data = parent / "load.yaml"
    write_glossary(data, term_names(args.load_terms))
    runs: list[dict[str, float]] = []
    for _ in range(3):
        out = subprocess.run(
            [sys.executable, "-c", LOAD_SCRIPT, str(data)],
            check=True,
            cwd=HERE,
            capture_output=True,
            text=True,
        )
        runs.append(json.loads(out.stdout))
    data.unlink()
    best = min(runs, key=lambda run: run["read"] + run["compile"])
    seconds = best["read"] + best["compile"]
    _say(f"  load: {[round(run['read'] + run['compile'], 3) for run in runs]} CPU s")
    return [
        Row(
            f"Load and compile a {best['terms']:,}-term data file",
            f"{seconds:.2f} CPU s (reading and checking {best['read']:.2f} s,"
            f" matcher {best['compile']:.2f} s; importing the modules"
            f" {best['import']:.2f} s more; {best['problems']} problems)",
            f"< {LOAD_TARGET:.0f} s",
            seconds < LOAD_TARGET,
        )
    ]


def cli(parent: Path, args: argparse.Namespace) -> list[Row]:
    """Wall time of the installed ``sphinx-balena-glossary validate`` (bundled glossary),
    best of 5, in an empty folder (in a docs folder it would read that project's sources)."""
    script = Path(sys.executable).parent / "sphinx-balena-glossary"
    figure = "`sphinx-balena-glossary validate` (bundled glossary), start to finish"
    if not script.exists():
        return [Row(figure, f"not measured: no {script}", f"< {CLI_TARGET} s", None)]
    folder = parent / "cli"
    folder.mkdir()
    times: list[float] = []
    for _ in range(5):
        started = time.perf_counter()
        subprocess.run([str(script), "validate"], check=True, cwd=folder, capture_output=True)
        times.append(time.perf_counter() - started)
    _say(f"  validate: {[round(t, 3) for t in times]} s")
    best = min(times)
    return [Row(figure, f"{best:.3f} s wall", f"< {CLI_TARGET} s", best < CLI_TARGET)]


def _tippy_installed() -> bool:
    """Whether the builds can load sphinx-tippy (it is optional: the row then says so)."""
    found = subprocess.run([sys.executable, "-c", "import sphinx_tippy"], cwd=HERE, check=False)
    return found.returncode == 0


def _tip_bytes(root: Path) -> int:
    """Bytes of the tip data files (``_static/tippy/...js``) the pages load; earlier builds'
    files stay behind in nested folders, so only those a page names count."""
    out = root / "_build"
    scripts = {
        match
        for page in out.rglob("*.html")
        for match in re.findall(
            r'src="((?:\.\./)*_static/tippy/[^"]+\.js)"', page.read_text(encoding="utf-8")
        )
    }
    return sum((out / re.sub(r"^(\.\./)*", "", src)).stat().st_size for src in scripts)


def tippy(parent: Path, args: argparse.Namespace) -> list[Row]:
    """sphinx-tippy's tooltips on the same mentions, as ``:term:`` roles, against the same
    ``:term:`` pages without it; for comparison with the extension's full-build rows."""
    label = f"sphinx-tippy, {args.terms:,} terms, `:term:` roles"
    if not _tippy_installed():
        return [Row(label, "not measured: sphinx-tippy is not installed", "—", None)]
    names = term_names(args.terms)
    with _projects(parent, "tippy") as folder:
        plain, with_tips = folder / "terms", folder / "tippy"
        write_project(plain, args.pages, names, "terms", args.density)
        write_project(with_tips, args.pages, names, "tippy", args.density)
        _, runs = build_couples(plain, with_tips, args.couples)
        links = links_per_page(with_tips, TERM_LINK)
        tips = _tip_bytes(with_tips)
    _say(f"  tippy: {links:.1f} links per page; {_seconds(runs)}")
    rows = _build_rows(f"{label} ({links:.0f} links/page)", summarize(runs), None)
    without, with_ = runs[-1]
    size = rows[-1]
    with_files = (with_.html_bytes + tips) / without.html_bytes
    rows[-1] = size._replace(measured=f"{size.measured}; with its tip files {with_files:.3f}×")
    return rows


def table(rows: list[Row]) -> str:
    """The rows as a markdown table."""
    verdict = {True: "met", False: "**not met**", None: "—"}
    lines = ["| figure | measured | target | |", "| --- | --- | --- | --- |"]
    lines += [f"| {r.figure} | {r.measured} | {r.target} | {verdict[r.met]} |" for r in rows]
    return "\n".join(lines)


#: Each part of a run (``--only``), in the order a run measures them: the quick ones first.
MEASURES: dict[str, Callable[[Path, argparse.Namespace], list[Row]]] = {
    "load": load,
    "cli": cli,
    "full": full_builds,
    "incremental": incremental,
    "tippy": tippy,
}


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    """The command line; ``--quick`` is one couple per case."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--couples",
        type=int,
        default=9,
        help="couples of pairs of builds per case (the second pair of each with the cores"
        " swapped); incremental: rounds of touched + unchanged rebuilds (default 9)",
    )
    parser.add_argument("--quick", action="store_true", help="one couple per case: a try")
    parser.add_argument("--pages", type=int, default=300)
    parser.add_argument(
        "--density", type=float, default=0.05, help="share of words that are term mentions"
    )
    parser.add_argument("--terms", type=int, default=5000, help="the large glossary")
    parser.add_argument("--small-terms", type=int, default=100, help="the small glossary")
    parser.add_argument("--load-terms", type=int, default=20000, help="the data file loaded")
    parser.add_argument("--only", nargs="+", choices=list(MEASURES), default=list(MEASURES))
    args = parser.parse_args(argv)
    if args.quick:
        args.couples = 1
    return args


def main(argv: list[str] | None = None) -> int:
    """Measure the parts asked for, then print the table with the command that made it."""
    args = _arguments(argv)
    started = time.perf_counter()
    _say(
        f"python {sys.version.split()[0]}, {os.cpu_count()} cores,"
        f" {'pairs pinned to cores ' + str(_cores()) if _cores() else 'serial builds'};"
        f" extension {extension_path()}"
    )
    compile_extension()
    rows: list[Row] = []
    with tempfile.TemporaryDirectory() as tmp:
        for part, measure in MEASURES.items():
            if part in args.only:
                _say(f"{part} ...")
                rows += measure(Path(tmp), args)
    minutes = (time.perf_counter() - started) / 60
    when = datetime.now(timezone.utc).strftime("%Y-%m-%d")
    command = " ".join(["python benchmarks/cost.py", *(sys.argv[1:] if argv is None else argv)])
    print(
        f"{when}, `{command}`"
        f" ({args.couples} couple{'s' if args.couples > 1 else ''} per case,"
        f" {args.pages} pages, {args.density:.0%} of words are mentions; {minutes:.1f} minutes):\n"
    )
    print(table(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
