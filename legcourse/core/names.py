"""Name handling: one normal form for comparing muscle names, and close-match suggestions."""

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


def closest(name: str, candidates: list[str], n: int = 3, cutoff: float = 0.6) -> list[str]:
    """Up to ``n`` candidates that look most like ``name`` (compared in normal form)."""
    by_key: dict[str, str] = {}
    for candidate in candidates:
        by_key.setdefault(normalise(candidate), candidate)
    keys = get_close_matches(correct_spelling(name), list(by_key), n=n, cutoff=cutoff)
    return [by_key[k] for k in keys]
