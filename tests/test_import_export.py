"""Importing balena's glossary pages, exporting to every format, and the Markdown round trip."""

from __future__ import annotations

import csv
import io
import json
import re
import tempfile
from collections.abc import Iterable
from dataclasses import replace
from enum import Enum
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from sphinx_balena_glossary.data_format import FIELDS, term_dict
from sphinx_balena_glossary.exporters import (
    CSV_COLUMNS,
    to_csv,
    to_json,
    to_markdown,
    to_yaml,
)
from sphinx_balena_glossary.importer import (
    decode_entities,
    escape_entities,
    github_slug,
    import_markdown,
    split_heading,
)
from sphinx_balena_glossary.loader import load_bundled, load_glossary
from sphinx_balena_glossary.model import Glossary, Scope, Spelling, Status, Term, letter_of

from conftest import DATA, other_value

FULL = DATA / "balena-docs-glossary-full.md"
CURRENT = DATA / "balena-docs-glossary-current.md"


def imported(path: Path) -> Glossary:
    return Glossary(import_markdown(path.read_text("utf-8"), str(path)).terms)


def dicts(terms: object) -> list[dict[str, object]]:
    return [term_dict(term) for term in terms]  # type: ignore[attr-defined]


def by_letter(terms: Iterable[Term]) -> list[Term]:
    """The order of a Markdown page: letters A–Z then ``#``, the data's order within a letter."""
    return sorted(terms, key=lambda t: (letter_of(t.term) == "#", letter_of(t.term)))


def reload(terms: tuple[Term, ...] | list[Term], tmp_path: Path) -> tuple[Glossary, list[str]]:
    """The terms written as a data file and loaded again, with the loader's problems."""
    path = tmp_path / "out.yaml"
    path.write_text(to_yaml(terms), encoding="utf-8")
    glossary, problems = load_glossary([path])
    return glossary, [str(p) for p in problems]


# -- the real pages ---------------------------------------------------------------------


@pytest.mark.parametrize(("path", "count"), [(FULL, 91), (CURRENT, 55)])
def test_every_heading_becomes_a_valid_term(path: Path, count: int, tmp_path: Path) -> None:
    text = path.read_text("utf-8")
    headings = re.findall(r"^### (.+)$", text, re.MULTILINE)
    result = import_markdown(text, str(path))
    assert len(headings) == len(result.terms) == count
    glossary, problems = reload(result.terms, tmp_path)
    assert problems == []
    assert dicts(glossary) == dicts(result.terms)


def test_full_page_acceptance(tmp_path: Path) -> None:
    glossary = imported(FULL)
    assert len(glossary) >= 89
    hup = glossary.lookup("HUP")
    assert hup is not None
    assert hup.term == "Host os UPdater"
    assert hup.scope is Scope.BALENA
    assert hup.more == "https://github.com/balena-os/balenahup"
    assert hup.definition.startswith("Tool for balena host OS updates. It downloads")
    assert hup.definition.endswith("(using an inactive rootfs partition).")
    container = glossary.lookup("Container")
    assert container is not None and container.qualifier == "docker"
    assert container.more == "https://www.docker.com/resources/what-container/"
    fleet = glossary.lookup("Fleet")
    assert fleet is not None and fleet.scope is Scope.BALENA_USAGE
    assert fleet.note == (
        "Fleets are not unique to balena, but in this instance it's a reference specific to balena"
    )
    assert fleet.definition == (
        "A group of devices sharing the same releases, variables, configuration, settings and members."
    )
    barys = glossary.lookup("Barys")
    assert barys is not None and barys.see == ("Yocto",)
    assert barys.definition == (
        "A wrapper around Poky's environment setup scripts used to initialize build directories"
    )


