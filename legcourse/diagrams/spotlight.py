"""Spotlight figures: one muscle highlighted on the model's bones, its attachments named.

The muscle is drawn whole (its band along the model's path, whatever covers it) with a thick
outline and a hatch, in the model view where the most of it shows; the other muscles stay faint
for orientation. Its origin (white dot) and insertion (black dot) are the first and the last
points of its path; their names come from ``muscles.csv``, shortened.
"""

from __future__ import annotations

import re

import numpy as np
from matplotlib.patches import Circle, PathPatch

from legcourse.core.catalog import get_catalog
from legcourse.core.words import join_words
from legcourse.diagrams import model_views as mv
from legcourse.diagrams.model_drawing import Label, draw_model, mean_point
from legcourse.diagrams.style import COMPARTMENT_COLOURS, HIGHLIGHT_EDGE

SHORT = 34
"""Attachment names longer than this (after cutting at the first clause) give way to the
names of the bones."""
VIEW_WORDS = {
    "front": "seen from the front",
    "back": "seen from behind",
    "outer": "seen from its outer (lateral) side",
    "inner": "seen from its inner (medial) side",
}
ORIGIN_MARK = {"facecolor": "#ffffff", "edgecolor": "#000000", "linewidth": 1.6}
INSERTION_MARK = {"facecolor": "#000000", "edgecolor": "#ffffff", "linewidth": 1.0}


def best_view(muscle_id: str) -> str:
    """The model view where the most of the muscle shows (its visible area); a muscle hidden
    in every view goes where its whole band is largest."""
    _check(muscle_id)
    areas = {v: mv.build(v).areas.get(muscle_id, 0.0) for v in mv.MODEL_VIEWS}
    if max(areas.values()) > 0:
        return max(mv.MODEL_VIEWS, key=lambda v: areas[v])
    return max(mv.MODEL_VIEWS, key=lambda v: _path_area(mv.whole_band(v, muscle_id)))


def _path_area(path) -> float:
    v = path.vertices
    return 0.5 * abs(float(np.dot(v[:-1, 0], v[1:, 1]) - np.dot(v[1:, 0], v[:-1, 1])))


def _check(muscle_id: str) -> None:
    catalog = get_catalog()
    if muscle_id not in catalog.muscles:
        catalog.muscle(muscle_id)  # raises, suggesting close ids
    if not mv.in_model(muscle_id):
        raise ValueError(
            f"spotlight: {muscle_id!r} has no path on the model (not in MyoLeg, and no "
            "attachments of our own in model_attachments.yaml)"
        )


def short_place(text: str, bones: tuple[str, ...]) -> str:
    """An attachment in a few words: the text up to its first clause, or the bones' names."""
    cut = re.split(r"\s*(?:[(,;:]|\band\b|\bwith\b|\bthrough\b)\s*", text, maxsplit=1)[0]
    cut = re.sub(r"^the\s+", "", cut.strip())
    # a cut that is too short ("head") or names a head or part of the muscle gives way too
    if 12 <= len(cut) <= SHORT and not text.split(":")[0].endswith(("part", "head")):
        return cut
    catalog = get_catalog()
    return join_words(re.sub(r"\s*\(.*\)", "", catalog.label("bones", b)) for b in bones)


def attachment_words(muscle_id: str) -> tuple[str, str]:
    """The muscle's origin and insertion, shortened for a label."""
    m = get_catalog().muscles[muscle_id]
    return short_place(m.origin, m.origin_bones), short_place(m.insertion, m.insertion_bones)


