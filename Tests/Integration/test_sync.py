"""`tiptoe sync` against a real Radicale on 127.0.0.1, started and stopped by the tests, with two
separate homes as two machines (a laptop and a desktop) and python's `caldav` as a phone's task app.
"""
import datetime as dt
import os
import signal
import socket
import stat
import subprocess
import time
from pathlib import Path

import caldav
import pytest

from conftest import BIN, Tiptoe
from test_export_support import expanded_starts, planned_starts

UTC = dt.timezone.utc
NOW = "2026-11-23T10:00:00Z"
DAY = "2026-11-23"
PASSWORD = "s3cret pass"


class Radicale:
    """A Radicale with its own storage and an htpasswd file (plain), on a free loopback port."""

    def __init__(self, root: Path):
        self.root = root
        self.storage = root / "collections"
        users = root / "users"
        users.write_text(f"alice:{PASSWORD}\n")
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}/alice/"
        self.args = [
            "radicale", "--config", "", "--server-hosts", f"127.0.0.1:{self.port}",
            "--storage-filesystem-folder", str(self.storage), "--auth-type", "htpasswd",
            "--auth-htpasswd-filename", str(users), "--auth-htpasswd-encryption", "plain",
        ]
        self.process = None

    def start(self):
        self.process = subprocess.Popen(self.args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        deadline = time.monotonic() + 30
        while True:  # until it accepts connections
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                return
            except OSError:
                assert self.process.poll() is None, self.process.stderr.read().decode()
                assert time.monotonic() < deadline, "radicale did not start"
                time.sleep(0.05)

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=30)

    def files(self, collection: str) -> list:
        folder = self.storage / "collection-root" / "alice" / collection
        return sorted(p.name for p in folder.glob("*.ics")) if folder.exists() else []

    def phone(self, collection: str):
        client = caldav.DAVClient(url=self.url, username="alice", password=PASSWORD, require_tls=False)
        return client.calendar(url=self.url + collection + "/")


@pytest.fixture
def radicale(tmp_path):
    server = Radicale(tmp_path)
    server.start()
    yield server
    if server.process.poll() is None:
        server.stop()


class Machine(Tiptoe):
    """A tiptoe home with sync.toml pointing at the server."""

    def __init__(self, home: Path, device: str, url: str, password: str = PASSWORD):
        super().__init__(home)
        self.device = device
        self.env["TIPTOE_NOW"] = NOW
        self.config = home / "config" / "tiptoe" / "sync.toml"
        self.config.parent.mkdir(parents=True)
        self.configure(url, password)

    def configure(self, url, password, mode=0o600):
        self.config.write_text(
            f'[caldav]\nurl = "{url}"\nusername = "alice"\npassword = "{password}"\ndevice = "{self.device}"\n')
        self.config.chmod(mode)

    def sync(self, check=True, **kwargs):
        return self.run("sync", check=check, **kwargs)

    def events(self):
        return self.json("log", "--json")["events"]

    def statuses(self):
        return {s["id"]: s["status"] for s in self.json("plan", "--json", "--from", "2026-11-16", "--days", 10)["slots"]}


@pytest.fixture
def laptop(tmp_path, radicale):
    return Machine(tmp_path / "laptop", "laptop", radicale.url)


@pytest.fixture
def desktop(tmp_path, radicale):
    return Machine(tmp_path / "desktop", "desktop", radicale.url)


def test_done_on_one_machine_reaches_the_other_tagged_with_its_device(laptop, desktop, radicale):
    laptop.run("done", "toe-presses")
    first = laptop.sync()
    assert first.stdout.startswith(f"Synced with 127.0.0.1 as laptop: 1 sent, 0 received")
    assert "created tiptoe-log/ and tiptoe-plan/" in first.stdout
    # One VTODO per slot from 7 days back to 2 days ahead.
    assert len(radicale.files("tiptoe-log")) == len(laptop.statuses()) == 80
    desktop.sync()
    [done] = desktop.events()
    assert (done["kind"], done["slot"], done["device"]) == ("done", f"toe-presses/{DAY}/1", "laptop")
    assert done["at"] == f"{DAY}T10:00:00+00:00"
    assert laptop.events()[0]["device"] is None
    assert desktop.statuses()[f"toe-presses/{DAY}/1"] == "done"
    assert "(from laptop)" in desktop.run("log").stdout
    # Nothing more to do on either side.
    again = desktop.json("sync", "--json")
    assert again == {"server": "127.0.0.1", "device": "desktop", "created": [], "sent": 0, "received": 0,
                     "plan": 0, "conflicts": 0}
    assert laptop.json("sync", "--json")["received"] == 0
    assert len(laptop.events()) == len(desktop.events()) == 1


