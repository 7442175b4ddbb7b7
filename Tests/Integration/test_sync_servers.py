"""`tiptoe sync` with servers that are not laid out or equipped like a plain Radicale.

Radicale has every feature sync uses, so a server without RFC 6578's sync-collection, or one whose
DAV lives under a path of its own (Nextcloud's `/remote.php/dav/`), is made by putting a small HTTP
front (`Front`, in this process) before a real Radicale. The front changes only what it must and
records every request:

- without sync-collection, it answers that REPORT as RFC 3253 §3.6 says a server answers a report
  it does not have, and as Radicale itself does for one (403 with `<D:supported-report/>`); every
  other request (the `getctag` and etag PROPFINDs among them) is Radicale's own answer;
- with a path of its own, it serves Radicale under `/remote.php/dav` (Radicale's `X-Script-Name`,
  as behind a reverse proxy), answers the root as a web site (no WebDAV: 405 to a PROPFIND), and
  passes `/.well-known/caldav` to Radicale, which redirects it to the DAV root, as Nextcloud does.

A token the server no longer knows needs no front: Radicale forgets tokens itself (older than its
`max_sync_token_age`, or when its cache is cleared), so the test clears them.
"""
import http.client
import shutil
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from conftest import Tiptoe
from desktop import write_routine_in
from test_sync import DAY, NOW, PASSWORD, Machine, Radicale, radicale  # noqa: F401  (fixture)

SUPPORTED_REPORT = b'<?xml version="1.0" encoding="utf-8"?>\n<D:error xmlns:D="DAV:"><D:supported-report/></D:error>'


class Front:
    """An HTTP server on 127.0.0.1 that forwards to `radicale`; see the module's text."""

    def __init__(self, radicale: Radicale, sync_collection: bool = True, prefix: str = ""):
        self.radicale = radicale
        self.sync_collection = sync_collection
        self.refusal = SUPPORTED_REPORT  # the body of the 403 to a sync-collection
        self.prefix = prefix
        self.requests: list[tuple[str, str, str, int]] = []  # method, path, depth, status
        front = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def forward(self):
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                status, headers, data = front.answer(self.command, self.path, dict(self.headers.items()), body)
                front.requests.append((self.command, self.path, self.headers.get("Depth", ""), status))
                self.send_response(status)
                for name, value in headers:
                    if name.lower() not in ("connection", "transfer-encoding", "content-length"):
                        self.send_header(name, value)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

        for method in ("GET", "PUT", "DELETE", "PROPFIND", "REPORT", "MKCALENDAR", "OPTIONS", "HEAD"):
            setattr(Handler, f"do_{method}", Handler.forward)
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]
        self.root = f"http://127.0.0.1:{self.port}/"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def answer(self, method: str, path: str, headers: dict, body: bytes):
        if not self.sync_collection and method == "REPORT" and b"sync-collection" in body:
            return 403, [("Content-Type", "application/xml; charset=utf-8")], self.refusal
        upstream, script = path, ""
        if self.prefix:
            if path.startswith(self.prefix + "/"):
                upstream, script = path[len(self.prefix):], self.prefix
            elif path.rstrip("/") == "/.well-known/caldav":
                script = self.prefix
            elif method in ("GET", "HEAD"):
                return 200, [("Content-Type", "text/html")], b"<html><body>Log in</body></html>"
            else:
                return 405, [("Allow", "GET, HEAD")], b""
        forwarded = {k: v for k, v in headers.items() if k.lower() not in ("host", "connection", "content-length")}
        if script:
            forwarded["X-Script-Name"] = script
        connection = http.client.HTTPConnection("127.0.0.1", self.radicale.port, timeout=30)
        try:
            connection.request(method, upstream, body=body, headers=forwarded)
            response = connection.getresponse()
            return response.status, response.getheaders(), response.read()
        finally:
            connection.close()

    def close(self):
        self.server.shutdown()
        self.server.server_close()

    def round(self, machine: Machine) -> list[tuple[str, str, str, int]]:
        """The requests of one `tiptoe sync` of `machine`."""
        start = len(self.requests)
        machine.run("sync")
        return self.requests[start:]


def machine(tmp_path, device: str, url: str) -> Machine:
    """A home with a routine of two slots a day (20 tasks to share, not the built-in routine's 80)."""
    made = Machine(tmp_path / device, device, url)
    write_routine_in(made.home, [("toe-presses", "Toe presses", ["10:00"]), ("ankle-circles", "Ankle circles", ["11:15"])])
    return made


@pytest.fixture
def front_without_sync_collection(radicale):
    front = Front(radicale, sync_collection=False)
    yield front
    front.close()


def log_path(path: str) -> bool:
    return "/tiptoe-log/" in path


