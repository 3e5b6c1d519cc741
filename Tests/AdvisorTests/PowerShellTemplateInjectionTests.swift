import Advisor
import RelayAuditCore
import Testing

/// Debian has no PowerShell, so the Active Directory and Exchange commands cannot be run with
/// stubs as the shell ones are. Instead, two halves of the same proof:
/// 1. every placeholder of every PowerShell template stands where PowerShell reads a whole
///    argument or operand: outside single- and double-quoted strings, here-strings and comments;
/// 2. `PowerShellQuoting.quote(v)`, read by PowerShell's own rules for the subset it emits (a
///    verbatim string, or a parenthesised `+` of verbatim strings and `[char]` casts), is
///    exactly one expression whose value is `v`, for hostile and random values.
struct PowerShellTemplateInjectionTests {
    static let singleQuotes: Set<Unicode.Scalar> = ["'", "\u{2018}", "\u{2019}", "\u{201A}", "\u{201B}"]
    static let doubleQuotes: Set<Unicode.Scalar> = ["\"", "\u{201C}", "\u{201D}", "\u{201E}"]

    static let templates: [(String, CommandTemplates.Template)] = {
        guard let templates = try? CommandTemplates.builtIn() else { return [] }
        return templates.actions.flatMap { action, targets in
            targets.compactMap { target, template in template.language == .powershell ? ("\(action).\(target)", template) : nil }
        }.sorted { $0.0 < $1.0 }
    }()

    /// The placeholders found outside any string or comment, and those found inside one.
    static func placeholders(in text: String) -> (outside: [String], inside: [String]) {
        let scalars = Array(text.unicodeScalars)
        var outside: [String] = [], inside: [String] = []
        var i = 0
        var quote: Unicode.Scalar?  // the kind of string we are in: ' or "
        var comment = false
        while i < scalars.count {
            let c = scalars[i]
            if comment {
                if c == "\n" { comment = false }
            } else if quote == "'" {
                if singleQuotes.contains(c) {
                    if i + 1 < scalars.count, singleQuotes.contains(scalars[i + 1]) { i += 1 } else { quote = nil }
                }
            } else if quote == "\"" {
                if c == "`" { i += 1 } else if doubleQuotes.contains(c) {
                    if i + 1 < scalars.count, doubleQuotes.contains(scalars[i + 1]) { i += 1 } else { quote = nil }
                }
            } else if singleQuotes.contains(c) {
                quote = "'"
            } else if doubleQuotes.contains(c) {
                quote = "\""
            } else if c == "#" {
                comment = true
            }
            if c == "{", let close = scalars[i...].firstIndex(of: "}") {
                let name = String(String.UnicodeScalarView(scalars[(i + 1)..<close]))
                if CommandTemplates.placeholders.contains(name) {
                    if quote == nil && !comment { outside.append(name) } else { inside.append(name) }
                }
            }
            i += 1
        }
        return (outside, inside)
    }

    /// PowerShell's reading of what `PowerShellQuoting` writes: nil unless `text` is exactly one
    /// verbatim string or one parenthesised concatenation starting with a string.
    static func evaluate(_ text: String) -> String? {
        let s = Array(text.unicodeScalars)
        var i = 0
        func literal() -> String? {
            guard i < s.count, singleQuotes.contains(s[i]) else { return nil }
            i += 1
            var out = String.UnicodeScalarView()
            while i < s.count {
                if singleQuotes.contains(s[i]) {
                    if i + 1 < s.count, singleQuotes.contains(s[i + 1]) {
                        out.append(s[i]); i += 2; continue
                    }
                    i += 1
                    return String(out)
                }
                out.append(s[i]); i += 1
            }
            return nil  // unterminated
        }
        func char() -> String? {
            let prefix = Array("[char]0x".unicodeScalars)
            guard i + prefix.count < s.count, Array(s[i..<(i + prefix.count)]) == prefix else { return nil }
            i += prefix.count
            var digits = ""
            while i < s.count, s[i].properties.isASCIIHexDigit { digits.unicodeScalars.append(s[i]); i += 1 }
            guard let value = UInt32(digits, radix: 16), let scalar = Unicode.Scalar(value) else { return nil }
            return String(scalar)
        }
        if s.first.map({ singleQuotes.contains($0) }) == true {
            guard let value = literal(), i == s.count else { return nil }
            return value
        }
        guard s.first == "(" else { return nil }
        i = 1
        guard var value = literal() else { return nil }  // a string first: `+` then concatenates
        let plus = Array(" + ".unicodeScalars)
        while i + plus.count <= s.count, Array(s[i..<(i + plus.count)]) == plus {
            i += plus.count
            guard let next = literal() ?? char() else { return nil }
            value += next
        }
        guard i == s.count - 1, s[i] == ")" else { return nil }
        return value
    }