def test_a_phone_ticking_a_task_is_recorded_done(laptop, radicale):
    laptop.sync()
    tasks = radicale.phone("tiptoe-log")
    slot = f"ankle-circles/{DAY}/1"
    [todo] = [t for t in tasks.todos() if str(t.icalendar_component.get("X-TIPTOE-SLOT")) == slot]
    component = todo.icalendar_component
    assert str(component["SUMMARY"]) == "Ankle circles"
    assert str(component["STATUS"]) == "NEEDS-ACTION"
    assert "TZID" in component["DUE"].params
    assert component["DUE"].dt == dt.datetime(2026, 11, 23, 11, 15, tzinfo=UTC)
    todo.complete(completion_timestamp=dt.datetime(2026, 11, 23, 11, 20, tzinfo=UTC))
    result = laptop.json("sync", "--json")
    assert result["received"] == 1
    [event] = laptop.events()
    assert (event["kind"], event["slot"], event["device"]) == ("done", slot, "caldav")
    assert event["at"] == f"{DAY}T11:20:00+00:00"
    assert laptop.statuses()[slot] == "done"
    assert laptop.json("sync", "--json")["received"] == 0


def test_offline_done_and_later_skip_converge_on_the_later(laptop, desktop):
    laptop.sync()
    desktop.sync()
    before = laptop.statuses()
    slot = f"toe-walking/{DAY}/1"
    laptop.run("done", "toe-walking", env={"TIPTOE_NOW": "2026-11-23T11:20:00Z"})
    desktop.run("skip", "toe-walking", env={"TIPTOE_NOW": "2026-11-23T11:25:00Z"})
    for _ in range(2):
        laptop.sync()
        desktop.sync()
    assert laptop.statuses() == desktop.statuses() == dict(before, **{slot: "skipped"})
    assert [(e["kind"], e["device"]) for e in laptop.events()] == [("done", None), ("skipped", "desktop")]
    assert [(e["kind"], e["device"]) for e in desktop.events()] == [("skipped", None)]


def test_undo_travels_as_a_task_back_to_needs_action(laptop, desktop, radicale):
    laptop.run("done", "toe-presses")
    laptop.sync()
    desktop.sync()
    laptop.run("undo", env={"TIPTOE_NOW": "2026-11-23T10:01:00Z"})
    laptop.sync()
    desktop.sync()
    assert desktop.statuses()[f"toe-presses/{DAY}/1"] == "pending"
    assert [(e["kind"], e["device"]) for e in desktop.events()] == [("done", "laptop"), ("undone", "laptop")]
    [todo] = [t for t in radicale.phone("tiptoe-log").todos(include_completed=True)
              if str(t.icalendar_component.get("X-TIPTOE-SLOT")) == f"toe-presses/{DAY}/1"]
    assert str(todo.icalendar_component["STATUS"]) == "NEEDS-ACTION"


def test_server_down_keeps_the_action_and_delivers_it_next_round(laptop, desktop, radicale):
    laptop.sync()
    radicale.stop()
    laptop.run("done", "toe-presses")
    down = laptop.sync(check=False)
    assert down.returncode == 69
    assert "cannot reach 127.0.0.1: connection refused; what you did is kept and sent next time" in down.stderr
    assert down.stdout == ""
    radicale.start()
    assert laptop.json("sync", "--json")["sent"] == 1
    desktop.sync()
    assert [(e["kind"], e["device"]) for e in desktop.events()] == [("done", "laptop")]


