import CLinux
import Foundation
import TiptoeService

/// An absolute wall-clock timer (a CLOCK_REALTIME timerfd with TFD_TIMER_CANCEL_ON_SET) on the
/// main loop: it fires once at the instant it is armed for, after a suspend as soon as the machine
/// wakes, and reports a change of the clock instead when the clock is set.
final class WakeTimer {
  enum Event {
    /// The armed instant was reached.
    case expired
    /// The wall clock was set (by hand, NTP, or on resume): times must be worked out again.
    case clockChanged
  }

  private let fd: Int32
  private unowned let loop: MainLoop
  private var source: UInt32 = 0

  init(loop: MainLoop, handler: @escaping (Event) -> Void) throws {
    fd = clinux_timer_create()
    guard fd >= 0 else { throw AgentError.system(call: "timerfd_create", errno: errno) }
    self.loop = loop
    source = loop.watch(fd: fd) { [unowned self] in
      switch clinux_timer_read(fd) {
      case CLINUX_TIMER_EXPIRED:
        handler(.expired)
      case CLINUX_TIMER_CLOCK_CHANGED:
        handler(.clockChanged)
      default:
        break
      }
    }
  }

  deinit {
    loop.remove(source)
    close(fd)
  }

  /// Fires at `instant` (at once when it has passed); disarmed when nil.
  func arm(at instant: Date?) throws {
    guard let instant else {
      guard clinux_timer_disarm(fd) == 0 else { throw AgentError.system(call: "timerfd_settime", errno: errno) }
      return
    }
    let time = instant.timeIntervalSince1970
    let seconds = time.rounded(.down)
    let nanoseconds = Int32(min(999_999_999, max(0, ((time - seconds) * 1e9).rounded())))
    guard clinux_timer_arm_at(fd, Int64(seconds), nanoseconds) == 0 else {
      throw AgentError.system(call: "timerfd_settime", errno: errno)
    }
  }
}
