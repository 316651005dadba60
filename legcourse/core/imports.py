"""One import-time saving shared by the page helpers and the command line.

jsonschema (which nbformat, and through it myst-nb's ``glue``, imports) builds a parser for
the IRI string formats whenever the optional package ``rfc3987_syntax`` is installed: about
2 to 3 seconds of every process, for a format check that no notebook schema uses. Marking the
package as absent skips only that check.
"""

from __future__ import annotations

import sys


def skip_unused_iri_parser() -> None:
    """Make ``import rfc3987_syntax`` fail fast, before nbformat or jsonschema is imported."""
    sys.modules.setdefault("rfc3987_syntax", None)  # type: ignore[arg-type]
