"""What the extension costs a real HTML build, as ratios against the same build without it.

Generates a synthetic handbook (N pages of ~800 words with headings, code,
literals and links, in section toctrees of 50 pages — one flat toctree of N
pages makes the theme's sidebar, and so the build, quadratic) and a glossary
of T terms of realistic shapes (from ``matcher_throughput.make_terms``:
overlapping prefixes, camelCase, acronyms, punctuation). Each run builds the
project twice in one go — plain, then with the extension (auto-linking
``"all"``, tooltips on, links to a published glossary URL) — and prints the
ratios of wall time, peak memory and HTML size, plus matcher throughput::

    python benchmarks/build_ratio.py                 # N=1000, T=100 and T=5000
    python benchmarks/build_ratio.py --pages 200 --terms 100 1000

Each build runs in its own ``sphinx-build`` process (serial, fresh
environment), so peak memory is that process's maximum resident size. The
two variants are built alternately ``--repeat`` times and the least time and
the least peak memory of each count, which keeps the ratios steady on a noisy
machine (a build's peak memory also varies with when Python's garbage
collector happens to run).
"""

from __future__ import annotations

import argparse
import gzip
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

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


def _paragraph(rng: random.Random, names: list[str], words: int, density: float) -> str:
    out = [rng.choice(names) if rng.random() < density else rng.choice(WORDS) for _ in range(words)]
    return " ".join(out).capitalize() + "."


def write_project(
    root: Path, pages: int, names: list[str], with_extension: bool, density: float = 0.01
) -> None:
    rng = random.Random(1234)
    root.mkdir(parents=True)
    conf = ["project = 'bench'", "exclude_patterns = ['_build']"]
    if with_extension:
        conf += [
            "extensions = ['sphinx_balena_glossary']",
            "balena_glossary_file = 'glossary.yaml'",
            "balena_glossary_autolink = 'all'",
            "balena_glossary_tooltips = True",
            "balena_glossary_url = 'https://handbook.example.com/glossary/'",
        ]
    (root / "conf.py").write_text("\n".join(conf) + "\n", encoding="utf-8")
    glossary = ["version: 1", "terms:"]
    for i, name in enumerate(names):
        quoted = name.replace("'", "''")
        glossary += [f"  - term: '{quoted}'", f"    definition: Definition {i} of *{quoted}*."]
    (root / "glossary.yaml").write_text("\n".join(glossary) + "\n", encoding="utf-8")
    sections = (pages + PAGES_PER_SECTION - 1) // PAGES_PER_SECTION
    index = ["Bench", "=====", "", ".. toctree::", "   :maxdepth: 1", ""]
    index += [f"   s{s}/index" for s in range(sections)]
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
                    body += [_paragraph(rng, names, 85, density), ""]
                body += [
                    f"Use ``{rng.choice(names)}`` or see `the docs <https://example.com/{p}/{h}>`_.",
                    "",
                    ".. code-block:: text",
                    "",
                    f"   {rng.choice(names)} --flag value",
                    "",
                ]
            (folder / f"p{p}.rst").write_text("\n".join(body), encoding="utf-8")


def build(root: Path) -> tuple[float, int, int, int]:
    """Wall seconds, peak RSS (KiB) of the build process, total HTML bytes, and gzipped.

    The gzipped size is what a reader downloads from any web server that
    compresses pages (most do); both are printed, the target is on the first.
    """
    out = root / "_build"
    command = [sys.executable, "-m", "sphinx", "-q", "-E", "-b", "html", str(root), str(out)]
    started = time.perf_counter()
    process = subprocess.Popen(command)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    if status != 0:
        raise SystemExit(f"build failed: {' '.join(command)}")
    pages = [p.read_bytes() for p in out.rglob("*.html")]
    size = sum(map(len, pages))
    gzipped = sum(len(gzip.compress(page, mtime=0)) for page in pages)
    return seconds, usage.ru_maxrss, size, gzipped


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
        default=3,
        help="builds of each variant, alternating; the best of each measure counts",
    )
    args = parser.parse_args(argv)
    print(
        f"python {sys.version.split()[0]}, {os.cpu_count()} cores, {args.pages} pages,"
        f" {args.density:.0%} of words are term mentions"
    )
    for terms in args.terms:
        # one name per term, case-insensitively unique, as a valid data file has
        names = list({p.text.casefold(): p.text for p in make_terms(terms)}.values())
        with tempfile.TemporaryDirectory() as tmp:
            plain_root, ext_root = Path(tmp, "plain"), Path(tmp, "ext")
            write_project(plain_root, args.pages, names, False, args.density)
            write_project(ext_root, args.pages, names, True, args.density)
            runs = [(build(plain_root), build(ext_root)) for _ in range(args.repeat)]
            # the least of each measure: time and peak memory are each only ever
            # pushed up by noise (other load, when the garbage collector runs)
            plain = tuple(map(min, zip(*(p for p, _ in runs), strict=True)))
            ext = tuple(map(min, zip(*(e for _, e in runs), strict=True)))
            links = sum(
                p.read_text(encoding="utf-8").count('class="bterm ')
                for p in Path(ext_root, "_build").rglob("*.html")
            )
            shutil.rmtree(tmp, ignore_errors=True)
        throughput = measure(terms, 1.0)
        print(
            f"T={terms:>5}: time {ext[0]:6.1f}s / {plain[0]:6.1f}s = {ext[0] / plain[0]:.3f}x"
            f" | peak memory {ext[1] / plain[1]:.3f}x | HTML size {ext[2] / plain[2]:.3f}x"
            f" (gzipped {ext[3] / plain[3]:.3f}x)"
            f" | {links} term links | matcher {throughput:.1f} MB/s"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
