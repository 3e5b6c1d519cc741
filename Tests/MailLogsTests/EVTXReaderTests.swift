import Foundation
import MailLogs
import RelayAuditCore
import Testing
import LogTestSupport

/// `.evtx` files written by real Windows hosts (../shared/samples/evtx, from the evtx crate's
/// public samples), read record for record and held to an independent reader: Debian's
/// python3-evtx (`evtx_dump.py`), for every field the mapper uses.
struct EVTXReaderTests {
    static let samples = ["new-user-security", "post-Security", "security", "security_bad_string_cache", "sample_with_a_bad_chunk_magic"]
    static func path(_ name: String) -> String {
        Fixtures.repository.deletingLastPathComponent().appendingPathComponent("shared/samples/evtx/\(name).evtx").path
    }
    static var samplesPresent: Bool { FileManager.default.fileExists(atPath: path("security")) }
    static let evtxDump = "/usr/bin/evtx_dump.py"
    static var independentReaderPresent: Bool { samplesPresent && FileManager.default.isExecutableFile(atPath: evtxDump) }

    /// The Data names the mapper reads.
    static let usedData = ["TargetUserName", "TargetDomainName", "TargetSid", "SubjectUserName", "SubjectDomainName", "MemberName",
                           "MemberSid", "IpAddress", "LogonType", "ProcessName", "Status", "SubStatus", "FailureCode", "OldUacValue",
                           "NewUacValue", "OldTargetUserName", "NewTargetUserName", "AuthenticationPackageName"]

    struct Fields: Equatable, CustomStringConvertible {
        var eventID: Int
        var seconds: Int64
        var computer: String
        var data: [String: String]
        var description: String { "\(eventID)@\(seconds) \(computer) \(data.sorted { $0.key < $1.key })" }
    }

    /// Reads an .evtx file as the log reader does, chunk by chunk; the reader's warnings.
    @discardableResult
    static func readFile(_ path: String, _ body: (WindowsEventRecord, Int64) -> Void) throws -> [String] {
        let handle = try #require(FileHandle(forReadingAtPath: path))
        defer { try? handle.close() }
        var reader = EVTXFileReader()
        reader.read({ (buffer: inout [UInt8]) -> Int in
            let data = handle.readData(ofLength: buffer.count)
            buffer.replaceSubrange(0..<data.count, with: data)
            return data.count
        }, body)
        return reader.warnings
    }

    static func read(_ path: String) throws -> (records: [UInt64: Fields], warnings: [String]) {
        var records: [UInt64: Fields] = [:]
        let warnings = try readFile(path) { record, _ in
            records[record.recordID] = Fields(eventID: record.eventID, seconds: record.time.seconds, computer: record.computer ?? "",
                                              data: record.data.filter { usedData.contains($0.key) })
        }
        return (records, warnings)
    }

