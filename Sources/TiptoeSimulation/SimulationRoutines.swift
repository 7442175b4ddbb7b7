import TiptoeCore

/// The routines and zones the simulation runs, shared by the tests and `tiptoe-simulate`.
package enum AgentSimulationRoutines {
  /// Every DST rule the simulation crosses: both hemispheres, and Lord Howe's 30-minute shift.
  package static let zones = ["Europe/Berlin", "America/New_York", "Australia/Sydney", "Australia/Lord_Howe"]

  /// A year in Berlin changes the system zone to New York after its own autumn change (and New
  /// York's comes after), then to Sydney.
  package static func zoneChanges(inAYearFrom zone: String) -> [(day: Int, zone: String)] {
    zone == "Europe/Berlin" ? [(day: 300, zone: "America/New_York"), (day: 320, zone: "Australia/Sydney")] : []
  }

  /// The built-in foot routine.
  package static func builtIn() throws -> Routine {
    try RoutineLoader.load(BuiltInRoutine.text, file: "foot-routine.toml")
  }

  /// 30 exercises: every phrase kind, `at` times in the night, weekdays, and two quiet spans.
  package static func mixed() throws -> Routine {
    let phrases = [
      "3 times a day", "twice a day", "once a day", "daily", "every other day", "twice or three times a week",
      "weekly", "4 times per day", "a few times a day", "2-3 times a day",
    ]
    let nights = [["23:30"], ["00:30", "06:00"], ["02:15"], ["12:45", "22:50"], ["05:59", "23:59"]]
    var text = "name = \"Mixed\"\n[day]\nstart = \"07:00\"\nend = \"23:00\"\n"
    text += "quiet = [\"12:30-13:15\", \"22:45-23:40\"]\n"
    for index in 0..<30 {
      text += "[[exercise]]\nid = \"exercise-\(index)\"\ntitle = \"Exercise \(index)\"\nsteps = [\"Move\"]\n"
      if index % 5 == 4 {
        text += "at = [" + nights[index / 5 % nights.count].map { "\"\($0)\"" }.joined(separator: ", ") + "]\n"
      } else {
        text += "every = \"\(phrases[index % phrases.count])\"\n"
      }
      if index % 7 == 3 { text += "days = [\"mon\", \"wed\", \"fri\", \"sun\"]\n" }
    }
    return try RoutineLoader.load(text, file: "mixed.toml")
  }
}
