"""Phrasebooks are read by the one located YAML reader and complain with file:line:column."""

import pytest

from scoring.analysis.analyzer import Analyzer
from scoring.analysis.phrasebook import compile_phrasebook
from scoring.errors import PatternError, PhrasebookError

GOOD = """\
language: en
rules:
  - id: apology.sorry
    signal: apology
    patterns: ["sorry"]
"""


def test_a_small_phrasebook_compiles() -> None:
    book = compile_phrasebook(GOOD, "org.yaml")
    assert [r.id for r in book.rules] == ["apology.sorry"]
    assert book.rules[0].source == "org.yaml:3"


@pytest.mark.parametrize(
    ("text", "where", "words"),
    [
        (GOOD.replace("signal: apology", "signal: apologie"), "org.yaml:4:13", "unknown signal"),
        (
            GOOD + "  - id: apology.sorry\n    signal: apology\n    patterns: [x]\n",
            "org.yaml:6:9",
            "duplicate rule id",
        ),
        ("language: en\nlanguage: zh\n", "org.yaml:2:1", "duplicate key"),
        ("language: en\nlists:\n  A: &a [x]\n  B: *a\n", "org.yaml:4:6", "anchors and aliases"),
        ("language: en\nrules: [\n", "org.yaml:3:1", "YAML syntax"),
        (
            "language: en\nrules:\n  - {id: x, signal: apology, patterns: ['(a|b']}\n",
            "org.yaml:3:",
            "rule 'x'",
        ),
    ],
)
def test_errors_name_the_place(text: str, where: str, words: str) -> None:
    with pytest.raises(PhrasebookError) as info:
        compile_phrasebook(text, "org.yaml")
    assert info.value.where.startswith(where)
    assert words in info.value.message


def test_check_pattern_knows_the_word_lists() -> None:
    book = Analyzer.for_language("en").phrasebook
    book.check_pattern("(i|we) (@AUX) escalate")
    with pytest.raises(PatternError):
        book.check_pattern("(unclosed")


LISTED = """\
language: en
lists:
  SORRY_FOR: [delay, wait]
  GLAD_ABOUT: [fix, news]
rules:
  - id: apology.for
    signal: apology
    patterns: ["sorry about the (@SORRY_FOR)"]
"""


def test_word_lists_are_found_by_their_first_word_after_the_trie_grows() -> None:
    """A node's list index is built on first use and rebuilt when a rule adds a list there."""
    from scoring.analysis.extension import extend_phrasebook

    book = compile_phrasebook(LISTED, "org.yaml")
    analyzer = Analyzer(book)
    assert [s.name for s in analyzer.analyze("Sorry about the wait.").signals] == ["apology"]
    assert analyzer.analyze("Sorry about the fix.").signals == ()  # index now built
    extend_phrasebook(
        book,
        "language: en\nrules:\n"
        "  - {id: org.empathy.glad, signal: empathy, patterns: ['sorry about the (@GLAD_ABOUT)']}\n",
        "ext.yaml",
    )
    assert [s.name for s in analyzer.analyze("Sorry about the fix.").signals] == ["empathy"]
    assert [s.name for s in analyzer.analyze("Sorry about the delay.").signals] == ["apology"]
