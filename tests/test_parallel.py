"""``-j 2`` gives the same HTML as ``-j 1``, with term data merged from the worker processes."""

from __future__ import annotations

import random
from pathlib import Path

from conftest import read_html, warnings_of

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


def write_project(srcdir: Path, pages: int = 60) -> None:
    rng = random.Random(7)
    srcdir.mkdir(parents=True)
    (srcdir / "conf.py").write_text('extensions = ["sphinx_balena_glossary"]\n', encoding="utf-8")
    toc = "\n".join(f"   p{i}" for i in range(pages))
    (srcdir / "index.rst").write_text(
        f"Home\n====\n\n.. toctree::\n\n{toc}\n   glossary\n", encoding="utf-8"
    )
    (srcdir / "glossary.rst").write_text(
        "Glossary\n========\n\n.. balena-glossary::\n", encoding="utf-8"
    )
    for i in range(pages):
        words = [
            rng.choice(TERMS)
            if rng.random() < 0.1
            else rng.choice(["the", "device", "runs", "a", "new"])
            for _ in range(120)
        ]
        role = f":bterm:`{rng.choice(TERMS)}`" if i % 3 == 0 else ""
        (srcdir / f"p{i}.rst").write_text(
            f"Page {i}\n=======\n\n{' '.join(words)} {role}\n", encoding="utf-8"
        )


def html_files(outdir: Path) -> dict[str, bytes]:
    return {str(p.relative_to(outdir)): p.read_bytes() for p in sorted(outdir.rglob("*.html"))}


def test_parallel_output_is_byte_identical(make_app, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    outputs = []
    for jobs in (1, 2):
        srcdir = tmp_path / f"j{jobs}"
        write_project(srcdir)
        app = make_app(
            "html", srcdir=srcdir, parallel=jobs, confoverrides={"balena_glossary_autolink": "all"}
        )
        app.build()
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
