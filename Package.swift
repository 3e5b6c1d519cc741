// swift-tools-version:6.0
//
// relay-audit: audits a directory and mail logs the morning after a mail server was
// used to relay spam through SMTP AUTH, and writes an ordered lockdown plan.
//
// The library is split along the pipeline: file input (FileInput), the mail-log readers
// (MailLogs), the log analysis and its detectors (LogAnalysis), pure directory logic (Directory),
// the I/O edge that reads a live directory or an LDIF export (DirectoryReader, the only user of
// the C binding CLDAP), the checker, the advisor, the policy, shared primitives (RelayAuditCore),
// the renderers (Reports) and the whole audit as one call (Pipeline). The executable
// `relay-audit` is a thin ArgumentParser layer over them.
//
// Platforms: Linux only (Debian 12 is what CI runs). The code uses glibc (memmem, memrchr,
// explicit_bzero, prctl) and links Debian's libldap, libsasl2, zlib, libcrypto and libxcrypt;
// SwiftPM has no way to declare "Linux only", and the macOS line below is only the minimum
// Foundation needs to type-check: macOS is not built or tested.

import PackageDescription

/// Tests/Fuzz/run-fuzzers.sh sets RELAY_AUDIT_FUZZ=1: the library targets are then compiled
/// with libFuzzer's coverage instrumentation and the fuzz targets at the end are added.
let fuzzing = Context.environment["RELAY_AUDIT_FUZZ"] != nil

/// Settings shared by every Swift target: Swift 6 mode is the package default;
/// these upcoming features keep imports and existentials explicit.
let strictSwift: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
    .enableUpcomingFeature("MemberImportVisibility"),
] + (fuzzing ? [.unsafeFlags(["-sanitize=fuzzer", "-O"])] : [])

/// Tests and their helpers import publicly (a test support module re-exports fixture types).
let testSwift: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
]

/// The targets the log readers need, and their tests: `RELAY_AUDIT_TESTS=logs swift test`
/// builds only these (no libldap, libcrypt, Yams or plugins), for a quick loop on one parser.
let logTargets: [Target] = [
    // glibc's memmem/memrchr for the log parsers (GNU extensions Swift's Glibc hides).
    .target(name: "CByteSearch"),
    // System zlib for rotated .gz logs.
    .target(name: "CZlib", linkerSettings: [.linkedLibrary("z")]),
    // Primitives every stage shares: severities, findings, time, escaping, diagnostics.
    .target(name: "RelayAuditCore", swiftSettings: strictSwift),
    // Reading input files in large chunks: plain files, .gz and stdin.
    .target(name: "FileInput", dependencies: ["CByteSearch", "CZlib", "RelayAuditCore"], swiftSettings: strictSwift),
    // Mail logs: line decoding, one reader per format, message joins, normalized events.
    .target(name: "MailLogs", dependencies: ["CByteSearch", "FileInput", "RelayAuditCore"], swiftSettings: strictSwift),
    // Test helpers the log tests need (fixture paths, the log harness, the command runner).
    .target(name: "LogTestSupport", dependencies: ["MailLogs", "RelayAuditCore"], path: "Tests/LogTestSupport", swiftSettings: testSwift),
    .testTarget(name: "FileInputTests", dependencies: ["FileInput", "LogTestSupport"], swiftSettings: testSwift),
    .testTarget(name: "MailLogsTests", dependencies: ["MailLogs", "RelayAuditCore", "LogTestSupport"], swiftSettings: testSwift),
]

