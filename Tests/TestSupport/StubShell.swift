import Foundation

/// Runs generated shell commands with every program on PATH replaced by a stub that records
/// its arguments, so a test sees exactly what each program would have received, and whether a
/// value smuggled in a command of its own (every hostile fixture calls `pwned`).
public final class StubShell {
    public struct Invocation: Equatable, Sendable {
        public var program: String
        public var arguments: [String]

        public init(program: String, arguments: [String]) {
            self.program = program
            self.arguments = arguments
        }
    }

    public let directory: URL
    let records: URL

    /// `programs`: the stubs to create (`pwned` is always added). `jq` prints one queue id so
    /// loops over the queue run their body once.
    public init(programs: Set<String>) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("relay-audit-stubs-\(UUID().uuidString)")
        let bin = directory.appendingPathComponent("bin")
        records = directory.appendingPathComponent("records")
        try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: records, withIntermediateDirectories: true)
        for program in programs.union(["pwned"]) {
            let output = program == "jq" ? "printf 'QID1\\n'\n" : ""
            // One file per invocation: the stages of a pipeline run at once and would interleave.
            let script = """
                #!/bin/sh
                printf '%s\\0' "${0##*/}" "$@" > '\(records.path)'/$$
                \(output)exit 0

                """
            let path = bin.appendingPathComponent(program).path
            try script.write(toFile: path, atomically: true, encoding: .utf8)
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path)
        }
    }

    deinit { try? FileManager.default.removeItem(at: directory) }

    /// Runs `script` with bash, PATH holding only the stubs and `printf` not a builtin (so its
    /// arguments are recorded too). Returns bash's result and what the stubs recorded, sorted
    /// (the order of a pipeline's stages is not defined).
    public func run(_ script: String) throws -> (result: CommandResult, invocations: [Invocation]) {
        let result = try CommandRunner.run(["--noprofile", "--norc", "-c", "enable -n printf; cd '\(directory.path)' && " + script],
                                           environment: ["PATH": directory.appendingPathComponent("bin").path, "HOME": directory.path, "BASH_ENV": nil],
                                           executable: "/bin/bash")
        var invocations: [Invocation] = []
        for file in try FileManager.default.contentsOfDirectory(at: records, includingPropertiesForKeys: nil) {
            var fields = try Data(contentsOf: file).split(separator: 0, omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
            fields.removeLast()  // after the last NUL
            invocations.append(Invocation(program: fields[0], arguments: Array(fields.dropFirst())))
            try FileManager.default.removeItem(at: file)
        }
        return (result, Self.sorted(invocations))
    }

    public static func sorted(_ invocations: [Invocation]) -> [Invocation] {
        invocations.sorted { ([$0.program] + $0.arguments).lexicographicallyPrecedes([$1.program] + $1.arguments) }
    }
}
