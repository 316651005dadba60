"""The diagrams show the right muscles in the right places, with ids that drills can rely on.

Checked on what is drawn (the artists and their gids, paths and anchors) and on the SVG text;
anatomical neighbours are checked against the documented orientation (``LATERAL_SIDE``).
"""

import html
import re
from pathlib import Path

import matplotlib

# Tests only: a page that calls this loses its charts, so the package never does.
matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
from matplotlib.colors import to_rgba  # noqa: E402

from legcourse import diagrams  # noqa: E402
from legcourse.diagrams import model_views  # noqa: E402
from legcourse.diagrams.drawing import PIN_PX, pin_radius  # noqa: E402
from legcourse.diagrams.model_drawing import MIN_TEXT_PX  # noqa: E402
from legcourse.diagrams.style import COMPARTMENT_COLOURS  # noqa: E402
from legcourse.diagrams.svg import orientation, with_orientation  # noqa: E402
from legcourse.diagrams.views import built_view  # noqa: E402

MODEL_VIEWS = model_views.MODEL_VIEWS


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def shapes_by_gid(ax, prefix=""):
    """{gid: patch} for the patches whose gid starts with ``prefix``."""
    return {p.get_gid(): p for p in ax.patches if (p.get_gid() or "").startswith(prefix)}


def muscle_of(gid, prefix=""):
    """The muscle id in a muscle gid (``muscle-gastrocnemius-lateral_head`` -> gastrocnemius)."""
    return gid.removeprefix(prefix + "muscle-").split("-")[0]


def lateralness(view, muscle_id):
    """How far lateral a muscle's anchor is: larger is more lateral, whichever way it is drawn."""
    x = diagrams.anchor(view, muscle_id)[0]
    return x if diagrams.LATERAL_SIDE[view] == "right" else -x


def solid_centre(view, key):
    """The centre of a bone (or other solid) as drawn: a schematic solid or a model outline."""
    if view in MODEL_VIEWS:
        bone = next(b for b in model_views.build(view).bones if b.key == key)
        return bone.path.vertices.mean(axis=0)
    solid = next(s for s in built_view(view).layout.solids if s.key == key)
    return np.asarray(solid.vertices).mean(axis=0)


def words(text):
    """A label's text on one line (model views wrap long names)."""
    return " ".join(text.split())


# --- the API and the ids --------------------------------------------------------------------


def test_views_and_titles():
    assert diagrams.VIEWS == (
        "thigh_section",
        "leg_section",
        "front",
        "back",
        "outer",
        "inner",
        "buttock",
        "buttock_deep",
    )
    assert set(diagrams.VIEW_TITLES) >= set(diagrams.VIEWS)
    assert set(diagrams.SIDES) >= set(diagrams.VIEWS)
    # every view but the two side views has a lateral side; those have a front and a back
    assert set(diagrams.LATERAL_SIDE) & set(diagrams.VIEWS) == set(diagrams.VIEWS) - {
        "outer",
        "inner",
    }
    for view in ("outer", "inner"):
        assert sorted(diagrams.SIDES[view]) == ["anterior", "posterior"]
    for view, title in diagrams.VIEW_TITLES.items():
        assert "right" in title, view  # every view says which leg it shows


@pytest.mark.parametrize("view", diagrams.VIEWS)
def test_gids_are_the_muscles_of_the_view(view, catalog):
    ax = diagrams.draw(view)
    gids = shapes_by_gid(ax, "muscle-")
    drawn = [muscle_of(g) for g in gids]
    assert set(drawn) == set(diagrams.muscles_in_view(view))
    assert set(drawn) <= set(catalog.muscles)
    # muscles_in_view follows the data order
    order = list(catalog.muscles)
    shown = diagrams.muscles_in_view(view)
    assert shown == sorted(shown, key=order.index)
    # each muscle has exactly one main shape; any extra shape is named muscle-<id>-<part>
    for muscle_id in shown:
        assert f"muscle-{muscle_id}" in gids
    for gid in gids:
        assert re.fullmatch(r"muscle-[a-z_]+(-[a-z_]+)?", gid), gid


