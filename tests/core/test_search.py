"""What a visitor types becomes plain words before it reaches the full-text search."""

import pytest

from core.search import MAX_WORDS, plain_words


@pytest.mark.parametrize(
    ("typed", "words"),
    [
        ("Испытания на месторождении", "испытания на месторождении"),
        ('"испытания', "испытания"),
        ('a"b', "a b"),
        ("NEAR(a b)", "near a b"),
        ("a AND OR NOT b", "a and or not b"),
        ("title:испытания", "title испытания"),
        ("a:* & b | !c <-> d", "a b c d"),
        ("-a +b ^c *d {e}", "a b c d e"),
        ("O'Brien \\ x", "o brien x"),
        ("ОПИ-2026-00001", "опи 2026 00001"),
        ("Өңірлік қызмет", "өңірлік қызмет"),  # Kazakh letters are letters
        ("snake_case", "snake case"),
        ("a\x00b", "a b"),
        ("!@#$%^&*()_+", ""),
        ('""', ""),
        ("", ""),
    ],
)
def test_only_words_remain(typed, words):
    assert plain_words(typed) == words


def test_a_long_text_is_cut_to_a_few_words():
    assert len(plain_words("слово " * 1000).split()) == MAX_WORDS
    assert len(plain_words("я" * 5000)) == 60