def test_full_page_spot_checks() -> None:
    glossary = imported(FULL)
    bob = glossary.lookup("BoB")
    assert bob is not None and (bob.term, bob.aliases) == ("balena-on-balena", ("BoB",))
    m_team = glossary.lookup("M-Team")
    assert m_team is not None and m_team.term == "Maintainers or Mission team"
    beast = glossary.lookup("the Beast") or glossary.lookup("Beast, the")
    assert beast is not None and beast.term == "Beast, the"
    assert beast.more == "https://www.balena.io/blog/the-evolution-of-the-beast-continues/"
    balenista = glossary.lookup("balenista")
    assert balenista is not None and balenista.term == "balenista"  # "(s)" dropped
    # "see" links resolve by the anchor they name, not by their text
    cli = glossary.lookup("CLI")
    assert cli is not None and cli.see == (
        "balena CLI",
    )  # [see _balenaCLI_](glossary.md#balena-cli)
    sbvr = glossary.lookup("SBVR")
    assert sbvr is not None and sbvr.see == ("Pine.js",)  # #pine.js: the slug is "pinejs"
    assert sbvr.definition.endswith("so they can be machine processed.")
    proxy = glossary.lookup("Devices proxy")
    assert proxy is not None
    assert (proxy.scope, proxy.definition, proxy.see) == (Scope.BALENA, "", ("balena-proxy",))
    loop = glossary.lookup("Loop")
    assert loop is not None and loop.qualifier == "balena" and loop.see == ("Feedback Loop",)
    assert loop.definition.startswith("At balena, we structure our team")
    # relative links to Markdown sources become the built pages' URLs; links to entries,
    # term links; inline links, emphasis and code stay Markdown
    os_term = glossary.lookup("balenaOS")
    assert os_term is not None and os_term.more == "../../reference/os/overview/"
    docker = glossary.lookup("Docker")
    assert docker is not None
    assert docker.definition.startswith("[Docker](https://www.docker.com/) is a set of platform")
    assert "[Containers](term:Container)" in docker.definition
    deltas = glossary.lookup("Deltas")
    assert deltas is not None and "the _delta server_, a backend" in deltas.definition
    flow = glossary.lookup("Github Flow")
    assert flow is not None and "as opposed to `main`." in flow.definition
    # the intro, the front matter and the title are not terms
    assert glossary.lookup("Balena Glossary") is None
    assert glossary.terms[0].term == "Apps"


def test_full_page_warns_about_what_it_reads_loosely() -> None:
    result = import_markdown(FULL.read_text("utf-8"), "full.md")
    assert [str(w) for w in result.warnings] == [
        (
            "full.md:276: warning: scope note '(balena specific team)' of 'Loop' read as "
            "'(balena specific term)'"
        )
    ]


def test_current_page_statuses_and_entities() -> None:
    glossary = imported(CURRENT)
    etcher_pro = glossary.lookup("Etcher Pro")
    assert etcher_pro is not None
    assert etcher_pro.term == "Etcher Pro"  # "### Etcher Pro&#x20;"
    assert etcher_pro.status is Status.DISCONTINUED
    assert etcher_pro.scope is Scope.BALENA
    assert etcher_pro.definition.startswith("A hardware product made by balena.")
    fin = glossary.lookup("balenaFin")
    assert fin is not None and fin.status is Status.DEPRECATED
    assert fin.definition.startswith("a single board computer developed by balena")
    resin_link = glossary.lookup("Rulemotion")
    assert resin_link is not None
    assert resin_link.definition == "The former name for [Resin.](term:Resin)"


def test_output_keeps_page_order_grouped_by_letter_with_stable_keys() -> None:
    text = to_yaml(import_markdown(FULL.read_text("utf-8")).terms)
    assert text.startswith("version: 1\nterms:\n\n  # A\n\n  - term: Apps\n")
    letters = re.findall(r"^  # (\S)$", text, re.MULTILINE)
    assert letters == sorted(letters) and len(letters) == len(set(letters))
    hup = text[text.index("  - term: Host os UPdater") :].split("\n\n")[0]
    assert re.findall(r"^(?:  - |    )(\w+):", hup, re.MULTILINE) == [
        "term",
        "aliases",
        "scope",
        "definition",
        "more",
    ]
    for entry in text.split("\n\n  - ")[1:]:
        keys = re.findall(r"^(?:|    )(\w+):", entry, re.MULTILINE)
        assert keys == [k for k in FIELDS if k in keys]  # the data file's field order


# -- round trips -------------------------------------------------------------------------


