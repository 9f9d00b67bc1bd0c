"""What the extension costs a real HTML build, as ratios against the same build without it.

Generates a synthetic handbook (N pages of ~800 words with headings, code,
literals and links, in section toctrees of 50 pages — one flat toctree of N
pages makes the theme's sidebar, and so the build, quadratic) and a glossary
of T terms of realistic shapes (from ``matcher_throughput.make_terms``:
overlapping prefixes, camelCase, acronyms, punctuation). Each run builds the
project twice in one go — plain, then with the extension (auto-linking
``"all"`` or ``--mode``, tooltips on, links to a published glossary URL) — and prints the
ratios of CPU time (user + system seconds of the build process), wall time,
peak memory and HTML size, plus matcher throughput::

    python benchmarks/build_ratio.py                 # N=1000, T=100 and T=5000
    python benchmarks/build_ratio.py --pages 200 --terms 100 1000

Each build runs in its own ``sphinx-build`` process (serial, fresh
environment), so peak memory is that process's maximum resident size. On a
machine with two or more cores the builds of a pair run at the same time,
each pinned to its own core, so both meet the same machine conditions (see
:func:`build_pair`), and each pair is followed by the same pair with the
cores swapped, which cancels a difference in speed between the cores (see
:func:`build_couples`). The median time ratio of the ``--repeat`` couples
counts, and the least peak memory of each variant (a build's peak memory
varies with when Python's garbage collector runs).

The builds run in the generated project's folder, so they measure the
extension the interpreter has installed (editable or not), never a source
folder that happens to be the current directory; the first lines name it.
``benchmarks/cost.py`` reuses this machinery for every figure of the
performance targets.
"""

from __future__ import annotations

import argparse
import gzip
import math
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

sys.path.insert(0, str(Path(__file__).resolve().parent))

from matcher_throughput import make_terms, measure

WORDS = [
    "the",
    "a",
    "device",
    "update",
    "release",
    "build",
    "image",
    "network",
    "service",
    "user",
    "team",
    "fleet",
    "configure",
    "deploy",
    "application",
    "container",
    "support",
    "process",
    "data",
    "system",
    "when",
    "with",
    "from",
    "into",
    "over",
    "each",
    "every",
    "should",
    "could",
    "their",
    "which",
    "about",
    "after",
    "before",
]
PAGES_PER_SECTION = 50
#: Where the benchmarks' own subprocesses run: a folder without the extension's
#: sources, so ``python -c`` imports the installed extension, not the checkout's.
HERE = Path(__file__).resolve().parent


def _paragraph(
    rng: random.Random, names: list[str], words: int, density: float, role: str = ""
) -> str:
    """A sentence of ``words`` words, a share ``density`` of them glossary names.

    Cased as ``str.capitalize`` cases the whole sentence (first letter up,
    all else down), word by word, so that with ``role`` (``"term"``) the same
    mentions at the same places can be written as ``:term:`...``` roles.
    """
    picks = [
        (True, rng.choice(names)) if rng.random() < density else (False, rng.choice(WORDS))
        for _ in range(words)
    ]
    cased = [picks[0][1].capitalize(), *(word.lower() for _, word in picks[1:])]
    if role:
        cased = [
            f":{role}:`{word}`" if mention else word
            for (mention, _), word in zip(picks, cased, strict=True)
        ]
    return " ".join(cased) + "."


#: What each variant adds to the plain project's conf.py: nothing; this extension;
#: bare links (``links_only.py``); a Sphinx ``.. glossary::`` page and the mentions of
#: the text as ``:term:`` roles, without ("terms") and with ("tippy") sphinx-tippy.
VARIANTS = ("plain", "extension", "links", "terms", "tippy")
#: conf.py of the "tippy" variant: sphinx-tippy with its network features off,
#: so the build never waits for Wikipedia, a DOI service or Read the Docs.
TIPPY_CONF = (
    "extensions = ['sphinx_tippy']",
    "tippy_enable_wikitips = False",
    "tippy_enable_doitips = False",
    "tippy_rtd_urls = []",
)


