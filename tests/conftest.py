"""Shared fixtures: a free TCP port and `ntm serve` running in the background."""
from __future__ import annotations

import contextlib
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

SERVER_START_TIMEOUT = 20.0  # seconds


def ntm_command() -> list[str]:
    """The installed `ntm` script of this virtualenv."""
    script = Path(sys.executable).with_name("ntm")
    if not script.exists():
        pytest.fail(f"{script} not found: run `pip install -e .` (or `make test`) first")
    return [str(script)]


def find_free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def running_server(db_path: Path, port: int, timeout: float = SERVER_START_TIMEOUT):
    """Run `ntm serve --db DB --port PORT`, yield its base URL, stop it on exit."""
    log = Path(db_path).with_name(f"serve-{port}.log")
    with open(log, "wb") as out:
        proc = subprocess.Popen(
            [*ntm_command(), "serve", "--db", str(db_path), "--port", str(port)],
            stdout=out,
            stderr=subprocess.STDOUT,
        )
        base = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + timeout
            while True:
                if proc.poll() is not None:
                    pytest.fail(f"ntm serve exited with {proc.returncode}:\n{log.read_text()}")
                try:
                    with urllib.request.urlopen(base + "/", timeout=2) as r:
                        if r.status == 200:
                            break
                except (urllib.error.URLError, ConnectionError, OSError):
                    pass
                if time.monotonic() > deadline:
                    pytest.fail(f"ntm serve did not answer within {timeout}s:\n{log.read_text()}")
                time.sleep(0.2)
            yield base
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


@pytest.fixture
def ntm_cli() -> list[str]:
    """argv prefix for the real `ntm` command line."""
    return ntm_command()


@pytest.fixture
def free_port() -> int:
    """A TCP port on 127.0.0.1 that was free a moment ago."""
    return find_free_port()


@pytest.fixture
def ntm_server():
    """Factory: ``with ntm_server(db_path) as base_url: ...`` serves db_path on a free port."""

    def start(db_path: Path, port: int | None = None):
        return running_server(db_path, port or find_free_port())

    return start
