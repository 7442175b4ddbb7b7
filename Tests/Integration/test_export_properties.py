"""Property tests for the content-line writer, through the real binary and python icalendar.

Random titles, steps and routine names (emoji, combining characters, `;` `,` `\\` `"`, newlines,
tabs, lines of a kilobyte and more) go into a routine file, through `tiptoe export`, and back
out of icalendar unchanged (but for a line break in a name or title: a one-line text, it becomes
U+FFFD, as every control character does; steps and notes keep theirs); no physical line passes 75 octets or splits a UTF-8 sequence, and
every line ends in CRLF.
"""
import icalendar
from hypothesis import HealthCheck, given, settings, strategies as st

from test_export_support import export_bytes, physical_lines, unescape

SPECIAL = [";", ",", "\\", "\n", "\t", '"', ":", "=", "🦶", "👩‍👩‍👧", "e\u0301", "\u0301\u0308", "€", "ß", "中", "\u2028"]
# Any Unicode scalar TOML can hold (no surrogates; controls only as escapes: newline and tab).
PIECE = st.one_of(st.characters(exclude_categories=("Cs", "Cc")), st.sampled_from(SPECIAL))
SHORT = st.lists(PIECE, min_size=1, max_size=40).map("".join)
# Long enough to fold many times (up to four octets a scalar, 75 octets a line); hypothesis spends
# most of the test making these, so no longer than that.
LONG = st.lists(PIECE, min_size=200, max_size=300).map("".join)
TEXT = st.one_of(SHORT, SHORT, LONG)


BIDI_CONTROLS = {*map(chr, range(0x202A, 0x202F)), *map(chr, range(0x2066, 0x206A))}


def shown(text: str) -> str:
    """Text as tiptoe writes it for people: bidirectional controls replaced (the hostile-input rule;
    the other control characters cannot be generated here)."""
    return "".join("\ufffd" if c in BIDI_CONTROLS else c for c in text)


def one_line(text: str) -> str:
    """A name or title as tiptoe shows it: its line breaks replaced too (tabs are kept)."""
    return shown(text).replace("\n", "\ufffd")


def toml_string(text: str) -> str:
    """A TOML basic string holding `text` exactly."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t")
    return f'"{escaped}"'


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                   HealthCheck.too_slow])
@given(name=TEXT, title=TEXT, steps=st.lists(TEXT, max_size=4), note=st.one_of(st.none(), TEXT))
def test_text_survives_the_round_trip(tiptoe, name, title, steps, note):
    routine = tiptoe.home / "routine.toml"
    lines = [f"name = {toml_string(name)}", "[[exercise]]", 'id = "x"', f"title = {toml_string(title)}",
             'at = ["09:00"]', f"steps = [{', '.join(map(toml_string, steps))}]"]
    if note is not None:
        lines.append(f"note = {toml_string(note)}")
    routine.write_text("\n".join(lines) + "\n", encoding="utf-8")
    data = export_bytes(tiptoe, "--routine", routine, "--tz", "UTC")

    for line in physical_lines(data):
        assert len(line) <= 75, line
        line.decode("utf-8")  # a fold never splits a UTF-8 sequence
    calendar = icalendar.Calendar.from_ical(data)
    [event] = calendar.walk("VEVENT")
    assert str(event["SUMMARY"]) == one_line(title)
    [alarm] = event.walk("VALARM")
    assert str(alarm["DESCRIPTION"]) == one_line(title)
    blocks = ["\n".join(f"{n}. {shown(step)}" for n, step in enumerate(steps, 1))] if steps else []
    blocks += [shown(note)] if note else []
    blocks.append("Planned by tiptoe: at 09:00.")
    assert str(event["DESCRIPTION"]) == "\n\n".join(blocks)
    assert unescape(str(calendar["NAME"])) == one_line(name)
    assert unescape(str(calendar["X-WR-CALNAME"])) == one_line(name)
