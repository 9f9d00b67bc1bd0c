"""The loader on valid and invalid data files: every problem located to PATH:LINE."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from sphinx_balena_glossary.loader import MAX_BYTES, load_glossary
from sphinx_balena_glossary.model import Scope, Spelling, Status
from sphinx_balena_glossary.warnings_ import BtermWarning as W


def write(tmp_path: Path, text: str, name: str = "g.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def problems_of(path: Path) -> list[tuple[int, W, str]]:
    _, problems = load_glossary([path])
    assert all(p.path == str(path) for p in problems)
    return [(p.line, p.subtype, p.message) for p in problems]


VALID = """\
version: 1
terms:
  - term: Host os UPdater
    aliases: [HUP]
    qualifier: tool
    scope: balena
    definition: Tool for balena *host OS updates*.
    more: https://github.com/balena-os/balenahup
  - term: Fin
    see: [balenaFin]
  - term: balenaFin
    status: deprecated
    replaced_by: Fin
    definition: A board.
    autolink: false
    case_sensitive: true
"""


def test_valid_file_gives_every_field(tmp_path: Path) -> None:
    glossary, problems = load_glossary([write(tmp_path, VALID)])
    assert problems == []
    hup = glossary.lookup("HUP")
    assert hup is not None
    assert (hup.term, hup.aliases, hup.qualifier, hup.scope) == (
        "Host os UPdater",
        ("HUP",),
        "tool",
        Scope.BALENA,
    )
    assert hup.more == "https://github.com/balena-os/balenahup"
    assert (hup.key, hup.anchor, hup.line) == ("host-os-updater", "term-host-os-updater", 3)
    fin = glossary.lookup("fin")
    assert fin is not None and fin.see == ("balenaFin",) and fin.definition == ""
    board = glossary.lookup("balenaFin")
    assert board is not None
    assert (board.status, board.replaced_by, board.autolink, board.case_sensitive) == (
        Status.DEPRECATED,
        "Fin",
        False,
        True,
    )


@pytest.mark.parametrize(
    ("text", "line", "subtype", "fragment"),
    [
        pytest.param(
            "version: 1\nterms: [unclosed\n", 2, W.SYNTAX, "never closed with ']'", id="syntax"
        ),
        pytest.param(
            "version: 1\nterms:\n  - term: x\n\tdefinition: y\n",
            4,
            W.SYNTAX,
            "indent with spaces only",
            id="tab",
        ),
        pytest.param(
            "version: 1\nterms:\n  - term: a\n    definition: &d x\n  - term: b\n    definition: *d\n",
            6,
            W.YAML_ALIAS,
            "aliases (*d) are not allowed",
            id="yaml-alias",
        ),
        pytest.param(
            "version: 1\nterms:\n  - term: a\n    definition: !include x.yaml\n",
            4,
            W.TAG,
            "unsupported YAML tag '!include'",
            id="tag",
        ),
        pytest.param(
            "version: 1\nterms:\n  - term: a\n    definition: !!python/object/apply:os.system [echo]\n",
            4,
            W.TAG,
            "python/object/apply:os.system",
            id="python-tag",
        ),
        pytest.param(
            "version: 1\nterms:\n  - term: yes\n    definition: x\n",
            3,
            W.TYPE,
            "'term' must be a string, got a boolean ('yes') (quote it)",
            id="bool-name",
        ),
        pytest.param(
            "version: 1\nterms:\n  - term: a\n    definition: 2024-01-01\n",
            4,
            W.TYPE,
            "got a date",
            id="date-definition",
        ),
        pytest.param(
            "version: 1\nterms:\n  - term: a\n    aliases: HUP\n    definition: x\n",
            4,
            W.TYPE,
            "must be a list, got a string ('HUP') (write [HUP])",
            id="alias-not-list",
        ),
        pytest.param(
            "version: 1\nterms:\n  - term: a\n    autolink: maybe\n    definition: x\n",
            4,
            W.TYPE,
            "'autolink' must be true or false",
            id="bool-field",
        ),
        pytest.param(
            "version: 1\nterms:\n  - term: a\n    defintion: x\n",
            4,
            W.UNKNOWN_KEY,
            "unknown key 'defintion' in a term (did you mean 'definition'?)",
            id="unknown-key",
        ),
        pytest.param(
            "version: 1\nterms:\n  - term: a\n    definition: x\n    definition: y\n",
            5,
            W.DUPLICATE_KEY,
            "key 'definition' given twice in a term (first at line 4)",
            id="duplicate-key",
        ),
        pytest.param(
            "version: 1\nterms:\n  - term: a\n    scope: balna\n    definition: x\n",
            4,
            W.VALUE,
            "scope 'balna' is not one of balena, balena-usage, general (did you mean 'balena'?)",
            id="scope",
        ),
        pytest.param(
            "version: 1\nterms:\n  - term: a\n    status: old\n    definition: x\n",
            4,
            W.VALUE,
            "status 'old' is not one of",
            id="status",
        ),
        pytest.param(
            "version: 1\nterms:\n  - term: lonely\n",
            3,
            W.EMPTY_DEFINITION,
            "'lonely' has no definition",
            id="no-definition",
        ),
        pytest.param(
            "version: 1\nterms:\n  - term: a\n    definition: '   '\n",
            4,
            W.EMPTY_DEFINITION,
            "'a' has no definition",
            id="blank-definition",
        ),
        pytest.param(
            "version: 1\nterms:\n  - term: API\n    definition: x\n  - term: api\n    definition: y\n",
            5,
            W.DUPLICATE,
            "'api' is already defined at {path}:3",
            id="duplicate-name",
        ),
        pytest.param(
            "version: 1\nterms:\n  - term: API\n    definition: x\n  - term: Interface\n    aliases:\n      - Ａpi\n    definition: y\n",
            7,
            W.DUPLICATE,
            "alias 'Ａpi' of 'Interface' is already used by 'API' at {path}:3",
            id="duplicate-alias-nfkc",
        ),
        pytest.param(
            "version: 1\nterms:\n  - term: API\n    aliases: [api]\n    definition: x\n",
            4,
            W.DUPLICATE,
            "alias 'api' of 'API' is its own name",
            id="alias-own-name",
        ),
        pytest.param(
            "version: 1\nterms:\n  - term: a\n    definition: x\n    see:\n      - Nope\n",
            6,
            W.SEE_MISSING,
            "'a' sees 'Nope', which is no term of the glossary",
            id="see-missing",
        ),
        pytest.param(
            "version: 1\nterms:\n  - term: A\n    see: [B]\n  - term: B\n    see: [C]\n  - term: C\n    see: [A]\n",
            3,
            W.SEE_CYCLE,
            "see-cycle with no definition: A -> B -> C -> A",
            id="see-cycle",
        ),
        pytest.param(
            "version: 1\nterms:\n  - term: a\n    definition: x\n    more: javascript:alert(1)\n",
            5,
            W.UNSAFE_URL,
            "'more' URL 'javascript:alert(1)' of 'a' is not http(s), mailto or relative; it is dropped",
            id="more-javascript",
        ),
        pytest.param(
            'version: 1\nterms:\n  - term: a\n    definition: x\n    more: " JaVa\\tScRiPt:alert(1)"\n',
            5,
            W.UNSAFE_URL,
            "is not http(s)",
            id="more-obfuscated",
        ),
        pytest.param(
            "version: 1\nterms:\n  - term: a\n    definition: x\n    more: data:text/html,hi\n",
            5,
            W.UNSAFE_URL,
            "data:text/html",
            id="more-data",
        ),
        pytest.param(
            "version: 1\nterms:\n  - term: a\n    definition: '[click](vbscript:msgbox)'\n",
            4,
            W.UNSAFE_URL,
            "link 'vbscript:msgbox' in the definition of 'a'",
            id="definition-link",
        ),
        pytest.param(
            'version: 1\nterms:\n  - term: "A\\u202eB"\n    definition: x\n',
            3,
            W.NAME,
            "invisible characters (U+202E)",
            id="bidi-name",
        ),
        pytest.param(
            "version: 1\nterms:\n  - term: a\n    replaced_by: b\n    definition: x\n",
            4,
            W.VALUE,
            "has 'replaced_by' but its status is current",
            id="replaced-current",
        ),
        pytest.param("", 1, W.SCHEMA, "the file is empty", id="empty"),
        pytest.param("# only a comment\n", 1, W.SCHEMA, "the file is empty", id="comments-only"),
        pytest.param("version: 1\n", 1, W.SCHEMA, "missing the 'terms' list", id="only-version"),
        pytest.param("- term: a\n", 1, W.SCHEMA, "the top level must be a mapping", id="top-list"),
        pytest.param(
            "version: 2\nterms: []\n",
            1,
            W.SCHEMA,
            "unsupported version a number ('2')",
            id="version",
        ),
        pytest.param(
            "terms:\n  - term: a\n    definition: x\n",
            1,
            W.SCHEMA,
            "missing 'version: 1'",
            id="no-version",
        ),
        pytest.param(
            "version: 1\nterms:\n  - just a string\n",
            3,
            W.SCHEMA,
            "each item of 'terms' must be a mapping",
            id="entry-not-mapping",
        ),
        pytest.param(
            "version: 1\nterms:\n  - term: a\n    match: strickt\n    definition: x\n",
            4,
            W.VALUE,
            "match 'strickt' is not one of normal, strict (did you mean 'strict'?)",
            id="match-value",
        ),
        pytest.param(
            "version: 1\nterms:\n  - term: a\n    not_after: chrony\n    definition: x\n",
            4,
            W.TYPE,
            "'not_after' must be a list, got a string ('chrony') (write [chrony])",
            id="block-words-not-a-list",
        ),
        pytest.param(
            "version: 1\nterms:\n  - term: Knife\n    forms: [knives, Fork]\n"
            "    definition: x\n  - term: Fork\n    definition: y\n",
            4,
            W.DUPLICATE,
            "form 'Fork' of 'Knife' is a name of 'Fork'; dropped",
            id="form-is-a-name",
        ),
        pytest.param(
            "version: 1\nterms: []\n---\nversion: 1\n",
            3,
            W.SYNTAX,
            "expected a single document",
            id="two-documents",
        ),
        pytest.param(
            "version: 1\nterms:\n  - term: balenaOS\n    avoid: Balena OS\n    definition: x\n",
            4,
            W.TYPE,
            "'avoid' must be a list, got a string ('Balena OS') (write [Balena OS])",
            id="avoid-not-a-list",
        ),
        pytest.param(
            "version: 1\nterms:\n  - term: balenaOS\n    avoid: [Balena OS, 3]\n    definition: x\n",
            4,
            W.TYPE,
            "\"an item of 'avoid'\" must be a string, got a number ('3') (quote it)",
            id="avoid-item-not-a-string",
        ),
        pytest.param(
            "version: 1\nterms:\n  - term: balenaOS\n    spelling: exact\n    definition: x\n",
            4,
            W.VALUE,
            "spelling 'exact' is not one of normal, strict",
            id="spelling-value",
        ),
        pytest.param(
            "version: 1\nterms:\n  - term: balenaOS\n    spelling: true\n    definition: x\n",
            4,
            W.TYPE,
            "'spelling' must be a string, got a boolean ('true')",
            id="spelling-not-a-string",
        ),
        pytest.param(
            "version: 1\nterms:\n  - term: balenaOS\n    avoid:\n      - Balena OS\n"
            "      - BALENAOS\n    definition: x\n",
            6,
            W.DUPLICATE,
            "avoid spelling 'BALENAOS' of 'balenaOS' is its own name; dropped",
            id="avoid-own-name",
        ),
        pytest.param(
            "version: 1\nterms:\n  - term: Host os UPdater\n    aliases: [HUP]\n    definition: x\n"
            "  - term: balenaOS\n    avoid: [hup]\n    definition: y\n",
            7,
            W.DUPLICATE,
            "avoid spelling 'hup' of 'balenaOS' is a name of 'Host os UPdater'; dropped",
            id="avoid-another-terms-alias",
        ),
        pytest.param(
            "version: 1\nterms:\n  - term: Knife\n    forms: [knives]\n    definition: x\n"
            "  - term: Fork\n    avoid: [Knives]\n    definition: y\n",
            7,
            W.DUPLICATE,
            "avoid spelling 'Knives' of 'Fork' is a form of 'Knife'; dropped",
            id="avoid-a-form",
        ),
        pytest.param(
            "version: 1\nterms:\n  - term: balenaOS\n    avoid: [Balena OS]\n    definition: x\n"
            "  - term: balenaCloud\n    avoid: [balena os]\n    definition: y\n",
            7,
            W.DUPLICATE,
            "avoid spelling 'balena os' of 'balenaCloud' is avoided already for 'balenaOS' at "
            "{path}:4; dropped",
            id="avoid-twice",
        ),
    ],
)
def test_each_problem_is_located(
    tmp_path: Path, text: str, line: int, subtype: W, fragment: str
) -> None:
    path = write(tmp_path, text)
    problems = problems_of(path)
    expected = fragment.format(path=path)
    assert any(
        p_line == line and p_subtype is subtype and expected in message
        for p_line, p_subtype, message in problems
    ), problems


def test_matching_fields_are_read(tmp_path: Path) -> None:
    text = (
        "version: 1\nterms:\n  - term: Service\n    forms: [servicez]\n    match: strict\n"
        "    not_after: [chrony, the  systemd]\n    not_before: [provider]\n    definition: x\n"
    )
    glossary, problems = load_glossary([write(tmp_path, text)])
    assert problems == []
    service = glossary.lookup("servicez")
    assert service is not None
    assert (service.forms, service.match.value, service.not_after, service.not_before) == (
        ("servicez",),
        "strict",
        ("chrony", "the systemd"),
        ("provider",),
    )


def test_avoid_and_spelling_are_read_and_a_wrong_avoid_spelling_is_dropped(
    tmp_path: Path,
) -> None:
    text = (
        "version: 1\nterms:\n  - term: balenaOS\n    spelling: strict\n"
        "    avoid: [Balena  OS, balenaos, Balena-OS]\n    definition: x\n"
        "  - term: Fleet\n    definition: y\n"
    )
    glossary, problems = load_glossary([write(tmp_path, text)])
    assert [(p.line, p.subtype) for p in problems] == [(5, W.DUPLICATE)]
    balena_os = glossary.lookup("balenaOS")
    assert balena_os is not None
    assert (balena_os.spelling, balena_os.avoid) == (Spelling.STRICT, ("Balena OS", "Balena-OS"))
    fleet = glossary.lookup("Fleet")
    assert fleet is not None and (fleet.spelling, fleet.avoid) == (Spelling.NORMAL, ())
    # avoid spellings are no names: they find nothing and make no duplicates
    assert glossary.lookup("Balena OS") is None and glossary.lookup("balena-os") is None


def test_bad_entries_are_skipped_and_good_ones_kept(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "version: 1\nterms:\n  - term: good\n    definition: x\n  - term: bad\n  - term: also good\n    definition: y\n",
    )
    glossary, problems = load_glossary([path])
    assert [t.term for t in glossary] == ["good", "also good"]
    assert len(problems) == 1


def test_unsafe_more_url_is_dropped_but_term_kept(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "version: 1\nterms:\n  - term: a\n    definition: x\n    more: javascript:alert(1)\n",
    )
    glossary, _ = load_glossary([path])
    term = glossary.lookup("a")
    assert term is not None and term.more == ""


@pytest.mark.parametrize(
    "url",
    ["https://x.io/a", "http://x", "mailto:a@b.c", "../docs/page.html", "#anchor", "page.html"],
)
def test_safe_more_urls_are_kept(tmp_path: Path, url: str) -> None:
    path = write(
        tmp_path, f"version: 1\nterms:\n  - term: a\n    definition: x\n    more: '{url}'\n"
    )
    glossary, problems = load_glossary([path])
    assert problems == []
    assert glossary.terms[0].more == url


def test_not_utf8_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "latin1.yaml"
    path.write_bytes(b"version: 1\nterms:\n  - term: caf\xe9\n")
    assert problems_of(path) == [(3, W.ENCODING, "not UTF-8 (byte 0xe9); save it as UTF-8")]


def test_bom_and_crlf_are_fine(tmp_path: Path) -> None:
    path = tmp_path / "bom.yaml"
    path.write_bytes(b"\xef\xbb\xbfversion: 1\r\nterms:\r\n  - term: a\r\n    definition: x\r\n")
    glossary, problems = load_glossary([path])
    assert problems == [] and [t.term for t in glossary] == ["a"]


def test_control_character_names_its_line(tmp_path: Path) -> None:
    path = write(tmp_path, "version: 1\nterms:\n  - term: a\n    definition: x\x07y\n")
    assert problems_of(path)[0][:2] == (4, W.SYNTAX)


def test_missing_file_and_directory(tmp_path: Path) -> None:
    assert problems_of(tmp_path / "nope.yaml") == [(1, W.FILE, "no such file")]
    assert problems_of(tmp_path) == [(1, W.FILE, "is a directory, not a glossary data file")]


def test_too_large_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    with path.open("wb") as f:
        f.truncate(MAX_BYTES + 1)
    assert problems_of(path) == [
        (1, W.TOO_LARGE, f"file is {MAX_BYTES + 1} bytes; the limit is {MAX_BYTES}")
    ]


def test_billion_laughs_is_refused_fast(tmp_path: Path) -> None:
    lines = ["version: 1", "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 10)]
    path = write(tmp_path, "\n".join(lines) + "\nterms: *a9\n")
    started = time.perf_counter()
    problems = problems_of(path)
    assert time.perf_counter() - started < 1.0
    assert problems[0][:2] == (3, W.YAML_ALIAS)


def test_deep_nesting_is_a_syntax_error_not_a_crash(tmp_path: Path) -> None:
    path = write(tmp_path, "version: 1\nterms: " + "[" * 20000 + "]" * 20000 + "\n")
    assert problems_of(path)[0][1] is W.SYNTAX


def test_nothing_in_a_file_executes(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    path = write(
        tmp_path,
        f"version: 1\nterms:\n  - term: a\n    definition: !!python/object/apply:os.system ['touch {marker}']\n",
    )
    load_glossary([path])
    assert not marker.exists()


def test_later_file_overrides_earlier_term(tmp_path: Path) -> None:
    first = write(
        tmp_path,
        "version: 1\nterms:\n  - term: a\n    definition: old\n  - term: b\n    definition: b\n",
        "1.yaml",
    )
    second = write(
        tmp_path,
        "version: 1\nterms:\n  - term: A\n    definition: new\n  - term: c\n    definition: c\n",
        "2.yaml",
    )
    glossary, problems = load_glossary([first, second])
    # reported once, as a note naming both sources (not a problem of either)
    assert [(p.note, p.path, p.line, p.subtype, p.message) for p in problems] == [
        (True, str(second), 3, W.OVERRIDE, f"'A' overrides the entry of {first}:3")
    ]
    assert [(t.term, t.definition, t.source) for t in glossary] == [
        ("A", "new", str(second)),
        ("b", "b", str(first)),
        ("c", "c", str(second)),
    ]


def test_alias_clash_across_files_names_both(tmp_path: Path) -> None:
    first = write(tmp_path, "version: 1\nterms:\n  - term: API\n    definition: x\n", "1.yaml")
    second = write(
        tmp_path,
        "version: 1\nterms:\n  - term: Interface\n    aliases: [API]\n    definition: y\n",
        "2.yaml",
    )
    _, problems = load_glossary([first, second])
    assert [str(p) for p in problems] == [
        f"{second}:4: alias 'API' of 'Interface' is already used by 'API' at {first}:3 [bterm.duplicate]"
    ]


def test_two_defined_entries_may_see_each_other(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "version: 1\nterms:\n  - term: A\n    definition: a\n    see: [B]\n  - term: B\n    definition: b\n    see: [A]\n",
    )
    assert problems_of(path) == []


def test_problems_are_in_line_order(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "version: 1\nterms:\n  - term: a\n    definition: x\n    see: [zz]\n  - term: b\n    defintion: y\n",
    )
    lines = [line for line, _, _ in problems_of(path)]
    assert lines == sorted(lines)


def test_twenty_thousand_terms_load_in_seconds(tmp_path: Path) -> None:
    body = "".join(
        f"  - term: Term {i}\n    aliases: [T{i}X]\n    definition: Definition number {i}.\n"
        for i in range(20000)
    )
    path = write(tmp_path, "version: 1\nterms:\n" + body)
    glossary, problems = load_glossary([path])
    assert problems == [] and len(glossary) == 20000


def test_dropped_redirects_leave_no_dangling_see(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "version: 1\nterms:\n  - term: A\n    see: [B]\n  - term: B\n    see: [Nope]\n"
        "  - term: C\n    definition: c\n    see: [A, B]\n",
    )
    glossary, problems = load_glossary([path])
    assert [(t.term, t.see) for t in glossary] == [("C", ())]
    assert [(p.line, p.subtype) for p in problems] == [(6, W.SEE_MISSING), (6, W.EMPTY_DEFINITION)]


def test_the_json_schema_knows_every_field() -> None:
    """Editors validate with the shipped schema: it must not drift from the loader."""
    import json

    from sphinx_balena_glossary.data_format import ENUM_FIELDS, FIELDS, JSON_TERM_EXTRAS, TOP_LEVEL
    from sphinx_balena_glossary.loader import BUNDLED_FILE

    schema = json.loads(BUNDLED_FILE.with_name("glossary.schema.json").read_text(encoding="utf-8"))
    properties = schema["$defs"]["fields"]["properties"]
    assert set(properties) == set(FIELDS)
    assert set(schema["properties"]) == set(TOP_LEVEL)
    published = json.loads(
        BUNDLED_FILE.with_name("glossary-json.schema.json").read_text(encoding="utf-8")
    )
    assert set(published["properties"]["terms"]["items"]["properties"]) == set(JSON_TERM_EXTRAS)
    for name, values in ENUM_FIELDS.items():
        assert properties[name]["enum"] == list(values)


SLIPS_BASE = "version: 1\nterms:\n  - term: HUP\n    definition: Updates hosts.\n  - term: Fleet\n    definition: A group.\n"


@pytest.mark.parametrize(
    ("old", "new", "line", "message"),
    [
        pytest.param(
            "    definition: A group.",
            "     definition: A group.",
            6,
            "this key is indented more than the key on line 5 (5 spaces, not 4): keys of one "
            "entry line up",
            id="indented-more",
        ),
        pytest.param(
            "    definition: A group.",
            "   definition: A group.",
            6,
            "this key is indented less than the key on line 5 (3 spaces, not 4): keys of one "
            "entry line up",
            id="indented-less",
        ),
        pytest.param(
            "  - term: Fleet",
            "  term: Fleet",
            5,
            "each entry starts with '- ': write '- term:' (the '-' is missing)",
            id="missing-dash",
        ),
        pytest.param(
            "definition: Updates hosts.",
            'definition: "Updates hosts.',
            4,  # where the quote opens, not the end of the file
            "a quote opened on this line is never closed: close it, or drop the quotes",
            id="unclosed-quote",
        ),
        pytest.param(
            "definition: A group.",
            "definition: Note: a group.",
            6,
            "this value holds ': ', which YAML reads as another key: put the whole value in "
            'quotes (definition: "Note: …") or write it as a block (definition: >-)',
            id="colon-in-value",
        ),
        pytest.param(
            "  - term: HUP",
            "  - term: HUP: updater",
            3,  # the first entry: the key above it is 'terms:', not a sibling
            "this value holds ': ', which YAML reads as another key: put the whole value in "
            'quotes (definition: "Note: …") or write it as a block (definition: >-)',
            id="colon-in-the-first-entry",
        ),
        pytest.param(
            "    definition: A group.",
            "\tdefinition: A group.",
            6,
            "a tab character in the indentation: indent with spaces only",
            id="tab",
        ),
    ],
)
def test_common_yaml_slips_are_said_as_what_to_change(
    tmp_path: Path, old: str, new: str, line: int, message: str
) -> None:
    path = write(tmp_path, SLIPS_BASE.replace(old, new))
    assert problems_of(path) == [(line, W.SYNTAX, f"YAML syntax error: {message}")]
