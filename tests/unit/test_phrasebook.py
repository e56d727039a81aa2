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
