import RelayAuditCore
import Testing

/// Each escaper against the values an attacker can put in an SMTP AUTH username.
struct EscapingTests {
    static let hostile = [
        "*)(uid=*", "alice'; rm -rf / #", "$(touch /tmp/pwned)", "`id`", "a|b;c&d", "line1\nline2", "cr\rover",
        "\u{1B}]0;owned\u{07}", "\u{1B}[2J", "evil\u{202E}txt.exe", "<script>alert(1)</script>", "=cmd|' /C calc'!A0",
        "nul\u{0}byte", "tab\there", "back\\slash",
    ]

    @Test(arguments: hostile)
    func terminalTextHasNoControlOrBidiCharacters(_ value: String) {
        let safe = TerminalText.sanitize(value)
        #expect(!safe.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F || (0x202A...0x202E).contains($0.value) })
    }

    @Test func terminalTextShowsWhatWasThere() {
        #expect(TerminalText.sanitize("a\u{1B}[31mb") == "a\\u{1B}[31mb")
        #expect(TerminalText.sanitize("x\u{202E}y") == "x\\u{202E}y")
        #expect(TerminalText.sanitize("Müller 李") == "Müller 李")
    }

    @Test func ldapFilterValuesCannotWidenASearch() {
        #expect(LDAPFilterEscaping.escapeValue("*)(uid=*") == "\\2a\\29\\28uid=\\2a")
        #expect(LDAPFilterEscaping.escapeValue("a\\b\u{0}") == "a\\5cb\\00")
        #expect(LDAPFilterEscaping.equalityFilter(attribute: "uid", value: "*)(|(uid=*") == "(uid=\\2a\\29\\28|\\28uid=\\2a)")
        #expect(LDAPFilterEscaping.escapeValue("Jürgen") == "Jürgen")
    }

    @Test func shellQuotingMakesOneLiteralWord() {
        #expect(ShellQuoting.quote("alice") == "alice")
        #expect(ShellQuoting.quote("") == "''")
        #expect(ShellQuoting.quote("it's") == "'it'\\''s'")
        #expect(ShellQuoting.quote("$(id)") == "'$(id)'")
        #expect(ShellQuoting.quote("a b c") == "'a b c'")
        #expect(ShellQuoting.quote("a\nb") == "$'a\\012b'")
        #expect(ShellQuoting.quote("\u{1B}[2J it's \\") == "$'\\033[2J it\\'s \\\\'")
    }

    @Test(arguments: hostile)
    func htmlEscapingLeavesNoMarkup(_ value: String) {
        let out = HTMLEscaping.escape(value)
        #expect(!out.contains("<") && !out.contains(">") && !out.contains("\"") && !out.contains("'"))
    }

    @Test(arguments: hostile)
    func markdownEscapingKeepsOneLineAndNoActiveSyntax(_ value: String) {
        let out = MarkdownEscaping.escape(value)
        #expect(!out.contains("\n"))
        // Every `*`, `|`, `<`, `[`, `` ` `` is preceded by a backslash.
        var previous: Character = " "
        for ch in out {
            if "*|<[`".contains(ch) { #expect(previous == "\\") }
            previous = ch
        }
    }

    @Test func fencedBlocksOutgrowBackticksInside() {
        #expect(MarkdownEscaping.fencedBlock("echo ```x```", language: "sh") == "````sh\necho ```x```\n````")
    }
}

struct DiagnosticTests {
    @Test func printsLikeACompiler() {
        #expect(Diagnostic(.error, file: "p.yaml", line: 3, column: 5, message: "bad").description == "p.yaml:3:5: error: bad")
        #expect(Diagnostic(.warning, file: "x.log", message: "odd").description == "x.log: warning: odd")
        #expect(Diagnostic(.error, file: "evil\u{1B}[2J.log", line: 1, message: "m").description == "evil\\u{1B}[2J.log:1: error: m")
    }

    @Test func mapsErrorsToInterfaceExitStatuses() {
        #expect(RelayAuditError.usage("x").exitStatus == 2)
        #expect(RelayAuditError.configuration([]).exitStatus == 2)
        #expect(RelayAuditError.input([]).exitStatus == 3)
        #expect(RelayAuditError.directory("x").exitStatus == 3)
    }
}