def test_a_round_killed_midway_then_repeated_neither_loses_nor_doubles(laptop, desktop, radicale):
    laptop.run("done", "toe-presses")
    laptop.run("skip", "toe-walking", env={"TIPTOE_NOW": "2026-11-23T11:20:00Z"})
    process = subprocess.Popen([str(BIN), "sync"], env=laptop.env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    log = radicale.storage / "collection-root" / "alice" / "tiptoe-log"
    while len(list(log.glob("*.ics"))) < 20:  # kill it once some of its requests are done
        assert process.poll() is None, "the round ended before it could be cut short"
        time.sleep(0.01)
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert 20 <= len(radicale.files("tiptoe-log")) < 80
    laptop.sync()
    laptop.sync()
    desktop.sync()
    desktop.sync()
    assert len(radicale.files("tiptoe-log")) == 80
    assert [(e["kind"], e["slot"]) for e in laptop.events()] == [
        ("done", f"toe-presses/{DAY}/1"), ("skipped", f"toe-walking/{DAY}/1")]
    assert [(e["kind"], e["slot"], e["device"]) for e in desktop.events()] == [
        ("done", f"toe-presses/{DAY}/1", "laptop"), ("skipped", f"toe-walking/{DAY}/1", "laptop")]
    uids = [str(t.icalendar_component["UID"]) for t in radicale.phone("tiptoe-log").todos(include_completed=True)]
    assert len(uids) == len(set(uids)) == 80


def test_a_wrong_password_exits_77_and_changes_nothing(laptop, radicale):
    laptop.run("done", "toe-presses")
    before = laptop.events()
    laptop.configure(radicale.url, "wrong")
    result = laptop.sync(check=False)
    assert result.returncode == 77
    assert "127.0.0.1 refused the user name or password (HTTP 401)" in result.stderr
    assert "wrong" not in result.stderr + result.stdout
    assert laptop.events() == before
    assert radicale.files("tiptoe-log") == []


@pytest.mark.parametrize("url", ["http://dav.example.org/alice/", "http://192.168.1.10:5232/alice/"])
def test_plain_http_to_another_host_is_refused(laptop, url):
    laptop.configure(url, PASSWORD)
    result = laptop.sync(check=False)
    assert result.returncode == 78
    assert "would send the password unencrypted; use https://" in result.stderr
    assert PASSWORD not in result.stderr
    assert not laptop.state_dir.exists() or laptop.events() == []


def test_a_password_others_can_read_is_refused(laptop, radicale):
    laptop.configure(radicale.url, PASSWORD, mode=0o644)
    result = laptop.sync(check=False)
    assert result.returncode == 78
    assert f"{laptop.config}: it holds a password but others may read it (mode 644); run: chmod 600" in result.stderr
    assert radicale.files("tiptoe-log") == []


def test_the_password_can_come_from_a_command(laptop, radicale):
    laptop.config.write_text(
        f'[caldav]\nurl = "{radicale.url}"\nusername = "alice"\n'
        f'password_command = ["printf", "%s\\\\n", "{PASSWORD}"]\n')
    laptop.config.chmod(0o644)  # no password in it
    assert laptop.json("sync", "--json")["device"] == socket.gethostname()


def test_without_sync_toml_sync_says_how_to_set_it_up(tiptoe):
    result = tiptoe.run("sync", check=False)
    assert result.returncode == 78
    assert "sync is not set up: no " in result.stderr and "sync.toml" in result.stderr


def test_a_mistake_in_sync_toml_names_its_line_and_column(laptop):
    laptop.config.write_text('[caldav]\nurl = "https://dav.example.org/"\nusername = "alice"\npasword = "x"\n')
    result = laptop.sync(check=False)
    assert result.returncode == 65
    assert f"{laptop.config}:4:1: error: unknown key 'pasword' in [caldav]; did you mean 'password'?" in result.stderr


def test_the_plan_collection_expands_to_the_plan(laptop, radicale):
    laptop.sync()
    events = radicale.phone("tiptoe-plan").events()
    assert len(events) == 9  # one series per exercise and time of day
    got = []
    for event in events:
        got += expanded_starts(event.data, dt.date(2026, 11, 23), 60)
    want = planned_starts(laptop.json("plan", "--json", "--from", DAY, "--days", 60))
    ordinal = lambda uid: uid.split("@")[0].rsplit(".", 1)[1]
    assert sorted((e, ordinal(u), t) for e, u, t in got) == sorted(
        (e, i.rsplit("/", 1)[1], t) for e, i, t in want)
    assert len(want) > 60 * 7


def test_the_plan_of_routines_in_two_zones_expands_to_the_plan(laptop, radicale):
    """Physio in Berlin and pills in New York, synced as one plan collection: each series in its own zone."""
    folder = laptop.home / "config" / "tiptoe" / "routines"
    folder.mkdir()
    (folder / "physio.toml").write_text('name = "Physio"\n[day]\ntimezone = "Europe/Berlin"\n[[exercise]]\n'
                                        'id = "toes"\ntitle = "Toe presses"\nevery = "twice a day"\n')
    (folder / "pills.toml").write_text('name = "Pills"\n[day]\ntimezone = "America/New_York"\n[[exercise]]\n'
                                       'id = "pill"\ntitle = "Pill"\nat = ["07:30", "20:00"]\n')
    laptop.sync()
    events = radicale.phone("tiptoe-plan").events()
    assert sorted(str(e.icalendar_component["UID"]) for e in events) == [
        "pill.1@tiptoe", "pill.2@tiptoe", "toes.1@tiptoe", "toes.2@tiptoe"]
    assert {str(e.icalendar_component["UID"]): e.icalendar_component["DTSTART"].dt.tzname() for e in events} == {
        "pill.1@tiptoe": "EST", "pill.2@tiptoe": "EST", "toes.1@tiptoe": "CET", "toes.2@tiptoe": "CET"}
    first, last = dt.datetime(2026, 11, 24, tzinfo=UTC), dt.datetime(2027, 1, 20, tzinfo=UTC)
    got = sorted((e, u.split("@")[0].rsplit(".", 1)[1], t) for event in events
                 for e, u, t in expanded_starts(event.data, dt.date(2026, 11, 23), 60) if first <= t < last)
    want = sorted((e, i.rsplit("/", 1)[1], t) for e, i, t in
                  planned_starts(laptop.json("plan", "--json", "--from", DAY, "--days", 60)) if first <= t < last)
    assert got == want and len(want) == 4 * 57


def test_setup_finds_the_home_from_the_server_root_writes_sync_toml_and_syncs(tiptoe, radicale, tmp_path):
    secret = tmp_path / "password"
    secret.write_text(f"#!/bin/sh\necho '{PASSWORD}'\n")
    secret.chmod(0o700)
    root = radicale.url.removesuffix("alice/")
    result = tiptoe.run("sync", "--setup", root, input=f"alice\n{secret}\nlaptop\n", env={"TIPTOE_NOW": NOW})
    config = tiptoe.home / "config" / "tiptoe" / "sync.toml"
    assert result.stdout.splitlines() == [
        f"Found the calendar home {radicale.url}; wrote {config}.",
        "Synced with 127.0.0.1 as laptop: 0 sent, 0 received, 9 plan events updated; "
        "created tiptoe-log/ and tiptoe-plan/.",
    ]
    assert "User name on 127.0.0.1" in result.stderr and PASSWORD not in result.stderr + result.stdout
    assert config.read_text() == (
        f'[caldav]\nurl = "{root}"\nusername = "alice"\npassword_command = ["{secret}"]\ndevice = "laptop"\n')
    assert stat.S_IMODE(config.stat().st_mode) == 0o600
    assert tiptoe.json("sync", "--json", env={"TIPTOE_NOW": NOW})["device"] == "laptop"


def test_setup_with_a_refused_password_writes_nothing(tiptoe, radicale):
    result = tiptoe.run("sync", "--setup", radicale.url, input="alice\nprintf wrong\n\n", check=False)
    assert result.returncode == 77
    assert not (tiptoe.home / "config" / "tiptoe" / "sync.toml").exists()
    assert radicale.files("tiptoe-log") == []


def wait_for(condition, what, seconds=60):
    """Polls `condition` until it holds (the agent's rounds run in their own processes)."""
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.1)


