"""``sphinx-balena-glossary validate``: exit codes, output, the installed entry point."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from sphinx_balena_glossary.cli import SourceArgs, main, validate
from sphinx_balena_glossary.data_format import term_dict
from sphinx_balena_glossary.loader import BUNDLED_FILE, load_glossary

from conftest import DATA


def run(*args: str) -> subprocess.CompletedProcess[str]:
    """The command as a user runs it (the installed script when present)."""
    script = shutil.which("sphinx-balena-glossary")
    command = [script] if script else [sys.executable, "-m", "sphinx_balena_glossary.cli"]
    return subprocess.run(
        [*command, *args], capture_output=True, text=True, timeout=60, check=False
    )


def test_bundled_data_is_valid() -> None:
    result = run("validate")
    assert result.returncode == 0, result.stdout + result.stderr
    summary = result.stdout.strip().splitlines()[-1]
    assert summary.startswith("@bundled: valid; ")
    terms = int(summary.split("valid; ")[1].split(" terms")[0])
    assert terms >= 96


def test_invalid_file_exits_1_with_located_lines(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text("version: 1\nterms:\n  - term: a\n    defintion: x\n", encoding="utf-8")
    result = run("validate", str(path))
    assert result.returncode == 1
    assert result.stdout.splitlines()[:2] == [
        f"{path}:3: 'a' has no definition (give 'definition' or 'see') [bterm.empty_definition]",
        f"{path}:4: unknown key 'defintion' in a term (did you mean 'definition'?) [bterm.unknown_key]",
    ]
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("args", [["validate", "--format", "xml"], ["frobnicate"], []])
def test_usage_errors_exit_2(args: list[str]) -> None:
    result = run(*args)
    assert result.returncode == 2
    assert "usage:" in result.stderr


def test_json_output(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(
        "version: 1\nterms:\n  - term: a\n    definition: x\n    see: [b]\n", encoding="utf-8"
    )
    out = io.StringIO()
    assert validate(SourceArgs([str(path)]), "json", out) == 1
    report = json.loads(out.getvalue())
    assert report == {
        "valid": False,
        "terms": 1,
        "aliases": 0,
        "problems": [
            {
                "path": str(path),
                "line": 5,
                "type": "bterm.see_missing",
                "message": "'a' sees 'b', which is no term of the glossary",
            }
        ],
        "notes": [],
    }


def test_help_has_examples(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["validate", "--help"])
    assert exit_info.value.code == 0
    assert "sphinx-balena-glossary validate docs/glossary.yaml" in capsys.readouterr().out


# -- import, export, stats --------------------------------------------------------------

FULL = DATA / "balena-docs-glossary-full.md"
CURRENT = DATA / "balena-docs-glossary-current.md"


def test_import_real_page_to_a_valid_data_file(tmp_path: Path) -> None:
    out = tmp_path / "glossary.yaml"
    result = run("import", str(FULL), "-o", str(out))
    assert result.returncode == 1  # written, but one warning to read
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        (
            f"{FULL}:276: warning: scope note '(balena specific team)' of 'Loop' read as "
            "'(balena specific term)'"
        ),
        (
            f"{FULL}:44: note: relative links in definitions (line 44, 68, 80, 118, 126, …) "
            "point to pages of the site this page comes from; give --base-url (the URL of the "
            "page's folder on that site) so they work wherever the glossary is shown"
        ),
        f"{FULL}: 91 terms, 15 aliases; 1 warning(s)",
    ]
    glossary, problems = load_glossary([out])
    assert problems == []
    assert len(glossary) == 91
    hup = glossary.lookup("HUP")
    assert hup is not None and hup.more == "https://github.com/balena-os/balenahup"
    text = out.read_text("utf-8")
    assert text.startswith(
        "# Imported from balena-docs-glossary-full.md by sphinx-balena-glossary import.\n"
    )


def test_import_clean_page_exits_0_and_prints_to_stdout(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["import", str(CURRENT), "-o", "-"]) == 0
    captured = capsys.readouterr()
    assert "  - term: Etcher Pro\n" in captured.out
    assert "    status: discontinued\n" in captured.out
    assert captured.err.splitlines()[-1] == f"{CURRENT}: 55 terms, 5 aliases; 0 warning(s)"
    assert "note: relative links in definitions" in captured.err  # a note is no failure


def test_round_trip_through_the_command_line(tmp_path: Path) -> None:
    first, page, second = tmp_path / "a.yaml", tmp_path / "page.md", tmp_path / "b.yaml"
    run("import", str(FULL), "-o", str(first))
    assert run("export", str(first), "--format", "markdown", "-o", str(page)).returncode == 0
    assert run("import", str(page), "-o", str(second)).returncode == 0
    # the same data file, but for the header naming its source
    assert second.read_text("utf-8").split("\n", 1)[1] == first.read_text("utf-8").split("\n", 1)[1]


def test_import_unmappable_content_warns_with_lines(tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    page.write_text("## A\n\n### Alpha\n\n> quoted\n\n### Aleph\n\n", encoding="utf-8")
    out = tmp_path / "out.yaml"
    result = run("import", str(page), "-o", str(out))
    assert result.returncode == 1
    assert result.stderr.splitlines()[:2] == [
        (
            f"{page}:5: warning: the entry 'Alpha' has a block quote; definitions are inline "
            "Markdown, so it is kept as plain text"
        ),
        f"{page}:7: warning: 'Aleph' has no definition and no 'see'; skipped",
    ]
    assert "definition: '> quoted'" in out.read_text("utf-8")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "1: no such file"),
        (b"## A\n\n### Caf\xe9\n", "3: not UTF-8 (byte 0xe9); save it as UTF-8"),
    ],
)
def test_import_unreadable_source(tmp_path: Path, content: bytes | None, message: str) -> None:
    source = tmp_path / "page.md"
    if content is not None:
        source.write_bytes(content)
    out = tmp_path / "out.yaml"
    result = run("import", str(source), "-o", str(out))
    assert result.returncode == 1
    assert result.stderr == f"{source}:{message}\n"
    assert not out.exists()


def test_import_a_directory(tmp_path: Path) -> None:
    result = run("import", str(tmp_path), "-o", str(tmp_path / "out.yaml"))
    assert (result.returncode, result.stderr) == (1, f"{tmp_path}:1: is a directory, not a file\n")


@pytest.mark.parametrize("fmt", ["yaml", "json", "markdown", "csv"])
def test_export_each_format(tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"glossary.{fmt}"
    result = run("export", "--format", fmt, "-o", str(out))
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")
    data = out.read_bytes()
    glossary, _ = load_glossary([BUNDLED_FILE])
    if fmt == "yaml":
        again, problems = load_glossary([out])
        assert problems == []
        assert [term_dict(t) for t in again] == [term_dict(t) for t in glossary]
    elif fmt == "json":
        document = json.loads(data)
        assert document["version"] == 1
        assert [t["term"] for t in document["terms"]] == [t.term for t in glossary]
    elif fmt == "markdown":
        assert b"\n### Host os UPdater aka. HUP\n" in data
    else:
        assert data.startswith(b"term,aliases,qualifier,scope,")
        assert data.count(b"\r\n") >= len(glossary) + 1  # RFC 4180 line ends, kept exactly


def test_export_terminology_formats(tmp_path: Path) -> None:
    out = tmp_path / "glossary.tbx"
    result = run("export", "--format", "tbx", "-o", str(out))
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")
    root = ET.fromstring(out.read_bytes())
    assert root.tag == "{urn:iso:std:iso:30042:ed-2}tbx" and root.get("type") == "TBX-Basic"
    glossary, _ = load_glossary([BUNDLED_FILE])
    assert len(root.findall(".//{urn:iso:std:iso:30042:ed-2}conceptEntry")) == len(glossary)
    for fmt in ("skos", "textlint"):
        result = run("export", "--format", fmt, "-o", "-")
        assert (result.returncode, result.stderr) == (0, "")
        assert json.loads(result.stdout)


def test_export_vale_writes_a_folder_and_refuses_stdout(tmp_path: Path) -> None:
    result = run("export", "--format", "vale")
    assert result.returncode == 2
    assert result.stderr == (
        "--format vale writes a folder of files, not one text: give the folder with -o DIR\n"
    )
    folder = tmp_path / "styles" / "new"
    result = run("export", "--format", "vale", "-o", str(folder))
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")
    written = sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file())
    assert written == ["Balena/Terms.yml", "config/vocabularies/Balena/accept.txt"]
    blocked = tmp_path / "file"
    blocked.write_text("", encoding="utf-8")
    result = run("export", "--format", "vale", "-o", str(blocked))
    assert result.returncode == 1
    assert result.stderr.startswith(f"{blocked}:1: cannot make the folder: ")


def test_export_to_stdout_and_merged_files(tmp_path: Path) -> None:
    extra = tmp_path / "team.yaml"
    extra.write_text("version: 1\nterms:\n  - term: Zeta\n    definition: Z.\n", encoding="utf-8")
    result = run("export", "@bundled", str(extra), "--format", "json", "-o", "-")
    assert result.returncode == 0
    terms = json.loads(result.stdout)["terms"]
    assert terms[-1] == {"term": "Zeta", "definition": "Z."}
    assert len(terms) >= 97


def test_export_refuses_invalid_data(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("version: 1\nterms:\n  - term: a\n", encoding="utf-8")
    out = tmp_path / "out.json"
    result = run("export", str(bad), "--format", "json", "-o", str(out))
    assert result.returncode == 1
    assert result.stderr == (
        f"{bad}:3: 'a' has no definition (give 'definition' or 'see') [bterm.empty_definition]\n"
    )
    assert not out.exists()


@pytest.mark.parametrize(
    "args",
    [
        ["export", "--format", "xml"],
        ["import"],
        ["stats", "--format", "csv"],
        ["import", "a.md", "b.md"],
    ],
)
def test_new_commands_usage_errors_exit_2(args: list[str]) -> None:
    result = run(*args)
    assert result.returncode == 2
    assert "usage:" in result.stderr


def test_write_failure_is_located_and_leaves_no_file(tmp_path: Path) -> None:
    out = tmp_path / "missing-dir" / "out.yaml"
    result = run("export", "-o", str(out))
    assert result.returncode == 1
    assert result.stderr == f"{out}:1: cannot write the file: No such file or directory\n"
    assert not out.parent.exists()


def test_interrupted_write_keeps_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "glossary.md"
    out.write_text("old\n", encoding="utf-8")
    out.chmod(0o640)

    def fail(self: Path, target: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(Path, "replace", fail)
    assert main(["export", "--format", "markdown", "-o", str(out)]) == 1
    assert capsys.readouterr().err == f"{out}:1: cannot write the file: No space left on device\n"
    assert out.read_text("utf-8") == "old\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["glossary.md"]  # no temporary file
    monkeypatch.undo()
    assert main(["export", "--format", "markdown", "-o", str(out)]) == 0
    assert out.read_text("utf-8").startswith("---\ntitle: Glossary\n")
    assert out.stat().st_mode & 0o777 == 0o640  # the replaced file keeps its permissions


def test_new_files_get_ordinary_permissions(tmp_path: Path) -> None:
    out = tmp_path / "glossary.json"
    assert run("export", "--format", "json", "-o", str(out)).returncode == 0
    assert out.stat().st_mode & 0o044 == 0o044  # readable by others, as with any new file


EXAMPLE_DOCS = Path(__file__).parent.parent / "example_docs"


def _tree(folder: Path) -> dict[str, float]:
    return {str(p): p.stat().st_mtime for p in folder.rglob("*")}


def test_stats_on_example_docs() -> None:
    before = _tree(EXAMPLE_DOCS)
    data = EXAMPLE_DOCS / "team-terms.yaml"
    result = run("stats", "@bundled", str(data), "--docs", str(EXAMPLE_DOCS))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].endswith(" terms, 20 aliases")
    assert lines[1].startswith("  scope:  balena ")
    assert lines[2].startswith("  status: current ")
    assert lines[3].startswith(f"{EXAMPLE_DOCS}: 8 files; ")
    mentioned = lines[lines.index("mentioned:") + 1 : lines.index("never mentioned:")]
    counts = dict(line.strip().rsplit(None, 1) for line in mentioned)
    assert counts["Host os UPdater"] == "6"
    assert "Device" in counts
    never = lines[
        lines.index("never mentioned:") + 1 : lines.index("not searched (autolink: false):")
    ]
    assert "  Amplitude" in never
    assert "  Apps" in lines[lines.index("not searched (autolink: false):") :]
    assert _tree(EXAMPLE_DOCS) == before  # read-only


def test_stats_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["stats", "--format", "json", "--docs", str(EXAMPLE_DOCS)]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["terms"] >= 97
    assert sum(report["scope"].values()) == sum(report["status"].values()) == report["terms"]
    assert set(report["status"]) == {"current", "former", "deprecated", "discontinued"}
    docs = report["docs"]
    assert docs["files"] == 8
    mentioned = {m["term"] for m in docs["mentioned"]}
    assert not mentioned & set(docs["never_mentioned"])
    assert (
        len(mentioned) + len(docs["never_mentioned"]) + len(docs["not_searched"])
        == (report["terms"])
    )


def test_stats_skips_code_and_reports_unreadable_docs(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    (docs / "_build").mkdir(parents=True)
    (docs / "_build" / "copy.md").write_text("HUP HUP HUP\n", encoding="utf-8")
    (docs / "page.md").write_text(
        "HUP updates devices.\n\n```bash\nHUP HUP\n```\n\nRun `HUP` or {bterm}`HUP`.\n",
        encoding="utf-8",
    )
    (docs / "page.rst").write_text(
        "HUP again::\n\n    HUP in a literal block\n\n.. code-block:: text\n\n   HUP\n\n"
        ".. note::\n\n   HUP in a note.\n\nSee ``HUP`` and `the docs <https://x.org/HUP>`_.\n",
        encoding="utf-8",
    )
    (docs / "bad.txt").write_bytes(b"ok\n\xff\n")
    result = run("stats", "--docs", str(docs), "--format", "json")
    assert result.returncode == 1
    assert result.stderr == f"{docs / 'bad.txt'}:2: not UTF-8 (byte 0xff); save it as UTF-8\n"
    report = json.loads(result.stdout)
    assert report["docs"]["files"] == 2
    hup = next(m for m in report["docs"]["mentioned"] if m["term"] == "Host os UPdater")
    assert hup["count"] == 4  # page.md: prose + {bterm}; page.rst: "HUP again", the note


def test_stats_missing_docs_dir(tmp_path: Path) -> None:
    result = run("stats", "--docs", str(tmp_path / "nope"))
    assert (result.returncode, result.stderr) == (1, f"{tmp_path / 'nope'}:1: no such directory\n")


def test_stats_of_invalid_data_reports_problems(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("version: 1\nterms:\n  - term: a\n  - term: b\n    definition: B\n", "utf-8")
    result = run("stats", str(bad))
    assert result.returncode == 1
    assert result.stderr.startswith(f"{bad}:3: 'a' has no definition")
    assert result.stdout.startswith(f"{bad}: 1 terms, 0 aliases\n")


def test_validate_writes_its_report_to_a_file(tmp_path: Path) -> None:
    out = tmp_path / "report.json"
    assert run("validate", "--format", "json", "-o", str(out)).returncode == 0
    assert json.loads(out.read_text("utf-8"))["valid"] is True


@pytest.mark.parametrize(
    ("command", "example"),
    [
        ("import", "sphinx-balena-glossary import glossary.md -o docs/glossary.yaml"),
        ("export", "--format markdown -o glossary.md"),
        ("stats", "sphinx-balena-glossary stats docs/glossary.yaml --docs docs"),
    ],
)
def test_every_command_has_examples_in_its_help(
    capsys: pytest.CaptureFixture[str], command: str, example: str
) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main([command, "--help"])
    assert exit_info.value.code == 0
    assert example in capsys.readouterr().out


def test_import_of_a_data_file_says_what_import_reads(tmp_path: Path) -> None:
    data = tmp_path / "terms.yaml"
    data.write_text("version: 1\nterms:\n  - term: A\n    definition: x\n", encoding="utf-8")
    out = tmp_path / "wrong.yaml"
    result = run("import", str(data), "-o", str(out))
    assert result.returncode == 1
    assert result.stderr == (
        f"{data}:1: no glossary entries in it (it looks like a data file: 'validate' checks "
        "those); 'import' reads a Markdown page with '## A' letter sections and a '### Term' "
        "heading per entry; nothing written\n"
    )
    assert not out.exists()


def test_stats_lists_no_empty_headings(tmp_path: Path) -> None:
    data = tmp_path / "g.yaml"
    data.write_text("version: 1\nterms:\n  - term: Fleet\n    definition: x\n", encoding="utf-8")
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.rst").write_text("Every Fleet.\n", encoding="utf-8")
    result = run("stats", str(data), "--docs", str(docs))
    assert result.returncode == 0
    assert result.stdout.splitlines()[-2:] == ["mentioned:", "  Fleet  1"]


def test_yaml_export_has_letter_comments_only_when_grouped(tmp_path: Path) -> None:
    data = tmp_path / "g.yaml"
    data.write_text(
        "version: 1\nterms:\n  - term: Apple\n    definition: x\n  - term: Berry\n"
        "    definition: x\n  - term: Avocado\n    definition: x\n",
        encoding="utf-8",
    )
    text = run("export", str(data), "--format", "yaml", "-o", "-").stdout
    assert "# A" not in text and "# B" not in text
    data.write_text(
        "version: 1\nterms:\n  - term: Apple\n    definition: x\n  - term: Avocado\n"
        "    definition: x\n  - term: Berry\n    definition: x\n",
        encoding="utf-8",
    )
    grouped = run("export", str(data), "--format", "yaml").stdout
    assert (grouped.count("  # A\n"), grouped.count("  # B\n")) == (1, 1)


def test_help_texts_are_wrapped() -> None:
    for command in ("validate", "import", "export", "stats"):
        text = run(command, "--help").stdout
        assert max(map(len, text.splitlines())) <= 80, command


@pytest.mark.parametrize(
    ("value", "hint"),
    [("internal", ""), ("balena-usag", " (did you mean 'balena-usage'?)")],
)
def test_only_close_values_are_suggested(tmp_path: Path, value: str, hint: str) -> None:
    data = tmp_path / "g.yaml"
    data.write_text(
        f"version: 1\nterms:\n  - term: A\n    definition: x\n    scope: {value}\n",
        encoding="utf-8",
    )
    assert run("validate", str(data)).stdout.splitlines()[0] == (
        f"{data}:5: scope {value!r} is not one of balena, balena-usage, general{hint} [bterm.value]"
    )


def test_validate_in_a_docs_folder_checks_the_sources_its_conf_names(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "conf.py").write_text(
        'project = "x"\nbalena_glossary_file = ["@bundled", "team.yaml"]\n', encoding="utf-8"
    )
    (docs / "team.yaml").write_text(
        "version: 1\nterms:\n  - term: Widget\n    definition: x\n    see: [Nope]\n",
        encoding="utf-8",
    )
    monkeypatch.chdir(docs)
    assert main(["validate"]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out == [
        (
            f"{docs / 'team.yaml'}:5: 'Widget' sees 'Nope', which is no term of the glossary "
            "[bterm.see_missing]"
        ),
        "@bundled, team.yaml: 1 problem(s); 98 terms, 19 aliases",
    ]
    monkeypatch.chdir(tmp_path)  # the same, named with -c
    assert main(["validate", "-c", "docs"]) == 1
    assert capsys.readouterr().out.splitlines()[-1] == out[-1]
    (docs / "conf.py").write_text(
        "import os\nbalena_glossary_file = os.environ['GLOSSARY']\n", encoding="utf-8"
    )
    assert main(["validate", "-c", "docs"]) == 2
    assert capsys.readouterr().err == (
        f"{Path('docs', 'conf.py')}:2: balena_glossary_file is computed, not written out; "
        "give the sources on the command line\n"
    )


@pytest.mark.parametrize(
    ("conf", "message"),
    [
        (
            'balena_glossary_file = ["a.yaml"]\nbalena_glossary_file += ["b.yaml"]\n',
            (
                "conf.py:1: balena_glossary_file is computed, not written out; give the sources on "
                "the command line"
            ),
        ),
        (
            'if True:\n    balena_glossary_file = ["a.yaml"]\n',
            (
                "conf.py:2: balena_glossary_file is computed, not written out; give the sources on "
                "the command line"
            ),
        ),
        (
            "balena_glossary_file = None\n",
            "conf.py:1: balena_glossary_file must be a string or a list of strings",
        ),
    ],
    ids=["augmented", "in-a-block", "none"],
)
def test_a_conf_py_the_command_line_cannot_read_is_a_usage_error(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    conf: str,
    message: str,
) -> None:
    (tmp_path / "conf.py").write_text(conf, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["validate"]) == 2
    assert capsys.readouterr().err == f"{message}\n"


def test_the_terms_a_docs_project_excludes_are_left_out(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "conf.py").write_text(
        'balena_glossary_file = "@bundled"\nbalena_glossary_exclude = ["HUP", "Fin"]\n',
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    assert main(["validate"]) == 0
    assert capsys.readouterr().out == "@bundled: valid; 95 terms, 18 aliases\n"
