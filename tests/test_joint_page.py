"""The page on how muscles move the joints: its numbers come from the model's public moment
arms, its charts draw what they say, the slider's frames cover the joint's range and its
drawing agrees with the moment arms; in the built book (headless Chromium) the slider changes
its frame and readouts by mouse and by keyboard, and fits a phone.

Expected values are computed here from ``legcourse.moment_arm`` and the catalog, never typed.
"""

from __future__ import annotations

import json
import re

import numpy as np
import pytest
from conftest import REPO

from legcourse.book import angle_slider, joint_charts
from legcourse.model import frames, joint_motion, myoleg

PAGE = REPO / "book" / "joints" / "moving-joints.md"
SLIDER = ("hip", "hip_flexion", "hip_extension", ["adductor_longus", "rectus_femoris"])
VIEWPORTS = {"desktop": (1280, 900), "phone": (390, 844)}


def public_moment_arm(muscle_id: str, action_id: str, angle: float) -> float:
    """The public API, called directly (the page's numbers must agree with it)."""
    import legcourse

    return float(legcourse.moment_arm(muscle_id, action_id, angle_deg=angle))


def sign_change(muscle_id: str, action_id: str, joint: str) -> float:
    """Where the moment arm changes sign, found by bisection on the public API."""
    low, high = joint_motion.angle_range(joint)
    grid = range(low, high + 1)
    arms = [public_moment_arm(muscle_id, action_id, a) for a in grid]
    i = next(k for k in range(len(arms) - 1) if arms[k] * arms[k + 1] <= 0)
    a, b = float(grid[i]), float(grid[i + 1])
    for _ in range(30):
        mid = (a + b) / 2
        if public_moment_arm(muscle_id, action_id, mid) * arms[i] > 0:
            a = mid
        else:
            b = mid
    return (a + b) / 2


# --- the numbers -----------------------------------------------------------------------------


def test_the_adductor_crossing_is_where_the_public_moment_arm_changes_sign():
    for muscle in ("adductor_longus", "adductor_brevis"):
        found = joint_motion.crossing(muscle, "hip_flexion", "hip")
        assert found is not None, f"{muscle}: no change of sign over the hip's range"
        assert found.before > 0 > found.after, "it should flex first, then extend"
        assert found.angle == pytest.approx(sign_change(muscle, "hip_flexion", "hip"), abs=0.5)


def test_a_muscle_that_keeps_its_sign_has_no_crossing():
    assert joint_motion.crossing("rectus_femoris", "hip_flexion", "hip") is None


def test_one_joint_muscles_ignore_the_other_joint_and_two_joint_muscles_do_not():
    assert joint_motion.length("vastus_lateralis", {"hip": 90}) == pytest.approx(
        joint_motion.length("vastus_lateralis"), abs=0.05
    )
    assert joint_motion.length("soleus", {"knee": 90}) == pytest.approx(
        joint_motion.length("soleus"), abs=0.05
    )
    assert (
        joint_motion.length("rectus_femoris", {"hip": 90})
        < joint_motion.length("rectus_femoris") - 2
    )
    assert (
        joint_motion.length("gastrocnemius", {"knee": 90})
        < joint_motion.length("gastrocnemius") - 1
    )


def test_two_joint_muscles_lose_force_when_short_over_both_joints():
    share = joint_motion.force_fraction
    assert share("rectus_femoris", {"hip": 90, "knee": 0}) < share("rectus_femoris") / 2
    knee_high = joint_motion.angle_range("knee")[1]
    curl = share("biceps_femoris_long_head", {"hip": 0, "knee": knee_high})
    assert curl < share("biceps_femoris_long_head", {"hip": 90, "knee": knee_high}) / 2
    assert 0 <= curl <= 1


def test_an_unknown_joint_or_a_muscle_outside_the_model_is_named():
    with pytest.raises(KeyError, match="shoulder"):
        joint_motion.coordinate("shoulder")
    with pytest.raises(LookupError, match="pectineus"):
        joint_motion.length("pectineus")


# --- the charts ------------------------------------------------------------------------------


def lines(ax) -> dict:
    return {line.get_gid(): line for line in ax.get_lines() if line.get_gid()}


