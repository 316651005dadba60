"""Name handling: one normal form for comparing muscle names, one-typo reading, and close-match
suggestions."""

from __future__ import annotations

import re
import unicodedata
from difflib import get_close_matches

# Misspellings seen in real sources and answers, mapped to the right word. They are accepted
# when a learner types them (and taught back), never written by the course. Only words that
# are never right belong here; phrases whose words are fine alone go in the next table.
COMMON_MISSPELLINGS = {
    "halluces": "hallucis",
    "hallicus": "hallucis",
    "bicep": "biceps",
    "peroneous": "peroneus",
    "gastrocnemeus": "gastrocnemius",
    "gastrocnemious": "gastrocnemius",
    "soleous": "soleus",
    "sartorious": "sartorius",
    "semitendonosus": "semitendinosus",
    "semimembranous": "semimembranosus",
}

COMMON_MISSPELLED_PHRASES = {
    "fascia lata": "fasciae latae",
    "fascia latae": "fasciae latae",
    "fasciae lata": "fasciae latae",
}

_NOISE = re.compile(r"[^a-z0-9 ]+")
_LEADING = re.compile(r"^(the|m|musculus|muscle) ")
_TRAILING = re.compile(r" (muscle|muscles|m)$")


def normalise(name: str) -> str:
    """Lower-case, accents and punctuation removed, spaces collapsed, "the"/"muscle" dropped.

    >>> normalise("  The Tibialis-Anterior muscle ")
    'tibialis anterior'
    """
    text = unicodedata.normalize("NFKD", str(name)).encode("ascii", "ignore").decode()
    text = _NOISE.sub(" ", text.lower().replace("'", ""))
    text = " ".join(text.split())
    text = _LEADING.sub("", text)
    return _TRAILING.sub("", text)


def correct_spelling(name: str) -> str:
    """``normalise(name)`` with known misspellings of words and phrases corrected."""
    text = " ".join(COMMON_MISSPELLINGS.get(word, word) for word in normalise(name).split())
    for wrong, right in COMMON_MISSPELLED_PHRASES.items():
        text = re.sub(rf"\b{wrong}\b", right, text)
    return text


TYPO_MIN_LENGTH = 8
"""Names shorter than this are never read through a typo: short words are too often another
word one letter away ("sciatica" is not a misspelled "sciatic")."""


def one_typo_apart(a: str, b: str) -> bool:
    """Whether two strings differ by exactly one typo: a letter wrong, missing or extra, or two
    neighbouring letters swapped.

    >>> one_typo_apart("rectus femuris", "rectus femoris"), one_typo_apart("soleus", "soleus")
    (True, False)
    >>> one_typo_apart("gastrocnemus", "gastrocnemius"), one_typo_apart("sartroius", "sartorius")
    (True, True)
    """
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
        if len(diff) == 1:
            return True
        i = diff[0]
        return len(diff) == 2 and diff[1] == i + 1 and a[i] == b[i + 1] and a[i + 1] == b[i]
    short, long = sorted((a, b), key=len)
    i = next((k for k, (x, y) in enumerate(zip(short, long, strict=False)) if x != y), len(short))
    return short[i:] == long[i + 1 :]


def typo_match(name: str, keys) -> str | None:
    """The one key (normal form) that ``name`` is a single typo away from, or None: when no
    key is, or several are (then the learner is asked "did you mean"), or the name is short.

    >>> typo_match("Rectus femuris", ["rectus femoris", "vastus medialis"])
    'rectus femoris'
    """
    text = correct_spelling(name)
    if len(text) < TYPO_MIN_LENGTH:
        return None
    near = {key for key in keys if len(key) >= TYPO_MIN_LENGTH and one_typo_apart(text, key)}
    return near.pop() if len(near) == 1 else None


def closest(name: str, candidates: list[str], n: int = 3, cutoff: float = 0.6) -> list[str]:
    """Up to ``n`` candidates that look most like ``name`` (compared in normal form)."""
    by_key: dict[str, str] = {}
    for candidate in candidates:
        by_key.setdefault(normalise(candidate), candidate)
    keys = get_close_matches(correct_spelling(name), list(by_key), n=n, cutoff=cutoff)
    return [by_key[k] for k in keys]
