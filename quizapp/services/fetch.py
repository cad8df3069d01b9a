"""Fetch an article by its web address, on the server, without reaching the server's networks.

A teacher pastes an address; the page goes on as an uploaded .html file would
(quizapp.services.uploads.read_html). The rules, each checked on every hop of a redirect:

- http and https only, no user:password@ part;
- the host name is resolved here and every address it resolves to must be public: loopback,
  private (RFC 1918, fc00::/7), link-local (169.254/16, fe80::/10, cloud metadata services),
  multicast, reserved and unspecified ranges are refused; the connection then goes to the
  address that was checked (no second lookup that could answer differently);
- at most MAX_REDIRECTS redirects, TIMEOUT_SECONDS in all, MAX_UPLOAD_BYTES of body.

AddressGuard holds the networks an operator allows on purpose (FETCH_ALLOWED_NETWORKS, empty
by default; the tests allow their local test server this way) and the resolver, so tests can
prove refusals after resolution without a DNS server.
"""

from __future__ import annotations

import http.client
import ipaddress
import socket
import ssl
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

from quizapp.services.uploads import MAX_UPLOAD_BYTES, ReadUpload, UploadError, decode, read_html

TIMEOUT_SECONDS = 10.0
MAX_REDIRECTS = 5
USER_AGENT = "PaperTrail/1.0 (classroom article fetch)"
IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
Resolver = Callable[[str, int], list[str]]


def system_resolver(host: str, port: int) -> list[str]:
    """Return every address the system resolves a host name to."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


def is_public(address: IPAddress) -> bool:
    """Return whether an address is on the public internet (not one of the server's networks)."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    inward = (address.is_loopback or address.is_private or address.is_link_local
              or address.is_multicast or address.is_reserved or address.is_unspecified)
    # is_global also leaves out shared (carrier-grade NAT) and other special ranges.
    return not inward and address.is_global


@dataclass(frozen=True)
class AddressGuard:
    """Decides which addresses may be fetched: public ones, and networks allowed on purpose."""

    allowed_networks: tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...] = ()
    resolve: Resolver = field(default=system_resolver)

    @classmethod
    def from_config(cls, networks: Iterable[str] | None) -> AddressGuard:
        """Return a guard allowing these CIDR networks besides the public internet."""
        return cls(tuple(ipaddress.ip_network(n, strict=False) for n in networks or ()))

    def allows(self, address: IPAddress) -> bool:
        return is_public(address) or any(address in net for net in self.allowed_networks)

    def checked_address(self, host: str, port: int) -> str:
        """Return an address of the host that may be fetched; raise UploadError if none may."""
        try:
            literal = ipaddress.ip_address(host.strip("[]"))
        except ValueError:
            try:
                found = self.resolve(host, port)
            except (OSError, UnicodeError):
                raise UploadError(f"The address {host} could not be found. Check it for "
                                  "typing mistakes.") from None
            addresses = [ipaddress.ip_address(a.split("%")[0]) for a in found]
        else:
            addresses = [literal]
        # Every address must pass: a name that also resolves inward is refused outright.
        if not addresses or not all(self.allows(a) for a in addresses):
            raise UploadError(
                f"{host} is not an address on the public internet (it points at this server "
                "or its own network), so Paper Trail does not fetch it. Save the page as a "
                "file and upload it instead.", 400)
        return str(addresses[0])


@dataclass(frozen=True)
class Fetched:
    """A fetched page: its bytes, the address it finally came from and its content type."""

    body: bytes
    url: str
    content_type: str


def fetch(url: str, guard: AddressGuard, *, timeout: float = TIMEOUT_SECONDS,
          max_bytes: int = MAX_UPLOAD_BYTES) -> Fetched:
    """Fetch a page under the rules above; raise UploadError with a reason otherwise."""
    deadline = time.monotonic() + timeout
    current = url.strip()
    for _ in range(MAX_REDIRECTS + 1):
        response, connection = _request(current, guard, deadline)
        try:
            if response.status in (301, 302, 303, 307, 308):
                location = response.getheader("Location")
                if not location:
                    raise UploadError("The site sent a redirect without an address.")
                current = urljoin(current, location)
                continue
            if response.status >= 400:
                raise UploadError(f"The site answered {response.status} "
                                  f"({response.reason or 'error'}) for that address.", 400)
            body = _read_capped(response, connection, max_bytes, deadline)
            return Fetched(body, current, response.getheader("Content-Type") or "")
        finally:
            connection.close()
    raise UploadError(f"The address redirected more than {MAX_REDIRECTS} times.")


