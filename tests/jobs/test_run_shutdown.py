"""`amends run` stops cleanly: the job worker it supervises is stopped, never started again on the way out."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

AMENDS = str(Path(sys.executable).with_name("amends"))


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry.name))
    return found


def _niceness(pid: int) -> int:
    return int((Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[16])


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


@pytest.mark.parametrize("how", ["ctrl-c to the process group", "sigterm to the server"])
def test_stopping_the_server_stops_the_job_worker_without_restarting_it(tmp_path: Path, how: str) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("AMENDS_")}
    env["AMENDS_VAR_DIR"] = str(tmp_path / "var")  # its own SQLite database and queue
    port = _free_port()
    log_path = tmp_path / "server.log"
    with log_path.open("w") as log:
        proc = subprocess.Popen([AMENDS, "run", "--port", str(port), "--workers", "1"], env=env, stdout=log,
                                stderr=subprocess.STDOUT, start_new_session=True)
    try:
        for _ in range(600):
            if proc.poll() is not None:
                break
            try:
                if httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            time.sleep(0.1)
        assert proc.poll() is None, log_path.read_text()[-3000:]
        children = _children(proc.pid)
        assert len(children) == 2, (children, log_path.read_text()[-3000:])  # one web worker, one job worker
        job_worker = next(p for p in children if b"worker" in Path(f"/proc/{p}/cmdline").read_bytes())
        web_worker = next(p for p in children if p != job_worker)
        for _ in range(100):  # the job worker lowers its priority once its interpreter has started
            if _niceness(job_worker) == _niceness(web_worker) + 10:
                break
            time.sleep(0.1)
        assert _niceness(job_worker) == _niceness(web_worker) + 10  # jobs yield the cores to requests

        if how.startswith("ctrl-c"):
            os.killpg(proc.pid, signal.SIGINT)  # what a terminal sends to the whole foreground group
        else:
            proc.send_signal(signal.SIGTERM)  # what a process manager sends to the server alone
        assert proc.wait(60) == 0, log_path.read_text()[-3000:]
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
    for _ in range(100):  # the children are gone once reaped
        if not any(_alive(pid) for pid in children):
            break
        time.sleep(0.1)
    output = log_path.read_text()
    assert not any(_alive(pid) for pid in children), output
    assert "starting it again" not in output, output
    if how.startswith("sigterm"):
        # No web worker left hanging until gunicorn kills it. (With Ctrl-C, a web worker gets both
        # the terminal's SIGINT and the master's SIGQUIT and, on a loaded machine, once in a while
        # hangs in its own exit until gunicorn's graceful timeout kills it; that is gunicorn's.)
        assert "SIGKILL" not in output, output