def test_the_agent_syncs_at_start_and_after_an_answer(laptop, desktop, radicale):
    # No notification server (no session bus): the agent prints reminders to stderr and still syncs.
    env = {k: v for k, v in laptop.env.items() if k != "DBUS_SESSION_BUS_ADDRESS"}
    laptop.run("plan")
    agent = subprocess.Popen([str(BIN), "agent", "--sync-every", "1h"], env=env, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True)
    try:
        wait_for(lambda: len(radicale.files("tiptoe-log")) == 80, "the agent's first round")
        laptop.run("done", "toe-presses")
        todo = radicale.storage / "collection-root" / "alice" / "tiptoe-log" / f"toe-presses.{DAY}.1.ics"
        wait_for(lambda: "STATUS:COMPLETED" in todo.read_text(), "the round after the answer")
    except AssertionError as timeout:
        agent.terminate()
        out, err = agent.communicate(timeout=30)
        raise AssertionError(f"{timeout}\nthe agent said:\n{out}{err}") from None
    finally:
        if agent.poll() is None:
            agent.terminate()
    out, err = agent.communicate(timeout=30)
    assert "Synced with 127.0.0.1 as laptop: 1 sent" in out, err
    desktop.sync()
    assert [(e["kind"], e["device"]) for e in desktop.events()] == [("done", "laptop")]


def test_the_agents_sync_interval_must_be_a_duration(tiptoe):
    result = tiptoe.run("agent", "--sync-every", "soon", check=False)
    assert result.returncode == 64
    assert "--sync-every: 'soon' is not a duration" in result.stderr
