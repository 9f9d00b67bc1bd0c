"""The glossary as terminology: spelling statuses, and the TBX, SKOS, textlint and Vale exports."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
import yaml

from sphinx_balena_glossary.definitions import definition_text
from sphinx_balena_glossary.export_skos import to_skos
from sphinx_balena_glossary.export_tbx import to_tbx
from sphinx_balena_glossary.export_textlint import to_textlint
from sphinx_balena_glossary.export_vale import style_name, vale_files
from sphinx_balena_glossary.exporters import FOLDER_FORMATS, FORMATS
from sphinx_balena_glossary.loader import load_bundled, load_glossary
from sphinx_balena_glossary.model import Glossary, Scope, Spelling, Status, Term
from sphinx_balena_glossary.terminology import (
    UsageStatus,
    allowed_spellings,
    avoid_map,
    designations,
    regex_escape,
    substitutions,
    successor,
)

NS = "{urn:iso:std:iso:30042:ed-2}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
P = UsageStatus.PREFERRED
A = UsageStatus.ADMITTED
D = UsageStatus.DEPRECATED
S = UsageStatus.SUPERSEDED

#: The README's table, written out again: (the name's status, the aliases' status).
README_TABLE = {
    Status.CURRENT: ("preferredTerm-admn-sts", "admittedTerm-admn-sts"),
    Status.DISCONTINUED: ("preferredTerm-admn-sts", "admittedTerm-admn-sts"),
    Status.FORMER: ("supersededTerm-admn-sts", "supersededTerm-admn-sts"),
    Status.DEPRECATED: ("deprecatedTerm-admn-sts", "deprecatedTerm-admn-sts"),
}
#: TBX-Basic's allowed values (its DCA Schematron).
TERM_TYPES = {"fullForm", "acronym", "abbreviation", "shortForm", "variant", "phrase"}
TERM_NOTE_TYPES = {
    "administrativeStatus",
    "grammaticalGender",
    "geographicalUsage",
    "partOfSpeech",
    "termLocation",
    "termType",
}
HOSTILE = "<script>alert('x')</script> & \"quotes\" ]]> <![CDATA[ x ]]>"


@pytest.fixture(scope="module")
def bundled() -> Glossary:
    glossary, problems = load_bundled()
    assert problems == []
    return glossary


def expected_statuses(term: Term) -> list[tuple[str, str]]:
    """Each spelling of ``term`` with its TBX status, straight from the README's table."""
    name, alias = README_TABLE[term.status]
    return [
        (term.term, name),
        *((a, alias) for a in term.aliases),
        *((s, "deprecatedTerm-admn-sts") for s in term.avoid),
    ]


def hostile_terms() -> tuple[Term, ...]:
    """Terms whose every text tries to break the formats."""
    return (
        Term(
            "A <b>&amp; (x)",
            key="hostile",
            aliases=("B]]>",),
            definition=f"{HOSTILE} \x0b[link](https://example.com/?a=1&b=2) $1 \\d+",
            avoid=('"quoted"', "a|b#c"),
            spelling=Spelling.STRICT,
            scope=Scope.BALENA,
        ),
        Term("C$", key="c", definition="x", avoid=("c$$",), spelling=Spelling.STRICT),
    )


# -- the statuses -----------------------------------------------------------------------


def test_statuses_of_the_bundled_glossary(bundled: Glossary) -> None:
    def of(name: str) -> list[tuple[str, UsageStatus]]:
        term = bundled.lookup(name)
        assert term is not None
        return [tuple(d) for d in designations(term)]  # type: ignore[misc]

    assert of("balenaOS") == [("balenaOS", P), ("Balena OS", D)]
    assert of("balenaCloud") == [("balenaCloud", P), ("Balena Cloud", D), ("Balena-Cloud", D)]
    assert of("HUP") == [("Host os UPdater", P), ("HUP", A)]
    assert of("balenaVPN") == [("balenaVPN", S)]
    assert of("balenaFin") == [("balenaFin", D), ("balena Fin", D)]
    assert of("Etcher Pro") == [("Etcher Pro", P), ("EP", A)]  # discontinued: still its name
    assert of("M-Team") == [("Maintainers or Mission team", S), ("M-Team", S)]


def test_avoid_spellings_are_no_names(bundled: Glossary) -> None:
    assert bundled.lookup("Balena OS") is None
    assert bundled.lookup("balena cloud") is None
    assert bundled.lookup("BalenaOS") is not None  # a case slip still finds (and links) the term


