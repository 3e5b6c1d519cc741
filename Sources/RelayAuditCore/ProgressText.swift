import Foundation

/// The text of the progress line `relay-audit logs` draws on a terminal (pure, so tested
/// without one): `relay-audit: 512 MB of 1.0 GB (50%) · 4.1 M lines · 3.2 M lines/s · ETA 0:02`.
public enum ProgressText {
    public static func line(bytesDone: Int64, bytesTotal: Int64?, lines: Int, seconds: Double) -> String {
        var parts: [String] = []
        if let total = bytesTotal, total > 0 {
            let percent = min(100, Int(Double(bytesDone) * 100 / Double(total)))
            parts.append("\(size(bytesDone)) of \(size(total)) (\(percent)%)")
        } else {
            parts.append("\(size(bytesDone)) read")
        }
        parts.append("\(count(lines)) lines")
        if seconds > 0 { parts.append("\(count(Int(Double(lines) / seconds))) lines/s") }
        if let total = bytesTotal, total > 0, bytesDone > 0, seconds > 0 {
            let remaining = Int((Double(total - bytesDone) / (Double(bytesDone) / seconds)).rounded())
            parts.append(String(format: "ETA %d:%02d", max(0, remaining) / 60, max(0, remaining) % 60))
        }
        return "relay-audit: " + parts.joined(separator: " · ")
    }

    static func size(_ bytes: Int64) -> String {
        let value = Double(bytes)
        if value >= 1e9 { return String(format: "%.1f GB", value / 1e9) }
        if value >= 1e6 { return String(format: "%.0f MB", value / 1e6) }
        return String(format: "%.0f kB", value / 1e3)
    }

    static func count(_ value: Int) -> String {
        if value >= 1_000_000 { return String(format: "%.1f M", Double(value) / 1e6) }
        if value >= 1_000 { return String(format: "%.0f k", Double(value) / 1e3) }
        return String(value)
    }
}