def test_gastrocnemius_heads_are_two_shapes_in_the_back_views():
    for view in ("leg_section", "back"):
        gids = shapes_by_gid(diagrams.draw(view), "muscle-gastrocnemius")
        assert set(gids) == {"muscle-gastrocnemius", "muscle-gastrocnemius-lateral_head"}
        medial = gids["muscle-gastrocnemius"].get_path().vertices[:, 0].mean()
        lateral = gids["muscle-gastrocnemius-lateral_head"].get_path().vertices[:, 0].mean()
        sign = 1 if diagrams.LATERAL_SIDE[view] == "right" else -1
        assert sign * lateral > sign * medial, view


def test_every_muscle_is_shown_somewhere_except_the_documented_ones(catalog):
    shown = {m for view in diagrams.VIEWS for m in diagrams.muscles_in_view(view)}
    missing = set(catalog.muscles) - shown
    assert missing == set(diagrams.NOT_SHOWN)
    assert all(reason.strip() for reason in diagrams.NOT_SHOWN.values())


@pytest.mark.parametrize("view", diagrams.VIEWS)
def test_muscles_are_coloured_by_their_compartment(view, catalog):
    ax = diagrams.draw(view)
    for gid, patch in shapes_by_gid(ax, "muscle-").items():
        compartment = catalog.muscles[muscle_of(gid)].compartment
        assert patch.get_facecolor() == to_rgba(COMPARTMENT_COLOURS[compartment]), gid
    assert len(set(COMPARTMENT_COLOURS.values())) == len(catalog.vocabulary("compartments"))


@pytest.mark.parametrize("view", diagrams.VIEWS)
def test_bones_carry_bone_ids_from_the_vocabulary(view, catalog):
    bones = [g.removeprefix("bone-") for g in shapes_by_gid(diagrams.draw(view), "bone-")]
    assert bones
    vocabulary = catalog.vocabulary("bones")
    # a model outline that groups several bones (the hip bone, the foot) names them
    grouped = set(bones) - set(vocabulary)
    assert grouped <= set(model_views.BONE_NAMES), grouped
    for key in grouped:
        named = model_views.BONE_NAMES[key]
        assert any(b.split(" (")[0] in named or b in named for b in vocabulary), key


# --- geometry: anchors, overlaps --------------------------------------------------------------


@pytest.mark.parametrize("view", diagrams.VIEWS)
def test_anchors_lie_inside_their_own_shape_only(view):
    ax = diagrams.draw(view)
    muscles = shapes_by_gid(ax, "muscle-")
    # what lies over the muscles: in the model views the bones lie under them
    others = [
        p
        for p in ax.patches
        if p.get_gid() not in muscles and p.get_gid() != "skin" and p.get_zorder() >= 2
    ]
    for muscle_id in diagrams.muscles_in_view(view):
        point = diagrams.anchor(view, muscle_id)
        inside = [gid for gid, p in muscles.items() if p.get_path().contains_point(point)]
        assert inside == [f"muscle-{muscle_id}"], (muscle_id, inside)
        covered = [p.get_gid() for p in others if p.get_path().contains_point(point)]
        assert not covered, (muscle_id, covered)


