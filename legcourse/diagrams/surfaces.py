"""The two surface views of a RIGHT lower limb: from behind (posterior) and from the front.

Seen from behind, the lateral side of a right limb is on the viewer's RIGHT (x > 0); seen from
the front, it is on the viewer's LEFT (x < 0). y runs from the heel (0) up to the top of the
thigh (about 100). Each muscle is a band around its course; what a superficial dissection does
not show is left out rather than drawn in the wrong place.
"""

from __future__ import annotations

from legcourse.diagrams.layout import Solid, ViewLayout, capsule, ellipse, muscle, rounded

# The right limb from behind, lateral on the right; the front view mirrors it.
POSTERIOR_OUTLINE = (
    (-7.4, 91.0),
    (8.4, 98.0),
    (8.6, 88.0),
    (7.8, 72.0),
    (6.6, 60.0),
    (5.8, 52.0),
    (5.6, 47.0),
    (6.0, 40.0),
    (6.2, 34.0),
    (5.4, 26.0),
    (4.0, 18.0),
    (3.0, 12.0),
    (2.8, 6.0),
    (3.4, 2.5),
    (2.6, -0.2),
    (-2.4, -0.2),
    (-3.2, 2.5),
    (-3.0, 6.0),
    (-3.0, 12.0),
    (-4.2, 18.0),
    (-5.8, 26.0),
    (-6.6, 34.0),
    (-6.4, 40.0),
    (-5.8, 47.0),
    (-5.8, 52.0),
    (-6.8, 62.0),
    (-7.6, 74.0),
    (-7.8, 86.0),
)


def mirrored(points):
    return tuple((-x, y) for x, y in points)


def surface_directions(lateral_x: float):
    """ "lateral" and "medial" under the heel, with arrows pointing to their side."""
    lateral = "lateral \u2192" if lateral_x > 0 else "\u2190 lateral"
    medial = "\u2190 medial" if lateral_x > 0 else "medial \u2192"
    return ((lateral, (lateral_x * 6.5, -0.8)), (medial, (-lateral_x * 6.5, -0.8)))


POSTERIOR = ViewLayout(
    name="posterior",
    title="Muscles of the back of the right thigh and leg, seen from behind",
    extent=(-12.5, 12.5, -1.5, 101.0),
    pixel=0.12,
    pin_radius=1.05,
    outline=rounded(POSTERIOR_OUTLINE, passes=2),
    solids=(
        Solid("bone", "calcaneus", ellipse((0.2, 2.0), 2.1, 1.6)),
        Solid("bone", "tibia", ellipse((-2.7, 6.6), 0.65, 1.0)),
        Solid("bone", "fibula", ellipse((2.8, 5.6), 0.65, 1.1)),
    ),
    regions=(
        muscle("gracilis", [(-7.0, 88.0), (-6.5, 70.0), (-5.6, 56.0)], reach=0.8, pin=(-6.3, 64.0)),
        muscle("adductor_magnus", [(-4.6, 87.0), (-4.9, 73.0)], reach=1.9),
        muscle(
            "semitendinosus",
            [(-0.8, 90.0), (-1.8, 72.0), (-3.4, 60.0), (-5.0, 50.0)],
            reach=1.7,
            pin=(-1.6, 77.0),
        ),
        muscle("semimembranosus", [(-5.3, 66.0), (-5.0, 53.0)], reach=1.2, pin=(-5.1, 56.5)),
        muscle(
            "biceps_femoris_long_head",
            [(1.8, 91.0), (2.2, 72.0), (5.0, 50.0)],
            reach=2.1,
            pin=(2.2, 78.0),
        ),
        muscle("biceps_femoris_short_head", [(5.8, 70.0), (5.5, 57.0)], reach=0.9, pin=(5.6, 62.0)),
        muscle("iliotibial_tract", [(8.0, 90.0), (7.2, 74.0)], reach=0.6, kind="tendon"),
        # the diamond between the hamstrings above and the two heads of gastrocnemius below
        muscle("popliteal_fossa", [(0.0, 51.5)], reach=3.0, kind="fat"),
        muscle("popliteus", [(1.8, 48.4), (-1.4, 46.2)], reach=0.7),
        muscle("plantaris", [(3.9, 47.6)], reach=0.75),
        muscle(
            "gastrocnemius",
            [(-3.4, 46.0), (-2.9, 34.0), (-1.3, 25.0)],
            reach=2.0,
            note="medial head",
        ),
        muscle(
            "gastrocnemius",
            [(3.3, 45.0), (2.8, 35.0), (1.3, 28.0)],
            reach=1.8,
            part="lateral_head",
            note="lateral head",
        ),
        muscle(
            "soleus",
            [(-5.2, 34.0), (-3.8, 22.0), (-1.0, 16.0)],
            [(5.2, 34.0), (3.8, 23.0), (1.0, 16.0)],
            reach=1.2,
        ),
        muscle("calcaneal_tendon", [(0.0, 22.0), (0.0, 4.0)], reach=0.85, kind="tendon"),
        muscle("flexor_digitorum_longus", [(-3.5, 19.0), (-2.5, 9.0)], reach=0.6),
        muscle("flexor_hallucis_longus", [(1.5, 17.0), (1.3, 9.0)], reach=0.55, pin=(1.45, 15.0)),
        muscle("fibularis_longus", [(5.6, 34.0), (4.5, 23.0), (3.4, 11.0)], reach=0.65),
        muscle("fibularis_brevis", [(3.0, 18.0), (2.5, 9.0)], reach=0.5, pin=(2.65, 11.0)),
    ),
    cutoff=1.5,
    lateral="right",
    directions=surface_directions(+1),
)

