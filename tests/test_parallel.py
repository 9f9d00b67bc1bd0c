"""``-j 2`` gives the same HTML as ``-j 1``, with term data merged from the worker processes."""

from __future__ import annotations

import random
from pathlib import Path

from conftest import MakeProject, Project, read_html, warnings_of

TERMS = [
    "balenaOS",
    "Supervisor",
    "HUP",
    "Fleet",
    "Docker image",
    "config.json",
    "Cloudlink",
    "Device",
]


def write_project(docs: Project, pages: int = 60) -> None:
    rng = random.Random(7)
    docs.write("conf.py", 'extensions = ["sphinx_balena_glossary"]\n')
    toc = "\n".join(f"   p{i}" for i in range(pages))
    docs.write("index.rst", f"Home\n====\n\n.. toctree::\n\n{toc}\n   glossary\n")
    docs.write("glossary.rst", "Glossary\n========\n\n.. balena-glossary::\n")
    for i in range(pages):
        words = [
            rng.choice(TERMS)
            if rng.random() < 0.1
            else rng.choice(["the", "device", "runs", "a", "new"])
            for _ in range(120)
        ]
        role = f":bterm:`{rng.choice(TERMS)}`" if i % 3 == 0 else ""
        docs.write(f"p{i}.rst", f"Page {i}\n=======\n\n{' '.join(words)} {role}\n")


def html_files(outdir: Path) -> dict[str, bytes]:
    return {str(p.relative_to(outdir)): p.read_bytes() for p in sorted(outdir.rglob("*.html"))}


def test_parallel_output_is_byte_identical(project: MakeProject) -> None:
    outputs = []
    for jobs in (1, 2):
        docs = project(folder=f"j{jobs}")
        write_project(docs)
        app = docs.build(parallel=jobs, confoverrides={"balena_glossary_autolink": "all"})
        assert app.statuscode == 0
        assert warnings_of(app) == []
        outputs.append((app, html_files(Path(app.outdir))))
        app.cleanup()
    (_, serial), (parallel_app, parallel) = outputs
    assert parallel_app.parallel == 2
    assert len(serial) >= 61
    assert serial.keys() == parallel.keys()
    different = [name for name in serial if serial[name] != parallel[name]]
    assert different == []
    # the merged per-page data made it into the glossary page's back-references
    backrefs = read_html(parallel_app, "glossary").select(".bterm-backrefs")
    assert len(backrefs) >= 6
    assert sum(len(line.select("a")) for line in backrefs) > 60