    static let hostile = [
        "o'brien", "x$(pwned 1)", "y`pwned 2`", "z;pwned 3|", "\u{1B}[31mred\u{1B}]0;owned\u{07}", "ps$env:HOME\u{2018}+(pwned 6)+\u{2019}'",
        "\u{201A}\u{201B}'';\u{201C}\"$(pwned)\"", "line\npwned 7", "cr\rpwned", "nul\u{0}pwned", "ls\u{2028}x\u{2029}", "rtl\u{202E}gpj.exe",
        "'; pwned 5; '", "@(pwned)", "-rf", "#comment", "{x}", "", "'", "\u{2019}",
    ]

    @Test func thereArePowerShellTemplates() {
        #expect(Self.templates.count >= 15)
        #expect(Self.templates.contains { $0.0.hasSuffix(".exchange") })
    }

    @Test(arguments: templates.map(\.0))
    func everyPlaceholderIsAWholeOperand(_ name: String) throws {
        let template = try #require(Self.templates.first { $0.0 == name }?.1)
        let found = Self.placeholders(in: template.text)
        #expect(found.inside.isEmpty, "\(name): \(found.inside) inside a string or comment")
        if template.per != .once { #expect(!found.outside.isEmpty, "\(name) takes its value somewhere") }
    }

    @Test(arguments: hostile)
    func quotingIsOneExpressionWithTheExactValue(_ value: String) {
        let expected = value.replacingOccurrences(of: "\u{0}", with: "\u{FFFD}")
        let quoted = PowerShellQuoting.quote(value)
        #expect(Self.evaluate(quoted) == expected, "\(quoted.debugDescription)")
        #expect(!quoted.unicodeScalars.contains { TerminalText.needsEscape($0) }, "no raw control character")
    }

    @Test func randomValuesRoundTrip() {
        // Values drawn from the characters that matter to PowerShell and to terminals.
        let alphabet: [Unicode.Scalar] = Array("'\"`$(){}[]+;|&#@ -aZ0\n\r\t\u{0}\u{1B}\u{7F}\u{9B}\u{2018}\u{2019}\u{201A}\u{201B}\u{201C}\u{201D}\u{2028}\u{202E}é".unicodeScalars)
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<5000 {
            var value = String.UnicodeScalarView()
            for _ in 0..<Int.random(in: 0...12, using: &generator) { value.append(alphabet.randomElement(using: &generator)!) }
            let text = String(value)
            let quoted = PowerShellQuoting.quote(text)
            #expect(Self.evaluate(quoted) == text.replacingOccurrences(of: "\u{0}", with: "\u{FFFD}"), "\(text.debugDescription) → \(quoted.debugDescription)")
        }
    }

    @Test func theCheckerCatchesNaiveQuoting() {
        // What a template with "{account}" in double quotes, or plain '…' without doubling, gives.
        #expect(Self.placeholders(in: "Get-ADUser -Identity \"{account}\"").inside == ["account"])
        #expect(Self.placeholders(in: "Get-ADUser # {account}").inside == ["account"])
        #expect(Self.evaluate("'o'brien'") == nil)
        #expect(Self.evaluate("'ps\u{2019}+(pwned)+\u{2018}'") == nil)
        #expect(Self.evaluate("'a' + 'b'") == nil, "two expressions, not one")
    }
}
