// swift-tools-version:6.0
import PackageDescription

let package = Package(
  name: "tiptoe",
  platforms: [.macOS(.v13)],
  products: [
    .executable(name: "tiptoe", targets: ["tiptoe"]),
    .executable(name: "tiptoe-agent", targets: ["tiptoe-agent"]),
    .library(name: "TiptoeCore", targets: ["TiptoeCore"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.0"),
    .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
  ],
  targets: [
    // Pure core: routine model, phrase parser, scheduling engine, iCalendar writer.
    .target(
      name: "TiptoeCore",
      resources: [.embedInCode("Resources/foot-routine.toml")]
    ),
    // The history: an append-only event log in SQLite.
    .target(
      name: "TiptoeStore",
      dependencies: [
        "TiptoeCore", .product(name: "GRDB", package: "GRDB.swift"),
        .product(name: "GRDBSQLite", package: "GRDB.swift"),
      ]
    ),
    .systemLibrary(
      name: "CLibnotify",
      pkgConfig: "libnotify",
      providers: [.apt(["libnotify-dev"])]
    ),
    // GDBus, for the agent's presence monitor (screen lock, idle, do-not-disturb).
    .systemLibrary(name: "CGio", pkgConfig: "gio-2.0", providers: [.apt(["libglib2.0-dev"])]),
    // Linux system calls the agent and the command line need: timerfd, inotify, fcntl locks.
    .target(name: "CLinux"),
    .target(name: "TiptoeNotify", dependencies: ["CLibnotify"]),
    // What the command line knows of the agent without GLib: its files, its systemd unit, its settings.
    .target(name: "TiptoeService", dependencies: ["TiptoeCore", "CLinux"]),
    // The GLib main loop that fires reminders.
    .target(
      name: "TiptoeAgent",
      dependencies: [
        "TiptoeCore", "TiptoeStore", "TiptoeService", "TiptoeNotify", "CLinux", "CLibnotify", "CGio",
      ]
    ),
    // CalDAV sync (`tiptoe sync`): HTTP through FoundationNetworking, XML through FoundationXML. Linked
    // only into tiptoe-agent, like the agent, so the plain command line loads neither.
    .target(name: "TiptoeSync", dependencies: ["TiptoeCore", "TiptoeStore"]),
    // Every command; the two executables below differ only in whether they can run the agent.
    .target(
      name: "TiptoeCommands",
      dependencies: [
        "TiptoeCore", "TiptoeStore", "TiptoeService",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ],
      // The example routines `tiptoe init --example` writes, from Config/examples/.
      resources: [
        .embedInCode("Resources/desk-break.toml"), .embedInCode("Resources/medication.toml"),
        .embedInCode("Resources/seed-004-stretches.toml"),
      ]
    ),
    // The command line. It does not link GLib or libnotify, so it starts in a fraction of the time;
    // `tiptoe agent` hands over to tiptoe-agent.
    .executableTarget(
      name: "tiptoe", dependencies: ["TiptoeCommands"],
      linkerSettings: [.unsafeFlags(["-static-executable"], .when(configuration: .release))]),
    .executableTarget(name: "tiptoe-agent", dependencies: ["TiptoeCommands", "TiptoeAgent", "TiptoeSync"]),
    // In-process timings for `make bench`.
    .executableTarget(name: "tiptoe-bench", dependencies: ["TiptoeCore", "TiptoeStore"]),
    // The floor under the cold commands for `make bench`: tiptoe's libraries, none of its code.
    .executableTarget(
      name: "tiptoe-floor",
      dependencies: [
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
        .product(name: "GRDB", package: "GRDB.swift"),
      ],
      linkerSettings: [.unsafeFlags(["-static-executable"], .when(configuration: .release))]),
    // The agent driven through simulated years (a virtual clock, a recording notifier, a real
    // SQLite file), with the invariants checked after every step: for the tests and `tiptoe-simulate`.
    .target(
      name: "TiptoeSimulation",
      dependencies: [
        "TiptoeAgent", "TiptoeCore", "TiptoeStore", "TiptoeService", "TiptoeNotify",
        .product(name: "GRDB", package: "GRDB.swift"),
      ]),
    // Simulated years of the agent, built in release for `make test` and `make soak`.
    .executableTarget(
      name: "tiptoe-simulate",
      dependencies: [
        "TiptoeSimulation", "TiptoeCore", .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]),
    .testTarget(name: "TiptoeCoreTests", dependencies: ["TiptoeCore"]),
    .testTarget(name: "TiptoeStoreTests", dependencies: ["TiptoeStore"]),
    .testTarget(
      name: "TiptoeAgentTests",
      dependencies: ["TiptoeAgent", "TiptoeSimulation", .product(name: "GRDB", package: "GRDB.swift")]),
    .testTarget(name: "TiptoeServiceTests", dependencies: ["TiptoeService"]),
    .testTarget(name: "TiptoeNotifyTests", dependencies: ["TiptoeNotify"]),
    .testTarget(name: "TiptoeCommandsTests", dependencies: ["TiptoeCommands"]),
    .testTarget(name: "TiptoeSyncTests", dependencies: ["TiptoeSync"]),
  ]
)
