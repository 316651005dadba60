"""The figures on the model's bones: what they draw, where, and that a phone can read them.

Checked on the drawn artists (gids, paths, text extents) against the model's own paths, so the
expectations come from the model and the data, not from numbers typed here.
"""

import re

import matplotlib

# Tests only: a page that calls this loses its charts, so the package never does.
matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from legcourse import diagrams  # noqa: E402
from legcourse.book import prose  # noqa: E402
from legcourse.diagrams import model_drawing, model_views, spotlight  # noqa: E402

MODEL_VIEWS = model_views.MODEL_VIEWS


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def texts_of(ax):
    """(text, window extent) of every visible text, after a draw."""
    ax.figure.canvas.draw()
    renderer = ax.figure.canvas.get_renderer()
    return [
        (t.get_text(), t.get_window_extent(renderer), t.get_fontsize())
        for t in ax.texts
        if t.get_visible() and t.get_text().strip()
    ]


def assert_legible_and_uncropped(ax, what):
    fig = ax.figure
    width_in = fig.get_figwidth()
    # text is at least MIN_TEXT_PX tall when the figure is NARROW_PX (the phone column) wide
    for text, _, size in texts_of(ax):
        px = size * model_drawing.NARROW_PX / (72 * width_in)
        assert px >= model_drawing.MIN_TEXT_PX, (what, text, px)
    # nothing is cut off at the figure's edges, and no two texts overlap
    box = fig.bbox
    extents = texts_of(ax)
    for text, e, _ in extents:
        assert e.x0 >= box.x0 - 0.5 and e.x1 <= box.x1 + 0.5, (what, text, "cropped sideways")
        assert e.y0 >= box.y0 - 0.5 and e.y1 <= box.y1 + 0.5, (what, text, "cropped")
    for i, (a, ea, _) in enumerate(extents):
        for b, eb, _ in extents[i + 1 :]:
            overlap = min(ea.x1, eb.x1) - max(ea.x0, eb.x0), min(ea.y1, eb.y1) - max(ea.y0, eb.y0)
            assert min(overlap) <= 0.5, (what, a, b)


def test_the_phone_column_is_the_books():
    svgfigure = pytest.importorskip("legcourse.book.svgfigure")
    assert model_drawing.NARROW_PX == svgfigure.PHONE_COLUMN_PX
    assert model_drawing.MIN_TEXT_PX >= svgfigure.MIN_TEXT_PX


# --- the views ----------------------------------------------------------------------------------


def test_views_are_computed_once():
    for view in MODEL_VIEWS:
        assert model_views.build(view) is model_views.build(view)
        assert diagrams.views.built_view(view) is model_views.build(view)


@pytest.mark.parametrize("view", MODEL_VIEWS)
def test_bones_of_the_limb_are_outlined(view):
    drawn = {b.key for b in model_views.build(view).bones}
    assert {"hip_bone", "femur", "tibia", "fibula", "patella", "foot"} <= drawn
    # the outlines are simplified, not thousands of triangles
    for bone in model_views.build(view).bones:
        assert 8 <= len(bone.path.vertices) < 600, (view, bone.key, len(bone.path.vertices))


@pytest.mark.parametrize("view", MODEL_VIEWS)
def test_each_shape_lies_on_its_muscles_path(view):
    """A muscle's visible shape is part of the band around its own path: its anchor lies
    within the widest band's reach of the path (projected from the model)."""
    built = model_views.build(view)
    widest = model_views.HALF_WIDTH_LIMITS[1]
    for muscle_id, point in built.anchors.items():
        distance = min(
            np.min(np.hypot(*(_densify(p) - np.asarray(point)).T)) for p in built.paths[muscle_id]
        )
        assert distance <= widest + model_views.PIXEL, (view, muscle_id, distance)


def _densify(path2d, step=0.2):
    out = [path2d[0]]
    for a, b in zip(path2d[:-1], path2d[1:], strict=True):
        n = max(int(np.hypot(*(b - a)) / step), 1)
        out += [a + (b - a) * t for t in np.linspace(0, 1, n + 1)[1:]]
    return np.array(out)


@pytest.mark.parametrize("view", MODEL_VIEWS)
def test_a_muscle_too_hidden_is_left_out(view):
    built = model_views.build(view)
    for muscle_id in diagrams.muscles_in_view(view):
        assert built.areas[muscle_id] >= model_views.MIN_AREA, muscle_id
    hidden = set(model_views._model_paths()) - set(built.anchors)
    assert hidden, "some muscle should be covered in every view"