ANTERIOR = ViewLayout(
    name="anterior",
    title="Muscles of the front of the right thigh and leg, seen from the front",
    extent=(-12.5, 12.5, -1.5, 101.0),
    pixel=0.12,
    pin_radius=1.05,
    outline=rounded(mirrored(POSTERIOR_OUTLINE), passes=2),
    solids=(
        Solid("bone", "ilium", ellipse((-7.2, 97.6), 1.3, 0.9, angle_deg=20)),
        Solid("bone", "pubis", ellipse((5.4, 92.8), 1.4, 0.8, angle_deg=-15)),
        Solid("ligament", "inguinal_ligament", capsule([(-6.4, 96.8), (4.4, 93.0)], 0.18)),
        Solid("vessel", "femoral_vessels", rounded(capsule([(-0.1, 92.0), (0.5, 84.0)], 0.4))),
        Solid("bone", "patella", ellipse((0.0, 50.0), 1.9, 2.3)),
        Solid("bone", "tibia", rounded(capsule([(1.2, 41.0), (1.4, 25.0), (1.8, 9.0)], 0.75))),
        Solid("bone", "fibula", ellipse((-2.8, 5.6), 0.65, 1.1)),
    ),
    regions=(
        muscle("tensor_fasciae_latae", [(-7.1, 93.0), (-7.3, 84.0)], reach=1.2),
        muscle("iliotibial_tract", [(-7.7, 81.0), (-6.3, 55.0)], reach=0.55, kind="tendon"),
        muscle(
            "sartorius",
            [(-6.0, 95.0), (-3.2, 86.0), (0.8, 75.0), (3.4, 63.0), (4.4, 50.0)],
            reach=0.8,
            over=True,
        ),
        muscle("iliacus", [(-3.3, 93.6), (-2.3, 87.0)], reach=0.8),
        muscle("psoas_major", [(-1.5, 93.2), (-1.1, 87.4)], reach=0.6),
        muscle("pectineus", [(1.5, 91.5), (2.0, 87.0)], reach=1.0),
        muscle("adductor_longus", [(3.7, 90.0), (3.6, 78.0)], reach=1.1),
        muscle("gracilis", [(6.9, 88.0), (6.2, 70.0), (5.3, 54.0)], reach=0.8),
        muscle("rectus_femoris", [(-2.4, 84.0), (-1.3, 70.0), (-0.3, 58.0)], reach=1.9),
        muscle("vastus_lateralis", [(-5.6, 78.0), (-5.0, 58.0)], reach=1.7),
        muscle("vastus_medialis", [(2.6, 60.0), (2.2, 55.0)], reach=2.1),
        muscle("patellar_ligament", [(0.0, 47.0), (0.4, 41.0)], reach=0.7, kind="tendon"),
        muscle("tibialis_anterior", [(-0.7, 40.0), (-0.4, 26.0), (0.5, 12.0)], reach=1.1),
        muscle("extensor_hallucis_longus", [(-1.5, 22.0), (-0.9, 10.0)], reach=0.5),
        muscle("extensor_digitorum_longus", [(-2.9, 40.0), (-2.3, 22.0), (-1.7, 13.0)], reach=0.85),
        muscle("fibularis_tertius", [(-3.0, 14.0), (-2.4, 7.5)], reach=0.5),
        muscle("fibularis_longus", [(-5.1, 40.0), (-4.6, 28.0)], reach=0.9),
        muscle("fibularis_brevis", [(-4.2, 24.0), (-3.4, 11.0)], reach=0.6),
        muscle("gastrocnemius", [(4.9, 42.0), (4.9, 31.0)], reach=0.9, note="medial head"),
        muscle("soleus", [(4.4, 29.0), (3.2, 16.0)], reach=0.7),
    ),
    cutoff=1.3,
    lateral="left",
    directions=surface_directions(-1),
)
