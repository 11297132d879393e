"""Real local servers for the notification tests: SMTP (aiosmtpd, optional STARTTLS and login) and HTTP.

Both listen on 127.0.0.1 and are started and stopped by the test; what they received is kept in memory.
"""
from __future__ import annotations

import datetime as dt
import ipaddress
import json
import socket
import ssl
import threading
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def closed_port() -> int:
    """A port where nothing listens (connection refused)."""
    return free_port()


def self_signed_cert(folder: Path) -> tuple[Path, Path]:
    """A certificate for 127.0.0.1 / localhost signed by its own key: (cert.pem, key.pem)."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")])
    now = dt.datetime.now(dt.timezone.utc)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - dt.timedelta(minutes=5)).not_valid_after(now + dt.timedelta(days=1))
            .add_extension(x509.SubjectAlternativeName([x509.DNSName("localhost"),
                                                        x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
                           critical=False)
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .sign(key, hashes.SHA256()))
    cert_path, key_path = folder / "smtp-cert.pem", folder / "smtp-key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    return cert_path, key_path


@dataclass
class Received:
    mail_from: str
    rcpt_tos: list[str]
    message: object  # email.message.EmailMessage
    tls: bool
    login: str | None


@dataclass
class SmtpServer:
    port: int
    received: list[Received] = field(default_factory=list)
    controller: Controller | None = None

    def stop(self) -> None:
        if self.controller is not None:
            self.controller.stop()


class _Handler:
    def __init__(self, server: SmtpServer):
        self.server = server

    async def handle_DATA(self, smtp, session, envelope):
        login = session.auth_data.login.decode() if session.authenticated and session.auth_data else None
        self.server.received.append(Received(
            envelope.mail_from, list(envelope.rcpt_tos),
            message_from_bytes(envelope.original_content, policy=policy.default),
            session.ssl is not None, login))
        return "250 Message accepted for delivery"


def start_smtp(*, tls_cert: tuple[Path, Path] | None = None, credentials: tuple[str, str] | None = None) -> SmtpServer:
    """An SMTP server on 127.0.0.1; with `tls_cert`, STARTTLS is offered and required; with `credentials`,
    login (over TLS only) is required and checked."""
    server = SmtpServer(free_port())
    kwargs: dict = {}
    if tls_cert is not None:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(str(tls_cert[0]), str(tls_cert[1]))
        kwargs.update(tls_context=context, require_starttls=True)
    if credentials is not None:
        def authenticator(smtp, session, envelope, mechanism, auth_data):
            ok = (auth_data.login.decode(), auth_data.password.decode()) == credentials
            # handled=False: aiosmtpd answers the refusal itself (535).
            return AuthResult(success=ok, handled=False, auth_data=auth_data if ok else None)
        kwargs.update(authenticator=authenticator, auth_required=True, auth_require_tls=True)
    server.controller = Controller(_Handler(server), hostname="127.0.0.1", port=server.port, **kwargs)
    server.controller.start()  # returns once the server answers: no race
    return server


@dataclass
class HttpServer:
    port: int
    posts: list[dict] = field(default_factory=list)
    status: int = 200
    httpd: ThreadingHTTPServer | None = None
    thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/hooks/jeton-secret-XYZ"

    def stop(self) -> None:
        if self.httpd is not None:
            self.httpd.shutdown()
            self.httpd.server_close()
            self.thread.join()


def start_http(status: int = 200) -> HttpServer:
    """An HTTP server on 127.0.0.1 that records each POST (path, headers, JSON body) and answers `status`."""
    server = HttpServer(0, status=status)

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):  # noqa: N802 - http.server's name
            body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            server.posts.append({"path": self.path, "content_type": self.headers.get("Content-Type"),
                                 "json": json.loads(body.decode("utf-8"))})
            self.send_response(server.status)
            self.end_headers()
            self.wfile.write(b"ok")

        def log_message(self, *args):
            pass

    server.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.port = server.httpd.server_address[1]
    server.thread = threading.Thread(target=server.httpd.serve_forever, daemon=True)
    server.thread.start()  # the socket already listens (bound in the constructor): no race
    return server