def test_replacements_follow_former_names_and_stop_on_loops(bundled: Glossary) -> None:
    rulemotion = bundled.lookup("Rulemotion")
    assert rulemotion is not None and rulemotion.replaced_by == "Resin"
    assert successor(rulemotion, bundled) == "balena"
    loop = Glossary(
        (
            Term("A", key="a", status=Status.FORMER, replaced_by="B", definition="x"),
            Term("B", key="b", status=Status.FORMER, replaced_by="A", definition="y"),
        )
    )
    assert successor(loop.terms[0], loop) in ("A", "B")


def test_substitutions_and_the_avoid_map(bundled: Glossary) -> None:
    found = {(s.wrong, s.right, s.status, s.any_case) for s in substitutions(bundled)}
    assert ("Balena OS", "balenaOS", D, True) in found
    assert ("balenaVPN", "Cloudlink", S, True) in found
    assert ("Rulemotion", "balena", S, True) in found
    assert ("balena CI", "Flowzone", D, True) in found
    # a deprecated name nothing replaces has nothing to offer instead
    assert not any(wrong == "balenaFin" for wrong, *_ in found)
    assert ("balena Fin", "balenaFin", D, True) in found
    wrongs = {wrong for wrong, *_ in found}
    assert not wrongs & {n for t in bundled if t.status is Status.CURRENT for n in t.names}
    assert avoid_map(bundled)["balena os"] == "balenaOS"
    assert "balenavpn" not in avoid_map(bundled)  # a former name, not an avoid spelling


def test_allowed_spellings(bundled: Glossary) -> None:
    cli = bundled.lookup("balena CLI")
    assert cli is not None and allowed_spellings(cli) == ("balena CLI", "balenaCLI")
    vpn = bundled.lookup("balenaVPN")
    assert vpn is not None and allowed_spellings(vpn) == ()
    assert allowed_spellings(Term("Knife", forms=("knives",), avoid=("knifes",))) == (
        "Knife",
        "knives",
    )


def test_product_names_in_the_bundled_glossary_are_strict(bundled: Glossary) -> None:
    strict = {t.term for t in bundled if t.spelling is Spelling.STRICT}
    assert {"balenaOS", "balenaCloud", "balenaEngine", "balena CLI", "openBalena"} <= strict
    assert not strict & {"Fleet", "Device", "Docker", "Etcher"}


@pytest.mark.parametrize(
    "text", ["Pine.js", "a(b)c", "C++ [x] {1} ^$ |/\\", "x#y", "tab\there", "(?i)"]
)
def test_regex_escape_matches_exactly_the_text(text: str) -> None:
    pattern = regex_escape(text)
    assert re.fullmatch(pattern, text)
    assert not re.fullmatch(pattern, text + "x")
    assert "(" not in pattern and ")" not in pattern and "\n" not in pattern


# -- TBX ----------------------------------------------------------------------------------


def test_tbx_round_trips_the_bundled_glossary(bundled: Glossary) -> None:
    root = ET.fromstring(to_tbx(bundled.terms))
    assert root.tag == NS + "tbx"
    assert (root.get("type"), root.get("style"), root.get(XML_LANG)) == ("TBX-Basic", "dca", "en")
    assert root.findtext(f"{NS}tbxHeader/{NS}fileDesc/{NS}titleStmt/{NS}title") == (
        "balena glossary"
    )
    assert root.find(f"{NS}tbxHeader/{NS}fileDesc/{NS}sourceDesc/{NS}p") is not None
    entries = root.findall(f"{NS}text/{NS}body/{NS}conceptEntry")
    assert [e.get("id") for e in entries] == [t.anchor for t in bundled]
    for entry, term in zip(entries, bundled, strict=True):
        assert entry[-1].tag == NS + "langSec"  # auxiliary information before languages
        language = entry.find(f"{NS}langSec")
        assert language is not None and language.get(XML_LANG) == "en"
        definitions = [d.text for d in language.findall(f"{NS}descrip[@type='definition']")]
        assert definitions == ([definition_text(term.definition)] if term.definition else [])
        sections = language.findall(f"{NS}termSec")
        assert language[-len(sections) :] == sections  # term sections come last
        spellings = []
        for section in sections:
            assert section[0].tag == NS + "term"
            notes = {n.get("type"): n.text for n in section.findall(f"{NS}termNote")}
            assert set(notes) <= TERM_NOTE_TYPES and notes["termType"] in TERM_TYPES
            spellings.append((section[0].text, notes["administrativeStatus"]))
        assert spellings == expected_statuses(term)


