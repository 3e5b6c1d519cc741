@testable import FileInput
import Foundation
import RelayAuditCore
import Testing

/// The pull-based cursor cuts lines exactly as `LineReader` does, whatever the chunk size.
struct LineCursorTests {
    func cursorLines(_ path: String, chunk: Int, maximum: Int) throws -> [(String, Int64, Bool)] {
        let cursor = LineCursor(file: try InputFile(path: path), chunkSize: chunk, maximumLineLength: maximum)
        var out: [(String, Int64, Bool)] = []
        while let line = try cursor.next() { out.append((String(decoding: line.bytes, as: UTF8.self), line.offset, line.truncated)) }
        return out
    }

    @Test(arguments: [1, 2, 3, 7, 64, 4096])
    func cutsLinesLikeTheLineReader(_ chunk: Int) throws {
        var generator = SystemRandomNumberGenerator()
        var bytes: [UInt8] = []
        for _ in 0..<300 {
            let length = Int.random(in: 0..<(Int.random(in: 0..<10, using: &generator) == 0 ? 300 : 40), using: &generator)
            bytes += (0..<length).map { _ in UInt8.random(in: 0x20...0x7E, using: &generator) } + [0x0A]
        }
        bytes += Array("last line without a line feed".utf8)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("lc-\(UUID().uuidString)").path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        var expected: [(String, Int64, Bool)] = []
        try LineReader(chunkSize: chunk, maximumLineLength: 100).forEachLine(in: try InputFile(path: path)) { line in
            expected.append((String(decoding: line.bytes, as: UTF8.self), line.offset, line.truncated))
        }
        let got = try cursorLines(path, chunk: chunk, maximum: 100)
        #expect(got.map(\.0) == expected.map(\.0))
        #expect(got.map(\.1) == expected.map(\.1))
        #expect(got.map(\.2) == expected.map(\.2))
        #expect(got.contains { $0.2 }, "the input has overlong lines")
    }
}
