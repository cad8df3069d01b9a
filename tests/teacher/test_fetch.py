"""Articles by web address: fetched from a local test server, and the refusals proven.

The server runs on 127.0.0.1, which the guard refuses like any loopback address; the tests
that fetch allow that one address (FETCH_ALLOWED_NETWORKS), and the refusal tests run with
the default guard, or allow 127.0.0.1 and prove that other inward addresses stay refused,
also when reached by a redirect or through a host name.
"""

from __future__ import annotations

import contextlib
import ipaddress
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from flask import Flask

from quizapp.services.fetch import AddressGuard, fetch, is_public
from quizapp.services.uploads import UploadError
from tests.teacher.conftest import TeacherClient, article_bytes

ARTICLE = article_bytes("orchard_festival.html")
LOCAL = ("127.0.0.1/32",)


class Handler(BaseHTTPRequestHandler):
    """The test site: an article, redirects, a huge page, a slow page, an image."""

    def do_GET(self) -> None:  # the name http.server calls
        port = self.server.server_address[1]
        routes = {
            "/article": (200, "text/html; charset=utf-8", ARTICLE, {}),
            "/moved": (302, "text/plain", b"", {"Location": "/article"}),
            "/inward": (302, "text/plain", b"", {"Location": f"http://127.0.0.2:{port}/article"}),
            "/private": (302, "text/plain", b"", {"Location": "http://10.20.30.40/article"}),
            "/metadata": (302, "text/plain", b"",
                          {"Location": "http://169.254.169.254/latest/meta-data/"}),
            "/loop": (302, "text/plain", b"", {"Location": "/loop"}),
            "/huge": (200, "text/html", b"<p>" + b"x" * (2 * 1024 * 1024 + 10) + b"</p>", {}),
            "/image": (200, "image/png", b"\x89PNG\r\n\x1a\n" + b"0" * 100, {}),
        }
        if self.path == "/slow":
            time.sleep(1.5)
        status, kind, body, headers = routes.get(self.path, (404, "text/plain", b"gone", {}))
        if self.path == "/slow":
            status, kind, body = 200, "text/html", ARTICLE
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()
        # The client may stop reading (the size cap): expected.
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        """Keep the test output quiet."""


@pytest.fixture
def site() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()
    thread.join()


def upload_address(tc: TeacherClient, address: str):
    return tc.client.post("/teacher/articles/upload", data={"address": address})


def test_an_article_fetched_by_address_goes_on_as_an_uploaded_page(
        app: Flask, alice: TeacherClient, site: str) -> None:
    app.config["FETCH_ALLOWED_NETWORKS"] = LOCAL
    page = alice.client.get("/teacher/articles/upload").get_data(as_text=True)
    assert '<label for="address">Or the article&#39;s web address</label>' in page
    response = upload_address(alice, f"{site}/moved")
    assert response.status_code == 303, response.get_data(as_text=True)
    confirm = alice.client.get(response.location).get_data(as_text=True)
    # The page's own details fill the form, as for an uploaded .html file.
    assert "Orchard" in confirm
    assert 'name="url"' in confirm


@pytest.mark.parametrize("path, message, status", [
    ("/inward", "127.0.0.2 is not an address on the public internet", 400),
    ("/private", "10.20.30.40 is not an address on the public internet", 400),
    ("/metadata", "169.254.169.254 is not an address on the public internet", 400),
    ("/loop", "redirected more than 5 times", 400),
    ("/huge", "larger than 2 MB", 413),
    ("/image", "gives a image/png file, not a web page", 415),
    ("/missing", "The site answered 404", 400),
])
def test_refusals_with_the_test_server_allowed(
        app: Flask, alice: TeacherClient, site: str, path: str, message: str,
        status: int) -> None:
    app.config["FETCH_ALLOWED_NETWORKS"] = LOCAL
    response = upload_address(alice, site + path)
    assert response.status_code == status
    assert message in response.get_data(as_text=True)
    assert 'aria-invalid="true"' in response.get_data(as_text=True)


def test_a_slow_site_hits_the_time_limit(app: Flask, alice: TeacherClient, site: str) -> None:
    app.config.update(FETCH_ALLOWED_NETWORKS=LOCAL, FETCH_TIMEOUT_SECONDS=0.5)
    started = time.monotonic()
    response = upload_address(alice, f"{site}/slow")
    assert response.status_code == 400
    assert "took longer than" in response.get_data(as_text=True)
    assert time.monotonic() - started < 1.4


@pytest.mark.parametrize("address", [
    "http://127.0.0.1:9/", "http://localhost:9/", "http://[::1]:9/", "http://0.0.0.0:9/",
    "http://192.168.1.10/", "http://172.16.0.1/", "http://169.254.169.254/",
    "http://[fe80::1]/", "http://[fd00::1]/", "http://[::ffff:127.0.0.1]/",
    "http://100.64.0.1/",
])
def test_the_default_guard_refuses_the_servers_own_networks(
        alice: TeacherClient, address: str) -> None:
    response = upload_address(alice, address)
    assert response.status_code == 400
    assert "is not an address on the public internet" in response.get_data(as_text=True)


def test_the_test_server_itself_is_refused_without_the_allowance(
        alice: TeacherClient, site: str) -> None:
    response = upload_address(alice, f"{site}/article")
    assert response.status_code == 400
    assert "127.0.0.1 is not an address on the public internet" in response.get_data(
        as_text=True)


@pytest.mark.parametrize("address, message", [
    ("ftp://example.org/a.html", "starting with http:// or https://"),
    ("file:///etc/passwd", "starting with http:// or https://"),
    ("javascript:alert(1)", "starting with http:// or https://"),
    ("http://user:secret@example.org/", "without a user name or password"),
    ("http://example.org:99999/", "invalid port"),
])
def test_other_schemes_and_credentials_are_refused(
        alice: TeacherClient, address: str, message: str) -> None:
    response = upload_address(alice, address)
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)


def test_a_name_that_resolves_inward_is_refused_after_resolution() -> None:
    """The guard checks every address a name resolves to, and connects to the checked one."""
    calls: list[str] = []

    def resolver(answers: list[str]):
        def resolve(host: str, port: int) -> list[str]:
            calls.append(host)
            return answers
        return resolve

    inward = AddressGuard(resolve=resolver(["93.184.215.14", "10.0.0.5"]))
    with pytest.raises(UploadError, match=r"news\.example is not an address on the public"):
        fetch("http://news.example/story", inward)
    assert calls == ["news.example"]
    rebinding = AddressGuard(resolve=resolver(["127.0.0.1"]))
    with pytest.raises(UploadError, match="not an address on the public internet"):
        fetch("https://news.example/story", rebinding)


@pytest.mark.parametrize("address, public", [
    ("93.184.215.14", True), ("2606:2800:21f:cb07:6820:80da:af6b:8b2c", True),
    ("127.0.0.1", False), ("10.1.2.3", False), ("172.31.255.255", False),
    ("192.168.0.1", False), ("169.254.1.1", False), ("::1", False), ("fe80::1", False),
    ("fc00::1", False), ("::ffff:10.0.0.1", False), ("224.0.0.1", False), ("0.0.0.0", False),
    ("100.64.0.1", False),
])
def test_is_public(address: str, public: bool) -> None:
    assert is_public(ipaddress.ip_address(address)) is public
