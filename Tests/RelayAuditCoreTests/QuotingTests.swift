import Foundation
import RelayAuditCore
import Testing
import TestSupport

/// Quoting for the commands of the plan, checked by the interpreters themselves where this
/// machine has them: a quoted value must reach the program as one argument, byte for byte.
struct QuotingTests {
    static let hostile = EscapingTests.hostile.filter { !$0.contains("\u{0}") } + [
        "-rf", "o'brien", "say\"hi", "\u{2018}smart\u{2019}", "a\\'b", "trailing\n", "\u{9B}c1-csi", "$env:HOME", "!!", "~root",
    ]

    /// What `bash` passes to `printf` for `word`: each argument NUL-terminated.
    static func bashArguments(_ word: String, shell: String = "/bin/bash") throws -> [String] {
        let result = try CommandRunner.run(["-c", "printf '%s\\0' " + word], executable: shell)
        #expect(result.status == 0, "\(result.stderr)")
        var parts = result.stdout.split(separator: "\0", omittingEmptySubsequences: false).map(String.init)
        parts.removeLast()
        return parts
    }

    @Test(arguments: hostile)
    func bashReadsEachQuotedValueAsOneExactArgument(_ value: String) throws {
        #expect(try Self.bashArguments(ShellQuoting.quote(value)) == [value])
    }

    @Test(arguments: hostile.filter { !$0.unicodeScalars.contains(where: TerminalText.needsEscape) })
    func dashReadsValuesWithoutControlCharactersToo(_ value: String) throws {
        #expect(try Self.bashArguments(ShellQuoting.quote(value), shell: "/bin/dash") == [value])
    }

    @Test(arguments: hostile)
    func shellWordsHoldNoRawControlCharacters(_ value: String) {
        #expect(!ShellQuoting.quote(value).unicodeScalars.contains(where: TerminalText.needsEscape))
    }

    @Test func nulCannotBeAnArgumentAndIsReplaced() throws {
        #expect(try Self.bashArguments(ShellQuoting.quote("a\u{0}b")) == ["a\u{FFFD}b"])
    }

    // PowerShell is not packaged for Debian; these pin the quoting rules of the language
    // reference (about_Quoting_Rules): '' inside single quotes, typographic quotes count as quotes.
    @Test func powerShellSingleQuotesExpandNothing() {
        #expect(PowerShellQuoting.quote("alice") == "'alice'")
        #expect(PowerShellQuoting.quote("o'brien") == "'o''brien'")
        #expect(PowerShellQuoting.quote("$(Remove-Item C:\\ -Recurse)") == "'$(Remove-Item C:\\ -Recurse)'")
        #expect(PowerShellQuoting.quote("`whoami`; $env:X") == "'`whoami`; $env:X'")
        #expect(PowerShellQuoting.quote("\u{2018}x\u{2019}\u{201A}\u{201B}") == "'\u{2018}\u{2018}x\u{2019}\u{2019}\u{201A}\u{201A}\u{201B}\u{201B}'")
    }

    @Test func powerShellControlCharactersBecomeCharCodes() {
        #expect(PowerShellQuoting.quote("a\u{1B}[31mb") == "('a' + [char]0x1B + '[31mb')")
        #expect(PowerShellQuoting.quote("\u{1B}x") == "('' + [char]0x1B + 'x')")
        #expect(PowerShellQuoting.quote("line\nx'") == "('line' + [char]0xA + 'x''')")
    }

    @Test(arguments: hostile)
    func powerShellLiteralsAreBalanced(_ value: String) {
        // Outside the literals only `(`, `)`, ` + ` and [char]0xHH may appear.
        var outside = ""
        var inside = false
        var scalars = Array(PowerShellQuoting.quote(value).unicodeScalars)[...]
        while let s = scalars.popFirst() {
            let isQuote = ["'", "\u{2018}", "\u{2019}", "\u{201A}", "\u{201B}"].contains(s)
            if inside, isQuote, let next = scalars.first, ["'", "\u{2018}", "\u{2019}", "\u{201A}", "\u{201B}"].contains(next) {
                scalars.removeFirst()
                continue
            }
            if isQuote { inside.toggle(); continue }
            if !inside { outside.unicodeScalars.append(s) }
        }
        #expect(!inside)
        let stripped = outside.replacing(/\[char\]0x[0-9A-F]+/, with: "").replacingOccurrences(of: " + ", with: "")
        #expect(stripped.allSatisfy { $0 == "(" || $0 == ")" })
    }

    @Test(arguments: hostile)
    func ldifValuesRoundTrip(_ value: String) throws {
        let line = LDIFEscaping.line("uid", value)
        #expect(!line.contains("\n"))
        if line.hasPrefix("uid:: ") {
            let data = try #require(Data(base64Encoded: String(line.dropFirst(6))))
            #expect(String(decoding: data, as: UTF8.self) == value)
        } else {
            #expect(line == "uid: " + value)
        }
    }

    @Test func ldifWritesSafeStringsPlainly() {
        #expect(LDIFEscaping.line("dn", "uid=alice,dc=example") == "dn: uid=alice,dc=example")
        #expect(LDIFEscaping.line("cn", ":colon").hasPrefix("cn:: "))
        #expect(LDIFEscaping.line("cn", "<url").hasPrefix("cn:: "))
        #expect(LDIFEscaping.line("cn", "trailing ").hasPrefix("cn:: "))
        #expect(LDIFEscaping.line("cn", "Jürgen").hasPrefix("cn:: "))
    }

    @Test func csvFieldsNeitherSplitNorRunFormulas() {
        #expect(CSVEscaping.field("alice") == "alice")
        #expect(CSVEscaping.field("a,b") == "\"a,b\"")
        #expect(CSVEscaping.field("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(CSVEscaping.field("=cmd|' /C calc'!A0") == "'=cmd|' /C calc'!A0")
        #expect(CSVEscaping.field("-rf") == "'-rf")
        #expect(CSVEscaping.field("@SUM(1)") == "'@SUM(1)")
        #expect(CSVEscaping.field("line\nbreak") == "line\\u{A}break")
        #expect(CSVEscaping.field("\u{1B}[2J, x") == "\"\\u{1B}[2J, x\"")
    }
}
