"""BENCHMARKS.md from bench/run.py's results.json (and bench/findings.md, the analysis written by hand)."""
from __future__ import annotations

import math
import statistics
from pathlib import Path

HERE = Path(__file__).resolve().parent

TARGET_EXPANSION = 30  # × Remind, `plan --json` of 300 exercises × 3 a day over a year
TARGET_EXPANSION_SIZE = "300"
TARGET_EXPORT = 20
TARGET_COLD_BARE_MS = 5  # median of a cold bare `tiptoe`
TARGET_COLD_ANY_MS = 10  # median of a cold `plan --days 7` and `done`
TARGET_STATS_MS = 50  # median of a cold `stats` over three years of history for 20 exercises
TARGET_LATENCY_MS = 50
TARGET_PRIVATE_MIB = 8  # the agent's own memory (RssAnon) with the built-in routine


def duration(seconds: float | None) -> str:
    if seconds is None:
        return "–"
    if seconds >= 1:
        return f"{seconds:.2f} s"
    ms = seconds * 1e3
    return f"{ms:.0f} ms" if ms >= 100 else f"{ms:.1f} ms" if ms >= 10 else f"{ms:.2f} ms"


def spread(result: dict) -> str:
    return f"{duration(result['median'])} ({duration(result['min'])}–{duration(result['max'])})"


def ratio(slow: float, fast: float) -> str:
    value = slow / fast
    return f"{value:.0f}×" if value >= 10 else f"{value:.1f}×" if value >= 1.05 else f"{value:.2f}×"


def mib(kib: int | None) -> str:
    return "–" if kib is None else f"{kib / 1024:.1f} MiB"


def by_label(results: list[dict]) -> dict[str, dict]:
    return {r["label"]: r for r in results}


def percentile(samples: list[float], p: float) -> float:
    """Nearest rank: with 20 samples p99 is the largest."""
    ordered = sorted(samples)
    return ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)]


def verdict(ok: bool | None) -> str:
    return "–" if ok is None else "**pass**" if ok else "**miss**"


