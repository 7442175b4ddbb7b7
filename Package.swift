// swift-tools-version:6.0
import PackageDescription

let package = Package(
  name: "tiptoe",
  platforms: [.macOS(.v13)],
  products: [
    .executable(name: "tiptoe", targets: ["tiptoe"]),
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
      dependencies: ["TiptoeCore", .product(name: "GRDB", package: "GRDB.swift")]
    ),
    .systemLibrary(
      name: "CLibnotify",
      pkgConfig: "libnotify",
      providers: [.apt(["libnotify-dev"])]
    ),
    // timerfd and other small Linux helpers the agent needs.
    .target(name: "CTimer"),
    .target(name: "TiptoeNotify", dependencies: ["CLibnotify"]),
    .target(
      name: "TiptoeAgent",
      dependencies: ["TiptoeCore", "TiptoeStore", "TiptoeNotify", "CTimer", "CLibnotify"]
    ),
    .executableTarget(
      name: "tiptoe",
      dependencies: [
        "TiptoeCore", "TiptoeStore", "TiptoeAgent",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),
    // In-process timings for `make bench`.
    .executableTarget(name: "tiptoe-bench", dependencies: ["TiptoeCore"]),
    .testTarget(name: "TiptoeCoreTests", dependencies: ["TiptoeCore"]),
    .testTarget(name: "TiptoeStoreTests", dependencies: ["TiptoeStore"]),
    .testTarget(name: "TiptoeAgentTests", dependencies: ["TiptoeAgent"]),
    .testTarget(name: "TiptoeNotifyTests", dependencies: ["TiptoeNotify"]),
  ]
)
