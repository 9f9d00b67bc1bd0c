"""How precise auto-linking is on a real docs tree, in a form a person can judge in minutes.

Builds a docs tree (its own ``conf.py``, or none: then MyST and reST pages
with only this extension) with a glossary, and prints:

* pages, words, automatic and explicit term links, links per 1,000 words;
* per term: the automatic links made, and the pages with the most links;
* a random, seeded sample of automatic links, each in its sentence with the
  link in ``[[double brackets]]``, for a person to judge one by one.

``--json FILE`` writes every automatic link with its sentence; ``--compare
FILE`` prints the links gone and new since such a file (in ``"first"`` mode a
link is a (page, term) pair, so a link that moved to a later mention is not
"gone")::

    python benchmarks/precision.py docs/ --glossary glossary.yaml --glossary-page glossary
    python benchmarks/precision.py docs/ --mode all --sample 0 --json all.json
    python benchmarks/precision.py docs/ --compare before.json

``--glossary-page DOCNAME`` replaces that document (in a temporary copy of the
tree) by a page holding the ``balena-glossary`` directive, as a project moving
to the extension does with its old glossary page.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from dataclasses import asdict, dataclass
from pathlib import Path

from bs4 import BeautifulSoup, NavigableString, Tag

#: Elements whose text is one block of prose: a link's sentence is looked for there.
BLOCKS = ("p", "li", "td", "th", "dd", "dt", "blockquote", "figcaption", "caption", "div")
#: Where a sentence ends: terminal punctuation then a space, or a line break.
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=\S)|\n\s*\n|\n(?=\s*[-*•])")


@dataclass(frozen=True)
class Link:
    """One automatic link: where it is, what it says, what it links to, and its sentence."""

    page: str
    term: str
    text: str
    sentence: str
    #: Whether the page links the same entry itself ("before" or "after" this link), or "".
    author_link: str = ""

    @property
    def key(self) -> tuple[str, str]:
        return (self.page, self.term)


def _page_source(srcdir: Path, docname: str) -> Path | None:
    for suffix in (".md", ".rst", ".txt"):
        path = srcdir / f"{docname}{suffix}"
        if path.exists():
            return path
    return None


def prepare_tree(source: Path, work: Path, glossary_page: str | None) -> Path:
    """A copy of ``source`` in ``work``, its glossary page (if named) made the directive."""
    srcdir = work / "src"
    shutil.copytree(source, srcdir, ignore=shutil.ignore_patterns("_build", ".git", "node_modules"))
    if glossary_page:
        page = _page_source(srcdir, glossary_page)
        if page is None:
            sys.exit(f"--glossary-page: no document {glossary_page!r} in {source}")
        if page.suffix == ".md":
            text = "# Glossary\n\n```{balena-glossary}\n```\n"
        else:
            text = "Glossary\n========\n\n.. balena-glossary::\n"
        page.write_text(text, encoding="utf-8")
    conf = srcdir / "conf.py"
    if conf.exists() and "sphinx_balena_glossary" not in conf.read_text(encoding="utf-8"):
        with conf.open("a", encoding="utf-8") as file:
            file.write('\nextensions = [*extensions, "sphinx_balena_glossary"]\n')
    return srcdir


def build(srcdir: Path, outdir: Path, args: argparse.Namespace) -> None:
    """One HTML build in its own process, with the plain ``basic`` theme (stable markup)."""
    settings = {
        "html_theme": "basic",
        "balena_glossary_autolink": args.mode,
        "balena_glossary_tooltips": "0",
        **dict(item.split("=", 1) for item in args.define),
    }
    if args.glossary:
        settings["balena_glossary_file"] = str(args.glossary.resolve())
    command = [sys.executable, "-m", "sphinx", "-b", "html", "-q", "-E", "-j", str(args.jobs)]
    if not (srcdir / "conf.py").exists():
        command.append("-C")
        settings.setdefault("extensions", "myst_parser,sphinx_balena_glossary")
        if _page_source(srcdir, "index") is None and _page_source(srcdir, "README"):
            settings.setdefault("root_doc", "README")  # GitBook and GitHub trees
    for name, value in settings.items():
        command += ["-D", f"{name}={value}"]
    result = subprocess.run(
        [*command, str(srcdir), str(outdir)], capture_output=True, text=True, check=False
    )
    warnings = [line for line in result.stderr.splitlines() if "[bterm." in line]
    for line in warnings[:20]:
        print("  build:", line, file=sys.stderr)
    if result.returncode:
        sys.exit(f"sphinx-build failed ({result.returncode}):\n{result.stderr[-3000:]}")


def _block_of(node: Tag) -> Tag:
    parent = node.parent
    while parent is not None and parent.name not in BLOCKS:
        parent = parent.parent
    return parent if parent is not None else node


def _sentence(block: Tag, link: Tag) -> str:
    """The sentence of ``block`` holding ``link``, with the link in double brackets."""
    pieces: list[str] = []
    start = end = -1
    for string in block.find_all(string=True):
        if not isinstance(string, NavigableString):
            continue
        if string.parent is link or link in string.parents:
            if start < 0:
                start = sum(map(len, pieces))
                pieces.append("[[")
            pieces.append(str(string))
            end = sum(map(len, pieces))
            continue
        if start >= 0 and end == sum(map(len, pieces)):
            pieces.append("]]")
        pieces.append(str(string))
    text = "".join(pieces)
    if end == len(text):
        text += "]]"
    before = [m.end() for m in _SENTENCE_END.finditer(text, 0, max(start, 0))]
    after = _SENTENCE_END.search(text, end)
    sentence = text[before[-1] if before else 0 : after.start() if after else len(text)]
    return " ".join(sentence.split())


def read_links(outdir: Path) -> tuple[list[Link], Counter[str], int, int]:
    """Every automatic link, explicit links per page, and the number of words and pages."""
    links: list[Link] = []
    explicit: Counter[str] = Counter()
    words = pages = 0
    for path in sorted(outdir.rglob("*.html")):
        page = path.relative_to(outdir).with_suffix("").as_posix()
        if page.startswith("_") or page in ("genindex", "search", "py-modindex"):
            continue
        html = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        body = html.select_one("div.body") or html.select_one("[role=main]")
        if body is None:
            continue
        for tips in body.select(".bterm-tips"):
            tips.decompose()
        pages += 1
        words += len(body.get_text(" ").split())
        autos: list[tuple[int, Tag]] = []
        authored: dict[str, list[int]] = {}
        selector = "[data-bterm], a[href*='#term-']:not(.headerlink)"
        for position, element in enumerate(body.select(selector)):
            if "bterm-auto" in element.get("class", []):
                autos.append((position, element))
                continue
            explicit[page] += 1
            key = element.get("data-bterm") or element["href"].rsplit("#term-", 1)[1]
            authored.setdefault(key, []).append(position)
        for position, element in autos:
            key = element["data-bterm"]
            where = authored.get(key, [])
            author = "before" if any(p < position for p in where) else "after" if where else ""
            sentence = _sentence(_block_of(element), element)
            links.append(Link(page, key, element.get_text(), sentence, author))
    return links, explicit, words, pages


def report(
    links: list[Link], explicit: Counter[str], words: int, pages: int, sample: int, seed: int
) -> None:
    per_page = Counter(link.page for link in links)
    print(
        f"pages {pages}, words {words:,}, automatic links {len(links):,}, explicit links {sum(explicit.values()):,}"
    )
    print(f"automatic links per 1,000 words: {1000 * len(links) / max(words, 1):.1f}")
    if per_page:
        densest = ", ".join(f"{page} {count}" for page, count in per_page.most_common(3))
        print(f"most automatic links on a page: {densest}")
    print("\nautomatic links per term:")
    for term, count in Counter(link.term for link in links).most_common():
        print(f"  {count:5d}  {term}")
    if sample:
        chosen = random.Random(seed).sample(links, min(sample, len(links)))
        print(f"\nrandom sample of {len(chosen)} automatic links (seed {seed}):")
        for number, link in enumerate(chosen, 1):
            note = f" (the page links it itself, {link.author_link})" if link.author_link else ""
            print(f"{number:3d}. [{link.term}] {link.page}: {link.sentence}{note}")


def compare(links: list[Link], baseline: list[Link]) -> None:
    """Links gone and new since ``baseline``, by (page, term)."""
    now, then = {link.key: link for link in links}, {link.key: link for link in baseline}
    gone = [then[key] for key in sorted(then.keys() - now.keys())]
    new = [now[key] for key in sorted(now.keys() - then.keys())]
    moved = [
        now[key]
        for key in sorted(now.keys() & then.keys())
        if now[key].sentence != then[key].sentence
    ]
    print(
        f"\nsince the baseline: {len(gone)} gone, {len(new)} new, {len(moved)} moved to another mention"
    )
    for title, group in (("gone", gone), ("new", new), ("moved", moved)):
        for link in group:
            print(f"  {title}: [{link.term}] {link.page}: {link.sentence}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "source", type=Path, help="the docs tree (its conf.py is used if it has one)"
    )
    parser.add_argument("--glossary", type=Path, help="the data file (default: the bundled one)")
    parser.add_argument("--glossary-page", help="document to replace by the balena-glossary page")
    parser.add_argument("--mode", default="first", choices=("first", "section", "all"))
    parser.add_argument(
        "--sample", type=int, default=80, help="links in the random sample (0: none)"
    )
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--jobs", default="auto")
    parser.add_argument("-D", dest="define", action="append", default=[], help="NAME=VALUE setting")
    parser.add_argument("--json", type=Path, help="write every automatic link here")
    parser.add_argument("--compare", type=Path, help="a --json file of an earlier run")
    parser.add_argument("--keep", type=Path, help="build here, and keep the copy and the HTML")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="bterm-precision-") as temporary:
        work = args.keep.resolve() if args.keep else Path(temporary)
        if args.keep:
            shutil.rmtree(work, ignore_errors=True)
        srcdir = prepare_tree(args.source.resolve(), work, args.glossary_page)
        build(srcdir, work / "html", args)
        links, explicit, words, pages = read_links(work / "html")
    report(links, explicit, words, pages, args.sample, args.seed)
    if args.json:
        args.json.write_text(
            json.dumps([asdict(link) for link in links], indent=1), encoding="utf-8"
        )
    if args.compare:
        baseline = [Link(**item) for item in json.loads(args.compare.read_text(encoding="utf-8"))]
        compare(links, baseline)
    return 0


if __name__ == "__main__":
    sys.exit(main())