def test_bundled_data_round_trips_through_markdown() -> None:
    glossary, problems = load_bundled()
    assert problems == []
    back = import_markdown(to_markdown(glossary.terms))
    assert back.warnings == ()
    assert dicts(back.terms) == dicts(glossary)


@pytest.mark.parametrize("path", [FULL, CURRENT])
def test_imported_pages_round_trip_through_markdown(path: Path) -> None:
    first = import_markdown(path.read_text("utf-8"))
    back = import_markdown(to_markdown(first.terms))
    assert back.warnings == () or path is FULL  # the Loop typo is mapped, so it is gone
    assert dicts(back.terms) == dicts(first.terms)


def test_bundled_data_round_trips_through_yaml(tmp_path: Path) -> None:
    glossary, _ = load_bundled()
    again, problems = reload(glossary.terms, tmp_path)
    assert problems == []
    assert dicts(again) == dicts(glossary)
    balena_os = again.lookup("balenaOS")
    assert balena_os is not None
    assert (balena_os.spelling.value, balena_os.avoid) == ("strict", ("Balena OS",))


def test_spelling_and_avoid_round_trip_through_every_data_format(tmp_path: Path) -> None:
    terms = (
        Term("AcmeOS", definition="x", spelling=Spelling.STRICT, avoid=("Acme OS", "acme-os")),
        Term("Fleet", definition="y", avoid=("Flete",)),
    )
    expected = [
        {
            "term": "AcmeOS",
            "definition": "x",
            "spelling": "strict",
            "avoid": ["Acme OS", "acme-os"],
        },
        {"term": "Fleet", "definition": "y", "avoid": ["Flete"]},
    ]
    assert dicts(reload(terms, tmp_path)[0]) == expected
    assert json.loads(to_json(terms))["terms"] == expected
    rows = list(csv.DictReader(io.StringIO(to_csv(terms), newline="")))
    assert [(r["spelling"], r["avoid"]) for r in rows] == [
        ("strict", "Acme OS; acme-os"),
        ("normal", "Flete"),
    ]
    assert dicts(import_markdown(to_markdown(terms)).terms) == expected


names = st.text(alphabet=st.sampled_from("abcXYZ ()*_`#&;,.-/'’é0\\[]<>!"), min_size=1, max_size=14)
texts = st.text(
    alphabet=st.sampled_from("ab Z*_`#&;:,.()[]<>!-\n '’é\\~|>"), min_size=0, max_size=60
)
urls = st.sampled_from(["", "https://example.com/a_(b)", "../x.md#y", "mailto:a@b.c", "#x"])
term_values = st.fixed_dictionaries(
    {
        "term": names,
        "aliases": st.lists(names, max_size=2),
        "qualifier": st.sampled_from(["", "docker", "balena architecture", "a (b)"]),
        "scope": st.sampled_from(list(Scope)),
        "note": st.sampled_from(
            ["", "Xs are not unique to balena, but here they are", "balena specific term", "odd"]
        ),
        "status": st.sampled_from(list(Status)),
        "definition": texts,
        "more": urls,
        "autolink": st.booleans(),
        "case_sensitive": st.sampled_from([None, True, False]),
    }
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(term_values, min_size=1, max_size=6), st.data())
def test_any_valid_data_round_trips_through_markdown(
    values: list[dict[str, Any]], data: st.DataObject
) -> None:
    terms = [Term(**v) for v in values]
    names = [t.term for t in terms]
    terms = [
        replace(
            t,
            see=tuple(data.draw(st.lists(st.sampled_from(names), max_size=2))),
            replaced_by="" if t.status is Status.CURRENT else "Next",
        )
        for t in terms
    ]
    with tempfile.TemporaryDirectory() as folder:
        glossary, problems = reload(terms, Path(folder))  # the valid part of the data
        if problems:  # what is left of an invalid file may need a second pass to settle
            glossary, problems = reload(glossary.terms, Path(folder))
    assume(not problems)
    back = import_markdown(to_markdown(glossary.terms))
    assert dicts(back.terms) == dicts(by_letter(glossary.terms))


# -- export formats ----------------------------------------------------------------------


