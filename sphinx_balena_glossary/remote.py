"""Glossaries fetched over HTTP(S), as intersphinx fetches inventories: a timeout, a cache in the
build's environment folder, conditional requests, offline use of the last good copy.

A copy younger than the cache limit is used without asking; an older one is
revalidated with the server's validators (``ETag``, ``Last-Modified``), so an
unchanged glossary costs one ``304``. A copy is stored only after the caller
accepted its content (it parsed as a glossary, it matched a pinned hash), so a
broken publication never replaces the last good one. When fetching or the
content fails, the last good copy is used and the caller is told what failed
and how old that copy is. Only ``http`` and ``https``, redirects included; at
most :data:`.files.MAX_BYTES`.
"""

from __future__ import annotations

import hashlib
import http.client
import json
import os
import socket
import ssl
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from email.utils import formatdate
from pathlib import Path
from typing import IO, Any
from urllib.parse import urldefrag, urlsplit

from .files import MAX_BYTES, write_atomic

#: What the caller says of fetched text: ``""`` when it is a usable glossary, else why not.
Check = Callable[[str], str]
_SCHEMES = ("http", "https")
#: Seconds: a longer fetch is a setting gone wrong (``float("inf")`` would not even run).
MAX_TIMEOUT = 600
USER_AGENT = "sphinx-balena-glossary (+https://github.com/balena-io/sphinx-balena-glossary)"


def is_remote(spec: str) -> bool:
    return urlsplit(spec).scheme.lower() in _SCHEMES


def split_pin(url: str) -> tuple[str, str]:
    """``https://x/g.json#sha256=ab12…`` → (the URL, the expected SHA-256); ``""`` when unpinned."""
    base, fragment = urldefrag(url)
    if fragment.startswith("sha256="):
        return base, fragment.removeprefix("sha256=").lower()
    return url, ""


@dataclass(frozen=True)
class Fetched:
    """The outcome of getting one remote glossary."""

    url: str
    #: The text to use (fresh or cached); None when there is none.
    text: str | None = None
    #: What went wrong getting a fresh copy (``""``: nothing).
    failure: str = ""
    #: Seconds since the copy in use was fetched; 0 for a fresh one.
    age: float = 0.0
    #: Whether the copy in use came from the cache (fresh enough, revalidated, or a fallback).
    cached: bool = False