def test_without_sync_collection_changes_are_found_by_ctag_then_etags(front_without_sync_collection, radicale,
                                                                      tmp_path):
    front = front_without_sync_collection
    url = front.root + "alice/"
    laptop = machine(tmp_path, "laptop", url)
    desktop = machine(tmp_path, "desktop", url)
    laptop.run("done", "toe-presses")
    assert laptop.json("sync", "--json")["sent"] == 1
    first = front.round(desktop)
    assert ("REPORT", "/alice/tiptoe-log/", "1", 403) in first
    assert ("PROPFIND", "/alice/tiptoe-log/", "1", 207) in first  # the etags, once
    assert [(e["kind"], e["device"]) for e in desktop.events()] == [("done", "laptop")]

    # Nothing changed since: the ctag says so, and no member is listed or fetched.
    quiet = front.round(desktop)
    assert [(m, d) for m, p, d, _ in quiet if log_path(p)] == [("REPORT", "1"), ("PROPFIND", "0")]

    # A phone ticks one task: the ctag changed, and only that one is fetched.
    slot = f"ankle-circles/{DAY}/1"
    [todo] = [t for t in radicale.phone("tiptoe-log").todos()
              if str(t.icalendar_component.get("X-TIPTOE-SLOT")) == slot]
    todo.complete()
    changed = front.round(desktop)
    assert [p for m, p, _, _ in changed if m == "GET"] == [f"/alice/tiptoe-log/ankle-circles.{DAY}.1.ics"]
    assert [(e["kind"], e["slot"], e["device"]) for e in desktop.events()][-1] == ("done", slot, "caldav")

    # The laptop's next round brings the phone's too; the two agree.
    laptop.sync()
    assert laptop.statuses() == desktop.statuses()
    assert len(laptop.events()) == len(desktop.events()) == 2


def test_without_sync_collection_a_missing_log_collection_is_made(front_without_sync_collection, tmp_path):
    laptop = machine(tmp_path, "laptop", front_without_sync_collection.root + "alice/")
    laptop.run("done", "toe-presses")
    result = laptop.json("sync", "--json")
    assert (result["created"], result["sent"]) == (["tiptoe-log/", "tiptoe-plan/"], 1)
    assert laptop.json("sync", "--json")["sent"] == 0


def test_a_server_that_stops_answering_sync_collection_without_saying_why_is_followed_by_etags(radicale, tmp_path):
    """A 403 with no precondition to the stored token, then to none (the server was replaced, or a
    proxy forbids the report): the token is given up, then sync-collection, and the round goes on."""
    front = Front(radicale)
    try:
        laptop = machine(tmp_path, "laptop", front.root + "alice/")
        laptop.sync()
        front.sync_collection, front.refusal = False, b""
        laptop.run("done", "toe-presses")
        requests = front.round(laptop)
        assert [(m, d, status) for m, p, d, status in requests if log_path(p) and m in ("REPORT", "PROPFIND")] == [
            ("REPORT", "1", 403), ("REPORT", "1", 403), ("PROPFIND", "0", 207), ("PROPFIND", "1", 207)]
        assert laptop.json("sync", "--json")["sent"] == 0
        assert [(e["kind"], e["device"]) for e in laptop.events()] == [("done", None)]
        assert "STATUS:COMPLETED" in (
            radicale.storage / "collection-root" / "alice" / "tiptoe-log" / f"toe-presses.{DAY}.1.ics").read_text()
    finally:
        front.close()


def test_a_token_the_server_no_longer_knows_means_one_full_listing(radicale, tmp_path):
    front = Front(radicale)
    try:
        url = front.root + "alice/"
        laptop = machine(tmp_path, "laptop", url)
        desktop = machine(tmp_path, "desktop", url)
        laptop.sync()
        desktop.sync()
        laptop.run("done", "toe-presses")
        laptop.sync()
        # Radicale drops the tokens it keeps (older than max_sync_token_age, 30 days by default).
        shutil.rmtree(radicale.storage / "collection-root" / "alice" / "tiptoe-log" / ".Radicale.cache" / "sync-token")
        requests = front.round(desktop)
        reports = [status for m, p, _, status in requests if m == "REPORT"]
        assert reports == [403, 207]  # the stored token refused, then everything listed
        assert [(e["kind"], e["device"]) for e in desktop.events()] == [("done", "laptop")]
        desktop.sync()
        assert len(desktop.events()) == 1
    finally:
        front.close()


@pytest.fixture
def nextcloud_like(radicale):
    front = Front(radicale, prefix="/remote.php/dav")
    yield front
    front.close()


def test_setup_with_a_server_root_finds_the_home_through_well_known(nextcloud_like, radicale, tmp_path):
    front = nextcloud_like
    tiptoe = Tiptoe(tmp_path / "laptop")
    write_routine_in(tiptoe.home, [("toe-presses", "Toe presses", ["10:00"])])
    secret = tmp_path / "password"
    secret.write_text(f"#!/bin/sh\necho '{PASSWORD}'\n")
    secret.chmod(0o700)
    result = tiptoe.run("sync", "--setup", front.root, input=f"alice\n{secret}\nlaptop\n", env={"TIPTOE_NOW": NOW})
    home = front.root + "remote.php/dav/alice/"
    assert result.stdout.splitlines()[0].startswith(f"Found the calendar home {home}; wrote ")
    assert ("PROPFIND", "/.well-known/caldav", "0", 301) in front.requests
    assert ("PROPFIND", "/remote.php/dav/", "0", 207) in front.requests
    assert radicale.files("tiptoe-log") != [] and radicale.files("tiptoe-plan") != []
    laptop = machine(tmp_path, "laptop2", front.root)
    laptop.run("done", "toe-presses")
    assert laptop.json("sync", "--json")["sent"] == 1


def test_a_web_page_of_the_server_leads_to_the_home_through_well_known(nextcloud_like, radicale, tmp_path):
    """The calendar app's address pasted from the browser is no WebDAV resource (405)."""
    front = nextcloud_like
    laptop = machine(tmp_path, "laptop", front.root + "index.php/apps/calendar/")
    assert laptop.json("sync", "--json")["created"] == ["tiptoe-log/", "tiptoe-plan/"]
    assert ("PROPFIND", "/index.php/apps/calendar/", "0", 405) in front.requests
    assert len(radicale.files("tiptoe-log")) == 20
