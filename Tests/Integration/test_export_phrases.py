"""Every kind of frequency phrase is exported as a standard RRULE (test_export_expansion.py expands
them against the plan); `tiptoe routine --phrases` lists what the README's table does; a refused
phrase says where and what to write."""
import re
from pathlib import Path

import icalendar
import pytest

from test_export_support import FIXTURES, export

PHRASES = FIXTURES / "export-phrases.toml"
README = Path(__file__).resolve().parents[2] / "README.md"

# The rule each exercise's series must carry.
RULES = {
    "every-2-hours": "FREQ=DAILY",
    "five-a-day": "FREQ=DAILY",
    "three-a-week": "FREQ=WEEKLY;BYDAY=MO,WE,FR",
    "weekdays": "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR",
    "weekends": "FREQ=WEEKLY;BYDAY=SA,SU",
    "mon-thu": "FREQ=WEEKLY;BYDAY=MO,TH",
    "every-3-days": "FREQ=DAILY;INTERVAL=3",
    "every-10-days": "FREQ=DAILY;INTERVAL=10",
    "fortnightly": "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO;WKST=MO",
    "every-3-weeks": "FREQ=WEEKLY;INTERVAL=3;BYDAY=MO,TH;WKST=MO",
    "every-other-friday": "FREQ=WEEKLY;INTERVAL=2;BYDAY=FR;WKST=MO",
    "monthly": "FREQ=MONTHLY;BYMONTHDAY=1",
    "first-and-fifteenth": "FREQ=MONTHLY;BYMONTHDAY=1,15",
    "month-end": "FREQ=MONTHLY;BYMONTHDAY=30,31",
    "first-monday": "FREQ=MONTHLY;BYDAY=1MO",
    "last-sunday": "FREQ=MONTHLY;BYDAY=-1SU",
    "morning-evening": "FREQ=DAILY",
    "gym": "FREQ=WEEKLY;BYDAY=MO,WE,FR",
}


def test_each_pattern_is_a_standard_rule(tiptoe):
    text = export(tiptoe, "--routine", PHRASES, "--tz", "Europe/Berlin", "--from", "2026-11-23")
    rules = {}
    for event in icalendar.Calendar.from_ical(text).walk("VEVENT"):
        if "RRULE" in event:
            exercise = str(event["UID"]).split(".")[0]
            rules.setdefault(exercise, set()).add(event["RRULE"].to_ical().decode())
    for exercise, rule in RULES.items():
        assert rules[exercise] == {rule}, exercise
    assert "HOURLY" not in text and "BYHOUR" not in text
    # An interval is one daily series per time of day: 01:00, 01:30, ..., 23:30.
    assert len([u for u in re.findall(r"^UID:every-half-hour\.(\d+)@", text, re.M)]) == 46


def test_the_phrase_list_is_the_readmes_table(tiptoe):
    listing = tiptoe.run("routine", "--phrases").stdout
    examples = re.findall(r"^  (\S.*)$", listing, re.M)
    variants = [v for line in re.findall(r"^      also: (.*)$", listing, re.M) for v in line.split(" · ")]
    assert len(examples) == 15 and len(variants) > 60
    table = [line for line in README.read_text().splitlines() if line.startswith("| `")]
    for phrase in examples + variants:
        assert any(f"`{phrase}`" in line for line in table), phrase


@pytest.mark.parametrize("phrase,message", [
    ("25 times a day", "error: \"25 times a day\": at most 24 a day; for more, use 'every N minutes'"),
    ("evry 2 hours", "error: unknown frequency \"evry 2 hours\"; did you mean \"every 2 hours\"? "
     "(every phrase: tiptoe routine --phrases)"),
    ("at 8:00 and 20:00", "error: \"at 8:00 and 20:00\": clock times go in 'at': write them as at = "
     "[\"08:00\", \"20:00\"]"),
])
def test_a_refused_phrase_names_the_place_and_what_to_write(tiptoe, tmp_path, phrase, message):
    routine = tmp_path / "r.toml"
    routine.write_text(f'[[exercise]]\nid = "x"\ntitle = "X"\nevery = "{phrase}"\n')
    result = tiptoe.run("routine", "--check", routine, check=False)
    assert result.returncode == 65
    assert result.stderr.strip().endswith(f"r.toml:4:9: {message}")
    assert len(result.stderr.strip().splitlines()[-1].split("r.toml:4:9: ")[1]) < 130


def test_check_warns_about_real_mistakes_and_exits_0(tiptoe, tmp_path):
    routine = tmp_path / "w.toml"
    routine.write_text('[day]\nstart = "07:00"\nend = "22:00"\nquiet = ["12:30-13:30"]\ntimezone = "Europe/Berlin"\n'
                       '[[exercise]]\nid = "eyes"\ntitle = "Eyes"\nevery = "every 20 minutes"\n'
                       '[[exercise]]\nid = "pill"\ntitle = "Pill"\nevery = "daily"\nat = ["02:30", "03:30"]\n')
    result = tiptoe.run("routine", "--check", routine, env={"TIPTOE_NOW": "2026-11-30T06:00:00+01:00"})
    assert result.returncode == 0 and result.stdout.startswith(f"{routine}: ok: 2 exercises")
    warnings = result.stderr.strip().splitlines()
    assert [line.split(": warning: ")[0].removeprefix(f"{routine}:") for line in warnings] == [
        "9:9", "14:7", "14:16", "13:9"]
    assert "quiet span 12:30-13:30 (12:40, 13:00, 13:20)" in warnings[0]
    assert "on 2027-03-28 the clocks go forward and its 02:30 and 03:30 slots fall on the same minute" in warnings[3]
