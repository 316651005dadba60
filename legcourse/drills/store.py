"""A drill's session kept between kernels: one small JSON file per drill, on this computer.

The drill widgets save the session (score, rounds, mix-ups, what to review) after every Check
and read it back when the drill starts again, so **Review my mistakes** survives a restart of
the kernel. The files live in ``~/.legcourse/sessions/`` (``<drill>.json``), or in the folder
named by the environment variable ``LEGCOURSE_SESSION_DIR``. Nothing is sent anywhere; on
Binder the files last as long as the Binder session. **Reset session** deletes the file.

Plain Python drills (``LabelingDrill(...)`` without ``widget()``) neither read nor write them.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from legcourse.drills.results import Session

SESSION_DIR_ENV = "LEGCOURSE_SESSION_DIR"
VERSION = 1


def session_dir() -> Path:
    """The folder of the saved sessions (``LEGCOURSE_SESSION_DIR`` or ``~/.legcourse/sessions``)."""
    configured = os.environ.get(SESSION_DIR_ENV, "").strip()
    return Path(configured).expanduser() if configured else Path.home() / ".legcourse" / "sessions"


def session_path(name: str) -> Path:
    """The file of one drill's session: ``<name>.json`` in ``session_dir()``."""
    return session_dir() / f"{name}.json"


def _shown(path: Path) -> str:
    home = str(Path.home())
    text = str(path)
    return "~" + text[len(home) :] if text.startswith(home + os.sep) else text


def save(session: Session, name: str) -> str:
    """Write the session; returns "" or, if the file cannot be written, a sentence saying so
    (the drill goes on without saving)."""
    path = session_path(name)
    data = {"version": VERSION, "drill": name, **session.to_json()}
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(".json.part")
        partial.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
        partial.replace(path)  # never a half-written session file
    except OSError as err:
        return f"Your session could not be saved in {_shown(path)} ({err.strerror or err})."
    return ""


def load(name: str) -> tuple[Session, str]:
    """The saved session of a drill (a new one if none is saved), and a sentence for the
    learner: what was restored, or why the file could not be read ("" if there is no file)."""
    path = session_path(name)
    if not path.exists():
        return Session(), ""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(data, dict) or data.get("version") != VERSION:
            raise ValueError("not a session file of this course")
        session, dropped = Session.from_json(data)
    except (OSError, ValueError) as err:
        return Session(), (
            f"The saved session in {_shown(path)} could not be read ({err}); "
            "starting a new one (Reset session deletes the old file)."
        )
    rounds = f"{session.rounds} round{'s' if session.rounds != 1 else ''}"
    message = f"Session restored from {_shown(path)}: {session.score_text} over {rounds}."
    if dropped:
        message += f" Left out {len(dropped)} item{'s' if len(dropped) != 1 else ''} to review"
        message += " that the course no longer has."
    return session, message


def forget(name: str) -> str:
    """Delete a drill's saved session; returns a sentence saying what happened."""
    path = session_path(name)
    try:
        path.unlink(missing_ok=True)
    except OSError as err:
        return f"The saved session {_shown(path)} could not be deleted ({err.strerror or err})."
    return f"Session reset: {_shown(path)} deleted."