def describe_age(seconds: float) -> str:
    """``3 minutes``, ``5 hours``, ``2 days``."""
    for unit, size in (("day", 86400), ("hour", 3600), ("minute", 60)):
        if seconds >= size:
            count = int(seconds // size)
            return f"{count} {unit}{'s' if count != 1 else ''}"
    return "less than a minute"


class _SameSchemesRedirect(urllib.request.HTTPRedirectHandler):
    """Follow redirects to http(s) only (urllib would also follow one to ftp)."""

    def redirect_request(
        self,
        req: urllib.request.Request,
        fp: IO[bytes],
        code: int,
        msg: str,
        headers: Any,
        newurl: str,
    ) -> urllib.request.Request | None:
        if urlsplit(newurl).scheme.lower() not in _SCHEMES:
            raise urllib.error.URLError(f"redirected to a non-HTTP URL ({newurl})")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


_OPENER = urllib.request.build_opener(_SameSchemesRedirect)


class RemoteCache:
    """Fetched glossaries, kept in ``folder`` (the build's environment folder, or a user cache)."""

    def __init__(self, folder: str | os.PathLike[str], max_age: float, timeout: float) -> None:
        self.folder = Path(folder)
        #: Seconds a stored copy is used without asking the server.
        self.max_age = max_age
        #: Seconds a request may take, connection and reading each.
        self.timeout = timeout

    def _paths(self, url: str) -> tuple[Path, Path]:
        name = hashlib.sha256(url.encode()).hexdigest()[:24]
        return self.folder / f"{name}.body", self.folder / f"{name}.json"

    def _stored(self, url: str) -> tuple[str, dict[str, Any]] | None:
        body, meta = self._paths(url)
        try:
            info = json.loads(meta.read_text(encoding="utf-8"))
            # bytes as stored: read_text would turn CRLF into LF and break the checksum
            return body.read_bytes().decode("utf-8"), info
        except (OSError, ValueError):
            return None

    def _store(self, url: str, text: str, info: dict[str, Any]) -> None:
        body, meta = self._paths(url)
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            write_atomic(body, text)
            write_atomic(meta, json.dumps(info))
        except Exception:  # noqa: BLE001 - a cache that cannot be written is no cache, not a failure
            return

    def fetch(self, url: str, check: Check) -> Fetched:
        """The glossary at ``url`` (pinned with ``#sha256=…`` or not), fresh or from the cache."""
        address, pin = split_pin(url)
        stored = self._stored(address)
        now = time.time()
        if stored is not None:
            text, info = stored
            age = now - float(info.get("fetched", 0))
            if age < self.max_age and _intact(stored, pin):
                return Fetched(address, text, age=age, cached=True)
        failure = ""
        # validators only for a copy that can be used as it is (a 304 says "use yours")
        usable = stored is not None and _intact(stored, pin)
        try:
            status, text, headers = self._request(address, stored[1] if usable and stored else {})
        except _FetchError as exc:
            failure = str(exc)
        else:
            if status == 304 and usable and stored is not None:
                info = stored[1] | {"fetched": now}
                self._store(address, stored[0], info)
                return Fetched(address, stored[0], cached=True)
            failure = (
                _content_failure(text, pin, check)
                if status != 304
                else ("the server answered 304 Not Modified to a request without validators")
            )
            if not failure:
                self._store(
                    address,
                    text,
                    {
                        "url": address,
                        "fetched": now,
                        "etag": headers.get("ETag", ""),
                        "last_modified": headers.get("Last-Modified", ""),
                        "sha256": _sha256(text),
                    },
                )
                return Fetched(address, text)
        if stored is not None and _intact(stored, pin):
            age = now - float(stored[1].get("fetched", 0))
            return Fetched(address, stored[0], failure, age=age, cached=True)
        return Fetched(address, failure=failure)

    def _request(self, url: str, info: dict[str, Any]) -> tuple[int, str, Any]:
        """The status, text and headers of one request, within the timeout whatever the
        server does: the socket timeout bounds each read only, so a server trickling bytes
        (headers or body) could hold a request for ever; the request runs in a thread that
        is given up on at the deadline (a daemon: it never holds the build at exit)."""
        outcome: list[tuple[int, str, Any] | BaseException] = []

        def run() -> None:
            try:
                outcome.append(self._request_now(url, info))
            except BaseException as exc:  # noqa: BLE001 - handed to the waiting thread
                outcome.append(exc)

        worker = threading.Thread(target=run, name="bterm-fetch", daemon=True)
        worker.start()
        worker.join(self.timeout + 0.5)
        if not outcome:
            raise _FetchError(f"no complete answer within {self.timeout:g} s")
        result = outcome[0]
        if isinstance(result, BaseException):
            raise result
        return result

    def _request_now(self, url: str, info: dict[str, Any]) -> tuple[int, str, Any]:
        headers = {"User-Agent": USER_AGENT, "Accept": "application/json, application/yaml, */*"}
        if info.get("etag"):
            headers["If-None-Match"] = info["etag"]
        if info.get("last_modified"):
            headers["If-Modified-Since"] = info["last_modified"]
        elif info.get("fetched"):
            headers["If-Modified-Since"] = formatdate(float(info["fetched"]), usegmt=True)
        request = urllib.request.Request(url, headers=headers)
        deadline = time.monotonic() + self.timeout
        try:
            with _OPENER.open(request, timeout=self.timeout) as response:
                raw = _read_until(response, deadline, self.timeout)
                status, response_headers = response.status, response.headers
        except urllib.error.HTTPError as exc:
            exc.close()  # its response's socket
            if exc.code == 304:
                return 304, "", exc.headers
            raise _FetchError(f"the server answered {exc.code} {exc.reason}") from None
        except urllib.error.URLError as exc:
            raise _FetchError(f"cannot reach it ({_reason(exc.reason)})") from None
        except TimeoutError:
            raise _FetchError(f"no answer within {self.timeout:g} s") from None
        except (OSError, ssl.SSLError, ValueError, http.client.HTTPException) as exc:
            said = " ".join(str(exc).split())  # one line, whatever the server sent
            raise _FetchError(f"cannot fetch it ({type(exc).__name__}: {said})") from None
        if len(raw) > MAX_BYTES:
            raise _FetchError(f"it is larger than {MAX_BYTES} bytes")
        try:
            return status, raw.decode("utf-8-sig"), response_headers
        except UnicodeDecodeError:
            raise _FetchError("it is not UTF-8") from None


def _read_until(response: IO[bytes], deadline: float, timeout: float) -> bytes:
    """The body, at most one byte over the size limit, read before ``deadline``
    (a server trickling bytes must not hold the build past the timeout)."""
    chunks: list[bytes] = []
    size = 0
    while size <= MAX_BYTES:
        if time.monotonic() > deadline:
            raise _FetchError(f"no complete answer within {timeout:g} s")
        chunk = response.read(min(65536, MAX_BYTES + 1 - size))
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
    return b"".join(chunks)


class _FetchError(Exception):
    """A fetch that gave nothing usable; the message says why, for the warning."""


def _reason(reason: object) -> str:
    if isinstance(reason, (TimeoutError, socket.timeout)):
        return "no answer in time"
    return str(reason)


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _pinned(text: str, pin: str) -> bool:
    return not pin or _sha256(text) == pin


def _intact(stored: tuple[str, dict[str, Any]], pin: str) -> bool:
    """Whether a cached copy is the one stored (its checksum) and the one pinned."""
    text, info = stored
    return info.get("sha256") == _sha256(text) and _pinned(text, pin)


def _content_failure(text: str, pin: str, check: Check) -> str:
    if not _pinned(text, pin):
        return f"its SHA-256 is {_sha256(text)}, not the pinned {pin}"
    return check(text)
