import ArgumentParser
import Foundation
import TiptoeCore

/// Maps errors to the contract's exit codes: 64 usage, 65 bad data, 74 I/O, 1 otherwise.
enum ExitStatus {
  static let usage: Int32 = 64
  static let dataError: Int32 = 65
  static let ioError: Int32 = 74

  /// Prints `error` to stderr and exits with its code; ArgumentParser's own errors go through it.
  static func fail(_ error: Error) -> Never {
    if let error = error as? CLIError {
      Terminal.error(error.message)
      exit(error.code)
    }
    if let error = error as? CoreError {
      Terminal.error(error.localizedDescription)
      switch error {
      case .badDuration, .durationOutOfRange, .badDate: exit(usage)
      default: exit(dataError)
      }
    }
    if let error = error as? any ExitStatusError {
      Terminal.error(error.localizedDescription)
      exit(error.exitStatus)
    }
    // ArgumentParser's own: help and --version (exit 0, to stdout), and usage errors, which get the
    // same "tiptoe: error:" opening as every other error, followed by its usage lines.
    let code = Tiptoe.exitCode(for: error)
    let message = Tiptoe.fullMessage(for: error)
    guard code != .success, message.hasPrefix("Error: ") else { Tiptoe.exit(withError: error) }
    FileHandle.standardError.write(Data(("tiptoe: error: " + message.dropFirst(7) + "\n").utf8))
    exit(code.rawValue)
  }
}

/// An error the command line itself reports: a message and an exit code.
struct CLIError: Error {
  let message: String
  let code: Int32

  static func usage(_ message: String) -> CLIError { CLIError(message: message, code: ExitStatus.usage) }
  static func io(_ message: String) -> CLIError { CLIError(message: message, code: ExitStatus.ioError) }
}