let package = Package(
    name: "relay-audit",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "relay-audit", targets: ["RelayAuditCLI"]),
        .executable(name: "relay-audit-bench", targets: ["RelayAuditBench"]),
        .library(name: "RelayAuditKit", targets: ["RelayAuditCore", "Policy", "Directory", "Reports", "Pipeline"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    ],
    targets: logTargets + [
        // The C boundary: <ldap.h>/<lber.h> and the few helpers Swift cannot express.
        .target(
            name: "CLDAP",
            linkerSettings: [.linkedLibrary("ldap"), .linkedLibrary("lber")]
        ),
        // The policy (thresholds, rule severities, privileged groups) loaded from YAML.
        .target(
            name: "Policy",
            dependencies: ["RelayAuditCore", .product(name: "Yams", package: "Yams")],
            swiftSettings: strictSwift,
            plugins: ["EmbedPolicies"]
        ),
        // Pure directory logic: LDIF, entry → account mapping per directory kind, hygiene rules.
        .target(name: "Directory", dependencies: ["RelayAuditCore", "Policy"], swiftSettings: strictSwift),
        // System password hashing (libcrypto digests, libxcrypt crypt) for --weak-passwords.
        .target(name: "CPasswordHash", linkerSettings: [.linkedLibrary("crypto"), .linkedLibrary("crypt")]),
        // The opt-in check of readable password hashes against a word list the user supplies.
        .target(name: "PasswordCheck", dependencies: ["CPasswordHash", "Directory", "RelayAuditCore"], swiftSettings: strictSwift),
        // Per-account and per-address activity from log events, and the signals that judge them.
        .target(name: "LogAnalysis", dependencies: ["MailLogs", "Policy", "RelayAuditCore"], swiftSettings: strictSwift),
        // The checker: log accounts joined to directory accounts, correlation rules, verdicts.
        .target(
            name: "Checker",
            dependencies: ["Directory", "LogAnalysis", "MailLogs", "Policy", "RelayAuditCore"],
            swiftSettings: strictSwift
        ),
        // The advisor: the ordered lockdown plan with commands from Policies/commands.yaml.
        .target(
            name: "Advisor",
            dependencies: ["Checker", "Directory", "LogAnalysis", "MailLogs", "Policy", "RelayAuditCore"],
            swiftSettings: strictSwift
        ),
        // The I/O edge of the directory stage: a live LDAP directory (the only Swift module that
        // touches libldap pointers) or an LDIF export, fed into Directory's snapshot builder.
        .target(
            name: "DirectoryReader",
            dependencies: ["CLDAP", "Directory", "FileInput", "RelayAuditCore"],
            swiftSettings: strictSwift
        ),
        // Renderers behind one protocol: text, JSON, Markdown, HTML.
        .target(
            name: "Reports",
            dependencies: ["RelayAuditCore", "Advisor", "Checker", "Directory", "LogAnalysis", "MailLogs", "Policy"],
            exclude: ["Schema"],
            swiftSettings: strictSwift,
            plugins: ["EmbedPolicies"]
        ),
        // The audit as a library (logs, directory, checker, advisor, report): what the CLI
        // calls, and what tests run in-process.
        .target(
            name: "Pipeline",
            dependencies: ["Advisor", "Checker", "Directory", "LogAnalysis", "MailLogs", "Policy", "RelayAuditCore", "Reports"],
            swiftSettings: strictSwift
        ),
        .executableTarget(
            name: "RelayAuditCLI",
            dependencies: [
                "RelayAuditCore", "Policy", "Advisor", "Directory", "DirectoryReader", "MailLogs", "PasswordCheck", "Pipeline",
                "Reports", .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strictSwift,
            plugins: ["BuildInfoPlugin"]
        ),

        // `relay-audit-bench`: speed and memory of `relay-audit logs` next to grep, zcat and
        // pflogsumm on the same file (release build; README, "Performance").
        .executableTarget(name: "RelayAuditBench", dependencies: ["Directory"], path: "Sources/RelayAuditBench",
                         swiftSettings: [.swiftLanguageMode(.v6)]),

        // Build-time embedding of Policies/*.yaml into the Policy module, so the binary
        // carries the defaults while Policies/ stays the one editable source.
        .executableTarget(name: "policy-embedder", path: "Sources/PolicyEmbedder"),
        // The commit the binary is built from, read from git's files at build time (--version).
        .executableTarget(name: "build-info-writer", path: "Sources/BuildInfoWriter"),
        .plugin(name: "BuildInfoPlugin", capability: .buildTool(), dependencies: ["build-info-writer"], path: "Sources/BuildInfoPlugin"),
        .plugin(
            name: "EmbedPolicies",
            capability: .buildTool(),
            dependencies: ["policy-embedder"],
            path: "Sources/EmbedPoliciesPlugin"
        ),

        .target(
            name: "TestSupport",
            dependencies: ["LogTestSupport", "RelayAuditCore", "CZlib", "Checker", "Directory", "LogAnalysis", "MailLogs", "Policy"],
            path: "Tests/TestSupport",
            swiftSettings: testSwift
        ),
        .testTarget(name: "RelayAuditCoreTests", dependencies: ["RelayAuditCore", "TestSupport"], swiftSettings: testSwift),
        .testTarget(
            name: "AdvisorTests",
            dependencies: ["Advisor", "Checker", "Directory", "LogAnalysis", "MailLogs", "Policy", "RelayAuditCore", "TestSupport"],
            swiftSettings: testSwift
        ),
        .testTarget(
            name: "CheckerTests",
            dependencies: ["Checker", "Directory", "LogAnalysis", "MailLogs", "Policy", "RelayAuditCore", "TestSupport"],
            swiftSettings: testSwift
        ),
        .testTarget(
            name: "LogAnalysisTests",
            dependencies: ["LogAnalysis", "MailLogs", "Policy", "TestSupport"],
            swiftSettings: testSwift
        ),
        .testTarget(name: "PolicyTests", dependencies: ["Policy", "RelayAuditCore", "TestSupport"], swiftSettings: testSwift),
        .testTarget(
            name: "DirectoryTests",
            dependencies: ["Directory", "Policy", "RelayAuditCore", "TestSupport"],
            swiftSettings: testSwift
        ),
        .testTarget(
            name: "ReportsTests",
            dependencies: ["Reports", "Advisor", "Checker", "Directory", "LogAnalysis", "MailLogs", "Policy", "TestSupport"],
            swiftSettings: testSwift
        ),
        .testTarget(name: "PasswordCheckTests", dependencies: ["PasswordCheck", "Directory"], swiftSettings: testSwift),
        .testTarget(
            name: "DirectoryReaderTests",
            dependencies: ["DirectoryReader", "Directory", "TestSupport"],
            swiftSettings: testSwift
        ),
        // End-to-end: runs the built `relay-audit` against the live Samba AD DC and slapd
        // fixtures that `Tests/Scripts/with-fixtures.sh` starts.
        .testTarget(
            name: "IntegrationTests",
            dependencies: ["TestSupport", "Advisor", "Directory", "DirectoryReader", "MailLogs", "Pipeline", "Policy", "RelayAuditCore", "Reports"],
            swiftSettings: testSwift
        ),
    ]
)

// `RELAY_AUDIT_TESTS=logs`: only the log readers and their tests.
if Context.environment["RELAY_AUDIT_TESTS"] == "logs" {
    package.products = []
    package.dependencies = []
    package.targets = logTargets
}

// Fuzz targets (libFuzzer), only when Tests/Fuzz/run-fuzzers.sh builds them with
// RELAY_AUDIT_FUZZ=1 and -sanitize=fuzzer: they need libFuzzer's driver to link.
if fuzzing {
    let fuzzSettings: [SwiftSetting] = [.unsafeFlags(["-parse-as-library", "-sanitize=fuzzer", "-O"])]
    let fuzzLink: [LinkerSetting] = [.unsafeFlags(["-sanitize=fuzzer"])]
    package.targets += [
        .target(name: "FuzzSupport", path: "Tests/Fuzz/FuzzSupport", swiftSettings: [.swiftLanguageMode(.v6)]),
        .executableTarget(name: "FuzzLogs", dependencies: ["FuzzSupport", "MailLogs", "LogAnalysis", "Policy", "Reports"],
                          path: "Tests/Fuzz/FuzzLogs", swiftSettings: fuzzSettings, linkerSettings: fuzzLink),
        .executableTarget(name: "FuzzLDIF", dependencies: ["FuzzSupport", "Directory", "Policy", "Reports"],
                          path: "Tests/Fuzz/FuzzLDIF", swiftSettings: fuzzSettings, linkerSettings: fuzzLink),
        .executableTarget(name: "FuzzEVTX", dependencies: ["FuzzSupport", "MailLogs"],
                          path: "Tests/Fuzz/FuzzEVTX", swiftSettings: fuzzSettings, linkerSettings: fuzzLink),
        .executableTarget(name: "FuzzPolicy", dependencies: ["FuzzSupport", "Policy", "Advisor"],
                          path: "Tests/Fuzz/FuzzPolicy", swiftSettings: fuzzSettings, linkerSettings: fuzzLink),
    ]
}