def test_the_moment_arm_chart_draws_the_public_moment_arms():
    pairs = [("semitendinosus", "knee_flexion"), ("vastus_lateralis", "knee_extension")]
    drawn = lines(joint_charts.moment_arm_chart("knee", pairs))
    for muscle, action in pairs:
        line = drawn[f"arm-{muscle}-{action}"]
        x, y = line.get_xdata(), line.get_ydata()
        low, high = joint_motion.angle_range("knee")
        assert x[0] == low and x[-1] == high
        for k in (0, len(x) // 2, len(x) - 1):
            assert y[k] == pytest.approx(public_moment_arm(muscle, action, x[k]), abs=1e-6)


def test_the_crossing_chart_marks_each_change_of_sign():
    ax = joint_charts.crossing_chart("hip", "hip_flexion", "hip_extension", ["adductor_longus"])
    (dot,) = [line for line in ax.get_lines() if line.get_gid() == "crossing-adductor_longus"]
    expected = sign_change("adductor_longus", "hip_flexion", "hip")
    assert dot.get_xdata()[0] == pytest.approx(expected, abs=0.5)
    assert f"{expected:.0f}°" in [t.get_text() for t in ax.texts]


def test_length_and_force_charts_draw_each_series():
    series = [joint_charts.Series("soleus"), joint_charts.Series("gastrocnemius", {"knee": 90})]
    drawn = lines(joint_charts.length_chart("ankle", series))
    bent = drawn["length-gastrocnemius-knee90"]
    at_zero = list(bent.get_xdata()).index(0)
    expected = joint_motion.length("gastrocnemius", {"knee": 90}) - joint_motion.length(
        "gastrocnemius"
    )
    assert bent.get_ydata()[at_zero] == pytest.approx(expected, abs=1e-6)
    assert "length-soleus" in drawn
    force = lines(joint_charts.force_chart("ankle", series))
    assert all(0 <= v <= 100 for line in force.values() for v in line.get_ydata())


@pytest.mark.parametrize(
    "chart",
    [
        lambda: joint_charts.moment_arm_chart("ankle", [("soleus", "ankle_plantarflexion")]),
        lambda: joint_charts.crossing_chart(
            "hip", "hip_flexion", "hip_extension", ["adductor_longus", "adductor_brevis"]
        ),
        lambda: joint_charts.length_chart("knee", [joint_charts.Series("rectus_femoris")]),
    ],
)
def test_chart_text_stays_at_least_11_px_on_a_phone(chart):
    """Shrunk to a 390 px screen's column (360 px at most), no text is below 11 px."""
    ax = chart()
    figure = ax.figure
    width_px = figure.get_figwidth() * 96  # CSS pixels of an SVG of that many inches
    scale = 360 / width_px
    texts = [t for t in figure.findobj(lambda a: hasattr(a, "get_fontsize")) if t.get_text()]
    assert texts
    smallest = min(t.get_fontsize() for t in texts) * 96 / 72 * scale
    assert smallest >= 11, f"the smallest text would be {smallest:.1f} px"


# --- the slider's frames ---------------------------------------------------------------------


def test_the_frames_cover_the_joints_range_with_zero_among_them():
    for joint in ("hip", "knee", "ankle"):
        low, high = joint_motion.angle_range(joint)
        stops = angle_slider.slider_angles(joint, 10)
        assert 0 in stops
        assert stops[0] - low < 10 and high - stops[-1] < 10
        assert all(b - a == 10 for a, b in zip(stops, stops[1:], strict=False))


@pytest.fixture(scope="module")
def fragment() -> str:
    return angle_slider.slider_html(*SLIDER, step=30, id_prefix="t-")


def test_the_fragment_has_one_frame_per_stop_and_the_public_readouts(fragment):
    stops = angle_slider.slider_angles("hip", 30)
    shown = re.findall(r'class="lc-frame[^"]*" id="t-frame-(-?\d+)"', fragment)
    assert [int(a) for a in shown] == stops
    assert re.findall(r'class="lc-frame lc-on"', fragment) == ['class="lc-frame lc-on"']
    data = json.loads(re.search(r'class="lc-data">(.*?)</script>', fragment, re.S).group(1))
    assert data["angles"] == stops
    for angle in stops:
        for muscle in SLIDER[3]:
            cm = public_moment_arm(muscle, "hip_flexion", angle)
            words = angle_slider.arm_words(cm, "hip_flexion", "hip_extension")
            assert data["arms"][str(angle)][muscle] == words
            assert f"{abs(cm):.1f} cm" in words
    assert 'type="range"' in fragment and 'for="t-input"' in fragment


def test_the_drawn_levers_agree_with_the_public_moment_arms():
    """The perpendicular drawn from the hip's centre to each line of pull is the muscle's
    moment arm, within a few millimetres, and on the side that gives its action."""
    for angle in (-20, 0, 40, 90):
        d = myoleg.pose({"hip_flexion_r": angle})
        for muscle in ("adductor_longus", "rectus_femoris", "biceps_femoris_long_head"):
            (lever,) = frames.muscle_levers(d, muscle, "hip_flexion_r")
            cm = public_moment_arm(muscle, "hip_flexion", angle)
            assert lever.length_mm / 10 == pytest.approx(abs(cm), abs=0.4), (muscle, angle)
            if abs(cm) > 0.4:
                assert lever.in_front == (cm > 0), (muscle, angle)


def test_outlines_trace_a_mesh_and_simplify_within_tolerance():
    # A right triangle 100 mm by 60 mm in the side view (y backwards, z up, in metres).
    vertices = np.array([[0, 0, 0], [0, -0.1, 0], [0, 0, 0.06]], dtype=float)
    (loop,) = frames.outline(vertices, np.array([[0, 1, 2]]))
    x, y = loop[:, 0], loop[:, 1]
    area = 0.5 * abs(np.dot(x, np.roll(y, 1)) - np.dot(y, np.roll(x, 1)))
    assert area == pytest.approx(0.5 * 100 * 60, rel=0.05)
    line = np.array([[0, 0], [1, 0.1], [2, 0], [3, 5], [4, 0]], dtype=float)
    assert [tuple(p) for p in frames.simplify(line, 0.5)] == [(0, 0), (2, 0), (3, 5), (4, 0)]


def test_the_widget_redraws_its_frame_when_the_slider_moves():
    panel = angle_slider.AngleSlider(*SLIDER, step=30)
    before = panel.figure.value
    panel.slider.value = 90
    after = panel.figure.value
    assert after != before
    cm = public_moment_arm("adductor_longus", "hip_flexion", 90)
    assert angle_slider.arm_words(cm, "hip_flexion", "hip_extension") in after


def test_bad_arguments_are_refused_with_a_reason():
    with pytest.raises(ValueError, match="unknown muscle"):
        angle_slider.slider_html("hip", "hip_flexion", "hip_extension", ["quadriceps_x"])
    with pytest.raises(ValueError, match="id_prefix"):
        angle_slider.slider_html(*SLIDER, id_prefix="1 bad")
    with pytest.raises(ValueError, match="not one of the slider's angles"):
        angle_slider.slider_html(*SLIDER, step=30, start=5)


def test_the_page_uses_the_model_helpers_and_cites_the_model():
    text = PAGE.read_text()
    assert "{cite:p}`rajagopal2016`" in text
    assert "medical-notice" in text
    assert "angle_slider.in_page(*SLIDER" in text and "AngleSlider(*SLIDER)" in text
    assert "book/joints/moving-joints" in (REPO / "_toc.yml").read_text()


# --- the built page, in Chromium -------------------------------------------------------------


def page_slider(text: str) -> tuple:
    """The SLIDER tuple the page's hidden cell sets."""
    match = re.search(r"^SLIDER = (\(.*?\))$", text, re.S | re.M)
    return eval(match.group(1))  # the page's own literal, read back


@pytest.mark.slow
def test_the_built_page_glues_the_models_numbers(built_book):
    html = (built_book / "book" / "joints" / "moving-joints.html").read_text()
    body = re.sub(r"<[^>]+>", "", html)
    angle = sign_change("adductor_longus", "hip_flexion", "hip")
    assert f"about {angle:.0f}° of hip flexion in the model" in re.sub(r"\s+", " ", body)
    assert html.count('class="lc-frame') == len(angle_slider.slider_angles("hip", 10))
    assert "rajagopal2016" in html or "Rajagopal" in html


@pytest.mark.slow
@pytest.mark.browser
@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_the_slider_moves_by_keyboard_and_mouse_and_fits(site, browser, viewport):
    from browser_support import PageWatch

    joint, action, opposite, muscles = page_slider(PAGE.read_text())
    stops = angle_slider.slider_angles(joint, 10)
    width, height = VIEWPORTS[viewport]
    context = browser.new_context(viewport={"width": width, "height": height})
    try:
        page = context.new_page()
        watch = PageWatch(page, site)
        page.goto(f"{site}/book/joints/moving-joints.html", wait_until="networkidle")
        root = page.locator("figure.lc-angle")
        assert root.get_attribute("data-started") == "yes"
        p = root.get_attribute("data-prefix")
        slider = page.locator(f"#{p}input")

        def assert_shows(angle: int) -> None:
            assert root.get_attribute("data-shown") == str(angle)
            visible = root.locator(".lc-frame").evaluate_all(
                "gs => gs.filter(g => getComputedStyle(g).display !== 'none').map(g => g.id)"
            )
            assert visible == [f"{p}frame-{angle}"]
            for muscle in muscles:
                cm = public_moment_arm(muscle, action, angle)
                words = angle_slider.arm_words(cm, action, opposite)
                assert page.locator(f"#{p}arm-{muscle}").inner_text() == words
            assert page.locator(f"#{p}value").inner_text() == angle_slider.angle_words(joint, angle)

        assert_shows(0)
        slider.focus()
        page.keyboard.press("ArrowRight")
        assert_shows(stops[stops.index(0) + 1])
        page.keyboard.press("End")
        assert_shows(stops[-1])
        page.keyboard.press("Home")
        assert_shows(stops[0])
        box = slider.bounding_box()
        page.mouse.click(box["x"] + box["width"] - 2, box["y"] + box["height"] / 2)
        assert_shows(stops[-1])
        assert slider.get_attribute("aria-valuetext") == angle_slider.angle_words(joint, stops[-1])
        overflow = page.evaluate(
            """() => {
                const main = document.querySelector('main');
                return [document.documentElement.scrollWidth - window.innerWidth,
                        main.scrollWidth - main.clientWidth];
            }"""
        )
        assert max(overflow) <= 0, overflow
        smallest = root.locator("td, th, output, label, figcaption").evaluate_all(
            "els => Math.min(...els.map(e => parseFloat(getComputedStyle(e).fontSize)))"
        )
        assert smallest >= 11
        drawing = root.locator(".lc-drawing svg").bounding_box()
        assert drawing["width"] <= width and drawing["height"] > 100
        assert not watch.problems, watch.problems
    finally:
        context.close()
