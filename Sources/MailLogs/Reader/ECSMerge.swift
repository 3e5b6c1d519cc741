import FileInput
import RelayAuditCore

/// Several files of relay-audit's own events (one per host of a fleet) read side by side and
/// merged by `@timestamp`, so the analysis sees the campaign in the order it happened: a
/// client's failure on one host and its login on another a minute later are a typo corrected,
/// not a guess, only when they arrive in that order. Events of one second keep their files'
/// order (the file given first first). Memory: one buffer per file and one event ahead each.
enum ECSMerge {
    struct Head {
        var event: LogEvent
        var line: Int
    }

    static func read<S: EventSink>(_ indices: [Int], of files: [String], into sink: inout S,
                                   summary: inout LogInputSummary) throws(RelayAuditError) {
        var cursors: [LineCursor] = []
        var lineNumbers = [Int](repeating: 0, count: indices.count)
        var heads = [Head?](repeating: nil, count: indices.count)
        for index in indices { cursors.append(LineCursor(file: try InputFile(path: files[index]))) }

        /// Moves file `k` to its next event, counting the lines on the way.
        func advance(_ k: Int) throws(RelayAuditError) {
            heads[k] = nil
            while let line = try cursors[k].next() {
                lineNumbers[k] += 1
                summary.lines += 1
                if line.truncated {
                    summary.overlongLines += 1
                    summary.unrecognizedLines += 1
                    continue
                }
                if line.bytes.isEmpty { continue }
                guard let event = ECSEventDecoder.decode(ByteLine(line.bytes), fileIndex: indices[k], offset: line.offset) else {
                    summary.unrecognizedLines += 1
                    continue
                }
                heads[k] = Head(event: event, line: lineNumbers[k])
                return
            }
        }
        for k in indices.indices { try advance(k) }
        while true {
            var next: Int?
            for k in heads.indices {
                guard let head = heads[k] else { continue }
                if let n = next, let best = heads[n], best.event.time <= head.event.time { continue }
                next = k
            }
            guard let k = next, let head = heads[k] else { return }
            sink.consume(head.event)
            try advance(k)
        }
    }
}
