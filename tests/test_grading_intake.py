"""Student files never reach grading beyond their own answers: what a submission's folder may
hold (links, pipes, huge or countless files), what its outputs may put in the feedback page
(scripts, event handlers, javascript: links), and what a grading worker hands back to be
merged (manual scores, extra credit, other students' rows).

Fast: small folders, in-memory notebooks and throw-away gradebooks; no kernel runs.
"""

from __future__ import annotations

import os
import shutil
import warnings
from datetime import datetime
from pathlib import Path

import nbformat
import pytest
from feedback_pages import Elements, live_parts
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output
from nbgrader.api import MissingEntry
from sqlalchemy.exc import SAWarning

from legcourse.grading.instructor import feedback, gradebook, intake
from legcourse.grading.instructor.grade import _collect
from legcourse.grading.instructor.results import FAILED, GRADED, StudentResult
from legcourse.grading.instructor.worker import prepare

MB = 1024 * 1024
BLANK = "blank release"
SOLVED = "### BEGIN SOLUTION\nanswer_q1 = 'soleus'\n### END SOLUTION"
DUE = datetime(2026, 1, 10, 12, 0)


# --- a tiny course ---------------------------------------------------------------------------


@pytest.fixture(scope="session")
def gradebook_file(tmp_path_factory) -> Path:
    """A gradebook with assignment ``a`` (due 2026-01-10 12:00) of one notebook ``nb`` with two
    graded test cells, q1 (1 point) and q2 (2 points), and the student ada on the roster."""
    path = tmp_path_factory.mktemp("intake-gradebook") / "gradebook.db"
    with gradebook.open_gradebook(path) as gb:
        gb.add_assignment("a", duedate=DUE)
        gb.add_notebook("nb", "a")
        for name, points in (("q1", 1), ("q2", 2)):
            gb.add_grade_cell(name, "nb", "a", max_score=points, cell_type="code")
            gb.add_source_cell(name, "nb", "a", cell_type="code", locked=True, source="# test")
        gb.add_student("ada", first_name="Ada", email="ada@school.test")
    return path


