"""Format the bibliography once, not at every build.

sphinxcontrib-bibtex formats every entry of every bibliography (twice, with tooltips on) each
time Sphinx has read the sources, even when nothing changed: about 1.3 s of a rebuild's 4 s
for the course's few hundred works. Its formatted entries are kept here in Sphinx's pickled
environment, keyed on everything the formatting reads: the bibliography, the bib files'
modification times, the entries it lists in their order, the styles, the prefixes and the
versions of pybtex and sphinxcontrib-bibtex. Anything else, and any formatting that warned,
is formatted afresh.
"""

from __future__ import annotations

import hashlib
import pickle
from importlib import metadata

_STORE = "legcourse_formatted_bibliographies"  # the environment's attribute
_PACKAGES = ("pybtex", "sphinxcontrib-bibtex")


def _key(domain, bibliography_key, docnames, tooltips, tooltips_style) -> str:
    bibliography = domain.bibliographies[bibliography_key]
    listed = [key for key, _ in domain.get_sorted_entries(bibliography_key, docnames)]
    files = [(str(path), domain.bibdata.bibfiles[path].mtime) for path in bibliography.bibfiles]
    settings = (
        bibliography.style,
        bibliography.labelprefix,
        bibliography.keyprefix,
        tooltips,
        tooltips_style,
        [metadata.version(name) for name in _PACKAGES],
    )
    data = (tuple(bibliography_key), files, listed, settings)
    return hashlib.sha256(pickle.dumps(data)).hexdigest()


def remember_formatted_entries() -> None:
    """Make sphinxcontrib-bibtex reuse the entries it formatted at the last build when nothing
    they depend on changed (a process-wide patch of its domain; applied once)."""
    from sphinxcontrib.bibtex.domain import BibtexDomain

    format_afresh = BibtexDomain.get_formatted_entries
    if getattr(format_afresh, "remembers", False):
        return

    def get_formatted_entries(self, bibliography_key, docnames, tooltips, tooltips_style):
        store = getattr(self.env, _STORE, None)
        if store is None:
            store = {}
            setattr(self.env, _STORE, store)
        key = _key(self, bibliography_key, docnames, tooltips, tooltips_style)
        known = store.get(bibliography_key)
        if known is not None and known[0] == key:
            return iter(known[1])
        warnings = getattr(self.env.app, "_warncount", None)
        entries = list(format_afresh(self, bibliography_key, docnames, tooltips, tooltips_style))
        if warnings is not None and warnings == self.env.app._warncount:  # kept only if clean
            store[bibliography_key] = (key, entries)
        else:
            store.pop(bibliography_key, None)
        return iter(entries)

    get_formatted_entries.remembers = True  # type: ignore[attr-defined]
    BibtexDomain.get_formatted_entries = get_formatted_entries  # type: ignore[method-assign]
