"""Plain-English helpers: lists of words in a sentence, small numbers, capitals.

Shared by every layer that writes text for a reader (book prose, drill feedback, checks).
"""

from __future__ import annotations

from collections.abc import Iterable

CHECK = "\u2713"
"""The mark of a table cell that says yes (a condition's symptom, say); read back by the book's
phone tables, so it lives here, light to import, rather than beside pandas in ``book.tables``."""

_NUMBER_WORDS = "no one two three four five six seven eight nine ten eleven twelve".split()


def join_words(items: Iterable[str], conjunction: str = "and") -> str:
    """Join words as in a sentence; "" for no words.

    >>> join_words(["soleus"])
    'soleus'
    >>> join_words(["soleus", "plantaris", "gastrocnemius"], "or")
    'soleus, plantaris or gastrocnemius'
    >>> join_words(["ilium, pubis", "femur"])
    'ilium, pubis and femur'
    """
    words = [str(w) for w in items if str(w)]
    if len(words) <= 1:
        return "".join(words)
    # Items that hold commas themselves are kept apart with semicolons.
    sep = "; " if any("," in w for w in words) else ", "
    last = f"{sep.strip()} {conjunction} " if sep == "; " and len(words) > 2 else f" {conjunction} "
    return sep.join(words[:-1]) + last + words[-1]


def number_word(n: int) -> str:
    """A small count in words; counts above twelve stay as digits.

    >>> number_word(8), number_word(30)
    ('eight', '30')
    """
    return _NUMBER_WORDS[n] if 0 <= n < len(_NUMBER_WORDS) else str(n)


def capitalise(text: str) -> str:
    """The text with its first letter in upper case and the rest untouched.

    >>> capitalise("iliotibial tract")
    'Iliotibial tract'
    """
    return text[:1].upper() + text[1:]


def quote(text: str) -> str:
    """Text in typographic double quotes, as feedback quotes a learner's answer."""
    return f"\u201c{text}\u201d"


def either(words: list[str]) -> str:
    """Alternatives joined with "or", e.g. "a, b or c" (no semicolons)."""
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " or " + words[-1]
