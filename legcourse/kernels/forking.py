"""Kernels forked from a warm parent: a fresh process per notebook, without the start-up cost.

Starting a Python kernel and importing what a notebook needs (legcourse, pandas, matplotlib)
costs one to two seconds of CPU per notebook. A "zygote" process imports ipykernel and those
modules once (its *preload*, named as ``"module:function"``), and is forked for every notebook.
Each notebook still gets its own kernel process, with its own memory, session, working
directory and environment; it simply starts with those modules already imported. The zygote
never runs notebook code: the children do, after they have closed the zygote's pipes.

The kernel manager below speaks to the zygote through a jupyter_client provisioner, so
interrupts, timeouts, restarts after a crash and shutdown work as for any local kernel. If the
zygote cannot be used (another kernel, it died), the kernel is launched the usual way.
Subclass ``ForkingKernelManager`` and set its ``preload`` to choose what the zygote imports.
"""

from __future__ import annotations

import gc
import importlib
import json
import os
import signal
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

from jupyter_client.manager import AsyncKernelManager
from jupyter_client.provisioning import LocalProvisioner

_LAUNCHER = ["-m", "ipykernel_launcher"]

_ZYGOTE_MAIN = (
    "import sys; sys.modules['rfc3987_syntax'] = None\n"
    "from legcourse.kernels.forking import zygote_main\n"
    "zygote_main(int(sys.argv[1]), int(sys.argv[2]), sys.argv[3])"
)

DEFAULT_PRELOAD = "legcourse.kernels.forking:preload_ipykernel"
"""What a zygote imports when nothing else is named: the kernel itself."""


KERNEL_MODULES = (
    "ipykernel.kernelapp",
    # What a kernel imports only once it starts: its shell, history and debugger.
    "ipykernel.ipkernel",
    "ipykernel.zmqshell",
    "ipykernel.debugger",
    "IPython.core.completerlib",
    "IPython.core.debugger",
    "IPython.core.history",
    "IPython.core.logger",
    "IPython.core.oinspect",
    "IPython.extensions.storemagic",
    "faulthandler",
    "pdb",
    "sqlite3",
    "tornado.platform.asyncio",
)
"""The kernel's own machinery. None of these starts a thread or imports psutil (which a
sandboxed kernel must not have)."""


def preload_ipykernel() -> None:
    """Import the kernel's own machinery (every preload should call this first)."""
    for name in KERNEL_MODULES:
        importlib.import_module(name)


def import_pandas_as_in_a_kernel() -> None:
    """Import pandas as a Jupyter kernel would: it sets ``display.max_columns`` at import, to
    20 in a kernel (``get_ipython().kernel`` exists) and 0 in a terminal, which the zygote
    otherwise seems to be; a DataFrame's text would then differ from a normal kernel's."""
    import builtins

    class _Shell:
        kernel = True

    builtins.get_ipython = _Shell  # type: ignore[attr-defined]  # what pandas asks, only
    try:
        import pandas  # noqa: F401
    finally:
        del builtins.get_ipython  # type: ignore[attr-defined]


