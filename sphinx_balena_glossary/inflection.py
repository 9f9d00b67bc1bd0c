"""English plurals and possessives: the one place that says which spellings belong to a name.

Auto-linking (the matcher) and lookup by name (the role, ``see`` and
directive options) both use these rules, so whatever text auto-links also
works in ``:bterm:`...```, and the other way round.
"""

from __future__ import annotations

#: Plural and possessive endings that may follow a name, shortest first.
ENDINGS = ("s", "'s", "s'", "es")
#: The same endings as a regular expression, a longer one tried first.
ENDINGS_REGEX = "(?:'s|s'?|es)"
_VOWELS = frozenset("aeiouAEIOU")
#: Shortest single-word plural name whose singular is looked for ("News" is not "New").
_MIN_PLURAL_WORD = 5
#: The same for the last word of a longer name ("Deploy Keys": "Deploy Key").
_MIN_PLURAL_LAST_WORD = 4


def without_ending(text: str) -> list[str]:
    """The names ``text`` can be with a plural or possessive ending taken off, likeliest first.

    "cities" gives "citie", "city"; "fleets'" gives "fleet"; "Docker's" gives "Docker".
    """
    stems = [text[: -len(ending)] for ending in ENDINGS if text.endswith(ending)]
    if text.endswith("ies") and len(text) > 4:
        stems.append(text[:-3] + "y")
    return [stem for stem in stems if stem]


def derived_forms(name: str) -> list[str]:
    """Spellings of ``name`` that its endings do not cover, to be matched as the name.

    * the ``-ies`` plural of a name ending in a consonant + ``y``: "city" → "cities";
    * the singular of a plural-named entry: "Deltas" → "Delta", "Deploy Keys" →
      "Deploy Key", "Utilities" → "Utility" (a word of five letters or more, or
      a last word of four, ending in ``s`` but not ``ss``, ``us`` or ``is``:
      "Status", "Analysis" and "News" have none).
    """
    forms: list[str] = []
    last = name.rsplit(" ", 1)[-1]
    if len(last) > 1 and last[-1] == "y" and last[-2].isalpha() and last[-2] not in _VOWELS:
        forms.append(name[:-1] + "ies")
    if (
        len(last) >= (_MIN_PLURAL_WORD if last == name else _MIN_PLURAL_LAST_WORD)
        and last.isalpha()
        and last.endswith("s")
        and not last.endswith(("ss", "us", "is"))
        and not last.isupper()
    ):
        forms.append(name[:-3] + "y" if last.endswith("ies") else name[:-1])
    return forms
