"""Terminology checks (``balena_glossary_check``) in builds and from ``check`` on the command
line: each wrong spelling at its line, nothing in code, addresses or the glossary page, and
``--fix`` that leaves a tree the checks find clean."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from sphinx_balena_glossary.cli import main

from conftest import MakeProject, Project, warnings_of

GLOSSARY = """\
version: 1
terms:
  - term: balenaOS
    scope: balena
    spelling: strict
    avoid: [Balena OS, balena-os]
    definition: The host operating system.
  - term: balenaCloud
    spelling: strict
    avoid: [Balena Cloud]
    definition: The fleet management service.
  - term: Resin
    status: former
    replaced_by: balena
    definition: The company's former name.
  - term: balena
    definition: The company.
  - term: Fleet
    definition: A group of devices.
"""

REST_PAGE = """\
Setting up BalenaOS
===================

Flash balenaOS to the card. Then open Balena Cloud
and the BalenaCloud dashboard, as Resin users did.

Run ``balenaos-cli`` or see https://balena-os.io and `the Balena OS docs
<https://example.com/Balena-OS>`_.

.. code-block:: shell

   BalenaOS and Balena OS stay in code.

A fleet is fine. So is :bterm:`BalenaOS`.

WELCOME TO BALENAOS
"""

MYST_PAGE = """\
# Notes

The balena-os image and `BalenaOS` in code.
Resin was the name; balenaOS is right.

