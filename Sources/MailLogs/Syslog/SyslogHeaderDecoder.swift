/// Splits a log line into timestamp, host, program and message, for every timestamp shape mail
/// servers write: classic syslog (`Oct 13 20:41:03`), RFC 3339 / `journalctl -o short-iso`
/// (`2026-11-29T06:30:00+01:00`, `+0100`), Exim's `2014-08-10 11:18:35` (optionally with a zone),
/// nginx's `2026/11/28 09:15:02`,
/// daemontools' TAI64N (`@400000004c91b044077a9e94`), or none at all.
///
/// The program is recognised only in the first two tokens after the timestamp, and only as a
/// name of daemon characters ending in `:` (with an optional `[pid]` or `(pid)`), so message
/// text cannot pose as a program name.
public enum SyslogHeaderDecoder {
    public static func decode(_ line: ByteLine) -> SyslogHeader {
        var position = 0
        let timestamp = parseTimestamp(line, &position)
        // A container runtime's prefix before the daemon's own line: CRI (Kubernetes, containerd)
        // writes `2022-05-21T23:01:44.470722263Z stderr F `; `docker compose logs` writes
        // `mailu_front_1  | `. The line behind it is decoded as if alone (keeping the runtime's
        // time when it has none of its own).
        if let inner = containerPayload(line, timestampEnd: timestamp == nil ? nil : position) {
            var header = decode(inner)
            if header.timestamp == nil { header.timestamp = timestamp }
            return header
        }
        while position < line.count, line[position] == 0x20 { position += 1 }
        let rest = line.dropFirst(position)

        // Token 1: a program (no host) or a host.
        if let (program, pid, end) = programToken(rest, from: 0) {
            return SyslogHeader(timestamp: timestamp, host: nil, program: program, pid: pid, message: rest.dropFirst(end).trimmedLeft)
        }
        if let space = rest.firstIndex(of: 0x20), space > 0, space < 256 {
            let host = rest.prefix(space)
            var start = space
            while start < rest.count, rest[start] == 0x20 { start += 1 }
            if let (program, pid, end) = programToken(rest, from: start) {
                return SyslogHeader(timestamp: timestamp, host: host, program: program, pid: pid, message: rest.dropFirst(end).trimmedLeft)
            }
        }
        return SyslogHeader(timestamp: timestamp, host: nil, program: nil, pid: nil, message: rest)
    }

    /// The daemon's line behind a CRI prefix (`<time> stdout|stderr F|P `) or a `docker compose
    /// logs` prefix (`service_1  | `, only on a line without a timestamp of its own).
    static func containerPayload(_ line: ByteLine, timestampEnd: Int?) -> ByteLine? {
        if let end = timestampEnd {
            let rest = line.dropFirst(end)
            guard rest.count > 10, rest.hasPrefix(" stdout ") || rest.hasPrefix(" stderr "),
                  rest[8] == UInt8(ascii: "F") || rest[8] == UInt8(ascii: "P"), rest[9] == 0x20 else { return nil }
            return rest.dropFirst(10)
        }
        var i = 0
        while i < line.count, i < 64, isProgramByte(line[i]) { i += 1 }
        guard i > 0, i < line.count, line[i] == 0x20 else { return nil }
        while i < line.count, line[i] == 0x20 { i += 1 }
        guard i + 1 < line.count, line[i] == UInt8(ascii: "|"), line[i + 1] == 0x20 else { return nil }
        return line.dropFirst(i + 2)
    }

    /// `name[pid]:`, `name(pid):` or `name:` starting at `from`; returns the name, the pid
    /// and the index just past the colon.
    static func programToken(_ line: ByteLine, from: Int) -> (ByteLine, Int?, Int)? {
        var i = from
        while i < line.count, isProgramByte(line[i]) { i += 1 }
        guard i > from, i < line.count, i - from <= 64 else { return nil }
        let name = line.slice(from, i)
        var pid: Int?
        let c = line[i]
        if c == UInt8(ascii: "[") || c == UInt8(ascii: "(") {
            let close = c == UInt8(ascii: "[") ? UInt8(ascii: "]") : UInt8(ascii: ")")
            guard let end = line.firstIndex(of: close, from: i + 1), end - i <= 24 else { return nil }
            pid = line.slice(i + 1, end).integer
            i = end + 1
        }
        guard i < line.count, line[i] == UInt8(ascii: ":") else { return nil }
        // A program token is followed by a space or the end of the line.
        guard i + 1 == line.count || line[i + 1] == 0x20 else { return nil }
        return (name, pid, i + 1)
    }

    static func isProgramByte(_ b: UInt8) -> Bool {
        (b >= 0x61 && b <= 0x7A) || (b >= 0x41 && b <= 0x5A) || (b >= 0x30 && b <= 0x39)
            || b == UInt8(ascii: "/") || b == UInt8(ascii: "-") || b == UInt8(ascii: "_") || b == UInt8(ascii: ".")
    }

    // MARK: timestamps

    static func parseTimestamp(_ line: ByteLine, _ position: inout Int) -> TimestampParts? {
        guard line.count >= 8 else { return nil }
        let first = line[0]
        if first == UInt8(ascii: "@") { return parseTAI64N(line, &position) }
        if first >= 0x30, first <= 0x39 { return parseNumericDate(line, &position) }
        if first >= 0x41, first <= 0x5A { return parseClassic(line, &position) }
        return nil
    }

    static let months: [UInt32] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        .map { name in name.utf8.reduce(UInt32(0)) { $0 << 8 | UInt32($1) } }