@contextmanager
def collections_paused() -> Iterator[None]:
    """No garbage collection while a warm process imports what it preloads: each full
    collection walks everything imported so far (a fifth of a second of a grading start, all
    told), and imports leave little garbage. Collections go on as before afterwards."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def run_preload(preload: str) -> None:
    """Call the preload named ``"module:function"``."""
    module, _, function = preload.partition(":")
    getattr(importlib.import_module(module), function)()


def zygote_main(requests: int, replies: int, preload: str = DEFAULT_PRELOAD) -> None:
    """Preload, then fork one kernel per request line (JSON: argv, cwd, env); reply its pid."""
    with collections_paused():
        run_preload(preload)
    _serve_forks(requests, replies)


def _serve_forks(requests: int, replies: int) -> None:
    # Children are reaped by the system; the grading worker watches them by pid.
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)
    # The preloaded objects go where the garbage collector never looks: a kernel's
    # collections would otherwise write to every one of them, copying their pages.
    gc.freeze()
    inbox, outbox = os.fdopen(requests, "r"), os.fdopen(replies, "w")
    for line in inbox:
        request = json.loads(line)
        pid = os.fork()
        if pid == 0:
            _become_kernel(request, inbox, outbox)
        outbox.write(f"{pid}\n")
        outbox.flush()


def _become_kernel(request: dict, inbox, outbox) -> None:
    """In the forked child: drop the zygote's state and run an IPython kernel."""
    code = 1
    try:
        inbox.close()
        outbox.close()
        signal.signal(signal.SIGCHLD, signal.SIG_DFL)
        os.setsid()  # its own process group, so an interrupt reaches it and what it starts
        os.chdir(request["cwd"])
        os.environ.clear()
        os.environ.update(request["env"])
        # Exit if the zygote goes away. ipykernel reads JPY_PARENT_PID when it is imported,
        # which was in the zygote, so the kernel is told on its command line (which also
        # spares a "Ctrl-C will not work" note per kernel).
        argv = [*request["argv"], f"--IPKernelApp.parent_handle={os.getppid()}"]
        sys.argv = ["ipykernel_launcher", *argv]
        if os.environ.get("LEGCOURSE_SANDBOX"):
            # The sandbox hides /proc, where psutil looks for the kernel's children at
            # shutdown; without psutil ipykernel skips that (its namespace ends them anyway).
            sys.modules["psutil"] = None  # type: ignore[assignment]
        from ipykernel.kernelapp import IPKernelApp

        IPKernelApp.launch_instance(argv=argv)
        code = 0
    except SystemExit as stop:
        code = stop.code if isinstance(stop.code, int) else 0
    finally:
        os._exit(code)


class _Zygote:
    """The worker's zygote process and a lock so one kernel is forked at a time."""

    def __init__(
        self,
        preload: str = DEFAULT_PRELOAD,
        proc=None,
        requests_out: int = -1,
        replies_in: int = -1,
    ):
        if proc is None:
            requests_in, requests_out = os.pipe()
            replies_in, replies_out = os.pipe()
            proc = subprocess.Popen(
                [
                    sys.executable,
                    "-c",
                    _ZYGOTE_MAIN,
                    str(requests_in),
                    str(replies_out),
                    preload,
                ],
                stdin=subprocess.DEVNULL,
                pass_fds=(requests_in, replies_out),
            )
            os.close(requests_in)
            os.close(replies_out)
        self.proc = proc
        self._requests = os.fdopen(requests_out, "w")
        self._replies = os.fdopen(replies_in, "r")
        self.lock = threading.Lock()

    def fork(self, argv: list[str], cwd: str, env: dict) -> int:
        """A new kernel process's pid. Raises OSError if the zygote is gone."""
        with self.lock:
            if self.proc.poll() is not None:
                raise OSError("the kernel zygote has exited")
            self._requests.write(json.dumps({"argv": argv, "cwd": cwd, "env": env}) + "\n")
            self._requests.flush()
            line = self._replies.readline()
        if not line.strip():
            raise OSError("the kernel zygote did not answer")
        return int(line)

    def close(self) -> None:
        """End the zygote: it leaves its loop at the end of its input. Its kernels run on."""
        self._requests.close()
        self._replies.close()
        if isinstance(self.proc, subprocess.Popen):
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()


class _ForkedZygote:
    """A zygote forked from this (already warm, single-threaded) process: ``poll`` like Popen."""

    def __init__(self, pid: int):
        self.pid = pid

    def poll(self) -> int | None:
        try:
            done, status = os.waitpid(self.pid, os.WNOHANG)
        except ChildProcessError:
            return -1
        return None if done == 0 else os.waitstatus_to_exitcode(status)


def fork_zygote(preload: str = DEFAULT_PRELOAD, close_fds: tuple[int, ...] = ()) -> None:
    """Make this process's own fork the zygote of every kernel it starts with ``preload``.

    Call it while this process has a single thread and has already imported what the kernels
    need (run the preload): the grading sandbox does, so that its kernels start warm without a
    second Python. ``close_fds`` are closed in the zygote (they must never reach a kernel).
    """
    requests_in, requests_out = os.pipe()
    replies_in, replies_out = os.pipe()
    pid = os.fork()
    if pid == 0:
        code = 0
        try:
            for fd in (requests_out, replies_in, *close_fds):
                os.close(fd)
            _serve_forks(requests_in, replies_out)
        except BaseException:  # noqa: BLE001 - a zygote never returns into its parent's code
            code = 1
        finally:
            os._exit(code)
    os.close(requests_in)
    os.close(replies_out)
    _zygotes[preload] = _Zygote(preload, _ForkedZygote(pid), requests_out, replies_in)