@pytest.mark.parametrize("view", diagrams.VIEWS)
def test_shapes_do_not_overlap(view):
    """No two partitioned shapes overlap, and none laps over a bone, nerve or vessel (solids may
    touch each other: the interosseous membrane is attached to the fibula)."""
    ax = diagrams.draw(view)
    solid_gids = {f"{s.kind}-{s.key}" for s in built_view(view).layout.solids}
    if view in MODEL_VIEWS:  # the bones lie under the muscles there, as context
        solid_gids = set()
    shapes = [
        p
        for p in ax.patches
        if p.get_gid() not in (None, "skin", "legend")
        and not (view in MODEL_VIEWS and p.get_gid().startswith("bone-"))
    ]
    xmin, xmax, ymin, ymax = built_view(view).layout.extent
    rng = np.random.default_rng(0)
    points = np.column_stack([rng.uniform(xmin, xmax, 50000), rng.uniform(ymin, ymax, 50000)])
    inside = {p.get_gid(): p.get_path().contains_points(points) for p in shapes}
    in_solid = np.any([inside[g] for g in solid_gids], axis=0)
    partitioned = [g for g in inside if g not in solid_gids]
    counts = sum(inside[g].astype(int) for g in partitioned)
    assert counts.max() == 1
    assert not (in_solid & (counts > 0)).any()
    # and the muscles cover a good part of the limb (the drawing is not empty)
    skin = next((p for p in ax.patches if p.get_gid() == "skin"), None)
    if skin is None:  # a model view: the limb is its bones and muscles
        limb = [p for p in ax.patches if (p.get_gid() or "").startswith(("bone-", "muscle-"))]
        in_limb = np.any([p.get_path().contains_points(points) for p in limb], axis=0)
        assert (counts[in_limb] > 0).mean() > 0.3
    else:
        in_limb = skin.get_path().contains_points(points)
        assert (counts[in_limb] > 0).mean() > 0.5


# --- pins, highlight, labels ----------------------------------------------------------------


@pytest.mark.parametrize("view", diagrams.VIEWS)
def test_pins_are_numbered_circles_at_the_anchors(view):
    shown = diagrams.muscles_in_view(view)
    pins = {n: m for n, m in zip(range(3, 3 + len(shown)), shown, strict=True)}
    ax = diagrams.draw(view, pins=pins)
    circles = shapes_by_gid(ax, "pin-")
    assert set(circles) == {f"pin-{n}" for n in pins}
    numbers = {t.get_gid(): t for t in ax.texts if (t.get_gid() or "").startswith("pin-")}
    for n, muscle_id in pins.items():
        np.testing.assert_allclose(circles[f"pin-{n}"].center, diagrams.anchor(view, muscle_id))
        text = numbers[f"pin-{n}-number"]
        assert text.get_text() == str(n)
        np.testing.assert_allclose(text.get_position(), diagrams.anchor(view, muscle_id))


def test_pins_do_not_cover_each_other():
    for view in diagrams.VIEWS:
        radius = built_view(view).layout.pin_radius
        anchors = np.array([diagrams.anchor(view, m) for m in diagrams.muscles_in_view(view)])
        gaps = np.hypot(*(anchors[:, None, :] - anchors[None, :, :]).transpose(2, 0, 1))
        gaps[np.diag_indices(len(anchors))] = np.inf
        assert gaps.min() > 1.6 * radius, view


def test_highlight_adds_an_outline_and_a_hatch_not_only_colour():
    plain = shapes_by_gid(diagrams.draw("leg_section"), "muscle-")
    marked = shapes_by_gid(diagrams.draw("leg_section", highlight=["gastrocnemius"]), "muscle-")
    for gid in ("muscle-gastrocnemius", "muscle-gastrocnemius-lateral_head"):
        assert marked[gid].get_linewidth() > 2 * plain[gid].get_linewidth()
        assert marked[gid].get_hatch() and not plain[gid].get_hatch()
        assert marked[gid].get_facecolor() == plain[gid].get_facecolor()
    assert marked["muscle-soleus"].get_linewidth() == plain["muscle-soleus"].get_linewidth()
    assert not marked["muscle-soleus"].get_hatch()


@pytest.mark.parametrize("view", diagrams.VIEWS)
def test_labels_name_every_muscle_from_the_catalog(view, catalog):
    texts = {words(t.get_text()) for t in diagrams.draw(view, labels=True).texts}
    for muscle_id in diagrams.muscles_in_view(view):
        name = catalog.muscles[muscle_id].name
        assert any(t == name or t.startswith(f"{name} (") for t in texts), muscle_id
    plain = {t.get_text() for t in diagrams.draw(view).texts}
    assert not any(catalog.muscles[m].name in plain for m in diagrams.muscles_in_view(view))


def test_draw_uses_the_given_axes_and_prefixes_every_gid():
    _, ax = plt.subplots()
    assert diagrams.draw("thigh_section", ax=ax, id_prefix="q1-", pins={1: "gracilis"}) is ax
    gids = [p.get_gid() for p in ax.patches if p.get_gid()]
    assert gids and all(g.startswith("q1-") for g in gids)
    assert "q1-muscle-gracilis" in gids and "q1-pin-1" in gids and "q1-bone-femur" in gids


