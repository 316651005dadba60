"""Copying files that a student (or a process running a student's code) could have shaped.

A handed-in folder may hold anything a file system can: a symbolic link to the source notebook
or to ``gradebook.db``, a hard link, a named pipe that blocks whoever opens it, a device, a
file of many gigabytes, a million files. ``copy_files`` copies regular files only, never
through a link, within caps on each file, the total and the number of entries, and says what
it left out and why. Every path component below the trusted folder is opened without following
links (``O_NOFOLLOW``), and every file is checked again once open, so a link swapped in
meanwhile is not followed either.

The grading worker copies a submission in with it (``worker.prepare``); the parent copies a
worker's autograded notebooks and feedback back into the course with it (``grade._collect``).
"""

from __future__ import annotations

import errno
import os
import shutil
import stat
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

MB = 1024 * 1024
TIMESTAMP_FILE = "timestamp.txt"
_DIR_FLAGS = os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC
_READ_FLAGS = os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_NOCTTY | os.O_CLOEXEC
_WRITE_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC
_CHUNK = MB


@dataclass(frozen=True)
class Limits:
    """What one copy may take.

    Attributes:
        file_bytes: the largest file copied.
        total_bytes: all files copied together.
        entries: files, folders, links and the rest looked at (each counts once).
        depth: how many folders deep files are copied (0: the top folder only).
        listed: names read from one folder at most; past that, the folder's own order
            decides which are looked at.
    """

    file_bytes: int = 20 * MB
    total_bytes: int = 50 * MB
    entries: int = 100
    depth: int = 8
    listed: int = 1000


SUBMISSION = Limits()
"""A handed-in assignment: a notebook is a few hundred KB, 20 MB is far more than any needs."""

WORKER_OUTPUT = Limits(file_bytes=64 * MB, total_bytes=160 * MB, entries=200)
"""What a grading worker leaves for one student: the submission plus its outputs."""

FEEDBACK = Limits(file_bytes=64 * MB, total_bytes=160 * MB, entries=50, depth=0)
"""What a grading worker leaves as one student's feedback: pages in one folder."""


@dataclass
class Copied:
    """What ``copy_files`` did.

    Attributes:
        files: the relative paths copied (``/``-separated), in the order copied.
        skipped: relative path -> why it was left out (e.g. "is a symbolic link").
        refused: why the folder itself could not be read ("" when it was).
        too_many: the entry cap was reached, so some entries were not looked at.
        bytes: the bytes copied.
        entries: the entries looked at; ``cap``: at most.
    """

    files: list[str] = field(default_factory=list)
    skipped: dict[str, str] = field(default_factory=dict)
    refused: str = ""
    too_many: bool = False
    bytes: int = 0
    entries: int = 0
    cap: int = 0

    def flags(self, *, leave_out: Sequence[str] = (), verb: str = "read", most: int = 20):
        """One line per thing left out (at most ``most``, then a count), for the report."""
        lines = [
            f"{_shown(rel)} {why}; not {verb}"
            for rel, why in self.skipped.items()
            if rel not in leave_out
        ]
        if len(lines) > most:
            lines[most:] = [f"{len(lines) - most} more files were not {verb} either"]
        if self.too_many:
            lines.append(
                f"the folder holds more than {self.cap} files and folders; the rest were not {verb}"
            )
        return lines


def is_plain_name(name: object) -> bool:
    """A single path component that names a file or folder (no ``/``, not ``.`` or ``..``)."""
    return (
        isinstance(name, str)
        and name not in ("", ".", "..")
        and "/" not in name
        and "\0" not in name
        and len(name.encode("utf-8", "surrogateescape")) <= 255
    )


def copy_files(
    origin: Path,
    folder: str,
    destination: Path,
    *,
    first: Sequence[str] = (),
    ignore: Sequence[str] = (".ipynb_checkpoints",),
    suffixes: Sequence[str] = (),
    limits: Limits = SUBMISSION,
) -> Copied:
    """Copy ``origin/folder`` to a fresh ``destination/folder``: regular files only.

    ``origin`` and ``destination`` are trusted; every component of ``folder`` (e.g.
    ``"ada/upper_leg"``) and everything below it is not: links are never followed, on either
    side. The destination folder is emptied (created if missing) even when nothing can be read.

    Args:
        first: names in the top folder to look at before the others, so that the caps never
            crowd them out (the notebooks being graded).
        ignore: names skipped silently, at every level.
        suffixes: if given, only files whose names end so are copied (the others are skipped).
        limits: the caps.
    """
    parts = folder.split("/")
    if not all(is_plain_name(p) for p in parts):
        raise ValueError(f"not a relative folder: {folder!r}")
    copied = Copied(cap=limits.entries)
    target = _fresh_folder(destination, parts)
    try:
        try:
            source = _open_below(origin, parts)
        except OSError as exc:
            copied.refused = _why_not_folder(exc)
            return copied
        try:
            _copy_folder(source, target, "", 0, copied, limits, first, ignore, suffixes)
        finally:
            os.close(source)
    finally:
        os.close(target)
    return copied


