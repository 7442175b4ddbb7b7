import Foundation
import Testing

@testable import TiptoeCore

struct RoutineLoaderTests {
  @Test func theBuiltInRoutineHasTheFiveSharedExercises() throws {
    let routine = try RoutineLoader.load(BuiltInRoutine.text, file: "foot-routine.toml")
    #expect(
      routine.exercises.map(\.id) == [
        "toe-presses", "toe-walking", "ankle-circles", "resisted-flexion", "toe-pencil-pickups",
      ])
    let presses = try #require(routine.exercise(id: "toe-presses"))
    #expect(presses.reps == 10 && presses.hold == "3s" && presses.sets == 1)
    #expect(presses.timing == .every(Frequency(period: .day, times: 3), phrase: "3 times a day"))
    #expect(routine.exercise(id: "toe-walking")?.rest == "15s")
    #expect(routine.exercise(id: "resisted-flexion")?.scheduleDescription == "2–3× a week")
    #expect(routine.exercises.allSatisfy { !$0.steps.isEmpty })
    #expect(routine.exercises.map { $0.sides ?? 1 } == [1, 1, 2, 1, 2])
    #expect(routine.exercise(id: "toe-pencil-pickups")?.doseDescription == "5 reps · hold 10s · each side")
  }

  /// A once-a-day phrase with `at` picks the days and `at` the times: it is described by its times,
  /// as it is planned ("1× a day at 08:00, 09:00" said one where two are planned).
  @Test(arguments: [
    ("once a day", "[\"08:00\", \"09:00\"]", "daily at 08:00, 09:00"),
    ("daily", "[\"08:00\"]", "daily at 08:00"),
    ("twice a day", "[\"08:00\", \"19:00\"]", "2× a day at 08:00, 19:00"),
  ])
  func aPhraseWithAtIsDescribedAsPlanned(_ phrase: String, _ at: String, _ expected: String) throws {
    let text = "[[exercise]]\nid = \"a\"\ntitle = \"A\"\nevery = \"\(phrase)\"\nat = \(at)\n"
    let exercise = try #require(try RoutineLoader.load(text, file: "test.toml").exercises.first)
    #expect(exercise.scheduleDescription == expected)
  }

  @Test func everyRoutineUnderConfigLoads() throws {
    let config = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Config")
    let files = try FileManager.default.subpathsOfDirectory(atPath: config.path).filter { $0.hasSuffix(".toml") }
    #expect(files.count >= 2)
    for file in files {
      let text = try String(contentsOf: config.appendingPathComponent(file), encoding: .utf8)
      #expect(throws: Never.self, "\(file)") { try RoutineLoader.load(text, file: file) }
    }
  }

  /// A broken file, and the error it must give: (text, expected message).
  static let broken: [(String, String)] = [
    ("name = \"x\"\n[day\nstart = \"08:00\"", "test.toml:2:"),
    (
      "[[exercise]]\nid = \"a\"\ntitle = \"A\"\nevry = \"daily\"",
      "test.toml:4:1: error: unknown key 'evry' in [[exercise]]; did you mean 'every'?"
    ),
    ("[day]\n  strat = \"08:00\"", "test.toml:2:3: error: unknown key 'strat' in [day]; did you mean 'start'?"),
    ("nme = \"x\"", "test.toml:1:1: error: unknown key 'nme' in the routine; did you mean 'name'?"),
    // A key of another table: where it belongs.
    ("timezone = \"Europe/Berlin\"", "test.toml:1:1: error: 'timezone' belongs in [day], not in the routine"),
    ("[day]\nevery = \"daily\"", "test.toml:2:1: error: 'every' belongs in [[exercise]], not in [day]"),
    (
      "[[exercise]]\nid = \"a\"\ntitle = \"A\"\nevery = \"daily\"\nquiet = [\"12:00-13:00\"]",
      "test.toml:5:1: error: 'quiet' belongs in [day], not in [[exercise]]"
    ),
    (
      "[[exercise]]\nid = \"a\"\ntitle = \"A\"\nevery = \"daily\"\n\n[[exercise]]\nid = \"a\"\ntitle = \"B\"\nevery = \"daily\"",
      "test.toml:7:6: error: exercise id 'a' is already used on line 2"
    ),
    (
      "[day]\nstart = \"21:00\"\nend = \"21:00\"",
      "test.toml:3:7: error: the day starts and ends at 21:00 (give it a length; an end before the start, "
        + "\"22:00\" to \"06:00\", crosses midnight)"
    ),
    ("[day]\ntimezone = \"Europe/Berlinn\"", "test.toml:2:12: error: unknown time zone 'Europe/Berlinn'"),
    (
      "[[exercise]]\nid = \"a\"\ntitle = \"A\"\nat = [\"8:30\"]",
      "test.toml:4:7: error: '8:30' is not a valid 'at' time (example: \"08:30\" or \"19:00:30\")"
    ),
    (
      "[[exercise]]\nid = \"a\"\ntitle = \"A\"\nat = [\"24:00\"]",
      "test.toml:4:7: error: '24:00' is not a valid 'at' time"
    ),
    (
      "[[exercise]]\nid = \"a\"\ntitle = \"A\"\nevery = \"sometimes\"",
      "test.toml:4:9: error: unknown frequency \"sometimes\"; did you mean"
    ),
    (
      "[[exercise]]\nid = \"a\"\ntitle = \"A\"\nevery = \"hourly\"\nat = [\"08:00\"]",
      "test.toml:5:6: error: exercise 'a' has an interval in 'every' and times in 'at'; keep one"
    ),
    (
      "[[exercise]]\nid = \"a\"\ntitle = \"A\"\nevery = \"twice a day\"\nat = [\"08:00\"]",
      "test.toml:5:6: error: \"twice a day\" plans 2 a day and 'at' lists 1"
    ),
    (
      "[[exercise]]\nid = \"a\"\ntitle = \"A\"\nevery = \"every weekday\"\ndays = [\"mon\"]",
      "test.toml:5:8: error: \"every weekday\" already names its days"
    ),
    (
      "[[exercise]]\nid = \"a\"\ntitle = \"A\"\nevery = \"once a month\"\ndays = [\"weekends\"]",
      "test.toml:5:8: error: 'days' does not go with \"once a month\""
    ),
    (
      "[[exercise]]\nid = \"a\"\ntitle = \"A\"\nevery = \"30 times a day\"",
      "test.toml:4:9: error: \"30 times a day\": at most 24 a day; for more, use 'every N minutes'"
    ),
    (
      "[[exercise]]\nid = \"a\"\ntitle = \"A\"\nevery = \"at 08:00 and 20:00\"",
      "test.toml:4:9: error: \"at 08:00 and 20:00\": clock times go in 'at': write them as at = [\"08:00\", \"20:00\"]"
    ),
    ("[[exercise]]\nid = \"a\"\ntitle = \"A\"", "test.toml:1:1: error: exercise 'a' needs 'every'"),
    ("[[exercise]]\ntitle = \"A\"\nevery = \"daily\"", "test.toml:1:1: error: [[exercise]] needs 'id'"),
    (
      "[[exercise]]\nid = \"Toe Presses\"\ntitle = \"A\"\nevery = \"daily\"",
      "test.toml:2:6: error: 'Toe Presses' is not a valid id"
    ),
    (
      "[[exercise]]\nid = \"a\"\ntitle = \"A\"\nevery = \"daily\"\nminutes = \"2\"",
      "test.toml:5:11: error: 'minutes' must be a whole number"
    ),
    (
      "[[exercise]]\nid = \"a\"\ntitle = \"A\"\nevery = \"daily\"\nminutes = 99999999999999999999",
      "test.toml:5:11: error: 'minutes' must be a whole number from 1 to 720"
    ),
    (
      "[[exercise]]\nid = \"a\"\ntitle = \"A\"\nevery = \"daily\"\ndays = [\"mon\", \"funday\"]",
      "error: 'funday' is not a valid day"
    ),
    (
      "[day]\nquiet = [\"12:30\"]",
      "test.toml:2:10: error: '12:30' is not a valid quiet span (example: \"12:30-13:30\")"
    ),
    (
      "name = \"x\" # comment\n[day]\nstart = \"08:00\" # \"#\"\nend = 5",
      "test.toml:4:7: error: 'end' must be a time like \"08:30\""
    ),
    ("name = \"x\"", "test.toml:1:1: error: the routine has no exercises"),
    (
      "[[exercise]]\nid = \"a\"\ntitle = \"A\"\nat = [\"08:00\", \"09:00\", \"08:00\"]",
      "test.toml:4:25: error: exercise 'a' lists 08:00 twice in 'at'"
    ),
    ("[[exercise]]\nid = \"a\"\ntitle = \"A\"\nat = []", "test.toml:4:6: error: 'at' must be a list of one or more"),
    (
      "[[exercise]]\nid = \"a\"\ntitle = \"A\"\nevery = \"daily\"\nreps = 0",
      "test.toml:5:8: error: '0' is not a valid 'reps' value (example: a number from 1 to 10000)"
    ),
    (
      "[[exercise]]\nid = \"a\"\ntitle = \"A\"\nevery = \"every other day\"\ndays = [\"mon\"]",
      "test.toml:5:8: error: 'days' does not go with \"every other day\""
    ),
    (
      "[[exercise]]\nid = \"a\"\ntitle = \"A\"\nevery = \"daily\"\nsides = 3",
      "test.toml:5:9: error: '3' is not a valid 'sides' value (example: a number from 1 to 2)"
    ),
    (
      "[[exercise]]\nid = \"a\"\ntitle = \"A\"\nevery = \"3 times a week\"\ndays = [\"mon\", \"thu\"]",
      "test.toml:5:8: error: \"3 times a week\" needs 3 days a week, and 'days' lists 2"
    ),
    (
      "[[exercise]]\nid = \"a\"\ntitle = \"A\"\nevery = \"daily\"\nhold = \"banana\"",
      "test.toml:5:8: error: 'banana' is not a valid 'hold' duration (example: \"3s\" or \"1m30s\")"
    ),
    (
      "[[exercise]]\nid = \"a\"\ntitle = \"A\"\nevery = \"daily\"\nrest = \"-5s\"",
      "test.toml:5:8: error: '-5s' is not a valid 'rest' duration"
    ),
    (
      "[day]\nstart = \"08:00\"\nend = \"08:30\"\n[[exercise]]\nid = \"a\"\ntitle = \"A\"\nevery = \"12 times a day\"",
      "test.toml:7:9: error: \"12 times a day\" does not fit in the waking window 08:00-08:30"
    ),
  ]

  @Test(arguments: broken)
  func brokenFilesNameFileLineAndColumn(_ text: String, _ expected: String) {
    do {
      _ = try RoutineLoader.load(text, file: "test.toml")
      Issue.record("loaded a broken routine")
    } catch {
      let message = error.localizedDescription
      #expect(message.contains(expected), "\(message)")
    }
  }

  /// With `at`, the phrase picks the days and `at` the times; `days = ["weekdays"]` names a group.
  @Test func aPhraseWithAtAndDayGroups() throws {
    let loaded = try routine(
      """
      [[exercise]]
      id = "gym"
      title = "Gym"
      every = "3 times a week"
      at = ["18:30"]
      [[exercise]]
      id = "drops"
      title = "Eye drops"
      every = "daily"
      at = ["09:00", "13:00", "21:00"]
      [[exercise]]
      id = "pill"
      title = "Pill"
      every = "morning and evening"
      at = ["07:15", "22:00"]
      days = ["weekdays"]
      """)
    let planner = Planner(routine: loaded, timeZone: zone("UTC"))
    let week = Array(planner.slots(from: date("2026-11-23"), days: 7))
    let gym = week.filter { $0.exercise == "gym" }
    #expect(gym.map(\.date.weekday) == [.monday, .wednesday, .friday])
    #expect(gym.allSatisfy { $0.time.description == "18:30" })
    let pill = week.filter { $0.exercise == "pill" }
    #expect(pill.count == 10 && Set(pill.map(\.time.description)) == ["07:15", "22:00"])
    #expect(!pill.contains { $0.date.weekday == .saturday || $0.date.weekday == .sunday })
    #expect(week.filter { $0.exercise == "drops" }.count == 21)
  }

  /// A routine file past the size limit is refused as such, naming the file.
  @Test func aRoutineLargerThanTheLimitIsRefused() {
    let text = "name = \"x\"\n" + String(repeating: "# padding\n", count: RoutineLoader.maximumBytes / 10)
    #expect(throws: CoreError.tooLarge(file: "big.toml", bytes: text.utf8.count)) {
      try RoutineLoader.load(text, file: "big.toml")
    }
    #expect(
      CoreError.tooLarge(file: "big.toml", bytes: text.utf8.count).localizedDescription.hasPrefix(
        "big.toml: error: a routine file may be at most 4 MiB (4194304 bytes); this one has "))
  }
}