# --- bad input ------------------------------------------------------------------------------


def test_unknown_view_lists_the_views_and_suggests_one():
    with pytest.raises(ValueError) as error:
        diagrams.draw("leg_sectoin")
    message = str(error.value)
    assert "'leg_section'" in message.split("Did you mean")[1]
    assert all(v in message for v in diagrams.VIEWS)
    with pytest.raises(ValueError, match="thigh_section"):
        diagrams.muscles_in_view("frnot")
    with pytest.raises(ValueError, match="The views are"):
        diagrams.to_svg("sideways")


def test_unknown_or_absent_muscles_are_refused_clearly():
    with pytest.raises(ValueError, match=r"highlight: 'solues' is not a muscle.*'soleus'"):
        diagrams.draw("leg_section", highlight=["solues"])
    with pytest.raises(ValueError, match=r"pins: 'sartorius' is not drawn in the 'leg_section'"):
        diagrams.draw("leg_section", pins={1: "sartorius"})
    with pytest.raises(ValueError, match="not drawn"):
        diagrams.anchor("thigh_section", "iliacus")
    with pytest.raises(ValueError, match="pin numbers must be integers"):
        diagrams.draw("leg_section", pins={"one": "soleus"})


# --- drawn for a page: legible where it is shown --------------------------------------------


def shown_size_px(ax, size_pt: float, shown_px: float) -> float:
    """How tall text of ``size_pt`` shows when the figure of ``ax`` is ``shown_px`` wide."""
    return size_pt * shown_px / (72 * ax.figure.get_figwidth())


@pytest.mark.parametrize("view", diagrams.VIEWS)
@pytest.mark.parametrize("shown_px", [342.0, 200.0])
def test_a_drawing_for_a_page_has_legible_text_and_pins_a_finger_can_hit(view, shown_px):
    shown = diagrams.muscles_in_view(view)
    pins = dict(enumerate(shown, start=1))
    ax = diagrams.draw(view, pins=pins, legend=False, shown_px=shown_px)
    ax.figure.canvas.draw()
    texts = [t for t in ax.texts if t.get_text().strip()]
    assert {t.get_text() for t in texts} >= {str(n) for n in pins}
    small = [
        (t.get_text(), round(shown_size_px(ax, t.get_fontsize(), shown_px), 1))
        for t in texts
        if shown_size_px(ax, t.get_fontsize(), shown_px) < MIN_TEXT_PX
    ]
    assert not small, f"{view} shown {shown_px} px wide: text under {MIN_TEXT_PX} px: {small}"
    px_per_unit = shown_px / np.ptp(ax.get_xlim())
    circles = shapes_by_gid(ax, "pin-")
    assert len(circles) == len(pins)
    for gid, circle in circles.items():
        assert 2 * circle.get_radius() * px_per_unit >= PIN_PX - 1e-6, (view, gid)
        assert circle.get_radius() == pytest.approx(pin_radius(view, shown_px))
    # the whole figure is the drawing: its width is what the page shrinks to shown_px
    assert ax.get_position().bounds == pytest.approx((0, 0, 1, 1))


@pytest.mark.parametrize("view", diagrams.VIEWS)
def test_direction_words_can_be_left_to_the_page_that_writes_them_around(view):
    drawn = {t.get_text() for t in diagrams.draw(view, legend=False).texts}
    words = [w for w, _ in built_view(view).layout.directions]
    assert words and set(words) <= drawn
    left = {t.get_text() for t in diagrams.draw(view, legend=False, directions=False).texts}
    assert not left & set(words)
    places = orientation(view)
    assert sorted(w for ws in places.values() for w in ws) == sorted(words)
    # arrows point the way their word stands
    assert all("→" not in w for w in places["left"]) and all("←" not in w for w in places["right"])
    card = with_orientation(view, "<svg></svg>")
    assert all(html.escape(w) in card for w in words) and "<svg></svg>" in card


