"""Names that break naive code, broken data files in real builds, a 20,000-term glossary, loader fuzzing."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sphinx.testing.util import SphinxTestApp

from sphinx_balena_glossary.loader import load_glossary

from conftest import MakeProject, read_html, warnings_of


@pytest.mark.sphinx("html", testroot="names")
def test_names_with_metacharacters_scripts_and_accents(app: SphinxTestApp) -> None:
    app.build()
    assert warnings_of(app) == []
    links = [
        (unicodedata.normalize("NFC", a.get_text()), a["data-bterm"])
        for a in read_html(app, "index").select("div.body .bterm")
    ]
    assert links == [
        ("C++", "c"),  # not "C" + "++"
        ("C", "c-2"),
        (".NET", "net"),  # ".NET" in "ASP.NET" is not linked, nor is its "NET" (all caps)
        ("Net", "net-2"),
        ("a|b", "a-b"),  # regex metacharacters are literal
        ("(x)", "x"),
        ("[y]", "y"),
        ("*", "term"),
        ("X", "x-2"),  # one-letter names
        ("Go", "go"),  # common words link too, unless the data says autolink: false
        ("go", "go"),
        ("Cloud", "cloud"),  # not inside balenaCloud or cloudy
        ("balenaCloud", "balenacloud"),
        ("Λάμδα", "λαμδα"),  # Greek and Cyrillic by the same word rule
        ("Привет", "привет"),
        ("日本語", "日本語"),  # CJK: only where delimited, not inside 日本語の本
        ("café", "cafe"),  # the text spells it decomposed (e + U+0301), the name composed
    ]
    ids = [dt["id"] for dt in read_html(app, "glossary").select("dt")]
    assert len(ids) == len(set(ids)) == 16


def build_with_data(
    project: MakeProject, setting: object, files: dict[str, bytes]
) -> SphinxTestApp:
    docs = project()
    for name, content in files.items():
        docs.write(name, content)
    docs.write(
        "conf.py",
        f'extensions = ["sphinx_balena_glossary"]\nbalena_glossary_file = {setting!r}\n',
    )
    docs.write("index.rst", "Home\n====\n\n:bterm:`API`\n\n.. balena-glossary::\n")
    return docs.build()


GOOD = b"version: 1\nterms:\n  - term: API\n    definition: An interface.\n"


@pytest.mark.parametrize(
    ("setting", "files", "expected"),
    [
        pytest.param("g.yaml", {"g.yaml": b""}, "g.yaml:1: WARNING: the file is empty", id="empty"),
        pytest.param(
            "g.yaml",
            {"g.yaml": b"version: 1\n"},
            "g.yaml:1: WARNING: missing the 'terms' list",
            id="only-version",
        ),
        pytest.param(
            "folder",
            {},
            "folder:1: WARNING: is a directory, not a glossary data file",
            id="directory",
        ),
        pytest.param(
            ["g.yaml", "nope.yaml"],
            {"g.yaml": GOOD},
            "conf.py:2: WARNING: balena_glossary_file names 'nope.yaml', but there is no such "
            "file (nope.yaml)",
            id="missing",
        ),
        pytest.param(
            "g.yaml",
            {"g.yaml": b"version: 1\nterms:\n\t- term: API\n"},
            "g.yaml:3: WARNING: YAML syntax error",
            id="tabs",
        ),
    ],
)
def test_broken_data_files_are_located_and_the_build_goes_on(
    project: MakeProject, setting: object, files: dict[str, bytes], expected: str
) -> None:
    # a folder, for the data file setting that names one
    app = build_with_data(project, setting, {**files, "folder/.keep": b""})
    warnings = warnings_of(app)
    assert any(w.startswith(expected) for w in warnings), warnings
    assert app.statuscode == 0
    assert not any("Traceback" in w or "Exception" in w for w in warnings)
    has_api = bool(read_html(app, "index").select("dt#term-api"))
    assert has_api == (files.get("g.yaml") == GOOD)
    if not has_api:
        assert "index.rst:4: WARNING: unknown glossary term 'API'" in warnings


@pytest.mark.parametrize(
    "content",
    [b"\xef\xbb\xbf" + GOOD, GOOD.replace(b"\n", b"\r\n")],
    ids=["bom", "crlf"],
)
def test_bom_and_crlf_files_build_clean(project: MakeProject, content: bytes) -> None:
    app = build_with_data(project, "g.yaml", {"g.yaml": content})
    assert warnings_of(app) == []
    assert read_html(app, "index").select_one("a.bterm")["href"] == "#term-api"


@pytest.mark.slow
def test_twenty_thousand_terms_build(project: MakeProject) -> None:
    lines = ["version: 1", "terms:"]
    for i in range(20_000):
        lines += [
            f"  - term: Term number {i}",
            f"    aliases: [TN{i}X]",
            f"    definition: Definition *{i}*.",
        ]
    data = ("\n".join(lines) + "\n").encode()
    app = build_with_data(project, "g.yaml", {"g.yaml": data})
    assert warnings_of(app) == ["index.rst:4: WARNING: unknown glossary term 'API'"]
    html = Path(app.outdir, "index.html").read_text(encoding="utf-8")
    assert html.count('<dt class="bterm-name"') == 20_000
    assert 'id="term-term-number-19999"' in html


YAMLISH = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.text(max_size=20)),
    lambda children: st.one_of(
        st.lists(children, max_size=4), st.dictionaries(st.text(max_size=10), children, max_size=4)
    ),
    max_leaves=20,
)
SNIPPETS = st.lists(
    st.sampled_from(
        [
            "version: 1\n",
            "terms:\n",
            "  - term: a\n",
            "    definition: x\n",
            "    see: [a]\n",
            "    aliases: [A]\n",
            "&a ",
            "*a ",
            "!!python/name:os.system ",
            "\t",
            "[",
            "{",
            "---\n",
            "\ufeff",
            "\x00",
            "    more: javascript:x\n",
            "'",
            '"',
            ": ",
            "- ",
            "\n",
        ]
    ),
    max_size=30,
)


@settings(max_examples=150, deadline=None)
@given(data=YAMLISH)
def test_loader_never_raises_on_structured_input(
    tmp_path_factory: pytest.TempPathFactory, data: object
) -> None:
    import yaml

    path = tmp_path_factory.mktemp("fuzz") / "g.yaml"
    path.write_text(yaml.safe_dump({"version": 1, "terms": data}), encoding="utf-8")
    glossary, problems = load_glossary([path])
    assert all(p.line >= 1 and p.path == str(path) for p in problems)
    assert all(t.definition or t.see for t in glossary)


@settings(max_examples=300, deadline=None)
@given(pieces=SNIPPETS, raw=st.binary(max_size=40))
def test_loader_never_raises_on_yaml_like_text(
    tmp_path_factory: pytest.TempPathFactory, pieces: list[str], raw: bytes
) -> None:
    path = tmp_path_factory.mktemp("fuzz") / "g.yaml"
    path.write_bytes("".join(pieces).encode("utf-8", "surrogatepass") + raw)
    glossary, problems = load_glossary([path])
    assert all(p.line >= 1 for p in problems)
    assert all(t.definition or t.see for t in glossary)


def test_a_data_file_slip_keeps_the_last_valid_glossary(project: MakeProject) -> None:
    docs = project("incremental")
    first = docs.build()
    assert warnings_of(first) == []
    good = (docs.srcdir / "glossary.yaml").read_text(encoding="utf-8")
    docs.edit("glossary.yaml", "    definition: The agent", "     definition: The agent")
    broken = docs.build()
    assert warnings_of(broken) == [
        (
            "glossary.yaml:7: WARNING: YAML syntax error: this key is indented more than the key on "
            "line 6 (5 spaces, not 4): keys of one entry line up; the last valid version of this "
            "file (saved less than a minute ago) is used until it is fixed"
        )
    ]  # and no "unknown glossary term" for the roles that name its terms
    assert docs.read == []  # the same glossary as before: nothing to read again
    tip = read_html(broken, "updates").select_one("#bterm-tip-host-os-updater")
    assert "The old definition of the updater." in tip.get_text()
    (docs.srcdir / "glossary.yaml").write_text(
        good.replace("The old definition", "A fresh definition"), encoding="utf-8"
    )
    fixed = docs.build()
    assert warnings_of(fixed) == []
    assert "A fresh definition" in read_html(fixed, "updates").get_text()


def test_without_a_valid_version_a_slip_drops_the_file(project: MakeProject) -> None:
    docs = project("incremental")
    docs.edit("glossary.yaml", "    definition: The agent", "     definition: The agent")
    app = docs.build()
    warnings = warnings_of(app)
    assert warnings[0].startswith("glossary.yaml:7: WARNING: YAML syntax error: this key is")
    assert "last valid version" not in warnings[0]


@pytest.mark.parametrize(
    ("setting", "message"),
    [
        (
            "term.yaml",
            (
                "balena_glossary_file names 'term.yaml', but there is no such file (term.yaml); "
                "did you mean 'terms.yaml'?"
            ),
        ),
        (
            "@bundle",
            (
                "'@bundle' names no installed glossary (did you mean '@bundled'?); a package "
                "declares one as an entry point in the group 'sphinx_balena_glossary.glossaries'"
            ),
        ),
    ],
)
def test_a_mistyped_source_names_the_setting_and_the_nearest_name(
    project: MakeProject, setting: str, message: str
) -> None:
    docs = project()
    docs.write(
        "conf.py",
        f'extensions = ["sphinx_balena_glossary"]\nbalena_glossary_file = [{setting!r}]\n',
    )
    docs.write("terms.yaml", GOOD)
    docs.write("index.rst", "Home\n====\n\nText.\n")
    app = docs.build()
    assert warnings_of(app) == [f"conf.py:2: WARNING: {message}"]
