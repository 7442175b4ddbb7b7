"""Helpers shared by the export tests (no tests here): run an export, parse it, expand it.

Named test_export_* to stay with the export tests; pytest finds nothing to run in it.
"""
import datetime as dt
import re
import subprocess
import uuid
from pathlib import Path

import icalendar
import recurring_ical_events

FIXTURES = Path(__file__).resolve().parent / "fixtures"
LARGE = FIXTURES / "export-large.toml"
NOW = "2026-11-23T09:00:00+01:00"
UTC = dt.timezone.utc
# A TZID no time-zone database knows: renaming the zone to it makes the
# parser use the file's own VTIMEZONE instead of its copy of the IANA zone.
# icalendar caches the zones it builds by TZID, so each file gets its own.
PRIVATE_TZID = "Tiptoe Test Zone"


def export_bytes(tiptoe, *args, now=NOW) -> bytes:
    """Runs `tiptoe export ARGS`; the file's bytes exactly as written (no newline translation)."""
    from conftest import BIN

    env = dict(tiptoe.env, TIPTOE_NOW=now)
    result = subprocess.run([str(BIN), "export", *map(str, args)], capture_output=True, env=env, timeout=120)
    assert result.returncode == 0, f"tiptoe export {args} exited {result.returncode}: {result.stderr.decode()}"
    return result.stdout


def export(tiptoe, *args, now=NOW) -> str:
    """The export as text, CRLF kept."""
    return export_bytes(tiptoe, *args, now=now).decode("utf-8")


def zone_of(text: str) -> str:
    return re.search(r"^X-WR-TIMEZONE:(.*)\r$", text, re.M).group(1)


def with_private_tzid(text: str) -> str:
    """The export with its zone renamed to a fresh PRIVATE_TZID …, everywhere a TZID names it."""
    zone = zone_of(text)
    private = f"{PRIVATE_TZID} {uuid.uuid4()}"
    renamed = text.replace(f";TZID={zone}:", f";TZID={private}:").replace(
        f"\r\nTZID:{zone}\r\n", f"\r\nTZID:{private}\r\n")
    assert renamed.count(private) == text.count(f"TZID={zone}:") + 1
    return renamed


def plan(tiptoe, *args, days=400, now=NOW) -> dict:
    return tiptoe.json("plan", "--json", "--days", days, *args, env={"TIPTOE_NOW": now})


def planned_starts(plan_json) -> list:
    """(exercise, slot id, UTC start) of every planned slot, sorted."""
    return sorted(
        (s["exercise"], s["id"], dt.datetime.fromisoformat(s["start"]).astimezone(UTC))
        for s in plan_json["slots"])


def expanded_starts(text: str, first: dt.date, days: int) -> list:
    """(exercise, UID, UTC start) of every occurrence recurring-ical-events finds in the local days."""
    calendar = icalendar.Calendar.from_ical(text)
    zone = calendar.walk("VEVENT")[0]["DTSTART"].dt.tzinfo
    start = dt.datetime.combine(first, dt.time(), zone)
    end = dt.datetime.combine(first + dt.timedelta(days=days), dt.time(), zone)
    result = []
    for event in recurring_ical_events.of(calendar).between(start, end):
        uid = str(event["UID"])
        result.append((uid.split(".")[0], uid, event["DTSTART"].dt.astimezone(UTC)))
    return sorted(result)


def physical_lines(data: bytes) -> list:
    """The lines of the raw file, each without its CRLF; asserts every line ends in CRLF."""
    assert data.endswith(b"\r\n"), "the file must end with CRLF"
    lines = data[:-2].split(b"\r\n")
    for line in lines:
        assert b"\n" not in line and b"\r" not in line, f"bare LF or CR in {line[:80]!r}"
    return lines


def unescape(text: str) -> str:
    """A TEXT value unescaped (RFC 5545 §3.3.11), for the properties icalendar leaves as written."""
    return re.sub(r"\\([\\;,nN])", lambda m: "\n" if m.group(1) in "nN" else m.group(1), text)