def test_sections_are_oriented_front_up_with_the_lateral_side_where_the_data_says():
    for view in ("thigh_section", "leg_section"):
        places = orientation(view)
        assert places["top"] == ["anterior"] and places["bottom"] == ["posterior"]
        lateral = diagrams.LATERAL_SIDE[view]
        assert any("lateral" in w for w in places[lateral])


# --- SVG ------------------------------------------------------------------------------------


def test_svg_is_inline_ready_prefixed_and_deterministic():
    kwargs = {"id_prefix": "d7-", "pins": {1: "soleus", 2: "tibialis_posterior"}}
    svg = diagrams.to_svg("leg_section", highlight=["soleus"], **kwargs)
    assert svg.startswith("<svg") and "<?xml" not in svg and "<!DOCTYPE" not in svg
    assert svg == diagrams.to_svg("leg_section", highlight=["soleus"], **kwargs)
    for muscle_id in diagrams.muscles_in_view("leg_section"):
        assert f'id="d7-muscle-{muscle_id}"' in svg
    assert 'id="d7-muscle-gastrocnemius-lateral_head"' in svg
    assert 'id="d7-pin-1"' in svg and 'id="d7-bone-tibia"' in svg
    # every id is prefixed (matplotlib's own figure_1, clip paths...), and so is every reference
    ids = re.findall(r'\bid="([^"]+)"', svg)
    assert ids and all(i.startswith("d7-") for i in ids)
    for ref in re.findall(r"url\(#([^)]+)\)", svg) + re.findall(r'href="#([^"]+)"', svg):
        assert ref in ids
    # matplotlib's page-wide style rule only applies inside this SVG
    assert not re.search(r"(^|[;}\s>])\*\s*\{", svg.replace("#d7-diagram-leg_section *{", ""))
    assert 'id="d7-diagram-leg_section"' in svg
    assert "Date" not in svg and "<dc:date>" not in svg


def test_svg_of_two_prefixes_share_no_ids():
    first = set(re.findall(r'\bid="([^"]+)"', diagrams.to_svg("back", id_prefix="a-")))
    second = set(re.findall(r'\bid="([^"]+)"', diagrams.to_svg("back", id_prefix="b-")))
    assert first and second and not first & second


def test_the_package_never_chooses_a_backend():
    package = Path(diagrams.__file__).parent
    for module in package.glob("*.py"):
        assert "matplotlib.use(" not in module.read_text(), module.name


# --- anatomy: neighbours, in the documented orientation ----------------------------------------


def test_orientation_lateral_words_and_bones_sit_on_the_lateral_side():
    for view in diagrams.VIEWS:
        layout = built_view(view).layout
        xmin, xmax, *_ = layout.extent
        centre = 0 if view not in MODEL_VIEWS else (xmin + xmax) / 2
        for word, (x, _) in layout.directions:
            if any(side in word for side in diagrams.SIDES[view]):  # sections also say "anterior"
                assert diagrams.SIDES[view][0 if x < centre else 1] in word, (view, word)
        if view in diagrams.LATERAL_SIDE:
            word_x = next(x for word, (x, _) in layout.directions if "lateral" in word)
            assert (word_x > centre) == (diagrams.LATERAL_SIDE[view] == "right"), view
    # the fibula is the lateral bone of the leg, wherever it is drawn
    for view in ("leg_section", "back", "front"):
        tibia, fibula = solid_centre(view, "tibia"), solid_centre(view, "fibula")
        sign = 1 if diagrams.LATERAL_SIDE[view] == "right" else -1
        assert sign * fibula[0] > sign * tibia[0], view


