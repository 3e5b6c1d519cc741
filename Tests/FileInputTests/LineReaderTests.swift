#if canImport(Glibc)
import Glibc
#endif
@testable import FileInput
import Foundation
import RelayAuditCore
import Testing

struct LineReaderTests {
    func temporaryFile(_ bytes: [UInt8]) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("lr-\(UUID().uuidString)").path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    func lines(_ bytes: [UInt8], chunk: Int, maximum: Int = 1 << 20) throws -> [(String, Int, Int64, Bool)] {
        let path = try temporaryFile(bytes)
        defer { try? FileManager.default.removeItem(atPath: path) }
        var out: [(String, Int, Int64, Bool)] = []
        try LineReader(chunkSize: chunk, maximumLineLength: maximum).forEachLine(in: try InputFile(path: path)) { line in
            out.append((String(decoding: line.bytes, as: UTF8.self), line.number, line.offset, line.truncated))
        }
        return out
    }

    @Test(arguments: [1, 2, 3, 7, 64, 1 << 20])
    func linesSurviveAnyChunkBoundary(_ chunk: Int) throws {
        let result = try lines(Array("one\ntwo\n\nfour without newline".utf8), chunk: chunk, maximum: 64)
        #expect(result.map(\.0) == ["one", "two", "", "four without newline"])
        #expect(result.map(\.1) == [1, 2, 3, 4])
        #expect(result.map(\.2) == [0, 4, 8, 9])
    }

    @Test func overlongLinesAreCutAndFlaggedNotFatal() throws {
        let long = [UInt8](repeating: 0x41, count: 10_000)
        let result = try lines(long + [0x0A] + Array("next\n".utf8), chunk: 512, maximum: 1000)
        #expect(result.count == 2)
        #expect(result[0].0.count == 1000 && result[0].3)
        #expect(result[1].0 == "next" && result[1].1 == 2 && result[1].2 == 10_001)
    }

    @Test func aLogRotatedWhileBeingReadIsReadWholeFromTheFileOpened() throws {
        // logrotate renames mail.log and a new one appears at the path while the audit reads:
        // the reader keeps the file it opened and reads it to its end, nothing from the new one.
        let original = (1...5000).map { "line \($0) of the rotated file" }
        let path = try temporaryFile(Array((original.joined(separator: "\n") + "\n").utf8))
        defer {
            try? FileManager.default.removeItem(atPath: path)
            try? FileManager.default.removeItem(atPath: path + ".1")
        }
        var seen: [String] = []
        try LineReader(chunkSize: 4096).forEachLine(in: try InputFile(path: path)) { line in
            seen.append(String(decoding: line.bytes, as: UTF8.self))
            if seen.count == 10 {
                try? FileManager.default.moveItem(atPath: path, toPath: path + ".1")
                try? Data("new file after rotation\n".utf8).write(to: URL(fileURLWithPath: path))
            }
        }
        #expect(seen == original)
    }

    @Test func anEmptyFileHasNoLines() throws {
        #expect(try lines([], chunk: 16).isEmpty)
    }

    @Test func missingFilesAndDirectoriesAreNamedErrors() {
        #expect(describe { _ = try InputFile(path: "/nonexistent/x.log") } == "/nonexistent/x.log: error: no such file")
        #expect(describe { _ = try InputFile(path: "/tmp") } == "/tmp: error: is a directory, not a file")
    }

    private func describe(_ body: () throws -> Void) -> String {
        do { try body(); return "no error" } catch { return "\(error)" }
    }

    /// A file above the read-ahead threshold (and its gzipped copy) read on a second thread:
    /// the same lines, numbers and offsets as read on one, across many chunk edges.
    @Test(arguments: [false, true])
    func readingAheadGivesTheSameLines(_ gzipped: Bool) throws {
        var text = ""
        var n = 0
        while text.utf8.count < 9 << 20 {
            text += "line \(n) " + String(repeating: "x", count: n % 300) + "\n"
            n += 1
        }
        var path = try temporaryFile(Array(text.utf8))
        if gzipped {
            let gzip = Process()
            gzip.executableURL = URL(fileURLWithPath: "/bin/gzip")
            gzip.arguments = ["-1", "-f", path]
            try gzip.run()
            gzip.waitUntilExit()
            path += ".gz"
        }
        defer { try? FileManager.default.removeItem(atPath: path) }
        func read(_ ahead: Bool) throws -> (count: Int, digest: Int64) {
            var count = 0, digest: Int64 = 0
            try LineReader(chunkSize: 1 << 16, readAhead: ahead).forEachLine(in: try InputFile(path: path)) { line in
                count += 1
                digest = digest &* 31 &+ line.offset &+ Int64(line.number) &+ Int64(line.bytes.count) &+ Int64(line.bytes.last ?? 0)
            }
            return (count, digest)
        }
        let sequential = try read(false), ahead = try read(true)
        #expect(sequential.count == n)
        #expect(ahead.count == sequential.count && ahead.digest == sequential.digest)
    }

