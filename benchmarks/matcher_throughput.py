"""Throughput of :class:`~sphinx_balena_glossary.matcher.Matcher` against glossary size.

The auto-linker runs the matcher over every text node of every page, so its
speed must not depend on how many terms the glossary has.  This script builds
synthetic glossaries of T terms (seeded, so runs are comparable), generates
about 2 MB of English-like text with some mentions in it, split into
paragraph-sized text nodes as docutils would give them, and prints MB/s
and the time to build the matcher.  Times are CPU time of this process,
best of 5, so that other work on a shared machine distorts them less::

    python benchmarks/matcher_throughput.py [T ...]

``measure(terms, megabytes)`` is reusable by other benchmarks.
"""

from __future__ import annotations

import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sphinx_balena_glossary.matcher import Matcher, NamePattern

SEED = 20240601
_SYLLABLES_TEXT = (
    "ba le na cloud os de vi ce flee t ho st up da ter su per vi sor con tai ner re "
    "lea se net wor k ima ge pro xy bu s ke y ti ro mo li pa ra gen ix ul tra ve lo "
    "qua zi "
)
_SYLLABLES = tuple(_SYLLABLES_TEXT.split())
_COMMON_TEXT = (
    "the of and to in is that it for on with as was be by this are or from at an "
    "which but not have has can will you your we our all when if there their more "
    "use used device fleet release image build run start update system file data "
    "service when about into other some these only new first also after before each "
    "between through while where should would could make made like just over such "
    "then than them they "
)
_COMMON = tuple(_COMMON_TEXT.split())
_TAILS = ("image", "service", "device", "file", "release", "agent", "key", "mode")
_EXTENSIONS = ("json", "yml", "js", "sh", "toml")


def _word(rng: random.Random, low: int = 2, high: int = 4) -> str:
    return "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(low, high)))


def _unique_word(rng: random.Random, used: set[str]) -> str:
    """A made-up word not used before, so prefix/suffix overlaps are deliberate."""
    while True:
        word = _word(rng)
        if word not in used:
            used.add(word)
            return word


def make_terms(count: int, seed: int = SEED) -> list[NamePattern]:
    """``count`` name patterns of the shapes real glossaries have."""
    rng = random.Random(seed)
    used: set[str] = set()
    patterns: list[NamePattern] = []
    while len(patterns) < count:
        shape = rng.choices(range(7), weights=(20, 15, 20, 10, 15, 15, 2))[0]
        word = _unique_word(rng, used)
        key = f"t{len(patterns)}"
        if shape == 0:  # single word: "fleet"
            names = [word]
        elif shape == 1:  # camelCase: "balenaOS", "balenaCloud"
            names = [word + rng.choice(["OS", "Cloud", "Engine", "Hub", _word(rng, 1, 2).title()])]
        elif shape == 2:  # multi-word: "Docker base image"
            names = [f"{word.title()} {_word(rng, 1, 2)} {rng.choice(_TAILS)}"]
        elif shape == 3:  # acronym, case-sensitive: "HUP", "SSH"
            names = ["".join(rng.choice("ABCDEFGHIKLMNOPRSTUVW") for _ in range(rng.randint(2, 5)))]
        elif shape == 4:  # punctuation: "config.json", "balena-proxy"
            names = [f"{word}.{rng.choice(_EXTENSIONS)}", f"{word}-{_word(rng, 1, 2)}"]
        elif shape == 5:  # overlapping prefixes: "x", "x service", "x service image"
            names = [word, f"{word} {rng.choice(_TAILS)}", f"{word} {rng.choice(_TAILS)} image"]
        else:  # inverted, with an alias: "Beast, the"
            names = [f"{word.title()}, the", f"{word}s tool"]
        for name in names:
            if len(patterns) < count:
                patterns.append(NamePattern(name, key, case_sensitive=shape == 3))
    return patterns


def make_nodes(patterns: list[NamePattern], megabytes: float = 2.0, seed: int = SEED) -> list[str]:
    """Paragraph-sized text nodes totalling about ``megabytes`` of text.

    Roughly one word in 25 is a glossary name (sometimes plural or
    possessive, sometimes wrapped across a line), the rest common English
    words and punctuation, some of it typographic (so not all nodes are ASCII).
    """
    rng = random.Random(seed + 1)
    target = int(megabytes * 1_000_000)
    nodes: list[str] = []
    size = 0
    while size < target:
        words: list[str] = []
        for _ in range(rng.randint(10, 120)):
            if rng.random() < 0.04:
                name = rng.choice(patterns).text
                if name.endswith(", the"):
                    name = "the " + name[: -len(", the")]
                words.append(name + rng.choice(["", "", "", "s", "'s", "\u2019s"]))
            else:
                words.append(rng.choice(_COMMON))
            if rng.random() < 0.08:
                words[-1] += rng.choice([",", ".", ";", ":", " \u2014"])
        node = " ".join(words)
        # Wrap like a source file, so some names span a newline.
        node = "\n".join(node[i : i + 72] for i in range(0, len(node), 72))
        nodes.append(node)
        size += len(node)
    return nodes


def _time(nodes: list[str], matcher: Matcher, repeats: int = 5) -> tuple[float, int]:
    """Best CPU time of ``repeats`` passes of ``matcher.find`` over ``nodes``, and the mentions."""
    best = float("inf")
    found = 0
    for _ in range(repeats):
        started = time.process_time()
        found = sum(len(matcher.find(node)) for node in nodes)
        best = min(best, time.process_time() - started)
    return best, found


def _size(nodes: list[str]) -> int:
    return sum(len(node.encode()) for node in nodes)


def measure(terms: int, megabytes: float = 2.0) -> float:
    """Matcher throughput in MB/s over ``megabytes`` of text with ``terms`` terms (best of 5)."""
    patterns = make_terms(terms)
    matcher = Matcher(patterns)
    nodes = make_nodes(patterns, megabytes)
    return _size(nodes) / _time(nodes, matcher)[0] / 1e6


def main(argv: list[str]) -> None:
    """Print build time and throughput for each glossary size in ``argv``.

    Columns: text nodes as docutils gives them; the same text as one string;
    nodes that each hold a decomposed (NFD) accent, so every node takes the
    normalise-and-map path (the worst case for that path).
    """
    counts = [int(arg) for arg in argv] or [100, 1000, 5000, 20000]
    print(f"{'terms':>6} {'build s':>8} {'MB/s':>6} {'1 string':>9} {'all NFD':>8} {'mentions':>9}")
    for count in counts:
        patterns = make_terms(count)
        started = time.process_time()
        matcher = Matcher(patterns)
        build = time.process_time() - started
        nodes = make_nodes(patterns)
        elapsed, found = _time(nodes, matcher)
        whole = ["\n\n".join(nodes)]
        whole_elapsed = _time(whole, matcher, 3)[0]
        decomposed = [node.replace(" ", " cafe\u0301 ", 1) for node in nodes]
        decomposed_elapsed = _time(decomposed, matcher, 3)[0]
        print(
            f"{count:>6} {build:>8.3f} {_size(nodes) / elapsed / 1e6:>6.1f} "
            f"{_size(whole) / whole_elapsed / 1e6:>9.1f} "
            f"{_size(decomposed) / decomposed_elapsed / 1e6:>8.1f} {found:>9}"
        )


if __name__ == "__main__":
    main(sys.argv[1:])
