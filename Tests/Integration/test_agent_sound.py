"""Reminders carry the freedesktop sound hints, so servers that play sounds do (or, asked, do not).

Runs inside `Tests/Integration/with-desktop`; the hints are read from the Notify call dbus-monitor saw.
"""
import pytest

from desktop import agents, ahead, desktop, needs_desktop, write_routine  # noqa: F401  (fixtures)

pytestmark = needs_desktop


@pytest.mark.parametrize("option, hints", [
    ((), {"sound-name": "message-new-instant"}),
    (("--no-sound",), {"suppress-sound": True}),
])
def test_a_reminder_asks_for_the_message_sound_unless_told_not_to(tiptoe, desktop, agents, option, hints):
    _, clock = ahead(3)
    write_routine(tiptoe, [("toe-presses", "Toe presses", [clock])])
    agents(*option)
    note = desktop.await_notify(lambda m: m.args[0] == "tiptoe", timeout=10)
    sound = {key: value for key, value in note.hints.items() if "sound" in key}
    assert sound == hints
