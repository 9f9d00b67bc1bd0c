"""What the extension adds to a build, counted in instructions: the same figure on a busy
machine as on a quiet one.

CPU seconds on a shared machine move with whatever else runs (the same build
here took 10.6 s and 15.7 s of CPU within minutes); ``valgrind
--tool=callgrind`` counts the instructions a build executes, which do not
move at all. So this script tells whether a change to the extension made its
work smaller, and by how much, where ``cost.py``'s ratios are too noisy to::

    python benchmarks/instructions.py                      # ~5 minutes
    python benchmarks/instructions.py --compare ../old     # the same against another checkout

It builds a generated handbook (``--pages`` pages, ``--terms`` terms,
``--density`` of mentions; ``build_ratio.py``'s generator) three ways, each
once under callgrind: a full build from an empty folder; a rebuild after a
sentence with a mention was appended to one page; a rebuild with nothing
changed (the last two after a full build, in the same folder, without
``-E``). It prints the instructions of the plain build (no extension), of
the extension, and the ratio; with ``--compare DIR``, also of the extension
found in ``DIR`` (a checkout: its package is put first on the Python path).
Up to two builds run at once (counts do not depend on it). Needs valgrind.

With ``--steps`` it builds up a full build one part at a time instead: the
plain build; the control of ``links_only.py`` stopped after reading the data
file and compiling the matcher, then after finding every mention, then
linking each as a plain reference node (the simplest auto-linker); and the
extension with tooltips off, with them on, and in ``"first"`` mode.

Instructions are no seconds: Python's interpreter, C parsers and regex
compilation retire instructions at different rates. Use it to compare
versions of the extension, ``cost.py`` for the time it costs.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from build_ratio import _command, compile_extension, term_names, write_project
from cost import touch_page

CASES = ("full", "touched", "unchanged")
_TOTALS = re.compile(r"^totals:\s*(\d+)", re.MULTILINE)


def _environment(path: Path | None) -> dict[str, str]:
    """The builds' environment; ``path``: a checkout whose extension they import (the
    builds run in the project's folder, so no package in the current folder comes first)."""
    environment = dict(os.environ)
    if path is not None:
        environment["PYTHONPATH"] = str(path)
    return environment


def _counted(root: Path, fresh: bool, path: Path | None) -> int:
    """Instructions of one ``sphinx-build`` of ``root``."""
    out = root.parent / f"{root.name}.{'full' if fresh else 'again'}.callgrind"
    subprocess.run(
        ["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}", *_command(root, fresh)],
        cwd=root,
        env=_environment(path),
        check=True,
        capture_output=True,
    )
    match = _TOTALS.search(out.read_text(errors="replace"))
    out.unlink()
    if match is None:
        raise SystemExit(f"no instruction count for {root}")
    return int(match[1])


def _three_builds(root: Path, path: Path | None, names: list[str]) -> dict[str, int]:
    """Full build, rebuild after one page was touched, rebuild with nothing changed."""
    counts = {"full": _counted(root, True, path)}
    touch_page(root, 1, names)
    counts["touched"] = _counted(root, False, path)
    counts["unchanged"] = _counted(root, False, path)
    return counts


#: (label, variant, mode, conf.py lines) of each build of ``--steps``.
STEPS = (
    ("plain Sphinx", "plain", "all", ()),
    (
        "+ data file read and checked, matcher compiled",
        "links",
        "all",
        ("bare_links_stop = 'load'",),
    ),
    ("+ every text searched for mentions", "links", "all", ("bare_links_stop = 'find'",)),
    ("+ each mention a plain reference node", "links", "all", ()),
    ("the extension, tooltips off", "extension", "all", ("balena_glossary_tooltips = False",)),
    ("the extension, `all`", "extension", "all", ()),
    ("the extension, `first`", "extension", "first", ()),
)


def steps(args: argparse.Namespace, names: list[str]) -> int:
    """Full builds of the same pages, each adding a part of the work (see the module's text)."""
    compile_extension(None)
    with tempfile.TemporaryDirectory() as folder:
        roots = [Path(folder, f"step{number}") for number in range(len(STEPS))]
        for root, (_, variant, mode, settings) in zip(roots, STEPS, strict=True):
            write_project(root, args.pages, names, variant, args.density, mode, settings)
        with ThreadPoolExecutor(max_workers=2) as pool:
            counts = list(pool.map(lambda root: _counted(root, True, None), roots))
    print(
        f"Instructions per full build ({args.pages} pages, {args.terms:,} terms,"
        f" {args.density:.0%} mentions), millions:\n"
    )
    print("| build | instructions | over plain |\n| --- | --- | --- |")
    for (label, *_), count in zip(STEPS, counts, strict=True):
        print(f"| {label} | {count / 1e6:,.0f} | {(count - counts[0]) / counts[0]:+.1%} |")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--pages", type=int, default=30)
    parser.add_argument("--terms", type=int, default=5000)
    parser.add_argument("--density", type=float, default=0.05)
    parser.add_argument("--compare", type=Path, help="another checkout of the extension")
    parser.add_argument("--steps", action="store_true", help="a full build, part by part")
    args = parser.parse_args(argv)
    if shutil.which("valgrind") is None:
        raise SystemExit("valgrind is needed (Debian: apt-get install valgrind)")
    names = term_names(args.terms)
    if args.steps:
        return steps(args, names)
    variants: dict[str, tuple[str, Path | None]] = {"plain": ("plain", None)}
    variants["extension"] = ("extension", None)
    if args.compare is not None:
        variants["compared"] = ("extension", args.compare.resolve())
    for label, (_, path) in variants.items():
        if label != "plain":
            compile_extension(path)  # as installed: no build compiles the extension's source
    with tempfile.TemporaryDirectory() as folder:
        roots = {label: Path(folder, label) for label in variants}
        for label, (variant, _) in variants.items():
            write_project(roots[label], args.pages, names, variant, args.density, "all")
        with ThreadPoolExecutor(max_workers=2) as pool:
            futures = {
                label: pool.submit(_three_builds, roots[label], path, names)
                for label, (_, path) in variants.items()
            }
            counts = {label: future.result() for label, future in futures.items()}
    project = f"{args.pages} pages, {args.terms:,} terms, {args.density:.0%} mentions, `all`"
    print(f"Instructions per build ({project}), millions:\n")
    heads = ["build", "plain", "extension", "ratio", "extra"]
    if "compared" in counts:
        heads += [f"{args.compare}", "ratio", "extra", "extra, this vs that"]
    print("| " + " | ".join(heads) + " |")
    print("|" + " --- |" * len(heads))
    for case in CASES:
        plain = counts["plain"][case]
        cells = [case, f"{plain / 1e6:,.0f}"]
        for label in ("extension", "compared"):
            if label in counts:
                value = counts[label][case]
                cells += [f"{value / 1e6:,.0f}", f"{value / plain:.3f}×"]
                cells.append(f"{(value - plain) / 1e6:+,.0f}")
        if "compared" in counts:
            this = counts["extension"][case] - plain
            that = counts["compared"][case] - plain
            cells.append(f"{(this - that) / that:+.1%}" if that else "—")
        print("| " + " | ".join(cells) + " |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