[Balena OS guide](https://example.com/BalenaOS)
"""


def docs_with(project: MakeProject, **conf: object) -> Project:
    docs = project()
    docs.write_conf(
        ["myst_parser", "sphinx_balena_glossary"], balena_glossary_file="g.yaml", **conf
    )
    docs.write("g.yaml", GLOSSARY)
    docs.write("index.rst", "Home\n====\n\n.. toctree::\n\n   setup\n   notes\n   glossary\n")
    docs.write("setup.rst", REST_PAGE)
    docs.write("notes.md", MYST_PAGE)
    docs.write("glossary.rst", "Glossary\n========\n\n.. balena-glossary::\n")
    return docs


EXPECTED = [
    "notes.md:3: WARNING: 'balena-os' is a spelling to avoid: write 'balenaOS'",
    "notes.md:4: WARNING: 'Resin' is a former name: write 'balena'",
    "notes.md:6: WARNING: 'Balena OS' is a spelling to avoid: write 'balenaOS'",
    "setup.rst:1: WARNING: 'BalenaOS' is written 'balenaOS'",
    "setup.rst:4: WARNING: 'Balena Cloud' is a spelling to avoid: write 'balenaCloud'",
    "setup.rst:5: WARNING: 'BalenaCloud' is written 'balenaCloud'",
    "setup.rst:5: WARNING: 'Resin' is a former name: write 'balena'",
    "setup.rst:7: WARNING: 'Balena OS' is a spelling to avoid: write 'balenaOS'",
    "setup.rst:14: WARNING: 'BalenaOS' is written 'balenaOS'",
]


def test_each_wrong_spelling_is_reported_at_its_line(project: MakeProject) -> None:
    app = docs_with(project, balena_glossary_check=["case", "avoid", "former"]).build()
    assert sorted(warnings_of(app)) == sorted(EXPECTED)


def test_the_checks_are_off_by_default(project: MakeProject) -> None:
    assert warnings_of(docs_with(project).build()) == []


def test_one_check_at_a_time(project: MakeProject) -> None:
    app = docs_with(project, balena_glossary_check=["avoid"]).build()
    assert sorted(warnings_of(app)) == sorted(w for w in EXPECTED if "spelling to avoid" in w)


def test_warn_former_is_the_former_check(project: MakeProject) -> None:
    app = docs_with(project, balena_glossary_warn_former=True).build()
    assert sorted(warnings_of(app)) == sorted(w for w in EXPECTED if "former name" in w)


def test_each_check_has_its_warning_subtype(project: MakeProject) -> None:
    app = docs_with(
        project, balena_glossary_check=["case", "avoid"], suppress_warnings=["bterm.case"]
    ).build()
    assert sorted(warnings_of(app)) == sorted(w for w in EXPECTED if "spelling to avoid" in w)


def test_a_link_to_a_former_name_is_deliberate_and_a_page_may_opt_out(
    project: MakeProject,
) -> None:
    docs = docs_with(project, balena_glossary_check=["case", "avoid", "former"])
    docs.write(
        "setup.rst", "Setup\n=====\n\nWe used to be :bterm:`Resin`, not :bterm:`BalenaOS`.\n"
    )
    docs.write("notes.md", "---\nbterm-check: off\n---\n# Notes\n\nResin and BalenaOS.\n")
    assert warnings_of(docs.build()) == ["setup.rst:4: WARNING: 'BalenaOS' is written 'balenaOS'"]


def test_quoted_commands_and_deprecated_things_without_a_successor_are_not_slips(
    project: MakeProject,
) -> None:
    docs = docs_with(project, balena_glossary_check=["case", "avoid", "former"])
    docs.edit(
        "g.yaml",
        "  - term: Fleet\n",
        "  - term: balenaFin\n    status: deprecated\n    definition: A board.\n"
        "  - term: balena CI\n    status: deprecated\n    replaced_by: Fleet\n"
        "    definition: Old CI.\n  - term: Fleet\n",
    )
    docs.write(
        "setup.rst",
        "Setup\n=====\n\nRun the 'balena-os download' command, or \"balena-os flash\".\n\n"
        "The balenaFin board, tested by balena CI, ships 'Balena OS'.\n",
    )
    docs.write("notes.md", "# Notes\n")
    assert sorted(warnings_of(docs.build())) == [
        "setup.rst:6: WARNING: 'Balena OS' is a spelling to avoid: write 'balenaOS'",
        "setup.rst:6: WARNING: 'balena CI' is deprecated: write 'Fleet'",
    ]


def test_a_wrong_check_name_is_reported(project: MakeProject) -> None:
    app = docs_with(project, balena_glossary_check=["cases"]).build()
    (warning,) = warnings_of(app)
    assert "balena_glossary_check must be a list of 'case', 'avoid', 'former'" in warning


def run(*argv: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    status = main(list(argv))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_check_reports_what_the_build_warns(
    project: MakeProject, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    docs = docs_with(project)
    monkeypatch.chdir(docs.srcdir)
    status, out, _err = run("check", ".", capsys=capsys)
    assert status == 1
    built = [w.replace(" WARNING:", "") for w in EXPECTED]
    assert sorted(line.rsplit(" [", 1)[0] for line in out.splitlines()) == sorted(built)
    assert "[bterm.case]" in out and "[bterm.avoid]" in out and "[bterm.former]" in out

    status, out, _err = run("check", ".", "--checks", "former", "--format", "json", capsys=capsys)
    assert status == 1
    assert {(f["path"], f["line"], f["found"], f["preferred"]) for f in json.loads(out)} == {
        ("notes.md", 4, "Resin", "balena"),
        ("setup.rst", 5, "Resin", "balena"),
    }
    status, out, _err = run("check", ".", "--checks", "case", "--format", "github", capsys=capsys)
    assert out.splitlines()[0] == (
        "::warning file=setup.rst,line=1,title=bterm.case::'BalenaOS' is written 'balenaOS'"
    )


def test_check_fix_shows_then_writes_and_leaves_code_alone(
    project: MakeProject, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    docs = docs_with(project)
    monkeypatch.chdir(docs.srcdir)
    before = Path("setup.rst").read_text()
    status, diff, err = run("check", ".", "--fix", capsys=capsys)
    assert status == 1 and Path("setup.rst").read_text() == before  # a dry run
    assert "-Setting up BalenaOS\n+Setting up balenaOS\n" in diff
    assert "9 of 9 can be fixed" in err
    status, _diff, err = run("check", ".", "--fix", "--write", capsys=capsys)
    assert status == 0, err
    setup = Path("setup.rst").read_text()
    assert "Then open balenaCloud\nand the balenaCloud dashboard, as balena users did." in setup
    assert "Run ``balenaos-cli`` or see https://balena-os.io and `the balenaOS docs" in setup
    assert "<https://example.com/Balena-OS>`_" in setup  # link targets as they were
    assert "   BalenaOS and Balena OS stay in code." in setup
    assert "So is :bterm:`balenaOS`." in setup and "WELCOME TO BALENAOS" in setup
    notes = Path("notes.md").read_text()
    assert "The balenaOS image and `BalenaOS` in code.\nbalena was the name" in notes
    assert "[balenaOS guide](https://example.com/BalenaOS)" in notes
    status, out, _err = run("check", ".", capsys=capsys)
    assert (status, out) == (0, "")
    app = docs.build(confoverrides={"balena_glossary_check": ["case", "avoid", "former"]})
    assert warnings_of(app) == []


def test_check_without_conf_py_reads_rest_and_myst(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("a.md").write_text("# A\n\nThe BalenaCloud app.\n")
    Path("b.rst").write_text("B\n=\n\nInside ``BalenaCloud`` code only.\n")
    status, out, _err = run("check", ".", capsys=capsys)
    assert status == 1
    assert out == "a.md:3: 'BalenaCloud' is written 'balenaCloud' [bterm.case]\n"


def test_check_of_a_missing_folder_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    status, _out, err = run("check", "no-such-docs", capsys=capsys)
    assert status == 2 and "no-such-docs: no such folder" in err


EXAMPLE_DOCS = Path(__file__).parent.parent / "example_docs"


def test_example_docs_seeded_slips_are_found_then_fixed(
    project: MakeProject, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """example_docs keeps four slips on one page; everything else there is clean."""
    docs = project(EXAMPLE_DOCS)
    checks = {"balena_glossary_check": ["case", "avoid", "former"]}
    assert sorted(warnings_of(docs.build(confoverrides=checks))) == [
        "onboarding-draft.md:10: WARNING: 'Balena Cloud' is a spelling to avoid: write 'balenaCloud'",
        "onboarding-draft.md:12: WARNING: 'Resin' is a former name: write 'balena'",
        "onboarding-draft.md:13: WARNING: 'Balena Hub' is a spelling to avoid: write 'balenaHub'",
        "onboarding-draft.md:9: WARNING: 'BalenaOS' is written 'balenaOS'",
    ]
    monkeypatch.chdir(docs.srcdir)
    status, _diff, err = run("check", ".", "--fix", "--write", capsys=capsys)
    assert status == 0 and "fixed 4 of 4 in 1 files" in err
    page = Path("onboarding-draft.md").read_text()
    assert "running balenaOS and an account on\nbalenaCloud, where" in page
    assert "`balena os download`" in page
    assert warnings_of(docs.build(confoverrides=checks)) == []


def test_the_vale_export_flags_what_the_build_check_flags(project: MakeProject) -> None:
    """Vale itself cannot be installed here, so its substitution rule is applied as Vale
    documents it (each swap key a regular expression matched as a whole word, the match
    reported when it differs from its replacement; code spans are not prose) to the seeded
    page of example_docs: it flags the same four slips on the same lines."""
    from sphinx_balena_glossary.export_vale import vale_files
    from sphinx_balena_glossary.loader import load_bundled

    rule = yaml.safe_load(vale_files(load_bundled()[0].terms)["Balena/Terms.yml"])
    swaps = [(re.compile(rf"\b(?:{key})\b"), right) for key, right in rule["swap"].items()]
    page = (EXAMPLE_DOCS / "onboarding-draft.md").read_text()
    flagged = set()
    for number, line in enumerate(page.splitlines(), 1):
        prose = re.sub(r"`[^`]*`", lambda code: " " * len(code.group()), line)
        for pattern, right in swaps:
            flagged |= {(number, m.group(), right) for m in pattern.finditer(prose)}
    flagged = {(n, found, right) for n, found, right in flagged if found != right}
    docs = project(EXAMPLE_DOCS)
    app = docs.build(confoverrides={"balena_glossary_check": ["case", "avoid", "former"]})
    built = {
        (int(line), found, right)
        for line, found, right in (
            re.search(r":(\d+): WARNING: '(.+?)' .*'(.+?)'$", w).groups()  # type: ignore[union-attr]
            for w in warnings_of(app)
        )
    }
    assert flagged == built and len(built) == 4


@pytest.mark.parametrize(
    ("line", "fixed"),
    [
        (
            "See `Balena OS docs <https://x/Balena-OS>`_ now.",
            "See `balenaOS docs <https://x/Balena-OS>`_ now.",
        ),
        ("Run `Balena OS` then Balena OS.", "Run `Balena OS` then balenaOS."),
        ("[Balena OS](https://x/Balena OS)", "[balenaOS](https://x/Balena OS)"),
        ("{bterm}`Balena OS` and :bterm:`Balena OS`", "{bterm}`balenaOS` and :bterm:`Balena OS`"),
    ],
)
def test_fix_replaces_prose_only(line: str, fixed: str) -> None:
    from sphinx_balena_glossary.source_fix import _fix_line
    from sphinx_balena_glossary.spelling import Check, Finding

    finding = Finding(0, 9, "Balena OS", "balenaOS", Check.AVOID)
    assert _fix_line(line, [finding])[0] == fixed
