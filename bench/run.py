"""`make bench`: every workload side by side with its peer, then BENCHMARKS.md.

Usage: python3 bench/run.py [--bin DIR] [--work DIR] [--out FILE] [--quick] [--idle-seconds N]
                            [--only expansion,export,cli,stats,scaling,agent] [--report-only]
The results go to WORK/results.json; BENCHMARKS.md is written from it (bench/report.py), so
`--report-only` rewrites the report without measuring again.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shlex
import shutil
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from datetime import date, datetime, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import checks  # noqa: E402
import gen  # noqa: E402
import report  # noqa: E402
from measure import Budget, Command, compare  # noqa: E402

FROM = "2026-01-01"
YEAR = "365"
NOW = "2026-01-01T00:00:00+01:00"  # expansion and export: the year ahead is all pending
CLI_NOW = "2026-11-23T10:12:00+01:00"  # command line: toe presses are due (10:10)
EXPANSION_SIZES = [1, 100, 300, 1000]
SCALING_SIZES = [10, 100, 1000, 10000]
HISTORY_DAYS = 90  # the command line runs against a history of this many days, every slot done
STATS_EXERCISES = 20  # `tiptoe stats` runs against STATS_DAYS of history for this many exercises, 3 a day
STATS_DAYS = 3 * 365


# Opens the history, reads it once, says so, and keeps the connection until its stdin closes.
HOLD_OPEN = (
    "import sqlite3, sys\n"
    "connection = sqlite3.connect(sys.argv[1])\n"
    "connection.execute('SELECT count(*) FROM event').fetchall()\n"
    "print('open', flush=True)\n"
    "sys.stdin.read()\n"
)


def log(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def load_average() -> list[float]:
    return [float(x) for x in Path("/proc/loadavg").read_text().split()[:3]]


def output_of(*args: str) -> str:
    try:
        return subprocess.run(args, capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "?"


class LoadSampler:
    """The 1-minute load average every 30 s while the benchmarks run (other users of the machine show here)."""

    def __init__(self):
        self.samples: list[float] = []
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self.run, daemon=True)
        self.thread.start()

    def run(self) -> None:
        while not self.stop.is_set():
            self.samples.append(load_average()[0])
            self.stop.wait(30)

    def finish(self) -> dict:
        self.stop.set()
        self.thread.join()
        return {"max": max(self.samples), "mean": round(sum(self.samples) / len(self.samples), 2),
                "samples": len(self.samples)}


def machine() -> dict:
    lscpu = output_of("lscpu")
    model = re.search(r"^Model name:\s+(.*)$", lscpu, re.M)
    os_name = re.search(r'^PRETTY_NAME="(.*)"$', Path("/etc/os-release").read_text(), re.M)
    versions = output_of("python3", "-c", "import sys; from importlib.metadata import version as v; "
                         "print(sys.version.split()[0], v('python-dateutil'), v('icalendar'), "
                         "v('recurring-ical-events'))").split()
    memory = re.search(r"^MemTotal:\s+(\d+) kB", Path("/proc/meminfo").read_text(), re.M)
    return {
        "cpu": model.group(1) if model else platform.processor(),
        "cores": os.cpu_count(),
        "memory_gib": round(int(memory.group(1)) / 1048576, 1) if memory else None,
        "os": os_name.group(1) if os_name else platform.platform(),
        "kernel": platform.release(),
        "virtualization": (re.search(r"^Hypervisor vendor:\s+(.*)$", lscpu, re.M) or [None, None])[1],
        "swift": output_of("swift", "--version").splitlines()[0] if output_of("swift", "--version") != "?" else "?",
        "hyperfine": output_of("hyperfine", "--version"),
        "remind": (re.search(r"REMIND (\S+)", subprocess.run(["remind"], capture_output=True, text=True).stdout
                             + subprocess.run(["remind"], capture_output=True, text=True).stderr) or [None, "?"])[1],
        "python": versions[0] if versions else "?",
        "dateutil": versions[1] if len(versions) > 1 else "?",
        "icalendar": versions[2] if len(versions) > 2 else "?",
        "recurring_ical_events": versions[3] if len(versions) > 3 else "?",
    }


def installed(build: Path, bin: Path) -> Path:
    """The binaries as `make install` puts them on the PATH: stripped (`install -s`). The build's own
    carry 30 MB of debug information that costs each cold start about a millisecond of page faults."""
    bin.mkdir(parents=True, exist_ok=True)
    for name in ("tiptoe", "tiptoe-agent", "tiptoe-bench", "tiptoe-floor"):
        if (build / name).exists():
            subprocess.run(["install", "-s", "-m", "0755", str(build / name), str(bin / name)], check=True)
    return bin


class Bench:
    def __init__(self, options):
        self.work = Path(options.work).resolve()
        self.bin = installed(Path(options.bin).resolve(), self.work / "bin")
        self.tiptoe = str(self.bin / "tiptoe")
        self.quick = options.quick
        self.budget = Budget(seconds=1.5, least=1, most=5, rounds=2, warmup=1) if options.quick else Budget()
        self.home = self.work / "home"
        self.out = self.work / "out"

    # -- helpers --------------------------------------------------------------------------------

    def env(self, now: str = NOW, tz: str = "UTC", home: Path | None = None) -> dict[str, str]:
        home = home or self.home
        return {"HOME": str(home), "XDG_CONFIG_HOME": str(home / "config"), "XDG_STATE_HOME": str(home / "state"),
                "TIPTOE_NOW": now, "TZ": tz, "NO_COLOR": "1", "TIPTOE_ROUTINE": ""}

    def built(self, command: str) -> bool:
        """Whether `tiptoe COMMAND` exists yet (the commands still being built are hidden stubs)."""
        done = subprocess.run([self.tiptoe, command, "--help"], capture_output=True, text=True)
        return done.returncode == 0 and "Not built yet" not in done.stdout

    def py(self, script: str, *args: str) -> list[str]:
        return [sys.executable, str(HERE / "peers" / script), *args]

    def run(self, commands: list[Command], budget: Budget | None = None) -> list[dict]:
        return [r.as_dict() for r in compare(commands, budget or self.budget, log=log)]

    # -- workloads ------------------------------------------------------------------------------

    def inputs(self) -> None:
        log("inputs: routines, Remind files and peer specs")
        for path in (self.home, self.out):
            shutil.rmtree(path, ignore_errors=True)
            path.mkdir(parents=True)
        self.paths = gen.write_inputs(self.work, self.tiptoe, sorted(set(EXPANSION_SIZES + SCALING_SIZES)))
        floor_source = HERE / "floor" / "floor.swift"
        self.floor = self.work / "floor"
        if not self.floor.exists() or self.floor.stat().st_mtime < floor_source.stat().st_mtime:
            log("inputs: building the static Swift floor (swiftc -O -static-stdlib)")
            subprocess.run(["swiftc", "-O", "-static-stdlib", str(floor_source), "-o", str(self.floor)], check=True)
        # The same program with no dynamic loader at all, as tiptoe itself is linked: what linking alone buys.
        self.floor_static = self.work / "floor-static-executable"
        if not self.floor_static.exists() or self.floor_static.stat().st_mtime < floor_source.stat().st_mtime:
            log("inputs: building the fully static floor (swiftc -O -static-executable)")
            subprocess.run(["swiftc", "-O", "-static-executable", str(floor_source), "-o", str(self.floor_static)],
                           check=True, capture_output=True)

    def expansion(self) -> dict:
        out = {}
        for size in EXPANSION_SIZES:
            log(f"expansion: {size} exercises × 3 a day × 365 days")
            name = str(size)
            out[name] = self.run([
                Command("tiptoe", [self.tiptoe, "plan", "--from", FROM, "--days", YEAR, "--json", "--routine",
                                   str(self.paths[f"routine-{size}"])], env=self.env(), check=checks.tiptoe_plan),
                Command("remind -s12", ["remind", "-s12", str(self.paths[f"remind-{name}"]), FROM],
                        check=checks.remind_simple),
                Command("dateutil.rrule", self.py("rrule_expand.py", str(self.paths[f"spec-{name}"]), FROM, YEAR),
                        check=checks.rrule_lines),
            ])
        return out

    def export(self) -> dict:
        if not self.built("export"):
            log("export: `tiptoe export` is not built yet; skipped")
            return {"skipped": "tiptoe export is not built yet"}
        out = {}
        series = self.out / "tiptoe-1000.ics"
        log("export: RRULE file of a 1,000-exercise routine")
        out["series-1000"] = self.run([
            Command("tiptoe", [self.tiptoe, "export", "--from", FROM, "--routine", str(self.paths["routine-1000"]),
                               "-o", str(series)], env=self.env()),
            Command("python icalendar", self.py("ical_write.py", str(self.paths["spec-1000"]),
                                                str(self.out / "python-1000.ics"), FROM)),
        ])
        year = self.out / "tiptoe-builtin-year.ics"
        log("export: expanded year of the built-in routine")
        out["expanded-builtin"] = self.run([
            Command("tiptoe", [self.tiptoe, "export", "--from", FROM, "--expand", "--days", YEAR, "--tz", gen.ZONE,
                               "-o", str(year)], env=self.env()),
            Command("python icalendar", self.py("ical_write.py", str(self.paths["spec-builtin"]),
                                                str(self.out / "python-builtin-year.ics"), FROM, "--expand", YEAR)),
        ])
        builtin_series = self.out / "tiptoe-builtin.ics"
        subprocess.run([self.tiptoe, "export", "--from", FROM, "--tz", gen.ZONE, "-o", str(builtin_series)],
                       env=dict(os.environ, **self.env()), check=True)
        out["events"] = {
            "series-1000": {"tiptoe": checks.events_in(series), "python": checks.events_in(self.out / "python-1000.ics")},
            "expanded-builtin": {"tiptoe": checks.events_in(year),
                                 "python": checks.events_in(self.out / "python-builtin-year.ics")},
            "bytes": {"series-1000": series.stat().st_size, "expanded-builtin": year.stat().st_size},
        }
        log("export: recurring-ical-events reads tiptoe's files back")
        readback = Budget(seconds=self.budget.seconds, least=1, most=self.budget.most, rounds=2, warmup=1)
        out["readback"] = self.run([
            Command("built-in routine, RRULE file, 365 days",
                    self.py("ical_read.py", str(builtin_series), FROM, YEAR), check=checks.first_line),
            Command("1,000 exercises, RRULE file, 7 days",
                    self.py("ical_read.py", str(series), FROM, "7"), check=checks.first_line),
        ], readback)
        out["in_process"] = {"series-1000": self.in_process(1000, "export"),
                             "expanded-builtin": self.in_process(None, "export")}
        out["plan_counts"] = {
            "builtin-365": self.count_slots(None, YEAR),
            "1000-7": self.count_slots(str(self.paths["routine-1000"]), "7"),
        }
        return out

    def count_slots(self, routine: str | None, days: str) -> int:
        args = [self.tiptoe, "plan", "--from", FROM, "--days", days, "--json", "--tz", gen.ZONE]
        if routine:
            args += ["--routine", routine]
        plan = subprocess.run(args, capture_output=True, check=True, env=dict(os.environ, **self.env()))
        return len(json.loads(plan.stdout)["slots"])

    def cli(self) -> dict:
        log("command line: cold runs of tiptoe, tiptoe done, tiptoe plan --days 7; the floor; remind -q")
        home = self.work / "cli-home"
        template = self.work / "cli-state-template"
        for path in (home, template):
            shutil.rmtree(path, ignore_errors=True)
        env = self.env(now=CLI_NOW, tz=gen.ZONE, home=home)
        home.mkdir(parents=True)
        state = home / "state"
        history_days = self.history(env)
        if state.exists():
            shutil.copytree(state, template)
        else:
            template.mkdir(parents=True)
        commands = [
            Command("static Swift floor", [str(self.floor)], check=checks.first_line),
            Command("floor, -static-executable", [str(self.floor_static)], check=checks.first_line),
            Command("remind -q", ["remind", "-q", str(self.paths["remind-builtin"])]),
            Command("tiptoe", [self.tiptoe], env=env),
            Command("tiptoe plan --days 7", [self.tiptoe, "plan", "--days", "7"], env=env),
        ]
        # tiptoe's libraries without tiptoe (Sources/tiptoe-floor): what a cold command costs before
        # any of its own work, on the same history.
        floor = self.bin / "tiptoe-floor"
        if floor.exists():
            commands.append(Command("libraries' floor (as bare tiptoe)", [str(floor)], env=env))
        if self.built("done"):
            # The copy is flushed (sync) so that tiptoe's own fsyncs do not pay for it.
            reset = shlex.join(["sh", "-c", f"rm -rf {state} && cp -a {template} {state} && sync"])
            commands.append(Command("tiptoe done", [self.tiptoe, "done"], env=env, prepare=reset))
            if floor.exists():
                commands.append(Command("libraries' floor (as tiptoe done)", [str(floor), "done", "toe-presses"],
                                        env=env, prepare=reset))
            # As while the agent runs: another connection keeps the history open, so no command is the last
            # to close it, and SQLite neither rebuilds the -shm nor empties the WAL. A copy of the history
            # of its own (the runs above replace theirs); `tiptoe undo` takes each run's `done` back.
            held_home = self.work / "cli-home-held"
            shutil.rmtree(held_home, ignore_errors=True)
            shutil.copytree(home, held_home)
            held_env = self.env(now=CLI_NOW, tz=gen.ZONE, home=held_home)
            holder = subprocess.Popen(
                [sys.executable, "-c", HOLD_OPEN, str(held_home / "state" / "tiptoe" / "tiptoe.sqlite")],
                stdin=subprocess.PIPE, stdout=subprocess.PIPE)
            holder.stdout.readline()
            undo = shlex.join([self.tiptoe, "undo"])
            commands.append(Command("tiptoe done, history held open", [self.tiptoe, "done"], env=held_env,
                                    prepare=undo))
        else:
            holder = None
            log("command line: `tiptoe done` is not built yet; skipped")
        budget = Budget(seconds=self.budget.seconds / 4, least=self.budget.least * 5, most=self.budget.most * 5,
                        rounds=self.budget.rounds, warmup=self.budget.warmup)
        try:
            results = self.run(commands, budget)
        finally:
            if holder is not None:
                holder.stdin.close()
                holder.wait()
        return {"results": results, "now": CLI_NOW, "history_days": history_days,
                "history_events": self.history_events}

    def history(self, env: dict[str, str]) -> int:
        """A history like a user's: every slot of the HISTORY_DAYS days before CLI_NOW's date marked done
        (`tiptoe done EXERCISE` two minutes after each slot), when `tiptoe done` exists."""
        self.history_events = 0
        if not self.built("done"):
            return 0
        days = 7 if self.quick else HISTORY_DAYS
        first = (date.fromisoformat(CLI_NOW[:10]) - timedelta(days=days)).isoformat()
        plan = json.loads(subprocess.run([self.tiptoe, "plan", "--from", first, "--days", str(days), "--json"],
                                         env=dict(os.environ, **env), check=True, capture_output=True).stdout)
        log(f"command line: a history of {days} days ({len(plan['slots'])} slots done)")
        for slot in plan["slots"]:
            at = (datetime.fromisoformat(slot["start"]) + timedelta(minutes=2)).isoformat()
            subprocess.run([self.tiptoe, "done", slot["exercise"]], env={**os.environ, **env, "TIPTOE_NOW": at},
                           check=True, capture_output=True)
            self.history_events += 1
        return days

    def stats(self) -> dict:
        """`tiptoe stats` over three years of history for 20 exercises, 3 a day: every slot done, one in ten
        skipped, written straight into the history file (tiptoe creates it; 65,700 `tiptoe done` runs
        would take an hour)."""
        home = self.work / "stats-home"
        shutil.rmtree(home, ignore_errors=True)
        routine = self.work / "routine-stats.toml"
        routine.write_text(gen.routine_text(STATS_EXERCISES, zone="UTC"))
        env = self.env(now=CLI_NOW, tz="UTC", home=home)
        today = date.fromisoformat(CLI_NOW[:10])
        first = (today - timedelta(days=STATS_DAYS)).isoformat()
        run_env = dict(os.environ, **env)
        subprocess.run([self.tiptoe, "done", "exercise-00001", "--routine", str(routine), "--at", f"{first}T12:00:00Z"],
                       env=run_env, check=True, capture_output=True)
        plan = json.loads(subprocess.run([self.tiptoe, "plan", "--routine", str(routine), "--from", first, "--days",
                                          str(STATS_DAYS), "--json"], env=run_env, check=True,
                                         capture_output=True).stdout)["slots"]
        database = sqlite3.connect(home / "state" / "tiptoe" / "tiptoe.sqlite")
        database.execute("DELETE FROM event")
        database.executemany(
            "INSERT INTO event (id, batch, kind, slot, exercise, at, slotStart) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [(n, n, "skipped" if n % 10 == 0 else "done", s["id"], s["exercise"], s["start"][:19] + "Z",
              s["start"][:19] + "Z") for n, s in enumerate(plan, 1)])
        database.commit()
        database.close()
        log(f"stats: a history of {STATS_DAYS} days, {STATS_EXERCISES} exercises ({len(plan):,} events)")
        commands = [
            Command("tiptoe stats", [self.tiptoe, "stats", "--routine", str(routine)], env=env),
            Command("tiptoe stats --json", [self.tiptoe, "stats", "--json", "--routine", str(routine)], env=env),
        ]
        return {"results": self.run(commands), "days": STATS_DAYS, "exercises": STATS_EXERCISES,
                "events": len(plan)}

    def scaling(self) -> dict:
        out = {"plan": {}, "in_process": {}}
        budget = Budget(seconds=self.budget.seconds / 2, least=self.budget.least, most=self.budget.most,
                        rounds=self.budget.rounds, warmup=1)
        for size in SCALING_SIZES:
            log(f"scaling: {size} exercises")
            out["plan"][str(size)] = self.run([
                Command("tiptoe plan --json", [self.tiptoe, "plan", "--from", FROM, "--days", YEAR, "--json",
                                               "--routine", str(self.paths[f"routine-{size}"])], env=self.env(),
                        check=checks.lines_printed),
            ], budget)[0]
            out["in_process"][str(size)] = self.in_process(size)
        return out

    def in_process(self, size: int | None, what: str = "expand") -> dict:
        """tiptoe-bench: the core alone, in one process (no start-up, no printing); `size` None is the
        built-in routine (its source, Config/foot-routine.toml)."""
        bench = self.bin / "tiptoe-bench"
        if not bench.exists():
            return {}
        repeats = "3" if self.quick else "10"
        routine = str(self.paths[f"routine-{size}"]) if size else str(ROOT / "Config" / "foot-routine.toml")
        done = subprocess.run([str(bench), what, routine, gen.ZONE, YEAR, repeats],
                              capture_output=True, text=True)
        if done.returncode != 0:
            return {}
        out = {}
        for line in done.stdout.splitlines():
            match = re.match(r"(.+?): median ([\d.]+) ms \(min ([\d.]+), max ([\d.]+)\) over (\d+) runs; (\d+) items",
                             line)
            if match:
                out[match.group(1)] = {"median_ms": float(match.group(2)), "min_ms": float(match.group(3)),
                                       "max_ms": float(match.group(4)), "runs": int(match.group(5)),
                                       "items": int(match.group(6))}
        return out

    # -- the agent, inside with-desktop ---------------------------------------------------------

    def agent_command(self, out: Path, *args: str) -> list[str]:
        return [str(ROOT / "Tests" / "Integration" / "with-desktop"), sys.executable, str(HERE / "agent_bench.py"),
                self.tiptoe, str(self.work / "agent"), str(out), *args]

    def start_idle(self, seconds: float) -> subprocess.Popen:
        log(f"agent: an idle agent (built-in routine) for {seconds:.0f} s, in the background")
        self.idle_out = self.work / "agent-idle.json"
        self.idle_out.unlink(missing_ok=True)
        self.idle_log = open(self.work / "agent-idle.log", "wb")
        # A session of its own, so that a failure elsewhere can stop the whole desktop (see main).
        return subprocess.Popen(
            self.agent_command(self.idle_out, "idle", str(seconds), "builtin"),
            stdout=self.idle_log, stderr=subprocess.STDOUT, start_new_session=True)

    def memory(self) -> dict:
        """Settled RSS of agents with the built-in routine and 10 … 10,000 exercises, one at a time, before
        anything else runs (other tiptoe processes would share, and so keep, the binary's pages)."""
        log("agent: resident memory, built-in routine and 10 to 10,000 exercises, one agent at a time")
        memory_out = self.work / "agent-memory.json"
        routines = ["builtin"] + [str(self.paths[f"routine-{n}"]) for n in SCALING_SIZES]
        done = subprocess.run(self.agent_command(memory_out, "memory", *routines), capture_output=True, text=True)
        return json.loads(memory_out.read_text()) if done.returncode == 0 else {
            "error": (done.stdout + done.stderr)[-3000:]}

    def agent(self, idle: subprocess.Popen | None, latency_count: int, memory: dict) -> dict:
        out = {"memory": memory}
        log(f"agent: fire latency over {latency_count} slots")
        latency_out = self.work / "agent-latency.json"
        done = subprocess.run(self.agent_command(latency_out, "latency", str(latency_count)),
                              capture_output=True, text=True)
        out["latency"] = json.loads(latency_out.read_text()) if done.returncode == 0 else {
            "error": (done.stdout + done.stderr)[-3000:]}
        if idle is not None:
            log("agent: waiting for the idle measurement to end")
            status = idle.wait()
            self.idle_log.close()
            out["idle"] = json.loads(self.idle_out.read_text()) if status == 0 else {
                "error": Path(self.idle_log.name).read_text(errors="replace")[-3000:]}
        return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--bin", default=os.environ.get("BENCH_BIN", str(ROOT / ".build" / "release")))
    parser.add_argument("--work", default=os.environ.get("BENCH_WORK", str(ROOT / ".build" / "bench")))
    parser.add_argument("--out", default=str(ROOT / "BENCHMARKS.md"))
    parser.add_argument("--quick", action="store_true", default=bool(os.environ.get("BENCH_QUICK")))
    parser.add_argument("--idle-seconds", type=float, default=float(os.environ.get("BENCH_IDLE_SECONDS", "600")))
    parser.add_argument("--latency-slots", type=int, default=int(os.environ.get("BENCH_LATENCY_SLOTS", "20")))
    parser.add_argument("--only", default=os.environ.get("BENCH_ONLY", "expansion,export,cli,stats,scaling,agent"))
    parser.add_argument("--report-only", action="store_true")
    options = parser.parse_args()
    work = Path(options.work)
    results_file = work / "results.json"
    if options.report_only:
        report.write(json.loads(results_file.read_text()), Path(options.out))
        log(f"wrote {options.out} from {results_file}")
        return
    only = set(options.only.split(","))
    bench = Bench(options)
    work.mkdir(parents=True, exist_ok=True)
    started = time.time()
    results = {"machine": machine(), "load_start": load_average(), "started": time.strftime("%Y-%m-%d %H:%M %Z"),
               "quick": options.quick, "idle_seconds": options.idle_seconds, "binary": bench.tiptoe,
               "binary_bytes": Path(bench.tiptoe).stat().st_size, "commit": output_of("git", "-C", str(ROOT),
                                                                                      "rev-parse", "--short", "HEAD")}
    sampler = LoadSampler()
    bench.inputs()
    agent = "agent" in only and bench.built("agent")
    if "agent" in only and not agent:
        log("agent: `tiptoe agent` is not built yet; skipped")
        results["agent"] = {"skipped": "tiptoe agent is not built yet"}
    memory = bench.memory() if agent else None
    idle = bench.start_idle(options.idle_seconds) if agent else None
    try:
        for name in ("expansion", "export", "cli", "stats", "scaling"):
            if name in only:
                results[name] = getattr(bench, name)()
                results_file.write_text(json.dumps(results, indent=1))
        if agent:
            results["agent"] = bench.agent(idle, options.latency_slots, memory)
    finally:
        if idle is not None and idle.poll() is None:
            os.killpg(idle.pid, signal.SIGTERM)
            idle.wait()
    results["load_end"] = load_average()
    results["load_during"] = sampler.finish()
    results["minutes"] = round((time.time() - started) / 60, 1)
    results_file.write_text(json.dumps(results, indent=1))
    report.write(results, Path(options.out))
    log(f"wrote {options.out} and {results_file} in {results['minutes']} min")


if __name__ == "__main__":
    main()
