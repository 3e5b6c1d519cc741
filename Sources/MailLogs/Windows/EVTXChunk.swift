import RelayAuditCore

/// One 64 KiB chunk of an `.evtx` file (MS-EVEN6 / libevtx's documentation of the format):
/// a header, its own name and template tables, and the records. Chunks stand alone: a damaged
/// one is skipped with a warning and the others are read.
struct EVTXChunk {
    static let size = 65_536
    static let signature: [UInt8] = Array("ElfChnk\u{0}".utf8)

    let reader: BinaryXMLReader

    /// nil when the chunk's signature is not there (a damaged or never-used chunk).
    init?(_ bytes: [UInt8]) {
        guard bytes.count == Self.size, Array(bytes.prefix(8)) == Self.signature else { return nil }
        reader = BinaryXMLReader(chunk: bytes)
    }

    /// Whether the chunk holds no record (a preallocated chunk never written to).
    var isEmpty: Bool { ((try? reader.u64(24)) ?? 0) == 0 && ((try? reader.u64(32)) ?? 0) == 0 }

    /// The chunk's records in order; a record that cannot be read is counted in `damaged`
    /// (with the first reason) and skipped.
    func records(damaged: inout [String]) -> [WindowsEventRecord] {
        var records: [WindowsEventRecord] = []
        let freeSpace = (try? reader.u32(48)).map { min($0, Self.size) } ?? Self.size
        // The header names the last record's offset: what lies after it is slack.
        let lastRecord = (try? reader.u32(44)).map { min($0, freeSpace) } ?? freeSpace
        var position = 512
        while position <= lastRecord, position + 24 <= freeSpace {
            guard (try? reader.u32(position)) == 0x0000_2A2A, let size = try? reader.u32(position + 4),
                  size >= 28, position + size <= Self.size
            else {
                damaged.append("record at chunk offset \(position): no record signature; the rest of the chunk is skipped")
                break
            }
            let recordID = (try? reader.u64(position + 8)) ?? 0
            let time = (try? reader.u64(position + 16)).flatMap(WindowsFileTime.unixSeconds).map { Instant(seconds: $0) }
            do {
                if let event = try reader.fragment(at: position + 24, end: position + size - 4, values: [], depth: 0),
                   var record = WindowsEventRecord(event, recordID: recordID, time: time) {
                    record.chunkOffset = position
                    records.append(record)
                } else {
                    damaged.append("record \(recordID): no System/EventID")
                }
            } catch let error as BinaryXMLError {
                damaged.append("record \(recordID): \(error.reason) (chunk offset \(error.offset))")
            } catch {
                damaged.append("record \(recordID): unreadable")
            }
            position += size
        }
        return records
    }
}