def _sections(tbx: str, anchor: str) -> dict[str, ET.Element]:
    root = ET.fromstring(tbx)
    entry = root.find(f".//{NS}conceptEntry[@id='{anchor}']")
    assert entry is not None
    return {s.findtext(f"{NS}term") or "": s for s in entry.iter(f"{NS}termSec")}


def test_tbx_term_types_and_do_not_translate(bundled: Glossary) -> None:
    tbx = to_tbx(bundled.terms)

    def notes(section: ET.Element) -> list[str]:
        return [n.text or "" for n in section.findall(f"{NS}note")]

    def term_type(section: ET.Element) -> str | None:
        return section.findtext(f"{NS}termNote[@type='termType']")

    hup = _sections(tbx, "term-host-os-updater")
    assert (term_type(hup["Host os UPdater"]), term_type(hup["HUP"])) == ("fullForm", "acronym")
    cli = _sections(tbx, "term-balena-cli")
    assert term_type(cli["balenaCLI"]) == "variant"
    os_ = _sections(tbx, "term-balenaos")
    assert notes(os_["balenaOS"]) == ["balena product name: do not translate"]
    assert notes(os_["Balena OS"]) == []  # a spelling not to write is no product name
    assert notes(_sections(tbx, "term-fleet")["Fleet"]) == []
    root = ET.fromstring(tbx)
    vpn = root.find(f".//{NS}conceptEntry[@id='term-balenavpn']")
    assert vpn is not None
    assert [n.text for n in vpn.findall(f"{NS}note")] == [
        "former name; replaced by Cloudlink",
        "See: Cloudlink",
    ]
    hup_entry = root.find(f".//{NS}conceptEntry[@id='term-host-os-updater']")
    assert hup_entry is not None
    more = hup_entry.find(f"{NS}xref[@type='externalCrossReference']")
    assert more is not None and more.get("target") == "https://github.com/balena-os/balenahup"


def test_tbx_keeps_hostile_text_as_text() -> None:
    terms = hostile_terms()
    tbx = to_tbx(terms)
    root = ET.fromstring(tbx)  # parses: nothing broke out of its element
    assert "<script>" not in tbx and "]]>" not in tbx.replace("]]&gt;", "")
    sections = _sections(tbx, "term-hostile")
    assert list(sections) == ["A <b>&amp; (x)", "B]]>", '"quoted"', "a|b#c"]
    definition = root.findtext(f".//{NS}descrip[@type='definition']")
    assert definition is not None and definition.startswith(HOSTILE + " ")
    assert "\x0b" not in definition  # XML cannot hold it: dropped, the rest kept
    assert root.find(f".//{NS}script") is None


def test_tbx_speaks_for_the_data_files_organisation() -> None:
    terms = (
        Term(
            "AcmeOS",
            key="acmeos",
            scope=Scope.BALENA,
            spelling=Spelling.STRICT,
            definition="x",
            organisation="Acme",
        ),
    )
    tbx = to_tbx(terms)
    assert ET.fromstring(tbx).findtext(f".//{NS}title") == "Acme glossary"
    notes = _sections(tbx, "term-acmeos")["AcmeOS"].findall(f"{NS}note")
    assert [n.text for n in notes] == ["Acme product name: do not translate"]


# -- SKOS ---------------------------------------------------------------------------------


def _labels(value: Any) -> list[str]:
    values = value if isinstance(value, list) else [value] if value else []
    for item in values:
        assert item["@language"] == "en"
    return [item["@value"] for item in values]