def test_leg_section_neighbours():
    view = "leg_section"
    lat = lambda m: lateralness(view, m)  # noqa: E731
    y = lambda m: diagrams.anchor(view, m)[1]  # noqa: E731  (anterior is up)
    # deep posterior: FHL on the fibula side, tibialis posterior between, FDL on the tibia
    assert (
        lat("flexor_hallucis_longus") > lat("tibialis_posterior") > lat("flexor_digitorum_longus")
    )
    # soleus between gastrocnemius (most posterior) and the deep muscles
    deep = ("flexor_hallucis_longus", "flexor_digitorum_longus", "tibialis_posterior")
    assert y("gastrocnemius") < y("soleus") < min(y(m) for m in deep)
    assert y("gastrocnemius") < y("plantaris") < y("soleus")  # its tendon lies between them
    # anterior compartment in front of the membrane, EHL between TA and EDL
    assert lat("extensor_digitorum_longus") > lat("extensor_hallucis_longus")
    assert lat("extensor_hallucis_longus") > lat("tibialis_anterior")
    assert min(y(m) for m in ("tibialis_anterior", "extensor_hallucis_longus")) > max(
        y(m) for m in deep
    )
    # the lateral compartment is the most lateral; the tibia anteromedial, the fibula posterolateral
    assert min(lat("fibularis_longus"), lat("fibularis_brevis")) > lat("extensor_digitorum_longus")
    assert lat("fibularis_longus") > lat("fibularis_brevis")  # longus superficial
    tibia, fibula = solid_centre(view, "tibia"), solid_centre(view, "fibula")
    assert tibia[1] > fibula[1] and -tibia[0] < -fibula[0]


def test_thigh_section_neighbours():
    view = "thigh_section"
    lat = lambda m: lateralness(view, m)  # noqa: E731
    y = lambda m: diagrams.anchor(view, m)[1]  # noqa: E731
    assert lat("vastus_lateralis") > lat("vastus_medialis")
    shown = diagrams.muscles_in_view(view)
    assert min(shown, key=lat) == "gracilis"
    assert lat("biceps_femoris_long_head") > lat("semitendinosus")
    assert y("rectus_femoris") > y("vastus_intermedius") > solid_centre(view, "femur")[1]
    # the sciatic nerve lies between biceps femoris and adductor magnus
    nerve = -solid_centre(view, "sciatic")[0]  # lateralness (lateral is on the left)
    assert lat("biceps_femoris_long_head") > nerve > lat("adductor_magnus")
    # posterior muscles behind the femur, sartorius anteromedial
    femur_y = solid_centre(view, "femur")[1]
    assert all(y(m) < femur_y for m in ("semitendinosus", "biceps_femoris_long_head"))
    assert lat("sartorius") < lat("rectus_femoris") and y("sartorius") > y("adductor_magnus")


def model_across(view, muscle_id):
    """How far lateral a muscle's model path runs on average, in a view with a lateral side."""
    x = np.mean([p[:, 0].mean() for p in model_views.build(view).paths[muscle_id]])
    return x if diagrams.LATERAL_SIDE[view] == "right" else -x


NEIGHBOURS = {
    # (more lateral, more medial), as atlases draw them; each pair is first confirmed in the
    # model's own paths, then in the drawing
    "front": [
        ("vastus_lateralis", "rectus_femoris"),
        ("rectus_femoris", "vastus_medialis"),
        ("tensor_fasciae_latae", "iliacus"),
        ("iliacus", "psoas_major"),
        ("adductor_longus", "gracilis"),
        ("fibularis_longus", "extensor_digitorum_longus"),
        ("extensor_digitorum_longus", "tibialis_anterior"),
    ],
    "back": [
        ("biceps_femoris_long_head", "semitendinosus"),
        ("biceps_femoris_long_head", "semimembranosus"),
        ("vastus_lateralis", "biceps_femoris_long_head"),
        ("semimembranosus", "gracilis"),
        ("fibularis_longus", "flexor_hallucis_longus"),
    ],
}


@pytest.mark.parametrize("view", sorted(NEIGHBOURS))
def test_model_view_neighbours_follow_the_model_and_the_atlas(view):
    """Each pair lies side by side in the model's paths (the model agrees with the atlas) and
    in the drawing (the pins sit where the muscles run)."""
    lat = lambda m: lateralness(view, m)  # noqa: E731
    for lateral, medial in NEIGHBOURS[view]:
        assert model_across(view, lateral) > model_across(view, medial), (lateral, medial)
        assert lat(lateral) > lat(medial), (lateral, medial)


