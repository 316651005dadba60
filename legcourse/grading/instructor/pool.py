"""Long-lived grading workers, one per lane, each grading student after student.

A worker process (``worker``) costs seconds to start (Python, nbgrader, nbconvert), so each
lane keeps one alive and hands it students one at a time. A lane never lets a student
outlive the time limit or a crash take others down: a worker that does not answer in time,
or dies, is killed with its kernels and that one student gets a failed record; the lane
starts a fresh worker for the next student.

Each lane's first worker is forked from this process, once it has imported what a worker
needs (``worker.preload``) and while it still has a single thread: the workers then start
without importing anything, and the parent's report reuses the same imports. A worker that
replaces a killed one is started as a new Python (``python -c``), since the parent has threads
by then (its lanes), and forking a process with threads is not safe.
"""

from __future__ import annotations

import gc
import os
import queue
import select
import signal
import subprocess
import sys
import threading
import time
import traceback
from collections.abc import Callable
from pathlib import Path

from legcourse.grading.instructor.results import StudentResult
from legcourse.grading.instructor.worker import SANDBOXED, SHOW_ANSWERS, UNSANDBOXED, result_path
from legcourse.kernels.forking import collections_paused

_CLOSE_WAIT = 30  # seconds a worker may take to exit after its last student

# The worker's entry point. jsonschema (imported by nbformat) loads ``rfc3987_syntax`` if it
# is installed, and that builds a parser at import time: about 2 s of every worker's start,
# for an IRI format check no notebook schema uses. Blocking the import skips only that check.
_WORKER_MAIN = (
    "import sys; sys.modules['rfc3987_syntax'] = None\n"
    "from legcourse.grading.instructor.worker import main\n"
    "sys.exit(main(sys.argv[1:]))"
)


