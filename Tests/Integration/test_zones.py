"""Zones as people write and read them: tzdata's abbreviations in the export, the forms glibc takes
for TZ, and what --tz says about names it cannot use."""
import re
import subprocess

import icalendar
import pytest

from test_export_support import export

NAMES = {
    "Europe/Berlin": {"CET", "CEST"},
    "America/New_York": {"EST", "EDT"},
    "Australia/Sydney": {"AEDT", "AEST"},
    "Australia/Lord_Howe": {"+1030", "+11"},
    "Asia/Kolkata": {"IST"},
    "UTC": {"UTC"},
}


def zdump_names(zone, first, last):
    """(offset in seconds, abbreviation) of every offset `zdump -v` lists for the years first…last."""
    out = subprocess.run(["zdump", "-v", "-c", f"{first},{last}", zone], check=True, capture_output=True,
                         text=True).stdout
    return {(int(m.group(2)), m.group(1)) for m in re.finditer(r" (\S+) isdst=\d gmtoff=(-?\d+)$", out, re.M)}


def observance_names(text):
    [vtimezone] = icalendar.Calendar.from_ical(text).walk("VTIMEZONE")
    return {(int(o["TZOFFSETTO"].td.total_seconds()), str(o["TZNAME"])) for o in vtimezone.subcomponents}


@pytest.mark.parametrize("zone", NAMES)
def test_tznames_are_the_abbreviations_of_the_zone_data(tiptoe, zone):
    written = observance_names(export(tiptoe, "--tz", zone))
    assert {name for _, name in written} == NAMES[zone]
    if zone != "UTC" and zone != "Asia/Kolkata":
        # Every offset zdump shows in the years the file covers, with the same name.
        assert zdump_names(zone, 2026, 2033) == written
    else:
        [(offset, name)] = written
        assert (offset, name) in zdump_names(zone, 1900, 2040) or zone == "UTC"


def test_expanded_export_has_the_same_names(tiptoe):
    text = export(tiptoe, "--tz", "Europe/Berlin", "--expand", "--days", "30")
    assert {name for _, name in observance_names(text)} == {"CET", "CEST"}


@pytest.mark.parametrize("tz", [":Europe/Paris", "Europe/Paris", ":/usr/share/zoneinfo/Europe/Paris"])
def test_tz_in_the_forms_glibc_reads(tiptoe, tz):
    """TZ=:Europe/Paris is how systemd units often set it: November is +01:00, the zone is named."""
    result = tiptoe.run("plan", "--json", "--from", "2027-11-02", env={"TZ": tz})
    assert '"timezone": "Europe/Paris"' in result.stdout
    assert '"start": "2027-11-02T' in result.stdout and "+01:00\"" in result.stdout
    assert result.stderr == ""


def test_tz_that_names_no_zone_says_so(tiptoe):
    result = tiptoe.run("plan", "--json", "--days", "1", env={"TZ": ":Mars/Olympus"})
    assert "TZ: unknown time zone ':Mars/Olympus'" in result.stderr


@pytest.mark.parametrize("value", [":Europe/Berlin", "/usr/share/zoneinfo/Europe/Berlin", "Europe/Berlin"])
def test_tz_option_takes_the_same_forms(tiptoe, value):
    text = export(tiptoe, "--tz", value)
    assert "\r\nTZID:Europe/Berlin\r\n" in text and "X-WR-TIMEZONE:Europe/Berlin" in text


@pytest.mark.parametrize("value,message", [
    ("europe/berlin", "did you mean Europe/Berlin?"),
    ("Europe/Berln", "did you mean Europe/Berlin?"),
    ("paris", "did you mean Europe/Paris?"),
    ("new york", "did you mean America/New_York?"),
    ("UTC+2", "Etc/GMT-2 (UTC+02:00)"),
    ("GMT-05:00", "Etc/GMT+5 (UTC-05:00)"),
    ("+0530", "is an offset, not a time zone"),
    ("CET-1CEST,M3.5.0,M10.5.0/3", "is a POSIX TZ rule"),
    ("Mars/Olympus", "unknown time zone 'Mars/Olympus'"),
])
@pytest.mark.parametrize("command", [["plan"], ["export"]])
def test_tz_option_refuses_what_is_no_zone_and_suggests_one(tiptoe, value, message, command):
    result = tiptoe.run(*command, "--tz", value, check=False)
    assert result.returncode == 64, result.stderr
    assert f"--tz: " in result.stderr and message in result.stderr, result.stderr
    assert result.stdout == ""


def test_a_posix_offset_in_tz_is_read_as_glibc_reads_it(tiptoe):
    """TZ=UTC+2 is two hours west of UTC for glibc (and date(1)): tiptoe says so and uses Etc/GMT+2."""
    result = tiptoe.run("plan", "--json", "--from", "2027-11-02", env={"TZ": "UTC+2"})
    assert '"timezone": "Etc/GMT+2"' in result.stdout and "-02:00\"" in result.stdout
    assert "TZ: 'UTC+2' is an offset" in result.stderr and "using Etc/GMT+2, as glibc does" in result.stderr


def test_the_overview_names_the_zone_as_tzdata_does(tiptoe):
    first = tiptoe.run(env={"TZ": ":Europe/Berlin", "TIPTOE_NOW": "2026-11-23T09:00:00+01:00"}).stdout.splitlines()[0]
    assert first.endswith(" · Europe/Berlin (CET, +01:00)")
    summer = tiptoe.run(env={"TZ": "America/New_York", "TIPTOE_NOW": "2027-07-01T09:00:00-04:00"}).stdout
    assert summer.splitlines()[0].endswith(" · America/New_York (EDT, -04:00)")


def test_help_for_a_command_that_does_not_exist_is_a_usage_error(tiptoe):
    result = tiptoe.run("help", "nosuch", check=False)
    assert result.returncode == 64 and "unknown command 'nosuch'" in result.stderr and result.stdout == ""
    assert tiptoe.run("help", "export").stdout.startswith("OVERVIEW: Write the plan as an iCalendar")