@pytest.mark.parametrize("view", MODEL_VIEWS)
@pytest.mark.parametrize("kind", ["labels", "pins"])
def test_view_figures_are_legible_on_a_phone_and_uncropped(view, kind):
    if kind == "labels":
        ax = diagrams.draw(view, labels=True)
    else:
        shown = diagrams.muscles_in_view(view)
        ax = diagrams.draw(view, pins={n: m for n, m in enumerate(shown, start=1)})
    assert_legible_and_uncropped(ax, (view, kind))


def test_model_views_export_as_prefixed_svg():
    svg = diagrams.to_svg("front", id_prefix="q-", labels=True)
    assert svg.startswith("<svg")
    assert 'id="q-muscle-rectus_femoris"' in svg and 'id="q-bone-femur"' in svg
    ids = re.findall(r'\bid="([^"]+)"', svg)
    assert all(i.startswith("q-") for i in ids)


# --- spotlights ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def every_muscle(catalog):
    return [m for m in catalog.muscles if model_views.in_model(m)]


def test_every_muscle_of_the_course_has_a_path(catalog):
    assert [m for m in catalog.muscles if not model_views.in_model(m)] == []


def test_spotlight_highlights_the_muscle_asked_for(every_muscle):
    for muscle_id in every_muscle:
        ax = spotlight.spotlight(muscle_id, id_prefix="s-")
        patches = {p.get_gid(): p for p in ax.patches if p.get_gid()}
        target = patches[f"s-muscle-{muscle_id}"]
        assert target.get_hatch() and target.get_linewidth() >= 2.5, muscle_id
        others = [p for g, p in patches.items() if g.startswith("s-muscle-") and p is not target]
        assert others and all((p.get_alpha() or 1) < 0.5 for p in others), muscle_id
        assert not any(g.startswith(f"s-muscle-{muscle_id}-") for g in patches)
        # origin and insertion marked at the ends of the model's path(s)
        view = spotlight.best_view(muscle_id)
        origins, insertions = model_views.attachments(view, muscle_id)
        for kind, points in (("origin", origins), ("insertion", insertions)):
            for i, point in enumerate(points):
                np.testing.assert_allclose(patches[f"s-{kind}-{i}"].center, point)
                assert target.get_path().contains_point(point, radius=0.5), (muscle_id, kind)
        origin, insertion = spotlight.attachment_words(muscle_id)
        texts = {" ".join(t.get_text().split()) for t in ax.texts}
        assert f"origin: {origin}" in texts and f"insertion: {insertion}" in texts
        plt.close(ax.figure)


@pytest.mark.parametrize("muscle_id", ["sartorius", "soleus", "gluteus_maximus", "popliteus"])
def test_spotlights_are_legible_on_a_phone_and_uncropped(muscle_id):
    assert_legible_and_uncropped(spotlight.spotlight(muscle_id), muscle_id)


def test_spotlight_view_is_where_the_muscle_shows_most():
    for muscle_id in ("vastus_lateralis", "biceps_femoris_long_head", "tibialis_anterior"):
        view = spotlight.best_view(muscle_id)
        areas = [model_views.build(v).areas.get(muscle_id, 0) for v in MODEL_VIEWS]
        assert model_views.build(view).areas[muscle_id] == max(areas)


def test_attachment_words_come_from_the_data(catalog):
    for muscle_id, m in catalog.muscles.items():
        for words, text, bones in (
            (spotlight.attachment_words(muscle_id)[0], m.origin, m.origin_bones),
            (spotlight.attachment_words(muscle_id)[1], m.insertion, m.insertion_bones),
        ):
            assert words and len(words) <= 60, (muscle_id, words)
            bone_words = [catalog.label("bones", b).split(" (")[0] for b in bones]
            assert words in text or all(b in words for b in bone_words), (muscle_id, words)


def test_muscle_sections_embed_the_spotlight_with_alt_caption_and_citation():
    keys = prose.model_sources()
    text = prose.spotlight_figure("spotlight-soleus", "soleus")
    assert text.startswith("::::{glue:figure} spotlight-soleus\n")
    assert ":alt: " in text and "soleus" in text.split(":alt: ")[1].split("\n")[0]
    assert ":name: fig-spotlight-soleus" in text
    assert f"{{cite:p}}`{','.join(keys)}`" in text
    origin, insertion = spotlight.attachment_words("soleus")
    assert origin in text and insertion in text