class WorkerProcess:
    """One ``legcourse.grading.instructor.worker`` process and its request and reply pipes.

    ``fork``: fork it from this process (which must have a single thread, and should have
    run ``worker.preload``) instead of starting a new Python; ``others``: the workers already
    forked, whose pipes the new one must not keep open.
    """

    def __init__(
        self,
        root: Path,
        assignment: str,
        work: Path,
        sandboxed: bool = True,
        show_answers: bool = False,
        fork: bool = False,
        others: tuple[WorkerProcess, ...] = (),
    ):
        self.work = work
        work.parent.mkdir(parents=True, exist_ok=True)
        # Not inheritable: only the worker gets them, and it passes them on to nobody.
        requests_in, requests_out = os.pipe()
        replies_in, replies_out = os.pipe()
        arguments = [
            str(root),
            assignment,
            str(work),
            str(requests_in),
            str(replies_out),
            SANDBOXED if sandboxed else UNSANDBOXED,
            *([SHOW_ANSWERS] if show_answers else []),
        ]
        log_path = work.parent / f"{work.name}.log"
        if fork and threading.active_count() == 1:
            theirs = [fd for other in others for fd in other.parent_fds()]
            self.proc: subprocess.Popen | ForkedWorker = ForkedWorker(
                arguments, log_path, (requests_out, replies_in, *theirs)
            )
        else:
            command = [sys.executable, "-c", _WORKER_MAIN, *arguments]
            env = {**os.environ, "PYTHONWARNINGS": "ignore", "MPLBACKEND": "Agg"}
            with log_path.open("w") as log:
                self.proc = subprocess.Popen(
                    command,
                    stdin=subprocess.DEVNULL,
                    stdout=log,
                    stderr=subprocess.STDOUT,
                    start_new_session=True,
                    env=env,
                    pass_fds=(requests_in, replies_out),
                )
        os.close(requests_in)
        os.close(replies_out)
        self._requests = os.fdopen(requests_out, "w")
        self._replies = replies_in
        self._pending = b""

    def parent_fds(self) -> list[int]:
        """This process's ends of the worker's pipes (still open)."""
        fds = [self._replies] if self._replies >= 0 else []
        if not self._requests.closed:
            fds.append(self._requests.fileno())
        return fds

    def grade(self, student: str, timeout: float) -> tuple[StudentResult, bool]:
        """Ask the worker to grade one student.

        Returns:
            (the result, whether the worker can take another student).
        """
        try:
            self._requests.write(student + "\n")
            self._requests.flush()
            line = self._read_line(time.monotonic() + timeout)
        except OSError:  # the worker is gone: a broken pipe
            line = ""
        if line is None:
            self.kill()
            why = f"grading took longer than {timeout:.0f} s and was stopped"
            return StudentResult.failed(student, why), False
        if line != student:
            self.kill()
            why = f"the grading process ended unexpectedly (exit {self.proc.returncode})"
            return StudentResult.failed(student, why), False
        try:
            result = StudentResult.from_json(result_path(self.work, student).read_text())
        except (OSError, ValueError):
            return StudentResult.failed(student, "the grading process left no result"), True
        if result.student != student:  # never let one student's result stand for another
            return StudentResult.failed(student, "the grading process answered for another"), True
        return result, True

    def _read_line(self, deadline: float) -> str | None:
        """The next reply line; "" if the worker closed its end, None past the deadline."""
        while b"\n" not in self._pending:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return None
            ready, _, _ = select.select([self._replies], [], [], remaining)
            if not ready:
                return None
            chunk = os.read(self._replies, 4096)
            if not chunk:
                self.proc.wait()
                return ""
            self._pending += chunk
        line, _, self._pending = self._pending.partition(b"\n")
        return line.decode()

    def close(self) -> None:
        """Let the worker finish and exit; kill it (and its kernels) if it does not."""
        try:
            self._requests.close()
        except OSError:
            pass
        try:
            self.proc.wait(timeout=_CLOSE_WAIT)
        except subprocess.TimeoutExpired:
            pass
        self.kill()

    def kill(self) -> None:
        """Stop the worker and every process it started, kernels included."""
        # Kernels run in sessions of their own, so the worker's process group does not hold
        # them: find them as the worker's descendants first.
        for pid in [*_descendants(self.proc.pid), self.proc.pid]:
            try:
                os.kill(pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass
        try:
            os.killpg(self.proc.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
        self.proc.wait()
        for handle in (self._requests,):
            try:
                handle.close()
            except OSError:
                pass
        try:
            os.close(self._replies)
        except OSError:
            pass
        self._replies = -1


class ForkedWorker:
    """A worker forked from this process, with a ``Popen``-like handle on it (pid, poll, wait,
    returncode): it is this process's child, waited for as any other.

    The child does what ``python -c`` would have done before ``worker.main``: a session of
    its own, standard input from /dev/null, output into the log file, warnings off. It closes
    ``close_fds`` (this process's ends of its own and the other workers' pipes) and never
    returns into this process's code: it leaves with ``os._exit``, so no exit handler of the
    parent (its temporary folder, say) runs in it.
    """

    def __init__(self, arguments: list[str], log_path: Path, close_fds: tuple[int, ...]):
        sys.stdout.flush()
        sys.stderr.flush()
        log = os.open(log_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_CLOEXEC, 0o644)
        pid = os.fork()
        if pid == 0:
            code = 1
            try:
                os.setsid()
                for fd in close_fds:
                    os.close(fd)
                null = os.open(os.devnull, os.O_RDONLY)
                os.dup2(null, 0)
                os.dup2(log, 1)
                os.dup2(log, 2)
                os.close(null)
                os.close(log)
                code = _forked_main(arguments)
            except BaseException:  # noqa: BLE001 - said in the log; the lane sees the exit
                traceback.print_exc()
            finally:
                try:
                    sys.stdout.flush()
                    sys.stderr.flush()
                finally:
                    os._exit(code)
        os.close(log)
        self.pid = pid
        self.returncode: int | None = None

    def poll(self) -> int | None:
        if self.returncode is None:
            try:
                done, status = os.waitpid(self.pid, os.WNOHANG)
            except ChildProcessError:
                self.returncode = -1
            else:
                if done:
                    self.returncode = os.waitstatus_to_exitcode(status)
        return self.returncode

    def wait(self, timeout: float | None = None) -> int:
        if timeout is None:
            if self.returncode is None:
                try:
                    _, status = os.waitpid(self.pid, 0)
                    self.returncode = os.waitstatus_to_exitcode(status)
                except ChildProcessError:
                    self.returncode = -1
            return self.returncode
        deadline = time.monotonic() + timeout
        while (code := self.poll()) is None:
            if time.monotonic() > deadline:
                raise subprocess.TimeoutExpired(f"worker {self.pid}", timeout)
            time.sleep(0.02)
        return code


def _forked_main(arguments: list[str]) -> int:
    """A forked worker's ``python -c`` bootstrap: the environment, then ``worker.main``."""
    import warnings

    from legcourse.grading.instructor import worker

    os.environ.update(PYTHONWARNINGS="ignore", MPLBACKEND="Agg")  # as for a started worker
    warnings.simplefilter("ignore")
    return worker.main(arguments)


def preload_workers() -> None:
    """Import, in this process, what its forked workers need (``worker.preload``)."""
    from legcourse.core.imports import skip_unused_iri_parser

    skip_unused_iri_parser()
    from legcourse.grading.instructor import worker

    worker.preload()


def _descendants(pid: int) -> list[int]:
    try:
        import psutil  # installed with ipykernel
    except ImportError:
        return []
    try:
        return [child.pid for child in psutil.Process(pid).children(recursive=True)]
    except psutil.Error:
        return []


def grade_all(
    root: Path,
    assignment: str,
    students: list[str],
    scratch: Path,
    lanes: int,
    timeout: float,
    on_result: Callable[[StudentResult, Path], None],
    sandboxed: bool = True,
    show_answers: bool = False,
    before_lanes: Callable[[], None] | None = None,
) -> None:
    """Grade every student with up to ``lanes`` workers at once.

    Args:
        sandboxed: run student code in sandboxes (``sandbox``).
        show_answers: feedback shows each missed part's expected answer (after the deadline).
        on_result: called with (the result, the worker's folder) for each student, from
            one lane at a time (a lock guards it), so it may write to the course.
        before_lanes: called once the first workers are started (forked from this process
            if it has a single thread), before the lanes' threads start: whatever opens files
            or starts threads of its own belongs there, not before (a progress bar, the
            gradebook that ``on_result`` writes to).

    Raises:
        Exception: whatever ``on_result`` raised, after every worker has been stopped.
    """
    todo: queue.SimpleQueue[str] = queue.SimpleQueue()
    for student in students:
        todo.put(student)
    lock = threading.Lock()
    errors: list[BaseException] = []
    count = max(1, min(lanes, len(students)))
    first: list[WorkerProcess] = []
    try:
        if threading.active_count() == 1:
            with collections_paused():
                preload_workers()
            gc.freeze()  # the preloaded modules stay shared with the forked workers
        for index in range(count):
            first.append(
                WorkerProcess(
                    root,
                    assignment,
                    scratch / f"lane{index}-1",
                    sandboxed,
                    show_answers,
                    fork=True,
                    others=tuple(first),
                )
            )
        if before_lanes is not None:
            before_lanes()
    except BaseException:
        for worker in first:
            worker.kill()
        raise

    def lane(index: int) -> None:
        worker: WorkerProcess | None = first[index]
        started = 1
        try:
            while not errors:
                try:
                    student = todo.get_nowait()
                except queue.Empty:
                    return
                if worker is None:
                    started += 1
                    folder = scratch / f"lane{index}-{started}"
                    worker = WorkerProcess(root, assignment, folder, sandboxed, show_answers)
                result, reusable = worker.grade(student, timeout)
                work = worker.work
                if not reusable:  # already killed
                    worker = None
                with lock:
                    on_result(result, work)
        except BaseException as exc:  # reported by grade_all once every lane has stopped
            errors.append(exc)
        finally:
            if worker is not None:
                worker.close()

    threads = [threading.Thread(target=lane, args=(i,), daemon=True) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if errors:
        raise errors[0]
