"""What a visitor types into a search box, made into plain words for the full-text search.

The portal's search backend (Wagtail's database backend) hands each word to the database's
own query language: SQLite's FTS5 ``MATCH`` (where ``"``, ``*``, ``^``, ``:``, ``( )``,
``{ }``, ``-``, ``+``, ``NEAR``, ``AND``, ``OR`` and ``NOT`` are syntax) or PostgreSQL's
``to_tsquery`` (``& | ! <-> ( ) : * ' \\``). A stray operator there is a syntax error of the
database, which is neither the visitor's fault nor an outage. So nothing but words reaches
it: runs of letters and digits in any script, lower-cased (which also makes ``AND``, ``OR``,
``NOT`` and ``NEAR`` ordinary words), at most ``MAX_WORDS`` of them.
"""

import re

MAX_WORDS = 12
MAX_WORD_LENGTH = 60
# Letters and digits of every script (Cyrillic, Kazakh's extra letters, Latin); an
# underscore is punctuation to the search, not part of a word.
WORD = re.compile(r"[^\W_]+")


def plain_words(text):
    """The words of ``text`` as one space-separated string, safe for any search backend;
    empty when ``text`` holds no word at all (only punctuation, operators, control
    characters)."""
    words = [word[:MAX_WORD_LENGTH] for word in WORD.findall(text.lower())]
    return " ".join(words[:MAX_WORDS])