_zygotes: dict[str, _Zygote] = {}
"""This process's zygotes, one per preload, started when a kernel first needs one."""


def start_zygote(preload: str = DEFAULT_PRELOAD) -> None:
    """Start the zygote of ``preload`` now, so it imports while this process does other work."""
    _get_zygote(preload)


def stop_zygote(preload: str = DEFAULT_PRELOAD) -> None:
    """End the zygote of ``preload``, if there is one (its memory is freed; kernels run on)."""
    zygote = _zygotes.pop(preload, None)
    if zygote is not None:
        zygote.close()


def _get_zygote(preload: str) -> _Zygote:
    zygote = _zygotes.get(preload)
    if zygote is None or zygote.proc.poll() is not None:
        zygote = _zygotes[preload] = _Zygote(preload)
    return zygote


class ForkedProcess:
    """A ``Popen``-like handle on a kernel forked by the zygote (not this process's child)."""

    def __init__(self, pid: int):
        self.pid = pid
        self.returncode: int | None = None
        self.stdin = self.stdout = self.stderr = None

    def poll(self) -> int | None:
        if self.returncode is None:
            try:
                os.kill(self.pid, 0)
            except ProcessLookupError:
                self.returncode = -1  # the exit status went to the zygote's reaper
            except PermissionError:
                pass
        return self.returncode

    def wait(self, timeout: float | None = None) -> int:
        deadline = None if timeout is None else time.monotonic() + timeout
        while (code := self.poll()) is None:
            if timeout is not None and deadline is not None and time.monotonic() > deadline:
                raise subprocess.TimeoutExpired(str(self.pid), timeout)
            time.sleep(0.02)
        return code

    def send_signal(self, signum: int) -> None:
        if self.poll() is None:
            os.kill(self.pid, signum)

    def kill(self) -> None:
        self.send_signal(signal.SIGKILL)

    def terminate(self) -> None:
        self.send_signal(signal.SIGTERM)


class ForkingProvisioner(LocalProvisioner):
    """Launch Python kernels by forking the zygote; anything else the usual way."""

    async def launch_kernel(self, cmd: list[str], **kwargs):
        try:
            start = cmd.index(_LAUNCHER[0])
        except ValueError:
            start = -1
        if start < 1 or cmd[start : start + 2] != _LAUNCHER:
            return await super().launch_kernel(cmd, **kwargs)
        try:
            preload = getattr(self.parent, "preload", DEFAULT_PRELOAD)
            pid = _get_zygote(preload).fork(
                cmd[start + 2 :],
                str(kwargs.get("cwd") or os.getcwd()),
                dict(kwargs.get("env") or os.environ),
            )
        except (OSError, ValueError):
            return await super().launch_kernel(cmd, **kwargs)
        # Popen-like is all the provisioner needs: poll, wait, send_signal, kill, terminate.
        self.process = ForkedProcess(pid)  # type: ignore[assignment]
        self.pid = pid
        self.pgid = pid  # the child called setsid()
        self.cwd = kwargs.get("cwd")
        return self.connection_info


class ForkingKernelManager(AsyncKernelManager):
    """An async kernel manager whose Python kernels come from the zygote of ``preload``."""

    preload: str = DEFAULT_PRELOAD

    async def _async_pre_start_kernel(self, **kw):
        if self.provisioner is None:
            self.kernel_id = self.kernel_id or kw.pop("kernel_id", None) or str(uuid.uuid4())
            self.provisioner = ForkingProvisioner(
                kernel_id=self.kernel_id,
                kernel_spec=self.kernel_spec,
                parent=self,
            )
        return await super()._async_pre_start_kernel(**kw)
