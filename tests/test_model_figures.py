"""The figures on the model's bones: what they draw, where, and that a phone can read them.

Checked on the drawn artists (gids, paths, text extents) against the model's own paths, so the
expectations come from the model and the data, not from numbers typed here.
"""

import ast
import os
import pickle
import re
import subprocess
import sys
from pathlib import Path

import matplotlib
import matplotlib.text

# Tests only: a page that calls this loses its charts, so the package never does.
matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from legcourse import diagrams  # noqa: E402
from legcourse.book import figures, prose, svgfigure  # noqa: E402
from legcourse.diagrams import model_cache, model_drawing, model_views, spotlight  # noqa: E402

MODEL_VIEWS = model_views.MODEL_VIEWS
REPO = Path(__file__).resolve().parents[1]


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


# --- the region overviews of the compartment pages ------------------------------------------

PAGES = sorted((REPO / "book").glob("*/*.md"))


def _page_overviews():
    """(page, compartment, model view) of every compartment page's figure on the model's
    bones, read from the pages' own cells."""
    found = []
    for page in PAGES:
        text = page.read_text()
        compartment = re.search(r'^COMPARTMENT = "(\w+)"', text, re.M)
        views = re.search(r"glue_compartment_figures\(COMPARTMENT, \(([^)]*)\)\)", text)
        if not (compartment and views):
            continue
        for view in re.findall(r'"(\w+)"', views.group(1)):
            if view in MODEL_VIEWS:
                found.append((page.relative_to(REPO).as_posix(), compartment.group(1), view))
    return found


OVERVIEWS = _page_overviews()


def test_every_compartment_page_has_an_overview_on_the_bones(catalog):
    assert {c for _, c, _ in OVERVIEWS} == set(catalog.compartments)


def _heights(built, key):
    bone = next(b for b in built.bones if b.key == key)
    return bone.path.vertices[:, 1].min(), bone.path.vertices[:, 1].max()


@pytest.mark.parametrize(("page", "compartment", "view"), OVERVIEWS)
def test_the_crop_holds_the_region_and_its_muscles(page, compartment, view, catalog):
    built = model_views.build(view)
    shown = figures.overview(compartment, view)
    xmin, xmax, ymin, ymax = shown.crop
    region = catalog.compartments[compartment].region
    # every path of every muscle of the region lies inside the crop
    for muscle_id in catalog.muscles_in(region=region):
        for path in built.paths[muscle_id]:
            assert (path[:, 0] >= xmin).all() and (path[:, 0] <= xmax).all(), muscle_id
            assert (path[:, 1] >= ymin).all() and (path[:, 1] <= ymax).all(), muscle_id
    # ...and the crop is the region's, not the limb's: it leaves out the other region's bones
    knee = _heights(built, "tibia")[1]
    if region == "leg":
        assert ymax < knee + 0.25 * (_heights(built, "femur")[1] - knee)  # the femur's end only
        assert ymin <= _heights(built, "phalanges")[0]  # down to the toes
    else:
        assert ymax >= _heights(built, "hip_bone")[1]  # the whole pelvis
        assert ymin > _heights(built, "tibia")[0] + 0.5 * (knee - _heights(built, "tibia")[0])
    if region == "thigh":
        assert ymin < _heights(built, "femur")[0]  # just below the knee