def test_skos_round_trips_the_bundled_glossary(bundled: Glossary) -> None:
    document = json.loads(to_skos(bundled.terms))
    assert document["@context"]["skos"] == "http://www.w3.org/2004/02/skos/core#"
    scheme, *concepts = document["@graph"]
    assert scheme["@type"] == "skos:ConceptScheme"
    assert _labels(scheme["dct:title"]) == ["balena glossary"]
    assert [c["@id"] for c in concepts] == ["#" + t.anchor for t in bundled]
    assert [r["@id"] for r in scheme["skos:hasTopConcept"]] == [c["@id"] for c in concepts]
    ids = {t.term: "#" + t.anchor for t in bundled}
    for concept, term in zip(concepts, bundled, strict=True):
        assert concept["@type"] == "skos:Concept"
        assert concept["skos:inScheme"] == {"@id": scheme["@id"]}
        pref = _labels(concept["skos:prefLabel"])
        alt = _labels(concept.get("skos:altLabel"))
        hidden = _labels(concept.get("skos:hiddenLabel"))
        assert (pref, alt, hidden) == ([term.term], list(term.aliases), [*term.avoid, *term.forms])
        assert not (set(pref) & set(alt) or set(pref) & set(hidden) or set(alt) & set(hidden))
        assert _labels(concept.get("skos:definition")) == (
            [definition_text(term.definition)] if term.definition else []
        )
        assert [r["@id"] for r in concept.get("skos:related", [])] == [ids[n] for n in term.see]
        replaced = term.status in (Status.FORMER, Status.DEPRECATED)
        assert concept.get("owl:deprecated", False) is replaced
        assert bool(concept.get("skos:historyNote")) is (term.status is not Status.CURRENT)
    by_id = {c["@id"]: c for c in concepts}
    assert by_id["#term-balenavpn"]["dct:isReplacedBy"] == {"@id": "#term-cloudlink"}
    assert _labels(by_id["#term-rulemotion"]["skos:historyNote"]) == [
        "former name; replaced by balena"
    ]
    assert "dct:isReplacedBy" not in by_id["#term-rulemotion"]  # "balena" is no term
    assert _labels(by_id["#term-balenaos"]["skos:editorialNote"]) == [
        "balena product name: do not translate"
    ]
    assert _labels(by_id["#term-fleet"].get("skos:scopeNote")) == [
        "Fleets are not unique to balena, but in this instance it's a reference specific to balena"
    ]


def test_skos_keeps_hostile_text_as_text() -> None:
    document = json.loads(to_skos(hostile_terms()))
    concept = document["@graph"][1]
    assert _labels(concept["skos:prefLabel"]) == ["A <b>&amp; (x)"]
    assert _labels(concept["skos:hiddenLabel"]) == ['"quoted"', "a|b#c"]
    assert _labels(concept["skos:definition"])[0].startswith(HOSTILE)


# -- textlint -----------------------------------------------------------------------------


def test_textlint_terms(bundled: Glossary) -> None:
    entries = json.loads(to_textlint(bundled.terms))
    strings = [e for e in entries if isinstance(e, str)]
    pairs = [e for e in entries if not isinstance(e, str)]
    assert all(
        isinstance(p, list) and len(p) == 2 and all(isinstance(x, str) for x in p) for p in pairs
    )
    assert len(strings) + len(pairs) == len(entries)
    assert {"balenaOS", "balenaCloud", "balena CLI", "balenaCLI", "openBalena"} <= set(strings)
    assert not set(strings) & {"Fleet", "balenaVPN", "balenaFin", "Balena OS"}
    # strings are joined into one regular expression unescaped: none may hold its syntax
    assert all(not re.search(r"[\\^$.|?*+()\[\]{}]", s) for s in strings)
    replacements = {}
    for pattern, replacement in pairs:
        replacements[pattern] = replacement
        assert re.compile(pattern)  # an escaped literal reads the same in JavaScript
    assert replacements["Balena OS"] == "balenaOS"
    assert replacements["balenaVPN"] == "Cloudlink"
    assert re.fullmatch(
        next(p for p, r in pairs if r == "balenaCloud" and "-" in p), "BALENA-CLOUD", re.IGNORECASE
    )


def test_textlint_escapes_what_the_rule_would_read_as_syntax() -> None:
    entries = json.loads(to_textlint(hostile_terms()))
    assert [regex_escape("A <b>&amp; (x)"), "A <b>&amp; (x)"] in entries  # not a bare string
    assert "B]]>" not in entries and [regex_escape("B]]>"), "B]]>"] in entries
    assert [r"C\$", "C$$"] in entries  # "$" is special in JavaScript's replacement strings
    assert [r"c\$\$", "C$$"] in entries
    assert [r"a\|b\#c", "A <b>&amp; (x)"] in entries


# -- Vale ---------------------------------------------------------------------------------


def _vale_rule(files: dict[str, str], style: str) -> dict[str, Any]:
    text = files[f"{style}/Terms.yml"]
    assert text.startswith("# ") and text.count("\n# ") == 0  # one comment line, at the top
    rule: dict[str, Any] = yaml.safe_load(text)
    return rule


