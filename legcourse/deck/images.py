"""The deck's figures as small PNG files: a muscle highlighted (the question) and its spotlight.

PNG, not SVG: every Anki client (desktop, AnkiDroid, AnkiMobile, AnkiWeb) shows a PNG the same
way, with no fonts or SVG features to depend on, and a PNG reduced to a palette of
``COLOURS`` colours is smaller here than the SVG of the same drawing (the drawings are flat
colour, hatching and text). The background is opaque white, so a card stays readable in
Anki's night mode, which darkens the card but not its images.
"""

from __future__ import annotations

import io

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.patches import Circle, PathPatch
from PIL import Image  # a dependency of matplotlib

from legcourse.core.catalog import get_catalog
from legcourse.diagrams import model_views as mv
from legcourse.diagrams import spotlight
from legcourse.diagrams.model_drawing import draw_model
from legcourse.diagrams.style import COMPARTMENT_COLOURS, HIGHLIGHT_EDGE

DPI = 120
"""Pixels per inch: the question is 432 px wide, the spotlight 600 px (Anki scales them down
to the screen; see ``cards.CSS``)."""
COLOURS = 64
"""Palette size of the PNGs: the drawings use a few dozen colours plus their anti-aliasing."""


def highlighted_png(muscle_id: str) -> bytes:
    """The muscle drawn whole and hatched on the model's bones, with its origin (white dot)
    and insertion (black dot) but no words: the spotlight's view and framing, unnamed."""
    view = spotlight.best_view(muscle_id)  # raises for an unknown muscle or one not drawn
    origins, insertions = mv.attachments(view, muscle_id)
    band = mv.whole_band(view, muscle_id)
    # The same framing as the spotlight on the answer side (spotlight's own crop rule).
    crop = spotlight._crop(view, band, origins, insertions)
    ax = draw_model(view, faint=True, hide=(muscle_id,), legend=False, crop=crop)
    colour = COMPARTMENT_COLOURS[get_catalog().muscles[muscle_id].compartment]
    ax.add_patch(PathPatch(band, facecolor=colour, zorder=3, **HIGHLIGHT_EDGE))
    for points, style in ((origins, spotlight.ORIGIN_MARK), (insertions, spotlight.INSERTION_MARK)):
        for x, y in points:
            ax.add_patch(Circle((x, y), radius=0.7, zorder=6, **style))
    return _png(ax.figure)


def spotlight_png(muscle_id: str) -> bytes:
    """The book's spotlight of the muscle: highlighted, named, its attachments named."""
    return _png(spotlight.spotlight(muscle_id).figure)


def alt_text_highlighted(muscle_id: str) -> str:
    """A text alternative for the question figure that does not give the answer away."""
    view = spotlight.best_view(muscle_id)
    return (
        f"A muscle highlighted as a hatched band on the bones of the right lower limb, "
        f"{spotlight.VIEW_WORDS[view]}, from its origin (white dot) to its insertion (black dot)."
    )


def _png(fig) -> bytes:
    """The figure as a palette PNG on white, closed afterwards (a notebook would show it).

    Drawn straight to pixels and encoded once: a PNG from ``savefig`` would be decoded again
    for the palette, and encoding is most of the time a figure takes.
    """
    try:
        fig.set_dpi(DPI)
        fig.patch.set_facecolor("white")
        canvas = FigureCanvasAgg(fig)  # whatever backend the caller runs: pixels from Agg
        canvas.draw()
        pixels = np.asarray(canvas.buffer_rgba())
    finally:
        plt.close(fig)
    # the fast octree palette looks the same as median cut here, in an eighth of the time
    image = Image.fromarray(pixels).convert("RGB")
    image = image.quantize(colors=COLOURS, method=Image.Quantize.FASTOCTREE)
    palette = image.getpalette() or []
    for i in range(0, len(palette), 3):  # its near-white (254) back to the card's white
        if min(palette[i : i + 3]) >= 250:
            palette[i : i + 3] = [255, 255, 255]
    image.putpalette(palette)
    out = io.BytesIO()
    image.save(out, format="PNG", compress_level=9)
    return out.getvalue()