def test_markdown_is_the_handbook_page_format() -> None:
    glossary, _ = load_bundled()
    page = to_markdown(glossary.terms)
    assert page.startswith("---\ntitle: Glossary\n---\n\n# Glossary\n")
    assert re.findall(r"^## (.+)$", page, re.MULTILINE) == [chr(c) for c in range(65, 91)]
    assert "\n### Host os UPdater aka. HUP\n\n**(balena specific term)** Tool for" in page
    assert "[more](https://github.com/balena-os/balenahup)\n" in page
    assert "\n### Container (docker)\n\n'A lightweight" in page or "### Container (docker)" in page
    assert "[see _Yocto_](#yocto)" in page
    assert "\n### Fleet\n\n**(Fleets are not unique to balena, but in this instance" in page
    # spelling and avoid spellings are not shown: the comment carries them
    assert (
        '### balenaFin\n\n<!-- bterm: {"spelling": "strict", "avoid": ["balena Fin"]} -->\n\n'
        "**(balena specific term)** **DEPRECATED** A single board"
    ) in page
    # what the handbook format has no place for goes into a comment after the heading
    assert (
        '### balenaVPN\n\n<!-- bterm: {"status": "former", "replaced_by": "Cloudlink", '
        '"spelling": "strict"} -->\n\n[see _Cloudlink_](#cloudlink)\n'
    ) in page
    assert '### Apps\n\n<!-- bterm: {"autolink": false} -->\n' in page
    # the Aspect entry keeps its three paragraphs
    aspect = page[page.index("### Aspect aka. Aspect Group") :].split("\n### ")[0]
    assert aspect.count("\n\n") >= 4


def test_markdown_see_anchors_are_the_exported_headings() -> None:
    terms = (
        Term("balena CLI", aliases=("balenaCLI",), definition="The CLI."),
        Term("CLI", definition="Command line.", see=("balena CLI",)),
        Term("Pine.js", definition="An engine."),
        Term("SBVR", definition="Rules.", see=("Pine.js",)),
    )
    page = to_markdown(terms)
    assert "[see _balena CLI_](#balena-cli-aka-balenacli)" in page
    assert "[see _Pine.js_](#pinejs)" in page


def test_json_export() -> None:
    glossary, _ = load_bundled()
    data = json.loads(to_json(glossary.terms))
    assert list(data) == ["version", "terms"]
    assert data["version"] == 1
    assert data["terms"] == dicts(glossary)
    hup = next(t for t in data["terms"] if t["term"] == "Host os UPdater")
    assert list(hup) == ["term", "aliases", "scope", "definition", "more"]


def test_csv_export() -> None:
    glossary, _ = load_bundled()
    rows = list(csv.DictReader(io.StringIO(to_csv(glossary.terms), newline="")))
    assert len(rows) == len(glossary)
    assert list(rows[0]) == list(CSV_COLUMNS)
    assert list(CSV_COLUMNS[-2:]) == ["spelling", "avoid"]  # new columns go last
    hup = next(r for r in rows if r["term"] == "Host os UPdater")
    assert hup["aliases"] == "HUP"
    assert hup["scope"] == "balena" and hup["status"] == "current"
    assert hup["autolink"] == "true" and hup["case_sensitive"] == ""
    aspect = next(r for r in rows if r["term"] == "Aspect")
    assert "\n\n" in aspect["definition"]  # quoted, one row
    cloudlink = next(r for r in rows if r["term"] == "Cloudlink")
    assert "[SSH access](https://" in cloudlink["definition"]
    assert "SSH access" in cloudlink["definition_text"]
    assert "](" not in cloudlink["definition_text"]


def test_yaml_export_is_a_valid_data_file(tmp_path: Path) -> None:
    glossary, _ = load_bundled()
    text = to_yaml(glossary.terms, header="Exported for a test.")
    assert text.startswith("# Exported for a test.\nversion: 1\nterms:\n")
    assert not re.search(r"[ \t]$", text, re.MULTILINE)  # no trailing whitespace
    assert "    aliases: [HUP]\n" in text


@pytest.mark.parametrize("name", FIELDS)
def test_an_entry_holds_exactly_the_fields_that_differ_from_their_defaults(name: str) -> None:
    bare = Term(term="Base")
    assert term_dict(bare) == {"term": "Base"}
    value = other_value(getattr(bare, name))
    written = value.value if isinstance(value, Enum) else value
    written = list(written) if isinstance(written, tuple) else written
    assert term_dict(replace(bare, **{name: value})) == {"term": "Base", name: written}


