#if canImport(Glibc)
import Glibc
#endif
public import RelayAuditCore

/// An input's lines one at a time, on demand: for reading several files side by side (relay-
/// audit's own events from several hosts, merged by time), where `LineReader`'s callback
/// cannot be interleaved. Cuts lines as `LineReader` does: a final line without a line feed
/// is a line, an overlong one is cut at `maximumLineLength` (`truncated`) and its rest skipped.
public final class LineCursor {
    private let file: InputFile
    private let buffer: UnsafeMutableRawBufferPointer
    private let chunkSize: Int
    private let maximumLineLength: Int
    private var start = 0
    private var end = 0
    /// The file offset of `buffer[start]`.
    private var offset: Int64 = 0
    private var atEnd = false
    private var skipping = false

    public init(file: InputFile, chunkSize: Int = 1 << 18, maximumLineLength: Int = 1 << 20) {
        self.file = file
        self.chunkSize = chunkSize
        self.maximumLineLength = maximumLineLength
        buffer = .allocate(byteCount: chunkSize + maximumLineLength, alignment: 16)
    }

    deinit { buffer.deallocate() }

    /// The next line (its bytes valid until the next call), its offset, and whether it was cut.
    public func next() throws(RelayAuditError) -> (bytes: UnsafeRawBufferPointer, offset: Int64, truncated: Bool)? {
        let base = buffer.baseAddress!
        while true {
            if start < end, let hit = memchr(base + start, 0x0A, end - start) {
                let stop = base.distance(to: UnsafeMutableRawPointer(hit))
                let lineStart = start, lineOffset = offset
                offset += Int64(stop + 1 - start)
                start = stop + 1
                if skipping {
                    skipping = false
                    continue
                }
                let length = stop - lineStart
                return (UnsafeRawBufferPointer(start: base + lineStart, count: min(length, maximumLineLength)), lineOffset,
                        length > maximumLineLength)
            }
            if atEnd {
                guard start < end else { return nil }
                let lineStart = start, lineOffset = offset
                offset += Int64(end - start)
                start = end
                if skipping { return nil }
                let length = end - lineStart
                return (UnsafeRawBufferPointer(start: base + lineStart, count: min(length, maximumLineLength)), lineOffset,
                        length > maximumLineLength)
            }
            if start > 0 {
                if end > start { memmove(base, base + start, end - start) }
                end -= start
                start = 0
            }
            if end > maximumLineLength {
                // An overlong line: its first part once, then the rest skipped up to its line feed.
                let wasSkipping = skipping
                skipping = true
                let lineOffset = offset
                offset += Int64(end)
                let count = end
                end = 0
                if !wasSkipping {
                    return (UnsafeRawBufferPointer(start: base, count: min(count, maximumLineLength)), lineOffset, true)
                }
                continue
            }
            let n = try file.read(into: UnsafeMutableRawBufferPointer(start: base + end, count: min(chunkSize, buffer.count - end)))
            if n == 0 { atEnd = true }
            end += n
        }
    }
}