@pytest.mark.parametrize(("page", "compartment", "view"), OVERVIEWS)
def test_an_overview_numbers_and_keys_what_it_shows(page, compartment, view, catalog):
    prefix = f"{compartment}-{view}-"
    ax = figures.compartment_diagram(compartment, view)
    svg = svgfigure.SvgFigure(ax.figure, prefix).svg  # refuses text under 11 px on a phone
    shown = figures.overview(compartment, view)
    numbers = shown.numbers
    assert [c.number for c in numbers] == list(range(1, len(numbers) + 1))
    keyed_names = {}
    for text in ax.figure.texts:
        gid = text.get_gid() or ""
        if gid.startswith(f"{prefix}key-"):
            keyed_names[int(gid.rsplit("-", 1)[1])] = " ".join(text.get_text().split())
    callouts = {
        int(t.get_gid().rsplit("-", 1)[1]): t.get_text()
        for t in ax.texts
        if (t.get_gid() or "").startswith(f"{prefix}callout-")
    }
    # every number beside the drawing is in the key, under its own name
    assert sorted(callouts) == sorted(keyed_names) == [c.number for c in numbers]
    for callout in numbers:
        assert callouts[callout.number] == str(callout.number)
        assert keyed_names[callout.number] == callout.name
    # every muscle numbered is drawn with its id; the page's own are hatched and in bold
    patches = {p.get_gid(): p for p in ax.patches if p.get_gid()}
    for muscle_id in shown.muscles:
        patch = patches[f"{prefix}muscle-{muscle_id}"]
        own = catalog.muscles[muscle_id].compartment == compartment
        assert bool(patch.get_hatch()) == own, muscle_id
        bold = {shown.muscle_of[c.number] for c in numbers if c.highlighted}
        assert (muscle_id in bold) == own, muscle_id
        assert f'id="{prefix}muscle-{muscle_id}"' in svg
    # each numbered structure's leader line ends inside it, within the crop
    xmin, xmax, ymin, ymax = shown.crop
    built = model_views.build(view)
    for callout in numbers:
        x, y = callout.anchor
        assert xmin <= x <= xmax and ymin <= y <= ymax, callout
        if callout.is_muscle:
            muscle_id = shown.muscle_of[callout.number]
            outlines = [s.path for s in built.shapes if s.region.key == muscle_id]
            assert any(p.contains_point((x, y)) for p in outlines), callout
        else:
            bone = next(b for b in built.bones if model_drawing.bone_name(b.key) == callout.name)
            assert bone.path.contains_point((x, y)), callout
    # the page's muscles that show are all numbered (a hidden one is named in the caption)
    caption = figures.diagram_caption(compartment, view)
    for muscle_id in catalog.muscles_in(compartment):
        name = catalog.muscles[muscle_id].name
        if muscle_id in shown.muscles:
            assert name in caption.split("Hidden")[0]
        else:
            assert name in caption.split("Hidden")[1], muscle_id


def _all_texts(fig):
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    return [
        (t.get_text(), t.get_window_extent(renderer), t.get_fontsize())
        for t in fig.findobj(matplotlib.text.Text)
        if t.get_visible() and t.get_text().strip()
    ]


@pytest.mark.parametrize(("page", "compartment", "view"), OVERVIEWS)
def test_an_overview_is_legible_on_a_phone_and_no_text_overlaps(page, compartment, view):
    fig = figures.compartment_diagram(compartment, view).figure
    width_in = fig.get_figwidth()
    texts = _all_texts(fig)
    box = fig.bbox
    for text, e, size in texts:
        assert svgfigure.phone_px(size, width_in) >= svgfigure.MIN_TEXT_PX, text
        assert e.x0 >= box.x0 - 0.5 and e.x1 <= box.x1 + 0.5, (text, "cropped sideways")
        assert e.y0 >= box.y0 - 0.5 and e.y1 <= box.y1 + 0.5, (text, "cropped")
    for i, (a, ea, _) in enumerate(texts):
        for b, eb, _ in texts[i + 1 :]:
            overlap = min(ea.x1, eb.x1) - max(ea.x0, eb.x0), min(ea.y1, eb.y1) - max(ea.y0, eb.y0)
            assert min(overlap) <= 0.5, (a, b)


@pytest.mark.parametrize(("page", "compartment", "view"), OVERVIEWS)
def test_an_overview_draws_the_region_larger_than_the_whole_limb(page, compartment, view):
    """On a phone the whole limb with names in both margins got a few pixels per centimetre;
    the region, numbered, gets at least twice as many."""
    whole = diagrams.draw(view, labels=True).figure.axes[0]
    whole_px_per_cm = model_drawing.NARROW_PX / (whole.get_xlim()[1] - whole.get_xlim()[0])
    ax = figures.compartment_diagram(compartment, view)
    fig_w_cm = (ax.get_xlim()[1] - ax.get_xlim()[0]) / ax.get_position().width
    assert model_drawing.NARROW_PX / fig_w_cm >= 2 * whole_px_per_cm