def spotlight(muscle_id: str, ax=None, *, id_prefix: str = "", view: str | None = None):
    """Draw one muscle highlighted on the bones, its origin and insertion marked and named.

    Args:
        muscle_id: a course muscle id.
        ax: an Axes to draw into (a new figure, sized for a phone, when None).
        id_prefix: prepended to every gid; the muscle is ``{id_prefix}muscle-{muscle_id}``.
        view: a model view (default: ``best_view``).

    Returns:
        The matplotlib Axes.

    Raises:
        UnknownNameError: not a muscle id. ValueError: the muscle has no path on the model.
    """
    view = view or best_view(muscle_id)
    catalog = get_catalog()
    origins, insertions = mv.attachments(view, muscle_id)
    origin, insertion = attachment_words(muscle_id)
    band = mv.whole_band(view, muscle_id)
    inside = _inside_point(band, origins, insertions)
    marks = [
        Label(catalog.muscles[muscle_id].name, inside, "mark"),
        Label(f"origin: {origin}", mean_point(origins), "muscle"),
        Label(f"insertion: {insertion}", mean_point(insertions), "muscle"),
    ]
    ax = draw_model(
        view,
        ax,
        faint=True,
        hide=(muscle_id,),
        marks=marks,
        legend=False,
        id_prefix=id_prefix,
        crop=_crop(view, band, origins, insertions),
    )
    colour = COMPARTMENT_COLOURS[catalog.muscles[muscle_id].compartment]
    patch = PathPatch(band, facecolor=colour, zorder=3, **HIGHLIGHT_EDGE)
    patch.set_gid(f"{id_prefix}muscle-{muscle_id}")
    ax.add_patch(patch)
    for kind, points, style in (
        ("origin", origins, ORIGIN_MARK),
        ("insertion", insertions, INSERTION_MARK),
    ):
        for i, (x, y) in enumerate(points):
            dot = Circle((x, y), radius=0.7, zorder=6, **style)
            dot.set_gid(f"{id_prefix}{kind}-{i}")
            ax.add_patch(dot)
    return ax


def _inside_point(band, origins, insertions) -> tuple[float, float]:
    """A point inside the band, near its middle (for the muscle's name)."""
    middle = (np.mean(origins, axis=0) + np.mean(insertions, axis=0)) / 2
    vertices = band.vertices
    if band.contains_point(middle):
        return mean_point([middle])
    # the band's vertex nearest the middle, pulled a little inwards
    nearest = vertices[np.argmin(np.hypot(*(vertices - middle).T))]
    return mean_point([nearest * 0.8 + middle * 0.2])


def _crop(view: str, band, origins, insertions) -> tuple[float, float, float, float]:
    """The part to show: the muscle with room around it (the bones it spans and the joint it
    crosses), never wider than tall, within the view."""
    points = np.vstack([band.vertices, origins, insertions])
    (x0, y0), (x1, y1) = points.min(axis=0), points.max(axis=0)
    room = max(6.0, 0.25 * (y1 - y0))
    y0, y1 = y0 - room, y1 + room
    half = max((x1 - x0) / 2 + room, 0.4 * (y1 - y0))
    xmin, xmax, ymin, ymax = mv.build(view).layout.extent
    mid = (x0 + x1) / 2
    return (max(xmin, mid - half), min(xmax, mid + half), max(ymin, y0), min(ymax, y1))


def caption(muscle_id: str, view: str | None = None) -> str:
    """A caption for the spotlight (plain words; the page adds the citation)."""
    view = view or best_view(muscle_id)
    m = get_catalog().muscles[muscle_id]
    origin, insertion = attachment_words(muscle_id)
    return (
        f"{m.name[0].upper()}{m.name[1:]} on the bones of the right lower limb, "
        f"{VIEW_WORDS[view]}: the band runs along the muscle's line of pull in a "
        f"musculoskeletal model, from its origin (white dot: {origin}) to its insertion "
        f"(black dot: {insertion}). The other muscles are drawn faint."
    )


def alt_text(muscle_id: str, view: str | None = None) -> str:
    """A text alternative for the spotlight."""
    view = view or best_view(muscle_id)
    m = get_catalog().muscles[muscle_id]
    origin, insertion = attachment_words(muscle_id)
    return (
        f"Drawing of the bones of the right lower limb {VIEW_WORDS[view]}, with {m.name} "
        f"highlighted as a hatched band from {origin} to {insertion}; the other muscles are faint."
    )