class Report:
    def __init__(self, data: dict):
        self.data = data
        self.lines: list[str] = []
        self.targets: list[tuple[str, str, str, bool | None]] = []

    def add(self, *lines: str) -> None:
        self.lines.extend(lines)

    def table(self, header: list[str], rows: list[list[str]], align: str | None = None) -> None:
        align = align or "l" + "r" * (len(header) - 1)
        self.add("| " + " | ".join(header) + " |",
                 "|" + "|".join(":---" if a == "l" else "---:" for a in align) + "|")
        for row in rows:
            self.add("| " + " | ".join(row) + " |")
        self.add("")

    # -- sections -------------------------------------------------------------------------------

    def machine(self) -> None:
        m, d = self.data["machine"], self.data
        load = lambda xs: " / ".join(f"{x:.2f}" for x in xs)  # noqa: E731
        self.add("## Machine", "")
        self.table(["", ""], [
            ["CPU", f"{m['cpu']}, {m['cores']} cores" + (f" ({m['virtualization']} guest)" if m.get("virtualization") else "")],
            ["Memory", f"{m['memory_gib']} GiB"],
            ["OS", f"{m['os']}, Linux {m['kernel']}"],
            ["Swift", m["swift"]],
            ["Peers", f"Remind {m['remind']}; Python {m['python']}, dateutil {m['dateutil']}, icalendar "
                      f"{m['icalendar']}, recurring-ical-events {m['recurring_ical_events']}"],
            ["Harness", f"{m['hyperfine']}, GNU time (`/usr/bin/time -v`)"],
            ["Load average (1/5/15 min)", f"{load(d['load_start'])} at the start, {load(d['load_end'])} at the end"
                + (f"; 1-min load sampled every 30 s during the run: mean {d['load_during']['mean']:.2f}, "
                   f"max {d['load_during']['max']:.2f} (the machine is shared; a load above 1 means other work "
                   "ran beside the benchmarks)" if d.get("load_during") else "")],
            ["Run", f"{d['started']}, commit {d['commit']}, {d['minutes']} min"
                    + (" — **quick run** (few repetitions; not for quoting)" if d.get("quick") else "")],
            ["tiptoe binary", f"`swift build -c release --static-swift-stdlib`, {d['binary_bytes'] / 1e6:.0f} MB"],
        ], "ll")

    def reproduce(self) -> None:
        self.add("## Reproduce", "", "```sh",
                 "make bench                      # release build, every workload, rewrites BENCHMARKS.md",
                 "BENCH_MAX_LOAD=1 make bench     # the same, once the machine's load is below 1 (as here)",
                 "BENCH_QUICK=1 BENCH_IDLE_SECONDS=30 make bench   # a quick look (few runs, short idle test)",
                 "BENCH_ONLY=expansion,cli make bench              # some workloads only",
                 "python3 bench/run.py --report-only               # rewrite this file from .build/bench/results.json",
                 "```", "",
                 "Method: for each workload every program runs once to check its output (the peers must produce "
                 "the same instants or events), then in alternating rounds of `hyperfine -N` (no shell; output "
                 "to /dev/null): the first round after a warm-up of 3 runs (1 for programs slower than 2 s), the "
                 "order reversed every round. Medians and min–max pool every timed run; `max RSS` is one run "
                 "under `/usr/bin/time -v`. \"Cold\" means a new process each time with the page cache warm. "
                 "The agent runs inside `Tests/Integration/with-desktop` (private D-Bus, Xvfb, dunst, "
                 "dbus-monitor). Inputs are generated into `.build/bench/` by `bench/gen.py` from tiptoe's own "
                 "plan of one week; every exercise is `3 times a day` in a 08:00–21:00 window, Europe/Berlin.", "")

    def expansion(self) -> None:
        data = self.data.get("expansion")
        if not data:
            return
        self.add("## Expansion: a year of slots, every slot printed", "",
                 "`tiptoe plan --from 2026-01-01 --days 365 --json --routine R` against `remind -s12 R.rem "
                 "2026-01-01` (one `REM … AT hh:mm` per exercise and time of day) and python-dateutil's `rrule` "
                 "(one rule per exercise and time of day, merged in start order, `bench/peers/rrule_expand.py`). "
                 "\"Same instants\": the three outputs hold the same number of slots and the same multiset of "
                 "(local minute, title).", "")
        rows, memory_rows, prototype_rows = [], [], []
        for size, results in data.items():
            r = by_label(results)
            t, rem, du = r["tiptoe"], r["remind -s12"], r["dateutil.rrule"]
            same = (t["checked"] == rem["checked"] == du["checked"])
            rows.append([f"{int(size):,}", f"{t['checked']['count']:,}", spread(t), spread(rem), spread(du),
                         ratio(rem["median"], t["median"]), ratio(du["median"], t["median"]), "yes" if same else "**no**"])
            memory_rows.append([f"{int(size):,}", mib(t["max_rss_kib"]), mib(rem["max_rss_kib"]), mib(du["max_rss_kib"])])
            if "prototype writer" in r:
                p = r["prototype writer"]
                prototype_rows.append([f"{int(size):,}", spread(t), spread(p), ratio(rem["median"], p["median"]),
                                       "yes" if p["checked"] == t["checked"] else "**no**"])
        self.table(["Exercises", "Slots", "tiptoe", "remind -s12", "dateutil.rrule", "Remind ÷ tiptoe",
                    "dateutil ÷ tiptoe", "Same instants"], rows, "rrrrrrrl")
        if prototype_rows:
            self.add("The same JSON from `tiptoe-bench json` (`Sources/tiptoe-bench/ByteJSONPlan.swift`: a byte-level "
                     "writer over the same planner, byte-for-byte the output of `tiptoe plan --json`; it still loads "
                     "the routine with the same TOML parser):", "")
            self.table(["Exercises", "tiptoe plan --json", "prototype writer", "Remind ÷ prototype", "Same slots"],
                       prototype_rows, "rrrrl")
        self.add("Max RSS:", "")
        self.table(["Exercises", "tiptoe", "remind -s12", "dateutil.rrule"], memory_rows)
        size = TARGET_EXPANSION_SIZE if TARGET_EXPANSION_SIZE in data else list(data)[-1]
        target = by_label(data[size])
        value = target["remind -s12"]["median"] / target["tiptoe"]["median"]
        self.targets.append((f"`plan --json` ≥ {TARGET_EXPANSION}× faster than Remind ({int(size):,} exercises × 3 a "
                             "day, a year)", f"≥ {TARGET_EXPANSION}×",
                             ratio(target["remind -s12"]["median"], target["tiptoe"]["median"]),
                             value >= TARGET_EXPANSION))

    def export(self) -> None:
        data = self.data.get("export")
        if not data:
            return
        self.add("## Export", "")
        if "skipped" in data:
            self.add(f"Not measured: {data['skipped']}.", "")
            self.targets.append((f"Export ≥ {TARGET_EXPORT}× faster than python icalendar", f"≥ {TARGET_EXPORT}×",
                                 "not measured", None))
            return
        self.add("`tiptoe export -o FILE` against python icalendar building the same events and writing them "
                 "(`bench/peers/ical_write.py`: the same properties — UID, DTSTART;TZID, DTEND, RRULE, DTSTAMP, "
                 "SEQUENCE, SUMMARY, the same DESCRIPTION text, CATEGORIES, TRANSP, a VALARM — and the zone's "
                 "VTIMEZONE from `add_missing_timezones()`). Both write a file.", "")
        rows = []
        names = {"series-1000": "RRULE file, 1,000 exercises", "expanded-builtin": "Built-in routine, expanded year"}
        worst = None
        inner = data.get("in_process", {})
        for (key, title), line in zip(names.items(), ["RRULE file", "days expanded"]):
            r = by_label(data[key])
            t, p = r["tiptoe"], r["python icalendar"]
            events = data["events"][key]
            value = p["median"] / t["median"]
            worst = value if worst is None else min(worst, value)
            core = next((v for k, v in inner.get(key, {}).items() if line in k), None)
            rows.append([title, f"{events['tiptoe']:,} / {events['python']:,}", f"{data['events']['bytes'][key] / 1e6:.2f} MB",
                         spread(t), duration(t["user"] + t["system"]) if t.get("user") is not None else "–",
                         f"{core['median_ms']:.2f} ms" if core else "–", spread(p),
                         ratio(p["median"], t["median"]), mib(t["max_rss_kib"]), mib(p["max_rss_kib"])])
        self.table(["Workload", "VEVENTs tiptoe / python", "tiptoe file", "tiptoe", "tiptoe CPU",
                    "tiptoe writer in process", "python icalendar", "python ÷ tiptoe", "tiptoe RSS", "python RSS"],
                   rows, "lrrrrrrrrr")
        self.add("\"tiptoe CPU\": user + system time of the whole process. \"tiptoe writer in process\": `tiptoe-bench export`, the "
                 "core's exporter writing into memory, without start-up or reading the routine.", "")
        self.targets.append((f"Export ≥ {TARGET_EXPORT}× faster than python icalendar (worst of the two)",
                             f"≥ {TARGET_EXPORT}×", f"{worst:.0f}×", worst >= TARGET_EXPORT))
        counts = data["plan_counts"]
        rows = []
        for result, count in zip(data["readback"], [counts["builtin-365"], counts["1000-7"]]):
            got = int(result["checked"]["output"]) if result.get("checked") else None
            rows.append([result["label"], f"{got:,}" if got is not None else "?", f"{count:,}",
                         "yes" if got == count else "**no**", spread(result)])
        self.add("For scale, python `recurring-ical-events` reading tiptoe's files back and expanding them "
                 "(`bench/peers/ical_read.py`), checked against `tiptoe plan` over the same days:", "")
        self.table(["File", "Occurrences", "tiptoe plan", "Equal", "Time"], rows, "lrrlr")

    def cli(self) -> None:
        data = self.data.get("cli")
        if not data:
            return
        r = by_label(data["results"])
        floor = r["static Swift floor"]["median"]
        self.add("## Command line, cold", "",
                 f"A new process per run (`TIPTOE_NOW={data['now']}`, built-in routine, Europe/Berlin, a history "
                 f"of {data.get('history_days', 0)} days with every slot done: {data.get('history_events', 0):,} "
                 "events). The floor is `bench/floor/floor.swift` — `import Foundation; "
                 "print(Date())` — built with `swiftc -O -static-stdlib`, the usual way to ship a Swift tool; the "
                 "target is measured against it. Every tiptoe row runs the binaries as `make install` puts them on the "
                 "PATH, stripped (`install -s`; the build's own carry 30 MB of debug information). "
                 "`tiptoe` itself is linked `-static-executable` (no dynamic loader; "
                 "the agent, which needs GLib and libnotify, is the separate `tiptoe-agent`), so the same floor "
                 "linked that way is shown too: what the linking alone buys. `tiptoe done` restores the history "
                 "before each run (hyperfine `--prepare`, not timed). `tiptoe done, history held open` runs while "
                 "another connection keeps the history open, as the agent does while it runs: no command is then "
                 "the last to close the file, so SQLite neither rebuilds its `-shm` nor empties its WAL; "
                 "`tiptoe undo` takes each run back (not timed). The libraries' floor rows run "
                 "`Sources/tiptoe-floor`: tiptoe's libraries (Foundation, GRDB, ArgumentParser), linked as tiptoe "
                 "is, doing the least a command does with them (bare: the zone's calendar and five weeks of the "
                 "same history read through GRDB; done: ArgumentParser reads the line, one event appended) and "
                 "none of tiptoe's own work: what a cold command costs before tiptoe's code runs.", "")
        rows = []
        remind = r.get("remind -q")
        for label, result in r.items():
            value = result["median"] / floor
            beside = ratio(result["median"], remind["median"]) if remind else "–"
            rows.append([f"`{label}`", spread(result), f"{value:.2f}×", beside, mib(result["max_rss_kib"]),
                         str(result["runs"])])
        self.table(["Command", "Median (min–max)", "÷ floor", "÷ remind -q", "Max RSS", "Runs"], rows)
        for label, limit in [("tiptoe", TARGET_COLD_BARE_MS), ("tiptoe plan --days 7", TARGET_COLD_ANY_MS),
                             ("tiptoe done", TARGET_COLD_ANY_MS)]:
            if label not in r:
                self.targets.append((f"Cold `{label}` ≤ {limit} ms (median)", f"≤ {limit} ms", "not measured", None))
                continue
            median_ms = r[label]["median"] * 1e3
            self.targets.append((f"Cold `{label}` ≤ {limit} ms (median)", f"≤ {limit} ms", f"{median_ms:.2f} ms",
                                 median_ms <= limit))

    def stats(self) -> None:
        data = self.data.get("stats")
        if not data:
            return
        r = by_label(data["results"])
        self.add("## Progress: tiptoe stats", "",
                 f"A new process per run over {data['days']} days of history for {data['exercises']} exercises, "
                 f"3 a day, every slot done and one in ten skipped ({data['events']:,} events, written straight "
                 "into the history file): strength, streaks, the week and adherence of every exercise, and the "
                 "12-week heatmaps.", "")
        self.table(["Command", "Median (min–max)", "Max RSS", "Runs"],
                   [[f"`{label}`", spread(result), mib(result["max_rss_kib"]), str(result["runs"])]
                    for label, result in r.items()])
        if "tiptoe stats" in r:
            median_ms = r["tiptoe stats"]["median"] * 1e3
            self.targets.append((f"Cold `tiptoe stats`, {data['days'] // 365} years × {data['exercises']} exercises "
                                 f"≤ {TARGET_STATS_MS} ms (median)", f"≤ {TARGET_STATS_MS} ms", f"{median_ms:.2f} ms",
                                 median_ms <= TARGET_STATS_MS))

    def agent(self) -> None:
        data = self.data.get("agent")
        self.add("## Agent", "")
        if not data or "skipped" in data:
            self.add(f"Not measured: {data['skipped'] if data else 'not run'}.", "")
            for name, goal in [("Zero idle wake-ups", "0"), (f"Fire latency p99 < {TARGET_LATENCY_MS} ms", "< 50 ms"),
                               (f"Agent private memory ≤ {TARGET_PRIVATE_MIB} MiB, built-in routine", "≤ 8 MiB")]:
                self.targets.append((name, goal, "not measured", None))
            return
        idle = data.get("idle", {})
        if "agents" in idle:
            minutes = idle["seconds"] / 60
            self.add(f"Idle: the agent ran {minutes:.1f} min with no slot due (zone {idle['zone']}, local time "
                     "about 03:00), counted after it settled. A wake-up is a voluntary context switch of any of "
                     "its threads (`/proc/PID/task/*/status`). The idle run overlaps the CPU workloads above on "
                     "purpose: a sleeping process's wake-ups do not depend on load (its RSS here may be higher "
                     "than below: tiptoe processes running meanwhile map the same binary pages, which the agent "
                     "then cannot release).", "")
            self.add("Setting the clock wakes the agent on purpose (it plans again, and logs \"the clock was "
                     "set\"): the tests of `test_agent_time.py` do, on the whole machine. Those wake-ups are "
                     "counted apart; the target is on the others.", "")
            rows = []
            for name, a in idle["agents"].items():
                rows.append([name, str(a["wakeups"]), str(a.get("clock_sets", 0)), f"{a['wakeups'] / minutes:.2f}",
                             str(a["involuntary"]), str(a["threads"]), mib(a["memory_start"]["rss_kib"]),
                             mib(a["memory_end"]["rss_kib"]), mib(a["memory_end"]["hwm_kib"])])
            self.table(["Routine", "Wake-ups", "Clock sets", "Per minute", "Involuntary", "Threads", "RSS at start",
                        "RSS at end", "Peak RSS"], rows)
            worst = max(max(a["wakeups"] - a.get("clock_sets", 0), 0) for a in idle["agents"].values())
            sets = sum(a.get("clock_sets", 0) for a in idle["agents"].values())
            measured = str(worst) + (f" (and {sets} for clock sets)" if sets else "")
            self.targets.append(("Zero idle wake-ups between slots", "0", measured, worst == 0))
        else:
            self.add("Idle: failed — " + "`" + str(idle.get("error", "not run"))[-500:].replace("\n", " ") + "`", "")
            self.targets.append(("Zero idle wake-ups between slots", "0", "failed", False))
        latency = data.get("latency", {})
        if "samples" in latency:
            samples = [s * 1e3 for s in latency["samples"]]
            p50, p99 = percentile(samples, 50), percentile(samples, 99)
            self.add(f"Fire latency: {latency['count']} slots, each a fresh agent with one slot a few seconds "
                     "ahead; the time from the slot's instant to the `Notify` call as dbus-monitor stamps it "
                     "(nearest-rank percentiles: with 20 samples p99 is the largest).", "")
            faults = latency.get("faults") or []
            minor = statistics.median(f[0] for f in faults) if faults else None
            major = statistics.median(f[1] for f in faults) if faults else None
            self.table(["p50", "p99", "min", "max", "Page faults to fire (median minor / major)"],
                       [[f"{p50:.1f} ms", f"{p99:.1f} ms", f"{min(samples):.1f} ms", f"{max(samples):.1f} ms",
                         f"{minor:.0f} / {major:.0f}" if faults else "–"]], "rrrrr")
            self.targets.append((f"Fire latency p99 < {TARGET_LATENCY_MS} ms", f"< {TARGET_LATENCY_MS} ms",
                                 f"{p99:.1f} ms", p99 < TARGET_LATENCY_MS))
        else:
            self.add("Fire latency: failed — `" + str(latency.get("error", "not run"))[-500:].replace("\n", " ") + "`", "")
            self.targets.append((f"Fire latency p99 < {TARGET_LATENCY_MS} ms", f"< {TARGET_LATENCY_MS} ms", "failed", False))
        memory = data.get("memory", {})
        if "builtin" in memory:
            private = memory["builtin"]["anon_kib"] / 1024
            self.targets.append((f"Agent private memory (RssAnon) ≤ {TARGET_PRIVATE_MIB} MiB with the built-in routine",
                                 f"≤ {TARGET_PRIVATE_MIB} MiB", f"{private:.1f} MiB", private <= TARGET_PRIVATE_MIB))
            self.add("Memory of a settled agent, each alone before the other workloads: RssAnon is its own "
                     "memory (heap and stacks), the figure that matters; Pss shares the mapped binary and "
                     "libraries with the processes that map them too; VmRSS counts those pages whole; the peak "
                     "is during start-up:", "")
            rows = [[name, mib(m["anon_kib"]), mib(m.get("pss_kib")), mib(m["rss_kib"]), mib(m["file_kib"]),
                     mib(m["hwm_kib"])] for name, m in memory.items() if isinstance(m, dict)]
            self.table(["Routine", "RssAnon", "Pss", "RSS", "RssFile", "Peak (VmHWM)"], rows)
        else:
            self.add("Memory: failed — `" + str(memory.get("error", "not run"))[-500:].replace("\n", " ") + "`", "")
            self.targets.append((f"Agent private memory ≤ {TARGET_PRIVATE_MIB} MiB with the built-in routine",
                                 f"≤ {TARGET_PRIVATE_MIB} MiB", "failed", False))

    def scaling(self) -> None:
        data = self.data.get("scaling")
        if not data:
            return
        memory = (self.data.get("agent") or {}).get("memory", {})
        self.add("## Scaling: 10 → 10,000 exercises", "",
                 "Each exercise 3 times a day over 365 days. Whole process: `tiptoe plan --json` with every slot "
                 "printed. In process: `tiptoe-bench expand` (the core's planner alone, no start-up, no output). "
                 "Agent: settled RSS with that routine.", "")
        rows = []
        for size, result in data["plan"].items():
            inner = next(iter(data["in_process"].get(size, {}).values()), None)
            slots = int(size) * 3 * 365
            agent = memory.get(f"routine-{size}", {}).get("rss_kib") if isinstance(memory, dict) else None
            rows.append([f"{int(size):,}", f"{slots:,}", spread(result), f"{result['median'] / slots * 1e9:.0f} ns",
                         f"{inner['median_ms']:.2f} ms" if inner else "–",
                         f"{inner['median_ms'] * 1e6 / slots:.0f} ns" if inner else "–", mib(agent)])
        self.table(["Exercises", "Slots", "plan --json (whole process)", "per slot", "in process", "per slot",
                    "Agent RSS"], rows)

    def summary(self) -> None:
        self.add("## Targets", "")
        self.table(["Target", "Goal", "Measured", "Result"],
                   [[name, goal, got, verdict(ok)] for name, goal, got, ok in self.targets], "llrl")

    def render(self) -> str:
        body = Report(self.data)
        for section in (body.expansion, body.export, body.cli, body.stats, body.agent, body.scaling):
            section()
        self.targets = body.targets
        self.add("# Benchmarks", "",
                 "Generated by `make bench` (`scripts/bench` → `bench/run.py`); do not edit by hand — the "
                 "analysis comes from `bench/findings.md`.", "")
        self.summary()
        findings = HERE / "findings.md"
        if findings.exists():
            self.add(findings.read_text().rstrip(), "")
        self.machine()
        self.reproduce()
        self.lines += body.lines
        return "\n".join(self.lines).rstrip() + "\n"


def write(data: dict, path: Path) -> None:
    path.write_text(Report(data).render())