# -- the page format, piece by piece -----------------------------------------------------


@pytest.mark.parametrize(
    ("heading", "expected"),
    [
        ("Host os UPdater aka. HUP", ("Host os UPdater", ["HUP"], "")),
        ("balena-on-balena (aka.BoB)", ("balena-on-balena", ["BoB"], "")),
        (
            "Maintainers or Mission team aka. M-Team",
            ("Maintainers or Mission team", ["M-Team"], ""),
        ),
        ("Container (docker)", ("Container", [], "docker")),
        ("Git server (balena architecture)", ("Git server", [], "balena architecture")),
        ("balenista(s)", ("balenista", [], "")),
        ("Beast, the", ("Beast, the", [], "")),
        ("Aspect aka. Aspect Group, AG", ("Aspect", ["Aspect Group", "AG"], "")),
        ("Container (docker) AKA C", ("Container", ["C"], "docker")),
        ("Osaka", ("Osaka", [], "")),
    ],
)
def test_split_heading(heading: str, expected: tuple[str, list[str], str]) -> None:
    assert split_heading(heading) == expected


@pytest.mark.parametrize(
    ("heading", "slug"),
    [
        ("Container (docker)", "container-docker"),
        ("Pine.js", "pinejs"),
        ("Beast, the", "beast-the"),
        ("balena-on-balena (aka.BoB)", "balena-on-balena-akabob"),
        ("Chesterton's Fence", "chestertons-fence"),
        ("Édition_2", "édition_2"),
    ],
)
def test_github_slug(heading: str, slug: str) -> None:
    assert github_slug(heading) == slug


def test_entities_decode_outside_code_and_escape_back() -> None:
    assert decode_entities("a &amp; b &#x20;c `&amp;` &copy") == "a & b  c `&amp;` &copy"
    for text in ["AT&T;", "&amp;", "x &lt;y&gt; `&lt;`", "&#42;"]:
        assert decode_entities(escape_entities(text)) == text


PAGE = """\
---
title: Team glossary
---

# Team glossary

Intro text is not a term.

## A

Stray text before the first entry.

### Alpha aka. A1, A2

**(balena specific term)** **DISCONTINUED**, first *letter*. [more](https://example.com/a)

### Aleph

- a list item
- another

```
code
```

### Alpha

Duplicate.

### Apex (geometry)

**(odd note)** The top. [see _Nowhere_](glossary.md#nowhere) [more](javascript:alert(1))

### Alt

<!-- bterm: {"autolink": false, "colour": "red", "status": "gone"} -->

Alternative &amp; more.

### Arc

<!-- bterm: {not json} -->

An arc.

### Absent

## Contributing

How to contribute.

## B

### Beta

[see _Alpha_](#alpha-aka-a1-a2)

### Zed

Filed under B.
"""


