"""Fixtures of the notification tests: real SMTP and HTTP servers on 127.0.0.1, stopped after each test."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
for p in (HERE, HERE.parent / "pipelines"):
    if str(p) not in sys.path:
        sys.path.insert(0, str(p))

import servers  # noqa: E402


@pytest.fixture
def smtp_server():
    s = servers.start_smtp()
    yield s
    s.stop()


@pytest.fixture
def tls_smtp_server(tmp_path):
    cert = servers.self_signed_cert(tmp_path)
    s = servers.start_smtp(tls_cert=cert, credentials=("lsu-robot", "m0t-de-passe-tres-secret"))
    s.ca = cert[0]
    yield s
    s.stop()


@pytest.fixture
def http_server():
    s = servers.start_http()
    yield s
    s.stop()