@pytest.mark.parametrize(("page", "compartment", "view"), OVERVIEWS)
def test_the_pages_alt_text_says_what_the_overview_shows(page, compartment, view, catalog):
    text = (REPO / page).read_text()
    alt = re.search(r"```\{glue:figure\} fig-" + view + r"\n:name: [^\n]+\n:alt: ([^\n]+)", text)
    assert alt, (page, view)
    alt = alt.group(1)
    shown = figures.overview(compartment, view)
    assert figures.bone_words(view, shown.crop) in alt
    assert spotlight.VIEW_WORDS[view] in alt
    assert "number" in alt and "key" in alt and "leader line" not in alt


@pytest.mark.parametrize(("page", "compartment", "view"), OVERVIEWS)
def test_the_page_cites_the_model_under_the_overview(page, compartment, view):
    text = (REPO / page).read_text()
    caption = re.search(r"\{glue:md\}`caption-" + view + r"`([^\n]*)\n```", text)
    assert caption, (page, view)
    assert f"{{cite:p}}`{','.join(prose.model_sources())}`" in caption.group(1)


# --- the disk cache of the views ---------------------------------------------------------------


def _same_view(a, b):
    assert a.name == b.name and a.layout == b.layout
    assert a.anchors == b.anchors and a.areas == b.areas and a.bone_spots == b.bone_spots
    np.testing.assert_array_equal(a.grid.xs, b.grid.xs)
    np.testing.assert_array_equal(a.grid.points, b.grid.points)
    for x, y in zip(a.bones, b.bones, strict=True):
        assert (x.key, x.depth) == (y.key, y.depth)
        np.testing.assert_array_equal(x.path.vertices, y.path.vertices)
        np.testing.assert_array_equal(x.path.codes, y.path.codes)
    for x, y in zip(a.shapes, b.shapes, strict=True):
        assert (x.region, x.anchor) == (y.region, y.anchor)
        np.testing.assert_array_equal(x.path.vertices, y.path.vertices)
    assert a.paths.keys() == b.paths.keys() and a.widths == b.widths
    for muscle_id, paths in a.paths.items():
        for p, q in zip(paths, b.paths[muscle_id], strict=True):
            np.testing.assert_array_equal(p, q)
    assert len(a.bones) == len(b.bones) and len(a.shapes) == len(b.shapes)


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    monkeypatch.setenv(model_cache.CACHE_ENV, str(tmp_path / "cache"))
    return tmp_path / "cache"


class Counter:
    """A stand-in for ``model_views.compute`` that counts its calls."""

    def __init__(self):
        self.calls = 0
        # computed, not built: ``build`` would store it in the test's cache folder first
        self.value = model_views.compute("back")

    def __call__(self, view):
        self.calls += 1
        return self.value


def test_the_cached_view_equals_the_fresh_one(cache_dir):
    fresh = model_views.compute("front")
    model_cache.write("front", fresh)
    stored = model_cache.read("front")
    assert stored is not fresh
    _same_view(stored, fresh)
    # and a fresh computation is deterministic, so the cache hides nothing
    _same_view(model_views.compute("front"), fresh)


def test_a_stored_view_is_used_and_kept(cache_dir):
    compute = Counter()
    first = model_cache.load_or_build("back", compute)
    second = model_cache.load_or_build("back", compute)
    assert compute.calls == 1 and first is compute.value
    _same_view(second, compute.value)
    assert [p.name for p in cache_dir.iterdir()] == [model_cache.file_for("back").name]


def test_a_stale_key_rebuilds(cache_dir):
    compute = Counter()
    target = model_cache.file_for("back")
    target.parent.mkdir(parents=True)
    target.write_bytes(pickle.dumps(("another key", "an old view")))
    assert model_cache.load_or_build("back", compute) is compute.value
    assert compute.calls == 1
    assert pickle.loads(target.read_bytes())[0] == model_cache.key()  # replaced


@pytest.mark.parametrize("garbage", [b"", b"not a pickle", b"\x80\x05\x95 truncated"])
def test_a_corrupt_file_rebuilds(cache_dir, garbage):
    compute = Counter()
    target = model_cache.file_for("back")
    target.parent.mkdir(parents=True)
    target.write_bytes(garbage)
    assert model_cache.load_or_build("back", compute) is compute.value
    assert compute.calls == 1
    _same_view(model_cache.read("back"), compute.value)


