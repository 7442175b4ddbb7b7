"""Weekly goals in the agent, on a fake clock: once a week has its goal, the exercise's remaining
slots that week are optional (no reminder, never logged missed); the reminders carry the streak."""
from desktop import agents, desktop, faketime, kinds, needs_desktop  # noqa: F401  (fixtures)

pytestmark = needs_desktop

ROUTINE = """name = "Goals"
[day]
start = "08:00"
end = "09:00"

[[exercise]]
id = "flexion"
title = "Resisted flexion"
every = "twice or three times a week"

[[exercise]]
id = "pickups"
title = "Pencil pickups"
every = "twice or three times a week"

[[exercise]]
id = "presses"
title = "Toe presses"
at = ["08:40", "11:40"]
"""


def test_a_met_weekly_goal_silences_the_rest_of_the_week_and_reminders_carry_the_streak(tiptoe, desktop, agents):
    path = tiptoe.home / "config" / "tiptoe" / "routine.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(ROUTINE)
    # Mon 23 to Thu 26 Nov 2026: presses both times each day; flexion Mon and Wed (goal 2 met);
    # pickups Monday only. The weekly ones are planned Mon, Wed, Fri at 08:30.
    for day in range(23, 27):
        for time in ("08:40", "11:40"):
            tiptoe.run("done", "presses", "--at", f"2026-11-{day}T{time}:00Z",
                       env={"TIPTOE_NOW": f"2026-11-{day}T20:00:00Z"})
    for day in (23, 25):
        tiptoe.run("done", "flexion", env={"TIPTOE_NOW": f"2026-11-{day}T08:31:00Z"})
    tiptoe.run("done", "pickups", env={"TIPTOE_NOW": "2026-11-23T08:31:00Z"})

    # Friday from 08:29, 600 fake seconds a real second: 08:30 after 0.1 s, 11:40 after 19 s.
    agent = agents("--miss-after", "1h", prefix=faketime("@2026-11-27 08:29:00 x600"))
    pickups = desktop.await_notify(lambda m: m.args[0] == "tiptoe", timeout=10)
    assert pickups.summary == "Pencil pickups"
    assert pickups.body.splitlines()[0] == "1 of 2–3 this week, 3 days left"
    presses = desktop.await_notify(lambda m: m.args[0] == "tiptoe" and "Toe presses" in m.summary, timeout=10)
    assert presses.summary == "Toe presses — 1 of 2 today · 4-day streak"
    agent.await_line(r"missed: pickups/2026-11-27/1", timeout=15)
    # 11:40 is past flexion's catch-up window (3 h from 08:30): had it been due, it would be missed by now.
    agent.await_line(r"shown \(due\) at 2026-11-27T11:40", timeout=20)
    notes = [m for m in desktop.notifies() if m.args[0] == "tiptoe"]
    assert not any("flexion" in m.summary.lower() or "flexion" in m.body.lower() for m in notes)
    assert "flexion" not in agent.log()
    assert kinds(tiptoe, "flexion/2026-11-27/1") == []
    assert kinds(tiptoe, "pickups/2026-11-27/1") == ["fired", "fired", "missed"]  # shown, nudged, missed
    plan = tiptoe.json("plan", "--json", env={"TIPTOE_NOW": "2026-11-27T12:00:00Z"})
    status = {s["id"]: s["status"] for s in plan["slots"]}
    assert status["flexion/2026-11-27/1"] == "goal-met"
