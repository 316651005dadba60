"""The grader's CPU savings keep its behaviour: each shortcut checked against what it replaces."""

from __future__ import annotations

import ast
import copy
import gc
import inspect
import subprocess
import sys
import textwrap

import pytest
from bs4 import BeautifulSoup
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook


def _body(function) -> str:
    """A function's body as an AST dump, docstring left out."""
    tree = ast.parse(textwrap.dedent(inspect.getsource(function)))
    statements = tree.body[0].body
    if isinstance(statements[0], ast.Expr) and isinstance(statements[0].value, ast.Constant):
        statements = statements[1:]
    return ast.dump(ast.Module(body=statements, type_ignores=[]))


def test_the_sandbox_runner_is_nbconverts_execute_preprocessor():
    """``NotebookRunner`` copies ``ExecutePreprocessor``'s running of a notebook so that the
    sandbox need not import nbconvert: if nbconvert's code changes, this says so."""
    from nbconvert.preprocessors import ExecutePreprocessor

    from legcourse.grading.instructor.resilient import NotebookRunner, SandboxExecute

    for name in ("preprocess", "preprocess_cell", "_check_assign_resources"):
        assert _body(getattr(NotebookRunner, name)) == _body(getattr(ExecutePreprocessor, name))
    ours = set(SandboxExecute.class_traits()) | {"enabled", "default_language"}
    ours |= {"display_data_priority"}  # nbconvert's Preprocessor's, read by no step here
    ours |= {"on_cell_executed"}  # a method here, as in nbgrader's Execute
    assert set(ExecutePreprocessor.class_traits()) <= ours


def test_the_sandbox_host_imports_neither_nbconvert_nor_nbgrader():
    """What the host imports (``sandbox.warm_up``) leaves both out: each costs every
    sandbox host a third of a second or more."""
    probe = (
        "import sys; sys.modules['rfc3987_syntax'] = None\n"
        "from legcourse.grading.instructor import sandbox\n"
        "sandbox.warm_up()\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('nbconvert', 'nbgrader')))"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip().splitlines()[-1] == "[]"


def test_gradebooks_on_one_file_share_one_engine(tmp_path):
    """nbgrader opens a Gradebook per autograde step; one engine per file keeps its compiled
    statements between them (and a Gradebook still works after another one closed)."""
    from legcourse.grading.instructor.gradebook import open_gradebook

    with open_gradebook(tmp_path / "a.db") as first:
        engine = first.engine
        first.add_student("ada")
    with open_gradebook(tmp_path / "a.db") as again, open_gradebook(tmp_path / "b.db") as other:
        assert again.engine is engine
        assert other.engine is not engine
        assert [s.id for s in again.students] == ["ada"]
        assert other.students == []


def test_the_score_list_links_are_those_soupsieve_selects():
    """``_toc_links`` finds what ``soup.select('#toc a[href^="#"]')`` did, in its order."""
    from legcourse.grading.instructor.feedback import _toc_links

    page = (
        '<div id="toc"><a href="#a">1</a><div id="toc"><a href="#b">2</a><a href="x">3</a>'
        '</div></div><p id="toc"><a href="#c" id="toc">4</a></p><a href="#d">5</a>'
        '<div id="TOC"><a href="#e">6</a></div><div id="toc"><span><a href="#f">7</a>'
        '<A HREF="#g">8</A><a>9</a></span></div><div id="toc x"><a href="#h">10</a></div>'
    )
    soup = BeautifulSoup(page, "html.parser")
    expected = soup.select('#toc a[href^="#"]')
    found = _toc_links(soup)
    assert [link.get_text() for link in found] == ["1", "2", "4", "7", "8"]
    assert len(found) == len(expected)
    assert all(a is b for a, b in zip(found, expected, strict=True))


def test_kept_highlights_give_the_same_page():
    """The feedback exporter highlights each distinct source once; pages are those that
    nbconvert's own highlighter gives, whether fresh or kept, and a cell's magics language
    still counts."""
    from nbconvert.filters.highlight import Highlight2HTML

    from legcourse.grading.instructor import feedback

    nb = new_notebook(
        cells=[
            new_markdown_cell("# Q"),
            new_code_cell("x = 1\nprint(x)"),
            new_code_cell("x = 1\nprint(x)", metadata={"magics_language": "html"}),
            new_code_cell("%%bash\necho hi"),  # nbconvert gives it a magics language
            new_code_cell("x = 1\nprint(x)"),
            new_code_cell(""),
        ]
    )
    nb.metadata["language_info"] = {"name": "python", "pygments_lexer": "ipython3"}

    def page(highlighter=None) -> str:
        exporter = feedback.feedback_exporter_class()()
        if highlighter is not None:
            exporter.register_filter("highlight_code", highlighter)
        return exporter.from_notebook_node(copy.deepcopy(nb))[0]

    reference = page(Highlight2HTML(pygments_lexer="ipython3"))
    feedback._HIGHLIGHTED.clear()
    assert page() == reference
    assert len(feedback._HIGHLIGHTED) == 4
    assert page() == reference


def test_the_sandbox_host_starts_with_the_graders_data_cache(tmp_path, monkeypatch):
    """The host's warm start carries this user's data cache into the host's own cache folder,
    byte for byte; with no cache there, it carries nothing."""
    from legcourse.core import datacache
    from legcourse.core.loading import default_data_dir
    from legcourse.grading.instructor import sandbox

    monkeypatch.setenv(datacache.CACHE_ENV, str(tmp_path / "empty"))
    assert sandbox._warm_start() == {}
    monkeypatch.setenv(datacache.CACHE_ENV, str(tmp_path / "grader"))
    datacache.load(default_data_dir())  # writes the grader's cache
    start = sandbox._warm_start()
    monkeypatch.setenv(datacache.CACHE_ENV, str(tmp_path / "host"))
    sandbox._place_data_cache(start)
    name = datacache.FILE_NAME
    assert (tmp_path / "host" / name).read_bytes() == (tmp_path / "grader" / name).read_bytes()


def test_collections_are_paused_only_while_preloading():
    from legcourse.kernels.forking import collections_paused

    assert gc.isenabled()
    with collections_paused():
        assert not gc.isenabled()
    assert gc.isenabled()
    gc.disable()
    try:
        with collections_paused():
            pass
        assert not gc.isenabled()  # left as it was
    finally:
        gc.enable()


@pytest.mark.slow
@pytest.mark.kernel
@pytest.mark.xdist_group("grading")
def test_a_sandboxed_kernel_collects_garbage_as_any_kernel():
    """The host imports with collections paused and freezes what it imported; the notebook's
    kernel, its fork, still collects (and a cycle made there is freed)."""
    import nbformat

    from legcourse.grading.instructor import sandbox

    code = (
        "import gc\n"
        "class Node: pass\n"
        "a = Node(); a.me = a; del a\n"
        "print(gc.isenabled(), gc.collect() >= 1)"
    )
    nb = new_notebook(cells=[new_code_cell(code)])
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    host = sandbox.SandboxHost()
    try:
        reply = host.execute(nbformat.writes(nb), {"timeout": 60, "startup_timeout": 60})
    finally:
        host.close()
    assert reply["status"] == "ok", reply
    executed = nbformat.reads(reply["result"], as_version=4)
    assert executed.cells[0].outputs[0]["text"] == "True True\n"