    /// evtx_dump.py's XML, taken apart with the patterns its output has (one record per `<Event `).
    static func independent(_ path: String) throws -> (records: [UInt64: Fields], total: Int) {
        let result = try CommandRunner.run([path], executable: evtxDump)
        var records: [UInt64: Fields] = [:]
        func first(_ pattern: String, _ text: String) -> String? {
            guard let regex = try? NSRegularExpression(pattern: pattern, options: [.dotMatchesLineSeparators]),
                  let match = regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)),
                  let range = Range(match.range(at: 1), in: text) else { return nil }
            return String(text[range])
        }
        let data = try NSRegularExpression(pattern: "<Data Name=\"([^\"]*)\">(.*?)</Data>", options: [.dotMatchesLineSeparators])
        for part in result.stdout.components(separatedBy: "<Event ").dropFirst() {
            guard let id = first("<EventRecordID>(\\d+)</EventRecordID>", part).flatMap(UInt64.init),
                  let eventID = first("<EventID[^>]*>(\\d+)</EventID>", part).flatMap(Int.init),
                  let time = first("SystemTime=\"([^\"]+)\"", part) else { continue }
            let iso = String(time.prefix(19)).replacingOccurrences(of: " ", with: "T") + "Z"
            var values: [String: String] = [:]
            for match in data.matches(in: part, range: NSRange(part.startIndex..., in: part)) {
                let name = String(part[Range(match.range(at: 1), in: part)!])
                guard usedData.contains(name) else { continue }
                values[name] = unescape(String(part[Range(match.range(at: 2), in: part)!]))
            }
            records[id] = Fields(eventID: eventID, seconds: CivilTime.parseISO8601(iso)?.seconds ?? -1,
                                 computer: unescape(first("<Computer>(.*?)</Computer>", part) ?? ""), data: values)
        }
        return (records, result.stdout.components(separatedBy: "<Event ").count - 1)
    }

    static func unescape(_ text: String) -> String {
        text.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&quot;", with: "\"")
            .replacingOccurrences(of: "&apos;", with: "'").replacingOccurrences(of: "&amp;", with: "&")
    }

    @Test(.enabled(if: independentReaderPresent, "needs ../shared/samples/evtx and python3-evtx (install-deps.sh --test)"),
          arguments: samples)
    func everyRecordEqualsTheIndependentReaders(_ name: String) throws {
        let ours = try Self.read(Self.path(name)).records
        let (theirs, total) = try Self.independent(Self.path(name))
        // evtx_dump.py prints a record whose System values are all empty (no id, no time): it is
        // counted, and only records with an id are compared.
        #expect(ours.count == total, "\(name): \(ours.count) records, evtx_dump.py \(total)")
        #expect(!ours.isEmpty)
        var mismatches: [String] = []
        for (id, fields) in theirs.sorted(by: { $0.key < $1.key }) where ours[id] != fields {
            mismatches.append("record \(id): ours \(ours[id].map(\.description) ?? "missing"), theirs \(fields)")
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(5))")
    }

    /// A chunk with a damaged signature is named and skipped; the intact chunks' records are read.
    @Test(.enabled(if: samplesPresent, "needs ../shared/samples/evtx"))
    func aDamagedChunkIsAWarningNotTheEnd() throws {
        let (records, warnings) = try Self.read(Self.path("sample_with_a_bad_chunk_magic"))
        #expect(records.count == 270)
        #expect(warnings.contains { $0.contains("no chunk signature") }, "\(warnings)")
    }

    /// Account management from a real workstation: 4720 with its actor and the new account's
    /// flags, 4728/4732 memberships with the group and the member's SID.
    @Test(.enabled(if: samplesPresent, "needs ../shared/samples/evtx"))
    func accountManagementBecomesDirectoryChanges() throws {
        var events: [LogEvent] = []
        try Self.readFile(Self.path("new-user-security")) { record, offset in
            if let event = SecurityEventMapper.event(record, fileIndex: 0, offset: offset) { events.append(event) }
        }
        #expect(events.map(\.action) == [.memberAdded, .accountCreated, .memberAdded, .memberAdded])
        let created = try #require(events.first { $0.action == .accountCreated })
        #expect(created.user == "WORKGROUP\\WIN-QALA5Q3KJ43$")
        #expect(created.change?.target == "IE8Win7\\IEUser")
        #expect(created.change?.targetID == "S-1-5-21-3463664321-2923530833-3546627382-1000")
        #expect(created.windows?.eventCode == 4720 && created.windows?.host == "IE8Win7")
        #expect(events.compactMap { $0.change?.group } == ["None", "Users", "Administrators"])
    }

    /// Bytes that are not an event log, or one cut short, never crash the reader.
    @Test func garbageIsAWarning() {
        var reader = EVTXFileReader()
        var bytes = Array("ElfFile\u{0}".utf8) + [UInt8](repeating: 0xFF, count: 4088) + Array("ElfChnk\u{0}".utf8) + [UInt8](repeating: 0x41, count: 70_000)
        var position = 0
        reader.read({ (buffer: inout [UInt8]) -> Int in
            let n = min(buffer.count, bytes.count - position)
            buffer.replaceSubrange(0..<n, with: bytes[position..<(position + n)])
            position += n
            return n
        }, { _, _ in })
        #expect(!reader.warnings.isEmpty)
        bytes = [1, 2, 3]
        position = 0
        var other = EVTXFileReader()
        other.read({ (buffer: inout [UInt8]) -> Int in
            let n = min(buffer.count, bytes.count - position)
            buffer.replaceSubrange(0..<n, with: bytes[position..<(position + n)])
            position += n
            return n
        }, { _, _ in })
        #expect(other.warnings == ["not a Windows event log (no ElfFile header)"])
    }
}