def read_small(origin: Path, relative: str, most: int = 4096) -> bytes | None:
    """A small regular file below ``origin``, read without following links; None if it is
    missing, not a regular file, linked, larger than ``most`` bytes or unreadable."""
    *parts, name = relative.split("/")
    if not all(is_plain_name(p) for p in [*parts, name]):
        return None
    try:
        folder = _open_below(origin, parts)
    except OSError:
        return None
    try:
        info = os.stat(name, dir_fd=folder, follow_symlinks=False)
        fd = os.open(name, _READ_FLAGS, dir_fd=folder) if stat.S_ISREG(info.st_mode) else -1
    except OSError:
        return None
    finally:
        os.close(folder)
    if fd < 0:
        return None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_nlink > 1 or info.st_size > most:
            return None
        data = os.read(fd, most + 1)
        return data if len(data) <= most else None
    except OSError:
        return None
    finally:
        os.close(fd)


def submission_timestamp(submitted: Path, student: str, assignment: str) -> datetime | None:
    """When a student handed in (``submitted/<student>/<assignment>/timestamp.txt``, as nbgrader
    reads it, in UTC without a zone), or None when there is no readable timestamp."""
    from nbgrader.utils import parse_utc

    data = read_small(submitted, f"{student}/{assignment}/{TIMESTAMP_FILE}")
    text = data.decode("utf-8", "replace").strip() if data else ""
    try:
        return parse_utc(text) if text else None
    except (ValueError, OverflowError, TypeError):
        return None


# --- the walk --------------------------------------------------------------------------------


def _copy_folder(source, target, prefix, depth, copied, limits, first, ignore, suffixes):
    names = _listing(source, limits.listed)
    wanted = [n for n in first if n in names or _exists(source, n)] if depth == 0 else []
    for name in [*wanted, *sorted(set(names) - set(wanted))]:
        if name in ignore:
            continue
        if copied.entries >= limits.entries:
            copied.too_many = True
            return
        copied.entries += 1
        rel = prefix + name
        try:
            info = os.stat(name, dir_fd=source, follow_symlinks=False)
        except OSError as exc:
            copied.skipped[rel] = f"could not be read ({_error_name(exc)})"
            continue
        if stat.S_ISDIR(info.st_mode):
            if depth >= limits.depth:
                copied.skipped[rel] = "is a folder nested too deep"
                continue
            _copy_subfolder(source, target, name, rel, depth, copied, limits, ignore, suffixes)
        elif not stat.S_ISREG(info.st_mode):
            copied.skipped[rel] = _not_regular(info.st_mode)
        elif suffixes and not name.endswith(tuple(suffixes)):
            copied.skipped[rel] = "is not a file of the expected kind"
        else:
            why = _copy_file(source, target, name, info, copied, limits)
            if why:
                copied.skipped[rel] = why
            else:
                copied.files.append(rel)


def _copy_subfolder(source, target, name, rel, depth, copied, limits, ignore, suffixes):
    try:
        inner = os.open(name, _DIR_FLAGS, dir_fd=source)
    except OSError as exc:
        copied.skipped[rel] = _why_not_folder(exc)
        return
    try:
        os.mkdir(name, 0o755, dir_fd=target)
        made = os.open(name, _DIR_FLAGS, dir_fd=target)
    except OSError:
        os.close(inner)
        copied.skipped[rel] = "could not be copied"
        return
    try:
        _copy_folder(inner, made, rel + "/", depth + 1, copied, limits, (), ignore, suffixes)
    finally:
        os.close(inner)
        os.close(made)


def _copy_file(source, target, name, info, copied, limits) -> str:
    """Copy one regular file; returns why it was not copied, or ""."""
    room = limits.total_bytes - copied.bytes
    if info.st_nlink > 1:
        return "has other hard links"
    if info.st_size > limits.file_bytes:
        return f"is larger than {_size(limits.file_bytes)}"
    if info.st_size > room:
        return f"would take the files past {_size(limits.total_bytes)} in all"
    try:
        fd = os.open(name, _READ_FLAGS, dir_fd=source)
    except OSError as exc:
        return f"could not be read ({_error_name(exc)})"
    try:
        now = os.fstat(fd)
        if (now.st_dev, now.st_ino) != (info.st_dev, info.st_ino) or not stat.S_ISREG(now.st_mode):
            return "changed while it was read"
        return _stream(fd, target, name, now, min(limits.file_bytes, room), copied, limits)
    finally:
        os.close(fd)


