import RelayAuditCore
import Foundation

/// Timestamps of the Microsoft logs: ISO 8601 (Exchange, always UTC with `Z`), W3C's `date`
/// and `time` fields (UTC by the W3C extended format's definition), and Microsoft 365 exports,
/// whose `Received` column follows the exporting machine's locale.
enum MicrosoftTime {
    static func iso8601(_ text: String) -> Instant? {
        CivilTime.parseISO8601(text)
    }

    /// The order of day and month in slashed dates, learned from the first unambiguous one.
    enum DateOrder: Sendable { case dayFirst, monthFirst }

    enum Parsed: Equatable {
        case time(Instant)
        /// `03/04/2026`: either order is possible and the file has not said which yet.
        case ambiguous
        case invalid
    }

    /// `2026-11-28T09:15:00(.fff)(Z)`, `11/28/2026 9:15:00 AM` (en-US), `28/11/2026 09:15:00`
    /// (en-GB), `28.11.2026 09:15:00` (de-DE); a time without zone is UTC, as message trace
    /// exports are.
    static func m365(_ text: String, order: inout DateOrder?) -> Parsed {
        if let time = iso8601(text) { return .time(time) }
        let parts = text.split(whereSeparator: { $0 == " " })
        guard parts.count >= 2 else { return .invalid }
        let dateText = parts[0]
        let separator: Character = dateText.contains(".") ? "." : "/"
        let date = dateText.split(separator: separator).compactMap { Int($0) }
        let clock = parts[1].split(separator: ":").compactMap { Int($0) }
        // Years past 9999 are not dates, and would overflow the arithmetic (found by libFuzzer).
        guard date.count == 3, clock.count >= 2, (1901...9999).contains(date[2]) else { return .invalid }
        var hour = clock[0]
        let meridiem = parts.count > 2 ? parts[2].uppercased() : nil
        if meridiem == "PM", hour < 12 { hour += 12 }
        if meridiem == "AM", hour == 12 { hour = 0 }
        var day: Int, month: Int
        if separator == "." {
            (day, month) = (date[0], date[1])
        } else if meridiem != nil {
            (month, day) = (date[0], date[1])  // a 12-hour clock is the US locale
        } else if date[0] > 12 {
            order = .dayFirst
            (day, month) = (date[0], date[1])
        } else if date[1] > 12 {
            order = .monthFirst
            (month, day) = (date[0], date[1])
        } else if let order {
            (day, month) = order == .dayFirst ? (date[0], date[1]) : (date[1], date[0])
        } else {
            return .ambiguous
        }
        guard (1...12).contains(month), (1...31).contains(day), (0...23).contains(hour), (0...59).contains(clock[1]) else { return .invalid }
        let second = clock.count > 2 ? clock[2] : 0
        guard (0...60).contains(second) else { return .invalid }
        return .time(Instant(seconds: Int64(CivilTime.epochSeconds(year: date[2], month: month, day: day, hour: hour, minute: clock[1], second: second))))
    }
}

/// The address part of an `ip:port` endpoint (`[2001:db8::1]:25` for IPv6).
func endpointAddress(_ endpoint: String) -> String? {
    if endpoint.hasPrefix("["), let close = endpoint.firstIndex(of: "]") {
        return String(endpoint[endpoint.index(after: endpoint.startIndex)..<close])
    }
    guard let colon = endpoint.lastIndex(of: ":") else { return endpoint.isEmpty ? nil : endpoint }
    if endpoint[..<colon].contains(":") { return endpoint }  // bare IPv6 without port
    return String(endpoint[..<colon])
}

/// The address between `<` and `>` in an SMTP argument (`MAIL FROM:<a@b> SIZE=1`,
/// `+TO:+<a@b>`), or the bare argument after the colon.
func smtpPathArgument(_ text: String) -> String? {
    if let open = text.firstIndex(of: "<") {
        let rest = text[text.index(after: open)...]
        guard let close = rest.firstIndex(of: ">") else { return nil }
        return String(rest[..<close])
    }
    guard let colon = text.firstIndex(of: ":") else { return nil }
    let value = text[text.index(after: colon)...].trimmingCharacters(in: CharacterSet(charactersIn: " +"))
    return value.split(separator: " ").first.map(String.init)
}
