import ArgumentParser
import TiptoeCore

/// `--json`, shared by the commands that print data.
struct OutputOptions: ParsableArguments {
  @Flag(name: .long, help: "Print JSON instead of text for people.")
  var json = false
}

/// A date argument, `YYYY-MM-DD`.
extension LocalDate: ExpressibleByArgument {
  public init?(argument: String) { self.init(iso: argument) }
  public static var defaultCompletionKind: CompletionKind { .default }
}
