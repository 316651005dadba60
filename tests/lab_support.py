"""A real JupyterLab for the tests: started on 127.0.0.1 in a throw-away home, stopped after.

Its settings, workspaces and runtime files live in that home, never in the user's; news and
update toasts are off so nothing covers the notebook.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

from browser_support import free_port


def api(base: str, token: str, path: str, method: str = "GET"):
    """Call the Jupyter server's REST API; the JSON reply, or None when it is empty."""
    request = urllib.request.Request(
        f"{base}{path}", method=method, headers={"Authorization": f"token {token}"}
    )
    with urllib.request.urlopen(request, timeout=5) as response:
        body = response.read()
    return json.loads(body) if body else None


@contextlib.contextmanager
def running_lab(home: Path, root: Path, env: dict | None = None) -> Iterator[tuple[str, str]]:
    """JupyterLab serving ``root``, with its state in ``home``; yields (base URL, token).

    Args:
        env: more environment variables for the server (its kernels inherit them).
    """
    settings = home / "settings" / "@jupyterlab" / "apputils-extension"
    settings.mkdir(parents=True, exist_ok=True)
    (settings / "notification.jupyterlab-settings").write_text(
        json.dumps({"fetchNews": "false", "checkForUpdates": False})
    )
    environment = os.environ | {
        "JUPYTER_CONFIG_DIR": str(home / "config"),
        "JUPYTER_RUNTIME_DIR": str(home / "runtime"),
        "JUPYTER_DATA_DIR": str(home / "data"),
        "JUPYTERLAB_SETTINGS_DIR": str(home / "settings"),
        "JUPYTERLAB_WORKSPACES_DIR": str(home / "workspaces"),
        "IPYTHONDIR": str(home / "ipython"),
        **(env or {}),
    }
    port, token = free_port(), secrets.token_hex(16)
    log = open(home / "server.log", "w")  # noqa: SIM115 - closed with the server
    server = subprocess.Popen(
        [
            str(Path(sys.executable).with_name("jupyter")),
            "lab",
            "--allow-root",
            "--ServerApp.ip=127.0.0.1",
            f"--ServerApp.port={port}",
            "--ServerApp.port_retries=0",
            f"--IdentityProvider.token={token}",
            "--ServerApp.open_browser=False",
            f"--ServerApp.root_dir={root}",
        ],
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=log,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                api(base, token, "/api/status")
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    tail = (home / "server.log").read_text()[-3000:]
                    raise AssertionError(f"JupyterLab did not start:\n{tail}") from None
                time.sleep(0.3)
        yield base, token
    finally:
        try:
            for session in api(base, token, "/api/sessions") or []:
                api(base, token, f"/api/sessions/{session['id']}", method="DELETE")
        except OSError:
            pass
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        log.close()
