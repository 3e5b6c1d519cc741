#if canImport(Glibc)
import Glibc
#endif
import Foundation
import MailLogs
import RelayAuditCore

/// The progress line a long log read draws on stderr when stderr is a terminal: bytes, lines,
/// lines per second and, when every input is a plain file, how far and how long to go. Silent
/// otherwise (a pipe, a file, CI). Redrawn at most twice a second, erased at the end.
final class ProgressLine: LogReadProgress {
    private let start = DispatchTime.now().uptimeNanoseconds
    private var lastDraw: UInt64 = 0
    private let interval: UInt64
    private var drawn = false

    /// A progress line when stderr is a terminal; nil otherwise. RELAY_AUDIT_PROGRESS_INTERVAL
    /// (seconds) changes the redraw interval, for tests.
    static func forStandardError() -> ProgressLine? {
        guard Console.isTerminal(2) else { return nil }
        let seconds = ProcessInfo.processInfo.environment["RELAY_AUDIT_PROGRESS_INTERVAL"].flatMap(Double.init) ?? 0.5
        return ProgressLine(interval: UInt64(max(0, seconds) * 1e9))
    }

    init(interval: UInt64) { self.interval = interval }

    func update(bytesDone: Int64, bytesTotal: Int64?, lines: Int) {
        let now = DispatchTime.now().uptimeNanoseconds
        guard now - lastDraw >= interval else { return }
        lastDraw = now
        drawn = true
        let line = ProgressText.line(bytesDone: bytesDone, bytesTotal: bytesTotal, lines: lines, seconds: Double(now - start) / 1e9)
        Console.write(stderr: "\r\u{1B}[K" + line)
    }

    func finish() {
        if drawn { Console.write(stderr: "\r\u{1B}[K") }
        drawn = false
    }
}
