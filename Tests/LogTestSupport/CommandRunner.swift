import Foundation

/// Runs the built `relay-audit` (or any program) and captures what it printed.
public struct CommandResult: Sendable {
    public var status: Int32
    public var stdout: String
    public var stderr: String

    /// stdout parsed as JSON.
    public func json() throws -> [String: Any] {
        guard let object = try JSONSerialization.jsonObject(with: Data(stdout.utf8)) as? [String: Any] else {
            throw CocoaError(.coderReadCorrupt)
        }
        return object
    }
}

public enum CommandRunner {
    /// The `relay-audit` binary built with the tests (next to the test bundle), if it was:
    /// a log-only build (`RELAY_AUDIT_TESTS=logs`) has none.
    public static let builtRelayAudit: String? = {
        var url = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        for _ in 0..<4 {
            url.deleteLastPathComponent()
            let candidate = url.appendingPathComponent("relay-audit").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }()

    /// Why a test that runs the command is skipped in a log-only build.
    public static let needsBinary = "needs the relay-audit binary: a full build (not RELAY_AUDIT_TESTS=logs)"

    /// The `relay-audit` binary next to the test bundle in the build folder.
    public static var relayAudit: String {
        builtRelayAudit ?? Fixtures.repository.appendingPathComponent(".build/debug/relay-audit").path
    }

    /// Runs `relay-audit ARGS`, with `environment` added to (or, for nil values, removed from) ours.
    public static func run(_ arguments: [String], environment: [String: String?] = [:], stdin: Data? = nil,
                           executable: String = relayAudit, arguments0: String? = nil) throws -> CommandResult {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = (arguments0.map { [$0] } ?? []) + arguments
        var env = ProcessInfo.processInfo.environment
        env["NO_COLOR"] = "1"
        for (key, value) in environment { env[key] = value }
        process.environment = env
        let out = Pipe(), err = Pipe(), input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(stdin) }
        try input.fileHandleForWriting.close()
        // Read both pipes concurrently so a large report cannot fill one and block the child.
        let errData = LockedData()
        let errRead = DispatchSemaphore(value: 0)
        let reader = Thread {
            errData.set(err.fileHandleForReading.readDataToEndOfFile())
            errRead.signal()
        }
        reader.start()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        errRead.wait()
        return CommandResult(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                             stderr: String(decoding: errData.value, as: UTF8.self))
    }
}

/// A value written once by another thread.
final class LockedData: @unchecked Sendable {
    private let lock = NSLock()
    private var data = Data()
    func set(_ value: Data) { lock.lock(); data = value; lock.unlock() }
    var value: Data { lock.lock(); defer { lock.unlock() }; return data }
}
