"""Where things live in the book, so drills, checks and feedback can link to the right section.

The chapter pages are named after compartments; each muscle's section carries the MyST label
``muscle-<id with hyphens>`` (Sphinx turns underscores in ids into hyphens anyway).

>>> muscle_url("tibialis_anterior", base="../")
'../lower-leg/anterior.html#muscle-tibialis-anterior'
"""

from __future__ import annotations

import os
from functools import cache
from importlib import metadata

from legcourse.core.catalog import get_catalog

BOOK_URL_VARIABLE = "LEGCOURSE_BOOK_URL"
"""Environment variable that points links at another copy of the book (a course's own host):
the site root where index.html is, e.g. "https://courses.my-university.edu/legcourse/"."""

IN_BOOK_BASE = "../"
"""The ``book/`` folder as seen from a page one level inside it (``book/drills/``,
``book/clinical-reasoning/``): what fragments built into the book link with."""

COMPARTMENT_PAGES = {
    "gluteal": "hip/gluteal",
    "thigh_anterior": "upper-leg/anterior",
    "thigh_medial": "upper-leg/medial",
    "thigh_posterior": "upper-leg/posterior",
    "leg_anterior": "lower-leg/anterior",
    "leg_lateral": "lower-leg/lateral",
    "leg_posterior": "lower-leg/posterior",
}
"""Book page (path under book/, no suffix) for each compartment id."""

CONDITIONS_PAGE = "conditions-care/conditions"


@cache
def configured_book_address() -> str:
    """The published book's address, as the project configures it: the ``Book`` entry of
    ``[project.urls]`` in pyproject.toml (read from the installed package's metadata)."""
    try:
        entries = metadata.metadata("legcourse").get_all("Project-URL") or []
    except metadata.PackageNotFoundError:  # pragma: no cover - the package is always installed
        entries = []
    for entry in entries:
        name, _, url = entry.partition(",")
        if name.strip() == "Book" and url.strip():
            return url.strip().rstrip("/") + "/"
    raise LookupError(
        'the book\'s address is not configured: add Book = "https://..." under [project.urls] '
        "in pyproject.toml and reinstall the package (make book does)"
    )


def book_address() -> str:
    """The site root of the book that links point to: ``LEGCOURSE_BOOK_URL`` if set, else the
    configured address (``configured_book_address``)."""
    site = os.environ.get(BOOK_URL_VARIABLE, "").strip()
    return site.rstrip("/") + "/" if site else configured_book_address()


def published_book_base() -> str:
    """The address of the published ``book/`` folder, where the pages sit: what code running
    away from the built book (a notebook in Jupyter or Binder, a graded check, feedback) links
    with.

    >>> published_book_base().endswith("/book/")
    True
    """
    return book_address() + "book/"


def muscle_label(muscle_id: str) -> str:
    """The MyST label (and HTML id) of a muscle's section.

    >>> muscle_label("tibialis_anterior")
    'muscle-tibialis-anterior'
    """
    return "muscle-" + muscle_id.replace("_", "-")


def muscle_page(muscle_id: str) -> str:
    """The book page that describes a muscle.

    >>> muscle_page("soleus")
    'lower-leg/posterior'
    """
    return COMPARTMENT_PAGES[get_catalog().muscle(muscle_id).compartment]


def muscle_url(muscle_id: str, base: str = "") -> str:
    """Link to a muscle's section: ``base`` + page + "#" + label.

    ``base`` is the address of the book's ``book/`` folder: a site URL, or a relative path
    such as "../" from a page inside ``book/drills/``.
    """
    return f"{base}{muscle_page(muscle_id)}.html#{muscle_label(muscle_id)}"


def compartment_url(compartment_id: str, base: str = "") -> str:
    """Link to the book page of a compartment (e.g. "leg_anterior")."""
    return f"{base}{COMPARTMENT_PAGES[compartment_id]}.html"


def conditions_url(base: str = "") -> str:
    """Link to the book page on conditions."""
    return f"{base}{CONDITIONS_PAGE}.html"


LESIONS_PAGE = "clinical-reasoning/lesions"
WHEN_TO_CALL_PAGE = "conditions-care/when-to-call"


def slug_label(kind: str, record_id: str) -> str:
    """The MyST label of a record's section: ``kind-<id with hyphens>``.

    >>> slug_label("lesion", "root_l5")
    'lesion-root-l5'
    """
    return f"{kind}-{record_id.replace('_', '-')}"


def lesion_url(lesion_id: str, base: str = "") -> str:
    """Link to a lesion's section of the lesions page."""
    return f"{base}{LESIONS_PAGE}.html#{slug_label('lesion', lesion_id)}"


def condition_url(condition_id: str, base: str = "") -> str:
    """Link to a condition's section of the conditions page."""
    return f"{base}{CONDITIONS_PAGE}.html#{slug_label('condition', condition_id)}"


REVIEW_PAGE = "review"


def review_url(base: str = "") -> str:
    """Link to the Review page, which brings back what a learner missed in the drills."""
    return f"{base}{REVIEW_PAGE}.html"


def when_to_call_url(base: str = "") -> str:
    """Link to the page of red flags: when to get help, and how fast."""
    return f"{base}{WHEN_TO_CALL_PAGE}.html"
