import Foundation

/// Writes an LDIF attribute line (RFC 2849) whose value arrives intact, whatever it holds.
///
/// A value is written as-is only when it is a SAFE-STRING: printable ASCII, not starting with a
/// space, `:` or `<`, not ending with a space. Anything else (a newline that would start a new
/// attribute, a control character, non-ASCII text) is written base64-encoded after `::`.
public enum LDIFEscaping {
    public static func line(_ attribute: String, _ value: String) -> String {
        if isSafe(value) { return "\(attribute): \(value)" }
        return "\(attribute):: \(Data(value.utf8).base64EncodedString())"
    }

    static func isSafe(_ value: String) -> Bool {
        guard let first = value.unicodeScalars.first else { return true }
        if first == " " || first == ":" || first == "<" { return false }
        if value.unicodeScalars.last == " " { return false }
        return value.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0.value < 0x7F }
    }
}