def _request(url: str, guard: AddressGuard, deadline: float
             ) -> tuple[http.client.HTTPResponse, http.client.HTTPConnection]:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise UploadError("Give the article's web address, starting with http:// or https://.")
    if parts.username or parts.password:
        raise UploadError("Give the address without a user name or password in it.")
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError:
        raise UploadError("That address has an invalid port number.") from None
    address = guard.checked_address(parts.hostname, port)
    remaining = _remaining(deadline)
    if parts.scheme == "https":
        connection: http.client.HTTPConnection = _PinnedHTTPS(parts.hostname, address, port,
                                                              remaining)
    else:
        connection = _PinnedHTTP(parts.hostname, address, port, remaining)
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    try:
        connection.request("GET", path, headers={
            "User-Agent": USER_AGENT, "Accept": "text/html,text/plain;q=0.9",
            "Accept-Encoding": "identity"})
        return connection.getresponse(), connection
    except TimeoutError:
        connection.close()
        raise UploadError(_TOO_SLOW) from None
    except (OSError, http.client.HTTPException) as error:
        connection.close()
        raise UploadError(f"The page could not be fetched ({type(error).__name__}). Check the "
                          "address, or save the page as a file and upload it.") from None


_TOO_SLOW = (f"The site took longer than {TIMEOUT_SECONDS:.0f} seconds to send the page. Try "
             "again later, or save the page as a file and upload it.")


def _remaining(deadline: float) -> float:
    left = deadline - time.monotonic()
    if left <= 0:
        raise UploadError(_TOO_SLOW)
    return left


def _read_capped(response: http.client.HTTPResponse, connection: http.client.HTTPConnection,
                 max_bytes: int, deadline: float) -> bytes:
    declared = response.getheader("Content-Length")
    if declared and declared.isdigit() and int(declared) > max_bytes:
        raise _too_large(int(declared), max_bytes)
    chunks, size = [], 0
    try:
        while True:
            # Each wait for data gets only the time left: a page sent drop by drop still
            # stops at the deadline.
            if connection.sock is not None:
                connection.sock.settimeout(_remaining(deadline))
            chunk = response.read1(64 * 1024)
            if not chunk:
                return b"".join(chunks)
            size += len(chunk)
            if size > max_bytes:
                raise _too_large(size, max_bytes)
            chunks.append(chunk)
    except TimeoutError:
        raise UploadError(_TOO_SLOW) from None


def _too_large(size: int, max_bytes: int) -> UploadError:
    return UploadError(f"That page is larger than {max_bytes // (1024 * 1024)} MB, the limit "
                       "for an article. Save the article's text and upload or paste it.", 413)


class _PinnedHTTP(http.client.HTTPConnection):
    """An HTTP connection to the address that was checked, with the host name as Host."""

    def __init__(self, host: str, address: str, port: int, timeout: float) -> None:
        super().__init__(host, port, timeout=timeout)
        self._address = address

    def connect(self) -> None:
        self.sock = socket.create_connection((self._address, self.port), self.timeout)


class _PinnedHTTPS(http.client.HTTPSConnection):
    """An HTTPS connection to the checked address; the certificate is checked for the name."""

    def __init__(self, host: str, address: str, port: int, timeout: float) -> None:
        super().__init__(host, port, timeout=timeout, context=ssl.create_default_context())
        self._address = address

    def connect(self) -> None:
        raw = socket.create_connection((self._address, self.port), self.timeout)
        context: ssl.SSLContext = self._context  # type: ignore[attr-defined]
        self.sock = context.wrap_socket(raw, server_hostname=self.host)


def read_address(url: str, guard: AddressGuard, *,
                 timeout: float = TIMEOUT_SECONDS) -> ReadUpload:
    """Fetch an article page and read it as an uploaded web page, its address kept."""
    fetched = fetch(url, guard, timeout=timeout)
    kind = fetched.content_type.split(";")[0].strip().lower()
    if kind and kind not in ("text/html", "application/xhtml+xml", "text/plain"):
        raise UploadError(f"That address gives a {kind} file, not a web page. Give the "
                          "address of the article's page.", 415)
    if not fetched.body.strip():
        raise UploadError("That address gave an empty page.")
    read = read_html(decode(fetched.body, is_html=True))
    return ReadUpload(text=read.text, source="html", filename=None,
                      found={**read.found, "url": read.found.get("url") or fetched.url})