    /// `Mmm dd HH:MM:SS` or `Mmm  d HH:MM:SS` (also `Mmm d HH:MM:SS`).
    static func parseClassic(_ line: ByteLine, _ position: inout Int) -> TimestampParts? {
        guard line.count >= 14 else { return nil }
        let key = UInt32(line[0]) << 16 | UInt32(line[1]) << 8 | UInt32(line[2])
        guard let monthIndex = months.firstIndex(of: key), line[3] == 0x20 else { return nil }
        var i = 4
        if line[i] == 0x20 { i += 1 }
        var day = 0
        var digits = 0
        while i < line.count, digits < 2, let d = digit(line[i]) {
            day = day * 10 + d
            i += 1
            digits += 1
        }
        guard digits > 0, i < line.count, line[i] == 0x20, (1...31).contains(day) else { return nil }
        i += 1
        guard let (h, m, s) = clock(line, i) else { return nil }
        position = i + 8
        return .syslog(month: monthIndex + 1, day: day, hour: h, minute: m, second: s)
    }

    /// `YYYY-MM-DDTHH:MM:SS[.frac](Z|±HH:MM|±HHMM)` or `YYYY-MM-DD HH:MM:SS[.frac][ ±HHMM]`.
    static func parseNumericDate(_ line: ByteLine, _ position: inout Int) -> TimestampParts? {
        // `-` (ISO, Exim) or `/` (nginx's error log), the same both times.
        guard line.count >= 19, let y = number(line, 0, 4), line[4] == UInt8(ascii: "-") || line[4] == UInt8(ascii: "/"), let mo = number(line, 5, 2),
              line[7] == line[4], let d = number(line, 8, 2), (1...12).contains(mo), (1...31).contains(d),
              line[10] == UInt8(ascii: "T") || line[10] == 0x20, let (h, mi, s) = clock(line, 11)
        else { return nil }
        let isoT = line[10] == UInt8(ascii: "T")
        var i = 19
        if i < line.count, line[i] == UInt8(ascii: ".") || line[i] == UInt8(ascii: ",") {
            i += 1
            while i < line.count, digit(line[i]) != nil { i += 1 }
        }
        let epochLocal = Int64(CivilTimeMath.epochSeconds(year: y, month: mo, day: d, hour: h, minute: mi, second: s))
        // Zone: directly attached (ISO) or after one space (Exim's log_timezone).
        var zoneStart = i
        if !isoT, i + 1 < line.count, line[i] == 0x20, line[i + 1] == UInt8(ascii: "+") || line[i + 1] == UInt8(ascii: "-") {
            zoneStart = i + 1
        }
        if let (offset, end) = zone(line, zoneStart) {
            position = end
            return .absolute(epochLocal - Int64(offset))
        }
        position = i
        return .local(year: y, month: mo, day: d, hour: h, minute: mi, second: s)
    }

    /// `Z`, `±HH:MM` or `±HHMM` at `i`, followed by a space or the end.
    static func zone(_ line: ByteLine, _ i: Int) -> (Int, Int)? {
        guard i < line.count else { return nil }
        if line[i] == UInt8(ascii: "Z") { return (0, i + 1) }
        guard line[i] == UInt8(ascii: "+") || line[i] == UInt8(ascii: "-"), let hh = number(line, i + 1, 2) else { return nil }
        var end = i + 3
        if end < line.count, line[end] == UInt8(ascii: ":") { end += 1 }
        guard let mm = number(line, end, 2) else { return nil }
        end += 2
        guard end == line.count || line[end] == 0x20 else { return nil }
        let sign = line[i] == UInt8(ascii: "-") ? -1 : 1
        return (sign * (hh * 3600 + mm * 60), end)
    }

    /// TAI64N label `@` + 24 hex digits: 2^62 + TAI seconds, then nanoseconds. TAI runs 10 s
    /// ahead of UTC before leap seconds; daemontools' tai64nlocal ignores them, and so do we.
    static func parseTAI64N(_ line: ByteLine, _ position: inout Int) -> TimestampParts? {
        guard line.count >= 25 else { return nil }
        var value: UInt64 = 0
        for i in 1...16 {
            guard let h = hex(line[i]) else { return nil }
            value = value << 4 | UInt64(h)
        }
        for i in 17...24 where hex(line[i]) == nil { return nil }
        // Labels far past any real date (found by fuzzing: 2^64 - 1 overflowed Int64) are not times.
        guard value >= 1 << 62, value - (1 << 62) < 1 << 40 else { return nil }
        position = 25
        return .absolute(Int64(value - (1 << 62)) - 10)
    }

    static func clock(_ line: ByteLine, _ i: Int) -> (Int, Int, Int)? {
        guard let h = number(line, i, 2), line.count > i + 7, line[i + 2] == UInt8(ascii: ":"), let m = number(line, i + 3, 2),
              line[i + 5] == UInt8(ascii: ":"), let s = number(line, i + 6, 2), h < 24, m < 60, s < 61
        else { return nil }
        return (h, m, s)
    }

    static func number(_ line: ByteLine, _ at: Int, _ count: Int) -> Int? {
        guard at >= 0, at + count <= line.count else { return nil }
        var value = 0
        for k in at..<(at + count) {
            guard let d = digit(line[k]) else { return nil }
            value = value * 10 + d
        }
        return value
    }

    static func digit(_ b: UInt8) -> Int? { b >= 0x30 && b <= 0x39 ? Int(b - 0x30) : nil }

    static func hex(_ b: UInt8) -> UInt8? {
        switch b {
        case 0x30...0x39: b - 0x30
        case 0x61...0x66: b - 0x61 + 10
        case 0x41...0x46: b - 0x41 + 10
        default: nil
        }
    }
}

extension ByteLine {
    /// Without leading spaces.
    var trimmedLeft: ByteLine {
        var i = 0
        while i < count, self[i] == 0x20 { i += 1 }
        return dropFirst(i)
    }
}