def test_writing_replaces_the_files_of_older_keys(cache_dir, monkeypatch):
    compute = Counter()
    cache_dir.mkdir()
    old = cache_dir / "model-view-back-0123456789abcdef0123.pickle"
    old.write_bytes(b"old")
    model_cache.load_or_build("back", compute)
    assert not old.exists() and model_cache.file_for("back").exists()
    assert not [p for p in cache_dir.iterdir() if p.name.startswith(".tmp-")]


def test_a_folder_that_cannot_be_written_only_costs_time(tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    monkeypatch.setenv(model_cache.CACHE_ENV, str(blocker / "cache"))
    compute = Counter()
    assert model_cache.load_or_build("back", compute) is compute.value
    assert model_cache.load_or_build("back", compute) is compute.value
    assert compute.calls == 2


def test_the_key_changes_with_any_input(tmp_path, monkeypatch):
    files = [tmp_path / "model_views.py", tmp_path / "muscles.csv"]
    for f in files:
        f.write_text("x")
    monkeypatch.setattr(model_cache, "inputs", lambda: files)
    model_cache.key.cache_clear()
    try:
        before = model_cache.key()
        files[1].write_text("y")
        model_cache.key.cache_clear()
        assert model_cache.key() != before
        monkeypatch.setattr(model_cache.metadata, "version", lambda name: "99")
        model_cache.key.cache_clear()
        changed = model_cache.key()
        files[1].write_text("x")
        model_cache.key.cache_clear()
        assert model_cache.key() not in (before, changed)
    finally:
        model_cache.key.cache_clear()


def _legcourse_imports(module: str) -> set[str]:
    """The legcourse modules ``module`` imports, at its top or inside its functions."""
    path = REPO / (module.replace(".", "/") + ".py")
    if not path.exists():
        path = REPO / module.replace(".", "/") / "__init__.py"
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("legcourse"):
            submodules = {
                f"{node.module}.{a.name}"
                for a in node.names
                if (REPO / f"{node.module}.{a.name}".replace(".", "/")).with_suffix(".py").exists()
            }
            # "from package import module" runs the package's __init__, whose other imports
            # do not feed the module
            found |= submodules if len(submodules) == len(node.names) else {node.module}
        elif isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.startswith("legcourse")}
    return found


def test_the_key_covers_the_code_and_data_the_views_are_computed_from():
    seen, todo = set(), ["legcourse.diagrams.model_views"]
    while todo:
        module = todo.pop()
        if module not in seen:
            seen.add(module)
            todo += _legcourse_imports(module)
    hashed = {p.resolve() for p in model_cache.inputs()}
    for module in seen:
        path = REPO / (module.replace(".", "/") + ".py")
        if not path.exists():
            path = REPO / module.replace(".", "/") / "__init__.py"
        assert path.resolve() in hashed, module
    data = {p.resolve() for p in (REPO / "legcourse" / "data").iterdir() if p.is_file()}
    assert data <= hashed


def test_a_kernel_that_finds_the_views_cached_never_loads_the_model(cache_dir):
    script = (
        "import sys\n"
        "from legcourse.diagrams import model_views, spotlight\n"
        "for view in model_views.MODEL_VIEWS: model_views.build(view)\n"
        "spotlight.spotlight('popliteus'); spotlight.spotlight('soleus')\n"
        "print('mujoco' in sys.modules, 'myo_sim' in sys.modules)\n"
    )
    env = {**os.environ, model_cache.CACHE_ENV: str(cache_dir), "MPLBACKEND": "Agg"}
    cold = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True)
    assert cold.returncode == 0, cold.stderr
    assert cold.stdout.split() == ["True", "True"]
    warm = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True)
    assert warm.returncode == 0, warm.stderr
    assert warm.stdout.split() == ["False", "False"]


def test_a_muscle_inserting_on_the_patella_is_marked_there_not_at_the_tibia(catalog):
    on_patella = [m for m, x in catalog.muscles.items() if x.insertion_bones[0] == "patella"]
    assert on_patella  # the quadriceps: the model carries them on to the tibial tuberosity
    for view in MODEL_VIEWS:
        built = model_views.build(view)
        patella = next(b.path for b in built.bones if b.key == "patella")
        for muscle_id in on_patella:
            _, insertions = model_views.attachments(view, muscle_id)
            assert all(patella.contains_point(point) for point in insertions), (view, muscle_id)