def _stream(fd, target, name, info, allowed, copied, limits) -> str:
    try:
        out = os.open(name, _WRITE_FLAGS, 0o644, dir_fd=target)
    except OSError as exc:
        return f"could not be copied ({_error_name(exc)})"
    written, why = 0, ""
    try:
        while chunk := os.read(fd, _CHUNK):
            written += len(chunk)
            if written > allowed:  # it grew while being read
                why = f"is larger than {_size(min(limits.file_bytes, allowed))}"
                break
            os.write(out, chunk)
        else:
            os.utime(out, ns=(info.st_atime_ns, info.st_mtime_ns))
    except OSError as exc:
        why = f"could not be read ({_error_name(exc)})"
    finally:
        os.close(out)
    if why:
        os.unlink(name, dir_fd=target)
    else:
        copied.bytes += written
    return why


# --- folders ---------------------------------------------------------------------------------


def _open_below(base: Path, parts: Sequence[str]) -> int:
    """A descriptor of ``base/parts...``, no component of ``parts`` followed if it is a link."""
    fd = os.open(base, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    for part in parts:
        try:
            inner = os.open(part, _DIR_FLAGS, dir_fd=fd)
        except OSError as exc:
            if exc.errno in (errno.ENOTDIR, errno.ELOOP) and _is_link(fd, part):
                exc.errno = errno.ELOOP  # O_NOFOLLOW with O_DIRECTORY says ENOTDIR for a link
            raise
        finally:
            os.close(fd)
        fd = inner
    return fd


def _is_link(folder: int, name: str) -> bool:
    try:
        return stat.S_ISLNK(os.stat(name, dir_fd=folder, follow_symlinks=False).st_mode)
    except OSError:
        return False


def _fresh_folder(base: Path, parts: Sequence[str]) -> int:
    """A descriptor of an empty ``base/parts...``, made of real folders (links replaced)."""
    base.mkdir(parents=True, exist_ok=True)
    fd = os.open(base, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    for index, part in enumerate(parts):
        try:
            if index == len(parts) - 1:
                _remove(fd, part)
            try:
                inner = os.open(part, _DIR_FLAGS, dir_fd=fd)
            except FileNotFoundError:
                os.mkdir(part, 0o755, dir_fd=fd)
                inner = os.open(part, _DIR_FLAGS, dir_fd=fd)
            except OSError:  # a link or a file where a folder belongs
                _remove(fd, part)
                os.mkdir(part, 0o755, dir_fd=fd)
                inner = os.open(part, _DIR_FLAGS, dir_fd=fd)
        finally:
            os.close(fd)
        fd = inner
    return fd


def _remove(folder: int, name: str) -> None:
    try:
        info = os.stat(name, dir_fd=folder, follow_symlinks=False)
    except FileNotFoundError:
        return
    if stat.S_ISDIR(info.st_mode):
        shutil.rmtree(name, dir_fd=folder)
    else:
        os.unlink(name, dir_fd=folder)


def _listing(folder: int, most: int) -> list[str]:
    names = []
    with os.scandir(folder) as entries:
        for entry in entries:
            names.append(entry.name)
            if len(names) >= most:
                break
    return names


def _exists(folder: int, name: str) -> bool:
    try:
        os.stat(name, dir_fd=folder, follow_symlinks=False)
    except FileNotFoundError:
        return False
    except OSError:
        return True
    return True


# --- words -----------------------------------------------------------------------------------


def _why_not_folder(exc: OSError) -> str:
    if exc.errno == errno.ELOOP:
        return "is a symbolic link"
    if exc.errno == errno.ENOTDIR:
        return "is not a folder"
    if exc.errno == errno.ENOENT:
        return "is missing"
    return f"could not be read ({_error_name(exc)})"


def _not_regular(mode: int) -> str:
    if stat.S_ISLNK(mode):
        return "is a symbolic link"
    kind = (
        "a named pipe"
        if stat.S_ISFIFO(mode)
        else "a socket"
        if stat.S_ISSOCK(mode)
        else "a device"
        if stat.S_ISCHR(mode) or stat.S_ISBLK(mode)
        else "something else"
    )
    return f"is not a regular file ({kind})"


def _error_name(exc: OSError) -> str:
    return errno.errorcode.get(exc.errno or 0, type(exc).__name__)


def _size(n: int) -> str:
    return f"{n // MB} MB" if n % MB == 0 else f"{n} bytes"


def _shown(name: str) -> str:
    """A file name as the report may print it (control characters escaped)."""
    return name if name.isprintable() else ascii(name)[1:-1]
