"""What a remote glossary costs a build, against the same data as a local file.

Generates the handbook of ``build_ratio.py`` twice with the extension: one
project reads ``glossary.yaml`` from its folder, the other fetches the same
file from a server on 127.0.0.1 (as another site's URL). The remote project
is built once first, so its copy is cached in the environment folder; then
both are built in pairs as ``build_ratio.py`` does, and the time ratio
remote/local is printed::

    python benchmarks/remote_source.py                # N=300 pages, T=1000 terms
    python benchmarks/remote_source.py --ask          # cache limit 0: a 304 every build

By default the cached copy is younger than the cache limit, so a build does
not ask the server; with ``--ask`` every build sends a conditional request
(the server answers ``304 Not Modified``).
"""

from __future__ import annotations

import argparse
import functools
import http.server
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from build_ratio import (
    _command,
    _cores,
    _print_pairs,
    build_couples,
    compile_extension,
    write_project,
)
from matcher_throughput import make_terms


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        """No request log on the benchmark's output."""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--pages", type=int, default=300)
    parser.add_argument("--terms", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=2, help="couples of pairs of builds")
    parser.add_argument(
        "--ask", action="store_true", help="cache limit 0: every build asks the server (a 304)"
    )
    args = parser.parse_args(argv)
    print(
        f"python {sys.version.split()[0]}, {os.cpu_count()} cores, {args.pages} pages,"
        f" {args.terms} terms, {'a 304 every build' if args.ask else 'cached copy, no request'};"
        f" {'pairs run together on cores ' + str(_cores()) if _cores() else 'serial builds'}"
    )
    compile_extension()
    names = list({p.text.casefold(): p.text for p in make_terms(args.terms)}.values())
    with tempfile.TemporaryDirectory() as tmp:
        local_root, remote_root = Path(tmp, "local"), Path(tmp, "remote")
        for root in (local_root, remote_root):
            write_project(root, args.pages, names, "extension", mode="first")
        shared = Path(tmp, "published")
        shared.mkdir()
        shutil.move(remote_root / "glossary.yaml", shared / "glossary.yaml")
        handler = functools.partial(_Quiet, directory=str(shared))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        url = f"http://127.0.0.1:{server.server_address[1]}/glossary.yaml"
        conf = remote_root / "conf.py"
        text = conf.read_text(encoding="utf-8").replace("'glossary.yaml'", repr(url))
        text += f"balena_glossary_cache_limit = {0 if args.ask else 60}\n"
        conf.write_text(text, encoding="utf-8")
        subprocess.run(_command(remote_root), check=True)  # fetch once: the cache is warm
        try:
            local_ms, remote_ms = load_times(
                shared / "glossary.yaml", url, Path(tmp, "cache"), args.ask
            )
            ratios, runs = build_couples(local_root, remote_root, args.repeat)
        finally:
            server.shutdown()
            server.server_close()
    print(
        f"loading the glossary (median of {LOADS}): local file {local_ms:.1f} ms,"
        f" remote {remote_ms:.1f} ms ({remote_ms / local_ms:.3f}x)"
    )
    print(f"remote/local: build time {statistics.median(ratios):.3f}x")
    _print_pairs(ratios, runs)
    return 0


#: Loads timed by :func:`load_times`, in one process, after one untimed load of each.
LOADS = 15


def load_times(path: Path, url: str, cache_folder: Path, ask: bool) -> tuple[float, float]:
    """Milliseconds to get the glossary ready as a build does (sources, then the loader):
    from the local file, and from the URL with a warm cache."""
    from sphinx_balena_glossary.loader import load_glossary
    from sphinx_balena_glossary.remote import RemoteCache
    from sphinx_balena_glossary.sources import read_sources

    cache = RemoteCache(cache_folder, max_age=0 if ask else 3600, timeout=10)

    def load(spec: str) -> float:
        started = time.perf_counter()
        sources, problems = read_sources([spec], None, cache, None)
        load_glossary(sources)
        assert not problems, problems
        return (time.perf_counter() - started) * 1000

    times: dict[str, list[float]] = {str(path): [], url: []}
    for spec in times:
        load(spec)
    for _ in range(LOADS):
        for spec, spent in times.items():
            spent.append(load(spec))
    return statistics.median(times[str(path)]), statistics.median(times[url])


if __name__ == "__main__":
    sys.exit(main())