def write_notebook(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(new_notebook(cells=[new_markdown_cell(text)]), path)
    return path


@pytest.fixture
def course(tmp_path, gradebook_file) -> Path:
    """A course folder: gradebook, the source (with its solution) and the blank release."""
    root = tmp_path / "course"
    (root / "submitted").mkdir(parents=True)
    shutil.copy(gradebook_file, root / "gradebook.db")
    write_notebook(root / "source" / "a" / "nb.ipynb", SOLVED)
    write_notebook(root / "release" / "a" / "nb.ipynb", BLANK)
    (root / "nbgrader_config.py").write_text("c = get_config()\n")
    return root


@pytest.fixture
def work(tmp_path, gradebook_file) -> Path:
    """A grading worker's private folder (``worker.setup`` copies the gradebook there)."""
    folder = tmp_path / "work"
    folder.mkdir()
    shutil.copy(gradebook_file, folder / "gradebook.db")
    return folder


def handed_in(course: Path, student: str = "ada", notebook: bool = True) -> Path:
    folder = course / "submitted" / student / "a"
    folder.mkdir(parents=True)
    if notebook:
        write_notebook(folder / "nb.ipynb", "my answers")
    return folder


def copied_files(work: Path, student: str = "ada") -> dict[str, bytes]:
    """Relative path -> content of every file in the worker's copy; fails on anything else."""
    top = work / "submitted" / student / "a"
    found = {}
    for path in sorted(top.rglob("*")):
        assert not path.is_symlink(), path
        if path.is_file():
            found[path.relative_to(top).as_posix()] = path.read_bytes()
        else:
            assert path.is_dir(), path
    return found


def graded_as_blank(course: Path, work: Path) -> bool:
    release = (course / "release" / "a" / "nb.ipynb").read_bytes()
    return copied_files(work)["nb.ipynb"] == release


# --- intake: only regular files, within caps ----------------------------------------------


def test_regular_files_and_folders_are_copied_as_they_are(course, work):
    folder = handed_in(course)
    (folder / "notes").mkdir()
    (folder / "notes" / "data.csv").write_text("a,b\n1,2\n")
    (folder / "timestamp.txt").write_text("2026-01-10 11:00:00")
    write_notebook(folder / ".ipynb_checkpoints" / "nb-checkpoint.ipynb", "old")
    assert prepare(course, "a", "ada", work) == []
    assert copied_files(work) == {
        "nb.ipynb": (folder / "nb.ipynb").read_bytes(),
        "notes/data.csv": b"a,b\n1,2\n",
        "timestamp.txt": b"2026-01-10 11:00:00",
    }


@pytest.mark.parametrize("points_to", ["source/a/nb.ipynb", "gradebook.db"])
def test_a_symlinked_notebook_is_graded_as_the_blank_release(course, work, points_to):
    folder = handed_in(course, notebook=False)
    (folder / "nb.ipynb").symlink_to(course / points_to)
    assert prepare(course, "a", "ada", work) == [
        "nb.ipynb is a symbolic link; not read; graded as the blank release (0 points)"
    ]
    assert graded_as_blank(course, work)
    assert SOLVED.encode() not in b"".join(copied_files(work).values())


def test_a_symlink_to_a_folder_is_not_followed(course, work):
    folder = handed_in(course)
    (folder / "answers").symlink_to(course / "source", target_is_directory=True)
    assert prepare(course, "a", "ada", work) == ["answers is a symbolic link; not read"]
    assert list(copied_files(work)) == ["nb.ipynb"]


def test_a_named_pipe_is_skipped_without_being_opened(course, work):
    folder = handed_in(course)
    os.mkfifo(folder / "pipe")  # opening it for reading would block until a writer came
    assert prepare(course, "a", "ada", work) == [
        "pipe is not a regular file (a named pipe); not read"
    ]
    assert list(copied_files(work)) == ["nb.ipynb"]


def test_a_notebook_that_is_a_pipe_is_graded_as_the_blank_release(course, work):
    os.mkfifo(handed_in(course, notebook=False) / "nb.ipynb")
    assert prepare(course, "a", "ada", work) == [
        "nb.ipynb is not a regular file (a named pipe); not read; "
        "graded as the blank release (0 points)"
    ]
    assert graded_as_blank(course, work)


def test_a_hard_link_is_not_read(course, work):
    folder = handed_in(course, notebook=False)
    os.link(course / "source" / "a" / "nb.ipynb", folder / "nb.ipynb")
    assert prepare(course, "a", "ada", work) == [
        "nb.ipynb has other hard links; not read; graded as the blank release (0 points)"
    ]
    assert graded_as_blank(course, work)


def test_an_oversized_file_is_skipped(course, work):
    folder = handed_in(course)
    with (folder / "video.mp4").open("wb") as f:
        f.truncate(20 * MB + 1)  # sparse: costs no disk
    assert prepare(course, "a", "ada", work) == ["video.mp4 is larger than 20 MB; not read"]
    assert list(copied_files(work)) == ["nb.ipynb"]


def test_an_oversized_notebook_is_graded_as_the_blank_release(course, work):
    with (handed_in(course, notebook=False) / "nb.ipynb").open("wb") as f:
        f.truncate(20 * MB + 1)
    assert prepare(course, "a", "ada", work) == [
        "nb.ipynb is larger than 20 MB; not read; graded as the blank release (0 points)"
    ]
    assert graded_as_blank(course, work)


def test_files_past_the_submission_total_are_skipped(course, work):
    folder = handed_in(course)
    for name in ("a.bin", "b.bin", "c.bin"):
        with (folder / name).open("wb") as f:
            f.truncate(19 * MB)
    assert prepare(course, "a", "ada", work) == [
        "c.bin would take the files past 50 MB in all; not read"
    ]
    assert list(copied_files(work)) == ["a.bin", "b.bin", "nb.ipynb"]


def test_too_many_files_are_cut_off_and_the_notebook_still_comes_first(course, work):
    folder = handed_in(course)
    for index in range(150):
        (folder / f"f{index:03}.txt").write_text(str(index))
    assert prepare(course, "a", "ada", work) == [
        "the folder holds more than 100 files and folders; the rest were not read"
    ]
    assert list(copied_files(work)) == [f"f{index:03}.txt" for index in range(99)] + ["nb.ipynb"]


@pytest.mark.parametrize("linked", ["submitted/ada", "submitted/ada/a"])
def test_a_submission_folder_that_is_a_link_is_not_read(course, work, tmp_path, linked):
    elsewhere = tmp_path / "elsewhere"
    write_notebook(elsewhere / "a" / "nb.ipynb", "somebody else's answers")
    link = course / linked
    link.parent.mkdir(parents=True, exist_ok=True)
    link.symlink_to(elsewhere if linked == "submitted/ada" else elsewhere / "a")
    assert prepare(course, "a", "ada", work) == [
        "the folder ada/a is a symbolic link; nothing was read",
        "nb.ipynb is missing; graded as the blank release (0 points)",
    ]
    assert graded_as_blank(course, work)


def test_a_link_left_in_the_workers_folder_is_replaced_not_followed(course, work, tmp_path):
    handed_in(course)
    outside = tmp_path / "outside"
    outside.mkdir()
    (work / "submitted").mkdir()
    (work / "submitted" / "ada").symlink_to(outside, target_is_directory=True)
    assert prepare(course, "a", "ada", work) == []
    assert not (work / "submitted" / "ada").is_symlink()
    assert list(copied_files(work)) == ["nb.ipynb"] and list(outside.iterdir()) == []


def test_the_caps_and_depth_are_the_copys_own(tmp_path):
    origin = tmp_path / "origin" / "x"
    (origin / "deep" / "deeper").mkdir(parents=True)
    (origin / "a.txt").write_bytes(b"a" * 60)
    (origin / "b.txt").write_bytes(b"b" * 60)
    (origin / "c.txt").write_bytes(b"c" * 30)
    (origin / "deep" / "d.txt").write_bytes(b"d")
    (origin / "deep" / "deeper" / "e.txt").write_bytes(b"e")
    limits = intake.Limits(file_bytes=100, total_bytes=100, entries=10, depth=1)
    copied = intake.copy_files(tmp_path / "origin", "x", tmp_path / "copy", limits=limits)
    assert copied.files == ["a.txt", "c.txt", "deep/d.txt"]
    assert copied.skipped == {
        "b.txt": "would take the files past 100 bytes in all",
        "deep/deeper": "is a folder nested too deep",
    }
    assert copied.bytes == 91 and not copied.refused and not copied.too_many


def test_a_timestamp_is_read_only_from_a_small_regular_file(course, tmp_path):
    folder = handed_in(course)
    (folder / "timestamp.txt").write_text("2026-01-11 12:00:00.000000 UTC")
    assert intake.submission_timestamp(course / "submitted", "ada", "a") == datetime(
        2026, 1, 11, 12, 0
    )
    (folder / "timestamp.txt").unlink()
    (folder / "timestamp.txt").symlink_to(tmp_path / "elsewhere.txt")
    (tmp_path / "elsewhere.txt").write_text("2026-01-01 00:00:00")
    assert intake.submission_timestamp(course / "submitted", "ada", "a") is None


# --- feedback: nothing in it runs ----------------------------------------------------------

ATTACKS = {
    "html": '<script>alert("html")</script><img src=x onerror=alert("img")>'
    "<a href=\"javascript:alert('link')\">click</a><b>kept in bold</b>",
    "svg": '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(\'svg\')">'
    '<script>alert("svg script")</script><circle r="4"/></svg>',
    "markdown": "# My notes\n\n<script>alert('md')</script> <img src=x onerror=alert('md img')>"
    "\n\n[a link](javascript:void) and <a href='JaVaScRiPt:alert(1)'>another</a> "
    "and **bold**\n",
}


def attacking_notebook():
    answer = new_code_cell(
        "show(answer_q1)",
        metadata={"nbgrader": {"solution": True, "grade": False, "grade_id": "q1_answer"}},
    )
    answer.outputs = [
        new_output("display_data", data={"text/html": ATTACKS["html"], "text/plain": "x"}),
        new_output("display_data", data={"application/javascript": "alert('js')"}),
        new_output("display_data", data={"image/svg+xml": ATTACKS["svg"]}),
        new_output("display_data", data={"text/markdown": "<script>alert('md out')</script>"}),
        new_output(
            "display_data",
            data={"text/html": "<p>isolated</p><script>alert('iframe')</script>"},
            metadata={"text/html": {"isolated": True}},
        ),
        new_output("stream", name="stdout", text="<script>alert('printed')</script>"),
    ]
    nb = new_notebook(cells=[new_markdown_cell(ATTACKS["markdown"]), answer])
    nb.metadata["widgets"] = {
        "application/vnd.jupyter.widget-state+json": {"state": {}, "x": "</script><script>"}
    }
    return nb


def feedback_page(course: Path, nb, exporter_class=None) -> str:
    """The feedback HTML the worker writes, made as nbgrader's GenerateFeedback makes it, with
    the course's preprocessors (less GetGrades, which reads a gradebook); by nbconvert's own
    ``HTMLExporter`` unless ``exporter_class`` is given."""
    import nbgrader
    from nbconvert.exporters import HTMLExporter
    from nbgrader.preprocessors import GetGrades
    from traitlets.config import Config

    from legcourse.grading.instructor.course import load_config

    templates = Path(nbgrader.__file__).parent / "server_extensions" / "formgrader"
    config = Config()
    config.HTMLExporter.template_name = "feedback"
    config.HTMLExporter.extra_template_basedirs = [str(templates / "templates")]
    css = templates / "static" / "node_modules" / "bootstrap" / "dist" / "css"
    config.HTMLExporter.extra_template_paths = [str(css)]
    exporter = (exporter_class or HTMLExporter)(config=config)
    steps = load_config(course).GenerateFeedback.preprocessors
    assert feedback.SanitiseStudentContent in steps
    for step in steps:
        if step is not GetGrades:
            exporter.register_preprocessor(step, enabled=True)
    resources = {"nbgrader": {"notebook": "nb", "score": 1, "max_score": 3, "late_penalty": 0}}
    page, _ = exporter.from_notebook_node(nb, resources=resources)
    return page


def test_the_workers_feedback_page_shows_student_content_without_running_it(course):
    raw = feedback_page(course, attacking_notebook())
    page = Elements(raw)
    assert live_parts(page) == []
    # The template's own MathJax loader is all that is left to run (harden_page removes it).
    assert [s.get("src", s.get("type")) for s in page.tags("script")] == [
        "https://cdnjs.cloudflare.com/ajax/libs/mathjax/2.7.7/latest.js?config=TeX-AMS_CHTML-full,Safe",
        "text/x-mathjax-config",
    ]
    assert "alert" not in "".join(page.scripts)
    text = " ".join(page.text)
    assert "kept in bold" in text and "My notes" in text and "isolated" in text
    assert "<script>alert('printed')</script>" in text  # shown as text, as printed


def test_the_published_feedback_page_has_no_script_and_forbids_them(course):
    page = Elements(feedback.harden_page(feedback_page(course, attacking_notebook())))
    assert page.tags("script") == [] and live_parts(page) == []
    assert page.tags("meta")[1] == {
        "http-equiv": "Content-Security-Policy",
        "content": "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
        "font-src data:; base-uri 'none'; form-action 'none'",
    }
    assert [tag for tag, _ in page.elements[:3]] == ["html", "head", "meta"]
    # Still readable: the style sheets, the headings, the student's text and images.
    assert len(page.tags("style")) == 3
    assert {"h1", "h4", "b", "strong", "img", "pre"} <= {tag for tag, _ in page.elements}
    text = " ".join(page.text)
    assert "nb (Score: 1.0 / 3.0)" in text and "kept in bold" in text
    assert [a.get("href") for a in page.tags("a") if "href" in a] == ["#My-notes", "#top"]


def test_the_workers_exporter_publishes_the_same_page_as_nbconvert_s(course):
    """The worker's exporter skips HTMLExporter's last pass over the page (alternative text
    for images, tabindex on some cells); once hardened, the page is the same as with it."""
    png = (
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9aw"
        "AAAABJRU5ErkJggg=="
    )
    plot = new_code_cell("plot()", metadata={"nbgrader": {"grade": False, "solution": False}})
    plot.outputs = [
        new_output("display_data", data={"image/png": png, "text/plain": "<Figure>"}),
        new_output("display_data", data={"text/html": f'<img src="data:image/png;base64,{png}">'}),
        new_output("display_data", data={"text/html": '<img alt="mine" src="x.png">'}),
        new_output("stream", name="stdout", text="printed\n"),
    ]
    nb = attacking_notebook()
    nb.cells += [new_markdown_cell("## Question 1 (1 point)\n\nWhich muscle?"), plot]
    ours = feedback_page(course, nb, feedback.feedback_exporter_class())
    theirs = feedback_page(course, nb)
    assert feedback.NO_ALT_TEXT in theirs and feedback.NO_ALT_TEXT not in ours
    published = feedback.harden_page(ours)
    assert published == feedback.harden_page(theirs)
    assert published.count(f'alt="{feedback.NO_ALT_TEXT}"') >= 2  # the plot, its copy
    assert 'alt="mine"' in published


def test_a_forged_page_is_rebuilt_without_anything_that_runs():
    forged = (
        "<html><head><script>alert(1)</script><meta http-equiv=refresh content='0;url=x'>"
        "<base href='https://evil.example/'><link rel=stylesheet href='https://evil.example/c'>"
        "<title>nb</title><style>p { color: red }</style></head>"
        "<body onload=alert(2)><iframe srcdoc='<script>alert(3)</script>'></iframe>"
        "<object data='x.swf'></object><embed src='x.swf'>"
        "<a href='  JaVa&#x09;ScRiPt:alert(4)'>a</a><a href='data:text/html,<script>'>b</a>"
        "<img src='data:text/html;base64,PHNjcmlwdD4='><img src='data:image/png;base64,AAAA'>"
        "<svg><a xlink:href='javascript:alert(5)'><text>c</text></a></svg>"
        "<form action='javascript:alert(6)'><button formaction='javascript:alert(7)'>d</button>"
        "</form><style>@import url(https://evil.example/x.css)</style>"
        "<div style='background:url(https://evil.example/)'>e</div>"
        "<a href='https://school.test/'>f</a></body></html>"
    )
    page = Elements(feedback.harden_page(forged))
    assert page.tags("script") == [] and live_parts(page) == []
    assert page.tags("style") == [{}]  # the head's sheet; the body's is dropped
    assert [a.get("href") for a in page.tags("a")] == [None, None, "https://school.test/"]
    assert [i.get("src") for i in page.tags("img")] == [None, "data:image/png;base64,AAAA"]
    assert "style" not in page.tags("div")[0]


def test_markdown_is_rendered_then_cleaned():
    line = feedback.safe_markdown(ATTACKS["markdown"])
    assert "\n" not in line
    page = Elements(line)
    assert page.tags("script") == [] and live_parts(page) == []
    assert {"h1", "strong", "img", "a"} <= {tag for tag, _ in page.elements}
    assert all("href" not in a for a in page.tags("a") if a.get("class") != "anchor-link")


# --- the merge: a worker's rows are not trusted ---------------------------------------------


def worker_record(work: Path, student: str = "ada"):
    """A worker's honest rows for a student who got q1 right and q2 wrong."""
    with warnings.catch_warnings(), gradebook.open_gradebook(work / "gradebook.db") as gb:
        warnings.simplefilter("ignore", SAWarning)
        gb.update_or_create_student(student)
        gb.add_submission("a", student)
    gradebook.set_points(work / "gradebook.db", "a", "nb", student, {"q1": 1.0, "q2": 0.0}, False)
    return gradebook.submission_record(work / "gradebook.db", "a", student)


def tampered(record):
    """What a worker whose student code wrote to its gradebook could hand back."""
    nb = record.notebooks["nb"]
    nb.grades["q1"].manual_score, nb.grades["q1"].extra_credit = 5.0, 3.0
    nb.grades["q2"].auto_score = 99.0
    nb.grades["q9"] = type(nb.grades["q1"])(1.0, 1.0, 1.0, False)
    nb.late_submission_penalty = 0.0
    record.notebooks["ghost"] = nb
    record.student.email, record.student.first_name = "evil@school.test", "Evil"
    record.timestamp = "2026-01-01T00:00:00"
    return record


def rows(db: Path, student: str) -> dict:
    with gradebook.open_gradebook(db) as gb:
        nb = gb.find_submission_notebook("nb", "a", student)
        return {
            "grades": {
                g.name: (g.auto_score, g.manual_score, g.extra_credit, g.needs_manual_grade)
                for g in nb.grades
            },
            "score": nb.score,
            "penalty": nb.late_submission_penalty,
            "email": gb.find_student(student).email,
            "timestamp": gb.find_submission("a", student).timestamp,
        }


def test_only_auto_scores_are_merged_clamped_to_each_cells_points(course, work):
    record = tampered(worker_record(work))
    late = datetime(2026, 1, 11, 12, 0)
    points = gradebook.merge_record(
        course / "gradebook.db",
        "a",
        "ada",
        record,
        timestamp=late,
        late_penalty=lambda student, score, seconds: score / 2 if seconds == 86400 else None,
    )
    assert points == 3.0
    assert rows(course / "gradebook.db", "ada") == {
        "grades": {"q1": (1.0, None, None, False), "q2": (2.0, None, None, False)},
        "score": 3.0,
        "penalty": 1.5,
        "email": "ada@school.test",
        "timestamp": late,
    }
    with gradebook.open_gradebook(course / "gradebook.db") as gb:
        with pytest.raises(MissingEntry):
            gb.find_submission_notebook("ghost", "a", "ada")
        with pytest.raises(MissingEntry):
            gb.find_grade("q9", "nb", "a", "ada")


def test_rows_about_another_student_are_refused(course, work):
    record = tampered(worker_record(work, "eve"))
    with pytest.raises(ValueError, match="rows for 'eve', not for 'ada'"):
        gradebook.merge_record(course / "gradebook.db", "a", "ada", record)
    with gradebook.open_gradebook(course / "gradebook.db") as gb:
        with pytest.raises(MissingEntry):
            gb.find_student("eve")
        with pytest.raises(MissingEntry):
            gb.find_submission("a", "ada")


def test_the_late_rule_is_the_courses_own(course):
    (course / "nbgrader_config.py").write_text(
        "c = get_config()\nc.LateSubmissionPlugin.penalty_method = 'zero'\n"
    )
    assert gradebook.late_penalty_rule(course)("ada", 3.0, 60.0) == 3.0


def worker_output(work: Path, student: str = "ada") -> None:
    """What a worker leaves: an autograded notebook and a feedback page, with extras planted
    by student code (links to the gradebook, a script page that is no notebook's)."""
    autograded = work / "autograded" / student / "a"
    write_notebook(autograded / "nb.ipynb", "graded")
    (autograded / "secret.ipynb").symlink_to(work / "gradebook.db")
    pages = work / "feedback" / student / "a"
    pages.mkdir(parents=True)
    (pages / "nb.html").write_text(
        "<html><head><title>nb</title></head><body><h4>nb</h4>"
        "<img src=x onerror=alert(1)><script>alert(2)</script></body></html>"
    )
    (pages / "leak.html").symlink_to(work / "gradebook.db")
    (pages / "x.svg").write_text("<svg onload='alert(3)'/>")
    (pages / "more").mkdir()
    (pages / "more" / "y.html").write_text("<script>alert(4)</script>")


def test_collect_merges_points_and_copies_back_only_regular_files(course, work):
    handed_in(course)
    (course / "submitted" / "ada" / "a" / "timestamp.txt").write_text("2026-01-10 11:00:00")
    worker_output(work)
    result = StudentResult("ada", GRADED, ["a flag"], score=99.0, max_score=99.0)
    result.submission = tampered(worker_record(work))
    merged = _collect(course, "a", result, work)
    assert (merged.status, merged.score, merged.max_score) == (GRADED, 3.0, 3.0)
    assert merged.flags == [
        "a flag",
        "autograded: secret.ipynb is a symbolic link; not copied",
        "feedback: leak.html is a symbolic link; not copied",
        "feedback: more is a folder nested too deep; not copied",
        "feedback: x.svg is not a file of the expected kind; not copied",
    ]
    assert rows(course / "gradebook.db", "ada")["grades"] == {
        "q1": (1.0, None, None, False),
        "q2": (2.0, None, None, False),
    }
    assert rows(course / "gradebook.db", "ada")["timestamp"] == datetime(2026, 1, 10, 11, 0)
    assert [p.name for p in (course / "autograded" / "ada" / "a").iterdir()] == ["nb.ipynb"]
    pages = list((course / "feedback" / "ada" / "a").iterdir())
    assert [p.name for p in pages] == ["nb.html"]
    page = Elements(pages[0].read_text())
    assert page.tags("script") == [] and live_parts(page) == []
    assert page.tags("meta")[1]["http-equiv"] == "Content-Security-Policy"


def test_collect_gives_a_zero_when_the_rows_are_another_students(course, work):
    handed_in(course)
    worker_output(work)
    result = StudentResult("ada", GRADED, score=3.0, max_score=3.0)
    result.submission = tampered(worker_record(work, "eve"))
    merged = _collect(course, "a", result, work)
    assert (merged.status, merged.score) == (FAILED, 0.0)
    assert merged.flags == [
        "nothing was merged: the grading worker returned rows for 'eve', not for 'ada'"
    ]
    assert rows(course / "gradebook.db", "ada")["grades"] == {
        "q1": (0.0, None, None, False),
        "q2": (0.0, None, None, False),
    }
    with gradebook.open_gradebook(course / "gradebook.db") as gb:
        with pytest.raises(MissingEntry):
            gb.find_student("eve")
    assert not (course / "autograded" / "ada").exists()
    (page,) = (course / "feedback" / "ada" / "a").iterdir()
    assert page.name == "not-graded.html"
    parsed = Elements(page.read_text())
    assert parsed.tags("meta")[1]["http-equiv"] == "Content-Security-Policy"
    assert "rows for 'eve'" in " ".join(parsed.text)


@pytest.mark.parametrize("student", ["../../course", "eve", ""])
def test_collect_writes_nothing_for_a_student_who_did_not_hand_in(course, work, student):
    handed_in(course)
    before = sorted(p.relative_to(course) for p in course.rglob("*"))
    result = StudentResult(student, GRADED, score=3.0)
    result.submission = worker_record(work)
    merged = _collect(course, "a", result, work)
    assert (merged.status, merged.score, merged.submission) == (FAILED, 0.0, None)
    assert merged.flags == ["the grading worker answered for no student who handed in"]
    assert sorted(p.relative_to(course) for p in course.rglob("*")) == before


def test_the_score_list_names_each_part_by_its_question():
    from legcourse.grading.instructor.feedback import harden_page

    page = (
        "<html><body><div id='toc'><h4>upper_leg (Score: 1 / 2)</h4><ol>"
        "<li><a href='#q1'>Test cell</a> (Score: 1.0 / 1.0)</li>"
        "<li><a href='#q2'>Test cell</a> (Score: 0.0 / 1.0)</li></ol></div>"
        "<h3>Question 1 (1 point)<a href='#x'>¶</a></h3><div id='q1'>cell</div>"
        "<h3>Question 2 (1 point)</h3><p>prompt</p><a name='q2'></a><div>cell</div></body></html>"
    )
    hardened = harden_page(page)
    assert "Test cell" not in hardened
    assert ">Question 1 (1 point)</a> (Score: 1.0 / 1.0)" in hardened
    assert ">Question 2 (1 point)</a> (Score: 0.0 / 1.0)" in hardened


def test_a_part_is_named_by_the_first_element_with_its_id_then_by_an_anchor_name():
    from legcourse.grading.instructor.feedback import harden_page

    page = (
        "<html><body><div id='toc'><ol>"
        "<li><a href='#q1'>Test cell</a></li><li><a href='#q2'>Test cell</a></li>"
        "<li><a href='#q3'>Test cell</a></li></ol></div>"
        "<h3>First</h3><a name='q2'></a><div id='q1'>cell</div>"
        "<h3>Second</h3><div id='q2'>cell</div><div id='q1'>a copy</div>"
        "<h3>Third</h3><a name='q3'></a></body></html>"
    )
    toc = Elements(harden_page(page).partition("<ol>")[2].partition("</ol>")[0])
    assert toc.text == ["First", "Second", "Third"]