    /// Stopping early (an error in the caller) ends the reading thread instead of leaving it
    /// waiting; a truncated gzip still fails, with read-ahead, naming the file.
    @Test func readingAheadStopsAndFailsCleanly() throws {
        let text = String(repeating: "0123456789abcdef\n", count: 1 << 20)
        let path = try temporaryFile(Array(text.utf8))
        defer { try? FileManager.default.removeItem(atPath: path) }
        var seen = 0
        #expect(throws: RelayAuditError.self) {
            try LineReader(chunkSize: 1 << 12, readAhead: true).forEachLine(in: try InputFile(path: path)) { _ throws(RelayAuditError) in
                seen += 1
                if seen == 10 { throw .usage("stop") }
            }
        }
        #expect(seen == 10)

        // Stopping while the reading thread waits for a free buffer (all of them filled): it
        // is woken and ends, and nothing traps when the buffers' semaphore goes away (it did
        // in CI: libdispatch traps on a semaphore released below its initial value). The test
        // waits until every buffer is filled, so the reader has none left and must wait.
        for _ in 0..<3 {
            let prefetcher = ChunkPrefetcher(file: try InputFile(path: path), chunkSize: 1 << 12)
            for _ in 0..<prefetcher.depth { prefetcher.produced.wait() }
            prefetcher.finish()
        }

        let gzip = Process()
        gzip.executableURL = URL(fileURLWithPath: "/bin/gzip")
        gzip.arguments = ["-1", "-k", "-f", path]
        try gzip.run()
        gzip.waitUntilExit()
        let compressed = try Data(contentsOf: URL(fileURLWithPath: path + ".gz"))
        let truncated = try temporaryFile(Array(compressed.prefix(compressed.count / 2)))
        defer { try? FileManager.default.removeItem(atPath: path + ".gz"); try? FileManager.default.removeItem(atPath: truncated) }
        let renamed = truncated + ".gz"
        try FileManager.default.moveItem(atPath: truncated, toPath: renamed)
        defer { try? FileManager.default.removeItem(atPath: renamed) }
        var lines = 0
        do {
            try LineReader(readAhead: true).forEachLine(in: try InputFile(path: renamed)) { _ in lines += 1 }
            Issue.record("a truncated gzip was read as complete")
        } catch {
            #expect("\(error)".contains(renamed))
        }
        #expect(lines > 0)
    }
}

/// The block cutting the parallel reader relies on, and the ordered workers it runs blocks on.
struct LineBlockTests {
    func temporaryFile(_ bytes: [UInt8]) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("lb-\(UUID().uuidString)").path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// Blocks cover the input exactly, in order, and every block but the last ends at a line
    /// feed, whatever the read size.
    @Test(arguments: [1, 5, 64, 4096])
    func blocksEndAtLineFeedsAndCoverTheInput(_ chunk: Int) throws {
        let text = (1...300).map { "line \($0) " + String(repeating: "x", count: $0 % 37) }.joined(separator: "\n") + "\nlast"
        let path = try temporaryFile(Array(text.utf8))
        defer { try? FileManager.default.removeItem(atPath: path) }
        var joined: [UInt8] = []
        var offsets: [Int64] = []
        var endings: [UInt8?] = []
        try LineReader(chunkSize: chunk, maximumLineLength: 100).forEachBlock(in: try InputFile(path: path)) { block in
            offsets.append(block.offset)
            #expect(Int64(joined.count) == block.offset)
            joined += Array(block.bytes)
            endings.append(block.bytes.last)
        }
        #expect(joined == Array(text.utf8))
        #expect(endings.dropLast().allSatisfy { $0 == 0x0A })
        #expect(offsets.count > 1)
    }

    /// A line is cut when it is longer than the maximum, never because of where a read ended:
    /// the same lines are cut at every read size.
    @Test(arguments: [3, 99, 100, 101, 250, 1 << 16])
    func onlyLinesLongerThanTheMaximumAreCut(_ chunk: Int) throws {
        let lengths = [100, 101, 99, 250, 0, 100]
        let text = lengths.map { String(repeating: "a", count: $0) }.joined(separator: "\n") + "\n"
        let path = try temporaryFile(Array(text.utf8))
        defer { try? FileManager.default.removeItem(atPath: path) }
        var seen: [(Int, Bool)] = []
        try LineReader(chunkSize: chunk, maximumLineLength: 100).forEachLine(in: try InputFile(path: path)) { line in
            seen.append((line.bytes.count, line.truncated))
        }
        #expect(seen.map(\.0) == [100, 100, 99, 100, 0, 100])
        #expect(seen.map(\.1) == [false, true, false, true, false, false])
    }

    /// Outputs come back in submission order however the jobs finish: in each round, jobs on
    /// different workers are let go last-submitted first, each finishing before the next is
    /// let go, so the later job always finishes first.
    @Test func workersHandBackOutputsInSubmissionOrder() {
        let workers = OrderedWorkers<Int>(workers: 3, window: 3)
        var outputs: [Int] = []
        for round in 0..<20 {
            let gates = (0..<3).map { _ in DispatchSemaphore(value: 0) }
            let finished = (0..<3).map { _ in DispatchSemaphore(value: 0) }
            for index in 0..<3 {
                let (gate, done) = (gates[index], finished[index])
                workers.submit {
                    gate.wait()
                    done.signal()
                    return round * 3 + index
                }
            }
            for index in (0..<3).reversed() {
                gates[index].signal()
                finished[index].wait()
            }
            outputs += workers.finish()
        }
        #expect(outputs == Array(0..<60))
    }
}