def _vale_capture_groups_ok(key: str) -> bool:
    """Vale's check: only non-capturing groups (it pairs its own groups with replacements)."""
    opens = key.count("(")
    return opens in (key.count("(?"), key.count("\\("))


def test_vale_style(bundled: Glossary) -> None:
    files = vale_files(bundled.terms)
    assert sorted(files) == ["Balena/Terms.yml", "config/vocabularies/Balena/accept.txt"]
    rule = _vale_rule(files, "Balena")
    assert set(rule) == {"extends", "message", "level", "ignorecase", "vocab", "action", "swap"}
    assert (rule["extends"], rule["ignorecase"], rule["vocab"]) == ("substitution", False, False)
    assert rule["action"] == {"name": "replace"} and rule["message"].count("%s") == 2
    assert rule["level"] in ("suggestion", "warning", "error")
    swap: dict[str, str] = rule["swap"]
    assert all(isinstance(k, str) and isinstance(v, str) for k, v in swap.items())
    assert all(_vale_capture_groups_ok(key) for key in swap)

    def swapped(text: str) -> list[str]:
        return [right for key, right in swap.items() if re.fullmatch(key, text)]

    assert swapped("Balena OS") == swapped("BALENA OS") == ["balenaOS"]
    assert swapped("balenaVPN") == ["Cloudlink"]
    assert swapped("BalenaOS") == ["balenaOS"]  # reported: differs from the replacement
    assert swapped("balenaOS") == ["balenaOS"]  # not reported: it is the replacement
    assert swapped("Fleet") == swapped("fleet") == []
    lines = files["config/vocabularies/Balena/accept.txt"].splitlines()
    assert len(lines) == len(set(lines)) and all(lines)
    assert "balenaOS" in lines and "(?i:Fleet)" in lines and "(?i:Host os UPdater)" in lines
    # no bare "(?i)": joined into one expression, it would free the case of the entries after it
    assert not any("(?i)" in line for line in lines)
    joined = "|".join(lines)
    assert re.fullmatch(f"(?:{joined})", "FLEET") and not re.fullmatch(f"(?:{joined})", "BALENAOS")
    assert not any(re.fullmatch(line, "Balena OS") for line in lines)
    assert not any(re.fullmatch(line, "BalenaOS") for line in lines)  # strict: exact case
    allowed = {s for t in bundled for s in allowed_spellings(t)}
    assert {s for s in allowed if any(re.fullmatch(line, s) for line in lines)} == allowed


def test_vale_escapes_names_with_syntax() -> None:
    files = vale_files(hostile_terms())
    rule = _vale_rule(files, "Balena")
    assert all(_vale_capture_groups_ok(key) for key in rule["swap"])
    matches = {right for key, right in rule["swap"].items() if re.fullmatch(key, "A|B#C")}
    assert matches == {"A <b>&amp; (x)"}
    lines = files["config/vocabularies/Balena/accept.txt"].splitlines()
    assert [bool(re.fullmatch(line, "A <b>&amp; (x)")) for line in lines[:1]] == [True]


def test_vale_style_name_follows_the_organisation() -> None:
    def named(*organisations: str) -> str:
        return style_name([Term("X", organisation=o) for o in organisations])

    assert named("") == "Balena"
    assert named("Acme corp.") == "AcmeCorp"
    assert named("Acme", "Other") == "Glossary"
    assert named("☃") == "Glossary"


# -- every terminology format -------------------------------------------------------------


@pytest.mark.parametrize("name", ["tbx", "skos", "textlint", "vale"])
def test_exports_are_deterministic_and_registered(bundled: Glossary, name: str) -> None:
    export = FORMATS.get(name) or FOLDER_FORMATS[name]
    assert export(bundled.terms) == export(tuple(bundled.terms))
    reloaded, _ = load_bundled()
    assert export(reloaded.terms) == export(bundled.terms)


def test_avoid_and_spelling_read_from_a_data_file(tmp_path: Path) -> None:
    path = tmp_path / "g.yaml"
    path.write_text(
        "version: 1\nterms:\n  - term: AcmeOS\n    definition: x\n    spelling: strict\n"
        "    avoid: [Acme OS, acme-os]\n",
        encoding="utf-8",
    )
    glossary, problems = load_glossary([path])
    assert problems == []
    entries = json.loads(to_textlint(glossary.terms))
    assert entries == ["AcmeOS", ["Acme OS", "AcmeOS"], ["acme-os", "AcmeOS"]]
