import Foundation

extension PauseState {
  /// The earliest instant at or after `instant` at which a reminder may show; nil while paused for good.
  public func release(_ instant: Date) -> Date? {
    switch self {
    case .running: instant
    case .paused(let until): until.map { max($0, instant) }
    }
  }
}
