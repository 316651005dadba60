"""The two cross-sections: middle of the thigh and middle of the leg (calf).

Both show a RIGHT limb seen from below, as CT and MRI images are read: anterior up, the
patient's right (lateral, for a right limb) on the viewer's LEFT, so x < 0 is lateral.
Coordinates are schematic centimetres from the centre of the limb. Neighbours follow the usual
textbook layout at these levels (Gray's Anatomy plates, Moore's Clinically Oriented Anatomy;
both in legcourse/data/sources.bib).
"""

from __future__ import annotations

from legcourse.diagrams.layout import Solid, ViewLayout, capsule, ellipse, muscle, rounded

# Written above and below the section, where no label leader crosses them.
SECTION_DIRECTIONS = (
    ("anterior", (0.0, 8.0)),
    ("posterior", (0.0, -8.6)),
    ("\u2190 lateral", (-6.5, -8.6)),
    ("medial \u2192", (6.5, -8.6)),
)


THIGH_SECTION = ViewLayout(
    name="thigh_section",
    title="Cross-section through the middle of the right thigh, seen from below",
    extent=(-8.5, 8.5, -9.2, 8.6),
    pixel=0.05,
    pin_radius=0.4,
    outline=rounded(
        [
            (0.0, 7.0),
            (-4.2, 6.2),
            (-6.8, 3.4),
            (-7.4, 0.0),
            (-6.6, -3.8),
            (-4.2, -6.8),
            (0.0, -7.6),
            (3.8, -7.2),
            (6.4, -4.6),
            (7.4, -1.0),
            (7.0, 2.4),
            (4.6, 5.6),
        ]
    ),
    solids=(
        Solid(
            "bone",
            "femur",
            rounded(
                [(-2.0, 1.6), (0.2, 1.9), (0.7, 0.2), (-0.5, -1.5), (-1.3, -1.4), (-2.3, -0.3)],
                passes=3,
            ),
        ),
        Solid("nerve", "sciatic", ellipse((0.3, -3.3), 0.55, 0.4)),
        Solid("vessel", "femoral_vessels", ellipse((3.3, 1.3), 0.5, 0.4)),
    ),
    regions=(
        muscle("sartorius", [(4.7, 2.4)], reach=1.0),
        muscle("rectus_femoris", [(-0.6, 5.0)], reach=1.6),
        muscle("vastus_lateralis", [(-3.0, 4.0), (-4.9, 1.4), (-4.6, -1.6)], reach=1.8),
        muscle("vastus_medialis", [(1.8, 4.1), (2.3, 2.6)], reach=1.3),
        muscle("vastus_intermedius", [(-2.4, 2.3), (-0.8, 3.0), (1.0, 2.2)], reach=0.9),
        muscle("adductor_longus", [(3.4, -0.1), (4.6, 0.2)], reach=0.9),
        muscle("adductor_magnus", [(1.8, -1.8), (4.2, -2.4)], reach=1.5),
        muscle("gracilis", [(6.5, -0.4), (6.1, -2.8)], reach=0.6),
        muscle("biceps_femoris_long_head", [(-1.4, -5.4)], reach=1.5),
        muscle("biceps_femoris_short_head", [(-2.9, -2.0)], reach=0.9),
        muscle("semitendinosus", [(3.3, -5.6)], reach=1.1),
        muscle("semimembranosus", [(1.9, -4.5)], reach=1.0),
    ),
    cutoff=4.0,
    lateral="left",
    directions=SECTION_DIRECTIONS,
)

TIBIA_MIDSHAFT = rounded([(1.2, 4.2), (3.3, 1.5), (0.1, 1.4)], passes=3)
INTEROSSEOUS_LINE = ((0.2, 1.5), (-2.5, -0.5))

LEG_SECTION = ViewLayout(
    name="leg_section",
    title="Cross-section through the middle of the right leg (calf), seen from below",
    extent=(-8.5, 8.5, -9.2, 8.6),
    pixel=0.05,
    pin_radius=0.4,
    outline=rounded(
        [
            (1.0, 5.0),
            (-2.0, 4.4),
            (-4.6, 2.6),
            (-5.8, 0.0),
            (-5.6, -3.0),
            (-4.0, -6.4),
            (-1.0, -8.0),
            (2.4, -7.8),
            (4.8, -5.8),
            (5.6, -2.6),
            (4.8, 0.4),
            (3.8, 1.8),
            (2.6, 3.9),
        ]
    ),
    solids=(
        Solid("bone", "tibia", TIBIA_MIDSHAFT),
        Solid("bone", "fibula", ellipse((-3.0, -0.8), 0.75, 0.7)),
        Solid("membrane", "interosseous_membrane", capsule(INTEROSSEOUS_LINE, 0.07)),
        Solid("nerve", "deep_fibular", ellipse((-1.1, 1.7), 0.25, 0.25)),
        Solid("nerve", "tibial", ellipse((0.4, -1.3), 0.32, 0.28)),
    ),
    regions=(
        muscle("tibialis_anterior", [(0.0, 3.4)], reach=1.0),
        muscle("extensor_hallucis_longus", [(-1.7, 2.3)], reach=0.6),
        muscle("extensor_digitorum_longus", [(-2.6, 2.6), (-3.3, 1.2)], reach=0.85),
        muscle("fibularis_longus", [(-5.0, 0.6), (-4.9, -1.4)], reach=0.8),
        muscle("fibularis_brevis", [(-3.9, 0.1), (-4.0, -1.0)], reach=0.5),
        muscle("gastrocnemius", [(2.1, -5.6)], reach=1.6, note="medial head"),
        muscle(
            "gastrocnemius", [(-1.6, -5.8)], reach=1.35, part="lateral_head", note="lateral head"
        ),
        muscle(
            "soleus",
            [(-3.6, -3.2), (-1.0, -3.3), (1.6, -2.8), (3.8, -1.6)],
            reach=1.0,
            pin=(-0.6, -3.2),  # the middle of the crescent, not its thick medial end
        ),
        muscle("plantaris", [(0.3, -4.35)], reach=0.28),
        muscle("flexor_hallucis_longus", [(-2.8, -2.0), (-1.7, -2.1)], reach=0.85),
        muscle("flexor_digitorum_longus", [(1.6, 0.5), (2.4, 0.3)], reach=0.7),
        muscle("tibialis_posterior", [(-1.0, -0.1)], reach=0.8),
    ),
    cutoff=4.0,
    lateral="left",
    directions=SECTION_DIRECTIONS,
)