def test_what_does_not_map_is_reported_with_its_line() -> None:
    result = import_markdown(PAGE, "team.md")
    assert [str(w) for w in result.warnings] == [
        "team.md:11: warning: text outside any '### Term' entry is skipped",
        (
            "team.md:19: warning: the entry 'Aleph' has a list; definitions are inline Markdown, "
            "so it is kept as plain text"
        ),
        (
            "team.md:22: warning: the entry 'Aleph' has a code block; definitions are inline "
            "Markdown, so it is kept as plain text"
        ),
        "team.md:26: warning: 'Alpha' is already an entry at line 13; skipped",
        (
            "team.md:32: warning: scope note '(odd note)' of 'Apex' is neither '(balena specific "
            "term)' nor '(… not unique to balena …)'; kept as its note, scope general"
        ),
        (
            "team.md:32: warning: 'see' link '[see _Nowhere_](glossary.md#nowhere)' of 'Apex' "
            "names no entry of this page; kept in the definition"
        ),
        (
            "team.md:32: warning: 'more' link 'javascript:alert(1)' of 'Apex' is not http(s), "
            "mailto or relative; dropped"
        ),
        "team.md:36: warning: bterm comment: unknown field 'colour'; ignored",
        (
            "team.md:36: warning: bterm comment: 'status' must be one of current, former, "
            "deprecated, discontinued; ignored"
        ),
        (
            "team.md:42: warning: bterm comment is not valid JSON (Expecting property name enclosed "
            "in double quotes: line 1 column 2 (char 1)); ignored"
        ),
        "team.md:46: warning: 'Absent' has no definition and no 'see'; skipped",
        (
            "team.md:48: warning: heading 'Contributing' is neither a letter section ('## A') nor an "
            "entry ('### Term'); it and its text are skipped"
        ),
        "team.md:58: warning: 'Zed' is under '## B' but sorts under 'Z'; an export lists it there",
    ]
    terms = {t.term: t for t in result.terms}
    assert list(terms) == ["Alpha", "Aleph", "Apex", "Alt", "Arc", "Beta", "Zed"]
    alpha = terms["Alpha"]
    assert (alpha.aliases, alpha.scope, alpha.status) == (
        ("A1", "A2"),
        Scope.BALENA,
        Status.DISCONTINUED,
    )
    assert (alpha.definition, alpha.more) == ("first *letter*.", "https://example.com/a")
    assert terms["Aleph"].definition == "- a list item\n- another\n\n```\ncode\n```"
    apex = terms["Apex"]
    assert (apex.qualifier, apex.scope, apex.note, apex.more) == (
        "geometry",
        Scope.GENERAL,
        "odd note",
        "",
    )
    assert apex.definition == "The top. [see _Nowhere_](glossary/#nowhere)"
    assert (terms["Alt"].autolink, terms["Alt"].definition) == (False, "Alternative & more.")
    assert terms["Beta"].see == ("Alpha",)


def test_unsafe_links_in_definitions_are_reported() -> None:
    page = "## X\n\n### Xterm\n\nA [bad](javascript:alert(1)) link.\n"
    result = import_markdown(page, "x.md")
    assert [str(w) for w in result.warnings] == [
        (
            "x.md:5: warning: link 'javascript:alert(1)' in the definition of 'Xterm' is not "
            "http(s), mailto or relative; builds show its text without the link"
        )
    ]


def test_duplicate_aliases_are_dropped_with_a_warning() -> None:
    page = "## A\n\n### API aka. API, Interface\n\nx\n\n### App aka. Interface\n\ny\n"
    result = import_markdown(page, "a.md")
    assert [str(w) for w in result.warnings] == [
        "a.md:3: warning: alias 'API' of 'API' is its own name; dropped",
        "a.md:7: warning: alias 'Interface' of 'App' is a name of 'API' (line 3); dropped",
    ]
    assert [t.aliases for t in result.terms] == [("Interface",), ()]


def test_see_only_entries_whose_target_was_skipped_are_skipped_too() -> None:
    page = "## A\n\n### A1\n\n[see _A2_](#a2)\n\n### A2\n\n### A3\n\nText. [see _A1_](#a1)\n"
    result = import_markdown(page, "a.md")
    assert [t.term for t in result.terms] == ["A3"]
    assert result.terms[0].see == ()
    assert [w.line for w in result.warnings] == [3, 7]


def test_names_in_other_sections_and_hash_letters() -> None:
    terms = (
        Term(".NET", definition="A platform."),
        Term("3D", definition="Three."),
        Term("#", definition="Hash."),
    )
    page = to_markdown(terms)
    assert "\n## \\#\n" in page
    assert dicts(import_markdown(page).terms) == dicts(terms)  # "3D" and ".NET" are both "#"


def test_definitions_that_look_like_page_structure_round_trip() -> None:
    terms = (
        Term("Hash", definition="# not a heading\n```\nnot a fence"),
        Term("Lead", definition="**(balena specific term)** in bold [more](https://x.org)"),
        Term("Amp", definition="AT&amp;T and &lt;b&gt; and `&amp;`"),
        Term("C #", aliases=("[x]()",), definition="A name that ends in a hash."),
        Term("[]()", definition="A name that Markdown reads as nothing."),
    )
    back = import_markdown(to_markdown(terms))
    assert dicts(back.terms) == dicts(by_letter(terms))