def term_names(count: int) -> list[str]:
    """``count`` glossary names from ``make_terms``, case-insensitively unique, as the
    terms of a valid data file are (each name becomes a term of its own)."""
    extra = 0
    while True:
        unique = {p.text.casefold(): p.text for p in make_terms(count + extra)}
        if len(unique) >= count:
            return list(unique.values())[:count]
        extra += max(10, count // 50)


def write_glossary(path: Path, names: list[str]) -> None:
    """A data file with one term per name, each with a short definition in Markdown."""
    glossary = ["version: 1", "terms:"]
    for i, name in enumerate(names):
        quoted = name.replace("'", "''")
        glossary += [f"  - term: '{quoted}'", f"    definition: Definition {i} of *{quoted}*."]
    path.write_text("\n".join(glossary) + "\n", encoding="utf-8")


def write_glossary_page(path: Path, names: list[str]) -> None:
    """The same terms and definitions as :func:`write_glossary`, as a Sphinx glossary page."""
    lines = ["Glossary", "========", "", ".. glossary::", ""]
    for i, name in enumerate(names):
        lines += [f"   {name}", f"      Definition {i} of *{name}*.", ""]
    path.write_text("\n".join(lines), encoding="utf-8")


def write_project(
    root: Path,
    pages: int,
    names: list[str],
    variant: str,
    density: float = 0.01,
    mode: str = "all",
    settings: tuple[str, ...] = (),
) -> None:
    """The generated handbook; ``variant`` is one of :data:`VARIANTS`; ``settings`` are
    ``NAME=VALUE`` lines added to the conf.py of the extension or of the control.

    Every variant has the same pages, words and mentions; only conf.py, the
    glossary page of the ``:term:`` variants and the roles around mentions differ.
    """
    rng = random.Random(1234)
    root.mkdir(parents=True)
    conf = ["project = 'bench'", "exclude_patterns = ['_build']"]
    if variant == "links":  # the control: bare references, see links_only.py
        conf += [
            "import sys",
            f"sys.path.insert(0, {str(Path(__file__).resolve().parent)!r})",
            "extensions = ['links_only']",
            *settings,
        ]
    elif variant == "extension":
        conf += [
            "extensions = ['sphinx_balena_glossary']",
            "balena_glossary_file = 'glossary.yaml'",
            f"balena_glossary_autolink = {mode!r}",
            "balena_glossary_tooltips = True",
            "balena_glossary_url = 'https://handbook.example.com/glossary/'",
            *settings,
        ]
    elif variant == "tippy":
        conf += TIPPY_CONF
    (root / "conf.py").write_text("\n".join(conf) + "\n", encoding="utf-8")
    write_glossary(root / "glossary.yaml", names)
    role = "term" if variant in ("terms", "tippy") else ""
    sections = (pages + PAGES_PER_SECTION - 1) // PAGES_PER_SECTION
    index = ["Bench", "=====", "", ".. toctree::", "   :maxdepth: 1", ""]
    index += [f"   s{s}/index" for s in range(sections)]
    if role:
        index.append("   glossary")
        write_glossary_page(root / "glossary.rst", names)
    (root / "index.rst").write_text("\n".join(index) + "\n", encoding="utf-8")
    for s in range(sections):
        folder = root / f"s{s}"
        folder.mkdir()
        first, last = s * PAGES_PER_SECTION, min(pages, (s + 1) * PAGES_PER_SECTION)
        toc = [f"Section {s}", "=" * 12, "", ".. toctree::", ""]
        toc += [f"   p{p}" for p in range(first, last)]
        (folder / "index.rst").write_text("\n".join(toc) + "\n", encoding="utf-8")
        for p in range(first, last):
            title = f"Page {p} about {rng.choice(names)}"
            body = [title, "=" * len(title), ""]
            for h in range(3):
                part = f"Part {h}: {rng.choice(names)}"
                body += [part, "-" * len(part), ""]
                for _ in range(3):
                    body += [_paragraph(rng, names, 85, density, role), ""]
                body += [
                    f"Use ``{rng.choice(names)}`` or see `the docs <https://example.com/{p}/{h}>`_.",
                    "",
                    ".. code-block:: text",
                    "",
                    f"   {rng.choice(names)} --flag value",
                    "",
                ]
            (folder / f"p{p}.rst").write_text("\n".join(body), encoding="utf-8")


class Build(NamedTuple):
    """One finished ``sphinx-build``: what it cost and what it wrote."""

    #: Wall time, from the start of the pair.
    seconds: float
    #: User + system CPU seconds of the build process: steadier than wall time on a
    #: shared machine, since time spent waiting for the CPU does not count.
    cpu_seconds: float
    peak_kib: int
    html_bytes: int
    #: What a reader downloads from a web server that compresses pages (most do).
    gzipped_bytes: int


def _command(root: Path, fresh: bool = True) -> list[str]:
    """``sphinx-build`` of ``root`` into ``root/_build``; ``fresh``: a new environment (``-E``;
    :func:`build_pair` also empties ``_build``, so that nothing the extension keeps between
    builds is used), otherwise an incremental build (the pages changed since the last build)."""
    return [
        sys.executable,
        "-m",
        "sphinx",
        "-q",
        *(["-E"] if fresh else []),
        "-b",
        "html",
        str(root),
        str(root / "_build"),
    ]


def _output_sizes(root: Path) -> tuple[int, int]:
    pages = [p.read_bytes() for p in (root / "_build").rglob("*.html")]
    return sum(map(len, pages)), sum(len(gzip.compress(page, mtime=0)) for page in pages)


def compile_extension(checkout: Path | None = None) -> None:
    """Write the bytecode of the extension the builds import (the one in ``checkout``, a
    folder put first on the Python path, when given), as installing it does.

    A source checkout run with ``PYTHONDONTWRITEBYTECODE`` would otherwise
    compile the extension anew in every build, which an installed copy never
    does (and Sphinx, installed, never does either).
    """
    script = (
        "import compileall, os, sphinx_balena_glossary as p;"
        "compileall.compile_dir(os.path.dirname(p.__file__), quiet=1)"
    )
    environment = dict(os.environ)
    if checkout is not None:
        environment["PYTHONPATH"] = str(checkout)
    subprocess.run([sys.executable, "-c", script], check=True, cwd=HERE, env=environment)


def extension_path() -> str:
    """The folder of the extension the builds import (printed, so a run says what it measured)."""
    script = "import os, sphinx_balena_glossary as p; print(os.path.dirname(p.__file__))"
    found = subprocess.run(
        [sys.executable, "-c", script], check=True, cwd=HERE, capture_output=True, text=True
    )
    return found.stdout.strip()


def _cores() -> list[int]:
    """Two cores to pin the builds of a pair to, or none to pin to."""
    if not hasattr(os, "sched_getaffinity"):
        return []
    cores = sorted(os.sched_getaffinity(0))
    return cores[:2] if len(cores) >= 2 else []


def build_pair(
    plain_root: Path, ext_root: Path, cores: list[int], fresh: bool = True
) -> tuple[Build, Build]:
    """Build both projects at the same time, each pinned to one of ``cores`` (in that order).

    Built together, the two builds share whatever else the machine is doing
    at that moment, so their ratio stays steady even when the machine's speed
    drifts (here by ±15% from one minute to the next); one after the other,
    that drift goes straight into the ratio. Without two cores they run one
    after the other. ``fresh``: see :func:`_command`.
    """
    roots = (plain_root, ext_root)
    finished: dict[Path, tuple[float, float, int]] = {}
    for batch in [roots] if cores else [[root] for root in roots]:
        started = time.perf_counter()
        running = {}
        pins: list[int | None] = list(cores) if cores else [None] * len(batch)
        for root, core in zip(batch, pins, strict=True):
            if fresh:  # a build from a clean checkout: nothing kept from the last one
                shutil.rmtree(root / "_build", ignore_errors=True)
            pid = subprocess.Popen(_command(root, fresh), cwd=root).pid
            if core is not None:
                os.sched_setaffinity(pid, {core})  # its first milliseconds run anywhere
            running[pid] = root
        while running:
            pid, status, usage = os.wait4(-1, 0)
            root = running.pop(pid)
            if status != 0:
                raise SystemExit(f"build failed: {' '.join(_command(root, fresh))}")
            cpu = usage.ru_utime + usage.ru_stime
            finished[root] = (time.perf_counter() - started, cpu, usage.ru_maxrss)
    plain, ext = (Build(*finished[root], *_output_sizes(root)) for root in roots)
    return plain, ext


def build_couples(
    plain_root: Path, ext_root: Path, couples: int
) -> tuple[list[float], list[tuple[Build, Build]]]:
    """``couples`` times, a pair of builds and the same pair with the cores swapped.

    The cores of a virtual machine need not run at the same speed (here two
    identical builds, one per core, took 61 s and 50 s), and a pair's ratio
    carries that factor; the swapped pair carries its inverse, so the
    geometric mean of the two ratios, the couple's ratio, is free of it.
    """
    cores = _cores()
    runs: list[tuple[Build, Build]] = []
    for _ in range(couples):
        runs += [build_pair(plain_root, ext_root, order) for order in (cores, cores[::-1])]
    return couple_ratios(runs, lambda build: build.seconds), runs


def couple_ratios(runs: list[tuple[Build, Build]], cost: Callable[[Build], float]) -> list[float]:
    """The ratio with/without of ``cost`` of each couple of ``runs`` (as :func:`build_couples`
    returns them): the geometric mean of its two pairs' ratios, free of the cores' speeds."""
    pairs = [cost(e) / cost(p) for p, e in runs]
    return [math.sqrt(a * b) for a, b in zip(pairs[::2], pairs[1::2], strict=True)]


class Ratios(NamedTuple):
    """With/without ratios of a run of :func:`build_couples`."""

    #: CPU time of each couple (the median counts).
    cpu: list[float]
    #: Wall time of each couple.
    wall: list[float]
    #: The least peak of each side: peak memory does not depend on timing, only on
    #: when Python's garbage collector happens to run.
    memory: float
    #: HTML written (the same in every build of a side).
    html: float
    gzipped: float


def summarize(runs: list[tuple[Build, Build]]) -> Ratios:
    """The ratios of ``runs`` that the benchmarks print."""
    plain, ext = runs[-1]
    return Ratios(
        cpu=couple_ratios(runs, lambda build: build.cpu_seconds),
        wall=couple_ratios(runs, lambda build: build.seconds),
        memory=min(e.peak_kib for _, e in runs) / min(p.peak_kib for p, _ in runs),
        html=ext.html_bytes / plain.html_bytes,
        gzipped=ext.gzipped_bytes / plain.gzipped_bytes,
    )


def _print_pairs(ratios: list[float], runs: list[tuple[Build, Build]]) -> None:
    couples = ", ".join(f"{ratio:.3f}" for ratio in ratios)
    pairs = ", ".join(f"{e.seconds / p.seconds:.3f}" for p, e in runs)
    seconds = ", ".join(f"{e.seconds:.1f}/{p.seconds:.1f}" for p, e in runs)
    cpu = ", ".join(f"{e.cpu_seconds:.1f}/{p.cpu_seconds:.1f}" for p, e in runs)
    print(f"         wall time ratio of each couple {couples} (median counts)")
    print(f"         of each pair {pairs}; seconds with/without: {seconds}")
    print(f"         CPU seconds with/without: {cpu}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--pages", type=int, default=1000)
    parser.add_argument("--terms", type=int, nargs="+", default=[100, 5000])
    parser.add_argument(
        "--density", type=float, default=0.01, help="share of words that are term mentions"
    )
    parser.add_argument(
        "--repeat",
        type=int,
        default=2,
        help="couples of pairs of builds (the second pair with the cores swapped);"
        " the median time ratio of the couples and the least peak memory count",
    )
    parser.add_argument(
        "--mode",
        default="all",
        choices=("first", "section", "all"),
        help="balena_glossary_autolink of the extension's build (default: all, the most links)",
    )
    parser.add_argument(
        "-D",
        dest="settings",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="a setting of the extension's build, as Python: -D \"balena_glossary_expand='first'\"",
    )
    parser.add_argument(
        "--control",
        action="store_true",
        help="also time the same mentions made bare references by a tiny transform"
        " (benchmarks/links_only.py): what Sphinx alone charges for the links",
    )
    args = parser.parse_args(argv)
    print(
        f"python {sys.version.split()[0]}, {os.cpu_count()} cores, {args.pages} pages,"
        f" {args.density:.0%} of words are term mentions,"
        f" {'builds of a pair run together, pinned to cores ' + str(_cores()) if _cores() else 'serial builds'}"
    )
    print(f"extension: {extension_path()}")
    compile_extension()
    for terms in args.terms:
        names = term_names(terms)
        with tempfile.TemporaryDirectory() as tmp:
            plain_root, ext_root = Path(tmp, "plain"), Path(tmp, "ext")
            write_project(plain_root, args.pages, names, "plain", args.density)
            write_project(
                ext_root,
                args.pages,
                names,
                "extension",
                args.density,
                args.mode,
                tuple(args.settings),
            )
            ratios, runs = build_couples(plain_root, ext_root, args.repeat)
            if args.control:
                links_root = Path(tmp, "links")
                write_project(links_root, args.pages, names, "links", args.density)
                control_ratios, control = build_couples(plain_root, links_root, args.repeat)
            links = sum(
                p.read_text(encoding="utf-8").count('class="bterm ')
                for p in Path(ext_root, "_build").rglob("*.html")
            )
            shutil.rmtree(tmp, ignore_errors=True)
        throughput = measure(terms, 1.0)
        summary = summarize(runs)
        print(
            f"T={terms:>5}: CPU time {statistics.median(summary.cpu):.3f}x"
            f" | wall time {statistics.median(summary.wall):.3f}x"
            f" | peak memory {summary.memory:.3f}x"
            f" | HTML size {summary.html:.3f}x (gzipped {summary.gzipped:.3f}x)"
            f" | {links} term links | matcher {throughput:.1f} MB/s"
        )
        _print_pairs(ratios, runs)
        if args.control:
            bare = statistics.median(summarize(control).cpu)
            print(
                f"         control, the same mentions as bare references: CPU time {bare:.3f}x"
                f" | wall time {statistics.median(control_ratios):.3f}x"
            )
            _print_pairs(control_ratios, control)
    return 0


if __name__ == "__main__":
    sys.exit(main())
