import Foundation

/// Something in a routine that loads but likely does not do what its writer meant, and where it is.
public struct RoutineWarning: Hashable, Sendable, CustomStringConvertible {
  public let location: SourceLocation
  public let message: String

  public var description: String { "\(location): warning: \(message)" }
}

extension RoutineLoader {
  /// What `tiptoe routine --check` warns about in a valid routine: slots inside a quiet span (they all
  /// wait for its end), `at` times outside the waking window, and two slots of one exercise on the same
  /// minute on a spring-forward day in the year from `from` in `timeZone` (a dose taken twice).
  public static func warnings(
    in text: String, file: String, routine: Routine, timeZone: TimeZone, from: LocalDate
  ) -> [RoutineWarning] {
    guard let root = try? TOMLParser.parse(text), case .array(let entries)? = root["exercise"]?.value else {
      return []
    }
    let planner = Planner(routine: routine, timeZone: timeZone)
    let doubled = sameMinuteSlots(planner, from: from)
    let groups = routine.windowGroups
    var warnings: [RoutineWarning] = []
    for (index, exercise) in routine.exercises.enumerated() where index < entries.count {
      guard case .table(let table) = entries[index].value else { continue }
      let timing = SourceLocation(file: file, (table["every"] ?? table["at"] ?? entries[index]).position)
      // The spans of each set of days that shares them (`[day.weekend] quiet`), against their times.
      let quietDays = routine.quietGroups
      for (spans, days) in quietDays {
        let planned = days.filter { exercise.weekdays?.contains($0) ?? true }
        let times = Set(planned.flatMap { planner.patterns[index].timesByWeekday[$0.index] }.map(\.time)).sorted()
        for span in spans {
          let inside = times.filter(span.contains)
          guard !inside.isEmpty else { continue }
          let list = inside.map(\.description).joined(separator: ", ")
          let on = quietDays.count > 1 ? " on \(Weekday.names(days))" : ""
          let message = "'\(exercise.id)' has slots inside the quiet span \(span)\(on) (\(list)); they wait for its end"
          warnings.append(RoutineWarning(location: timing, message: message))
        }
      }
      if case .array(let elements)? = table["at"]?.value {
        for element in elements {
          guard case .string(let text) = element.value, let time = LocalTime(parsing: text),
            let outside = groups.first(where: { group in
              !group.window.contains(time) && group.days.contains { exercise.weekdays?.contains($0) ?? true }
            })?.window
          else { continue }
          let message = "'\(exercise.id)' at \(time) is outside the waking window \(outside.start)-\(outside.end)"
          warnings.append(RoutineWarning(location: SourceLocation(file: file, element.position), message: message))
        }
      }
      if let (first, second) = doubled[index] {
        let message =
          "'\(exercise.id)': on \(first.date) the clocks go forward and its \(first.time) and \(second.time) "
          + "slots fall on the same minute (\(ISO8601.format(second.start, utcOffset: second.utcOffset)))"
        warnings.append(RoutineWarning(location: timing, message: message))
      }
    }
    return warnings
  }

  /// Per exercise, the first two of its slots that start on the same minute, in the year from `from`.
  static func sameMinuteSlots(_ planner: Planner, from: LocalDate) -> [Int: (Slot, Slot)] {
    var found: [Int: (Slot, Slot)] = [:]
    var previous: [Int: Slot] = [:]
    for slot in planner.slots(from: from, days: 366) where found[slot.exerciseIndex] == nil {
      if let last = previous[slot.exerciseIndex],
        Int(last.start.timeIntervalSince1970) / 60 == Int(slot.start.timeIntervalSince1970) / 60,
        last.time.secondsOfDay / 60 != slot.time.secondsOfDay / 60
      {
        found[slot.exerciseIndex] = (last, slot)
      }
      previous[slot.exerciseIndex] = slot
    }
    return found
  }
}