def test_model_views_up_is_up_and_the_leg_lies_below_the_thigh():
    y = lambda view, m: diagrams.anchor(view, m)[1]  # noqa: E731
    for view in MODEL_VIEWS:
        shown = diagrams.muscles_in_view(view)
        thigh = [
            m for m in ("rectus_femoris", "biceps_femoris_long_head", "gracilis") if m in shown
        ]
        leg = [m for m in ("tibialis_anterior", "soleus", "fibularis_longus") if m in shown]
        assert thigh and leg, view
        assert min(y(view, m) for m in thigh) > max(y(view, m) for m in leg), view
        assert solid_centre(view, "femur")[1] > solid_centre(view, "tibia")[1], view
    # seen from behind, the hamstrings lie above gastrocnemius
    hamstrings = ("biceps_femoris_long_head", "semitendinosus", "semimembranosus")
    assert min(y("back", m) for m in hamstrings) > y("back", "gastrocnemius")
    # in the side views the toes point to the front of the limb
    for view in ("outer", "inner"):
        toes = solid_centre(view, "phalanges")[0]
        heel_side = "left" if diagrams.SIDES[view][0] == "posterior" else "right"
        assert (toes > solid_centre(view, "tibia")[0]) == (heel_side == "left"), view


OKABE_ITO_REFERENCE = (
    "#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7", "#000000",
)  # fmt: skip
"""Okabe & Ito (2008), "Color Universal Design": orange, sky blue, bluish green, yellow,
blue, vermillion, reddish purple, black."""


def test_colours_are_the_okabe_ito_palette():
    from legcourse.diagrams.style import COMPARTMENT_COLOURS, OKABE_ITO

    assert [c.upper() for c in OKABE_ITO] == list(OKABE_ITO_REFERENCE)
    palette = {c.upper() for c in OKABE_ITO}
    assert {c.upper() for c in COMPARTMENT_COLOURS.values()} <= palette
    assert len(set(COMPARTMENT_COLOURS.values())) == len(COMPARTMENT_COLOURS), "two share one"


def test_buttock_views_neighbours():
    """From behind, lateral on the right: the deep rotators stack from piriformis at the top to
    quadratus femoris at the bottom, all lateral to the sacrum, and gluteus medius lies above
    gluteus maximus."""
    deep = "buttock_deep"
    y = lambda view, m: diagrams.anchor(view, m)[1]  # noqa: E731
    stack = ["piriformis", "superior_gemellus", "obturator_internus", "inferior_gemellus",
             "quadratus_femoris"]  # fmt: skip
    assert [y(deep, m) for m in stack] == sorted((y(deep, m) for m in stack), reverse=True)
    assert y(deep, "gluteus_medius") > y(deep, "piriformis")
    assert y("buttock", "gluteus_medius") > y("buttock", "gluteus_maximus")
    for view in ("buttock", "buttock_deep"):
        assert lateralness(view, "gluteus_medius") > solid_centre(view, "sacrum")[0]
        assert diagrams.LATERAL_SIDE[view] == "right"


@pytest.mark.parametrize("view", ["leg_section", "front"])
def test_a_page_template_sizes_its_pins_for_the_width_it_is_shown_at(view):
    # The template is drawn under a placeholder id prefix and its pins renamed afterwards: they
    # must still be found and sized (a touch target of PIN_PX at shown_px).
    from legcourse.diagrams.svg import PREFIX_TOKEN, svg_template

    shown_px = 358
    svg = svg_template(view, pins=True, directions=False, shown_px=shown_px)
    width = float(re.search(r'viewBox="[\d.]+ [\d.]+ ([\d.]+)', svg).group(1))
    spots = re.findall(rf'<g id="{PREFIX_TOKEN}spot-([a-z_]+)">\s*<path d="([^"]+)"', svg)
    assert spots, view
    for muscle, d in spots:
        xs = [float(x) for x in re.findall(r"(-?[\d.]+) -?[\d.]+", d)]
        assert (max(xs) - min(xs)) / width * shown_px >= PIN_PX - 0.5, (view, muscle)
