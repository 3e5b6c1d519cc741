import Directory
import Foundation
import Testing
import TestSupport

/// The hostile-identity fixture (Tests/Scripts/hostile/make-hostile-fixture.py): account names
/// and envelope senders holding quotes, `$(…)`, backticks, `;`, newlines, ANSI escapes,
/// `<script>`, `*)(uid=*`, Markdown and PowerShell syntax, all used by a spammer. Every report
/// must show them escaped, and every generated command must pass each one as one literal.
struct HostileIdentityAuditTests {
    struct Values: Decodable {
        var as_of: String
        var names: [String]
        var log_only_names: [String]
        var newline_name: String
        var senders: [String]
        var attacker: String
    }

    static let values: Values = try! JSONDecoder().decode(Values.self, from: Data(Fixtures.text("Tests/Fixtures/hostile/values.json").utf8))
    static let log = Fixtures.path("Tests/Fixtures/hostile/mail.log")
    static var allNames: Set<String> { Set(values.names + [values.newline_name]) }
    /// What a program receives for a name: no argument can hold NUL, so the quoting writes
    /// U+FFFD (the command then names no account rather than the one before the NUL).
    static func argument(_ name: String) -> String { name.replacingOccurrences(of: "\u{0}", with: "\u{FFFD}") }
    static var allArguments: Set<String> { Set(allNames.map(argument)) }

    static func audit(_ directory: String, _ output: String) throws -> CommandResult {
        try CommandRunner.run(["audit", "--ldif", Fixtures.path("Tests/Fixtures/hostile/\(directory)"), "--logs", log,
                               "--as-of", values.as_of, "--timezone", "UTC", "--output", output])
    }

    static func plan(_ result: CommandResult) throws -> [[String: Any]] {
        try #require(try result.json()["plan"] as? [[String: Any]])
    }

    static func commands(_ plan: [[String: Any]], language: String) -> [(target: String, text: String)] {
        plan.flatMap { ($0["commands"] as? [[String: Any]]) ?? [] }
            .filter { $0["language"] as? String == language }
            .map { ($0["target"] as? String ?? "", $0["text"] as? String ?? "") }
    }

    /// No C0/C1 control (except line feeds between lines), no line or paragraph separator, no
    /// bidi override or isolate, in `text`.
    static func rawControls(_ text: String) -> [Unicode.Scalar] {
        text.unicodeScalars.filter {
            ($0.value < 0x20 && $0 != "\n") || (0x7F...0x9F).contains($0.value) || (0x2028...0x202E).contains($0.value)
                || (0x2066...0x2069).contains($0.value)
        }
    }

    @Test func everyHostileAccountIsFoundCompromised() throws {
        let result = try Self.audit("directory-ad.ldif", "json")
        #expect(result.status == 1, "\(result.stderr)")
        let verdicts = try #require(try result.json()["verdicts"] as? [[String: Any]])
        let compromised = Set(verdicts.filter { $0["verdict"] as? String == "compromised" }.compactMap { $0["account"] as? String })
        // A login no entry holds is reported under its case-folded name (logins are matched
        // without case, as Dovecot, AD and OpenLDAP's uid do), after any DOMAIN\ prefix.
        let logOnly = Self.values.log_only_names.map { $0.lowercased().split(separator: "\\").last.map(String.init) ?? "" }
        #expect(compromised == Self.allNames.union(logOnly))
    }

    @Test func jsonCarriesEveryValueExactlyAsEscapes() throws {
        let result = try Self.audit("directory-ad.ldif", "json")
        #expect(Self.rawControls(result.stdout).isEmpty, "controls, U+2028 and bidi marks are \\u escapes in the JSON text")
        #expect(!result.stdout.contains("ov/erlong"), "overlong UTF-8 is never read as /")
        let json = try result.json()
        let accounts = (json["directory"] as? [String: Any])?["accounts"] as? [[String: Any]] ?? []
        #expect(Set(accounts.compactMap { $0["name"] as? String }) == Self.allNames, "exact values, NUL and 100 KB name included")
    }

    @Test func theADPlansShellCommandsPassEachValueAsOneArgument() throws {
        let plan = try Self.plan(Self.audit("directory-ad.ldif", "json"))
        let disable = try #require(plan.first { $0["action"] as? String == "disable-account" })
        #expect(Set(disable["accounts"] as? [String] ?? []) == Self.allNames)

        let shell = Self.commands(plan, language: "shell")
        #expect(shell.count > 30)
        let stubs = try StubShell(programs: ["samba-tool", "iptables", "tee", "printf", "postqueue", "jq", "postsuper", "postcat", "grep",
                                             "exiqgrep", "xargs", "exim", "find", "sed", "mailq", "sendmail", "ldbsearch"])
        var invocations: [StubShell.Invocation] = []
        for command in shell {
            let (result, ran) = try stubs.run(command.text)
            #expect(result.status == 0, "\(command.text): \(result.stderr)")
            invocations += ran
        }
        #expect(!invocations.contains { $0.program == "pwned" }, "a value ran a command of its own")
        let disabled = invocations.filter { $0.program == "samba-tool" && $0.arguments.prefix(3) == ["user", "disable", "--"] }
        #expect(disabled.allSatisfy { $0.arguments.count == 4 })
        #expect(Set(disabled.map { $0.arguments[3] }) == Self.allArguments)
        let reset = invocations.filter { $0.program == "samba-tool" && $0.arguments.prefix(2) == ["user", "setpassword"] }
        #expect(Set(reset.compactMap(\.arguments.last)) == Self.allArguments)
        let heldSenders = invocations.filter { $0.program == "jq" && $0.arguments.contains("--arg") }.compactMap { args in
            args.arguments.firstIndex(of: "s").map { args.arguments[$0 + 1] }
        }
        #expect(Set(heldSenders) == Set(Self.values.senders))
        let heldLogins = invocations.filter { $0.program == "grep" }.compactMap { $0.arguments.last }
        #expect(Set(heldLogins) == Set((Self.values.names + Self.values.log_only_names).map { "named_attribute: sasl_username=" + Self.argument($0) }))
        // The logins no entry matched are searched for, each as one RFC 4515-escaped filter.
        let searched = invocations.filter { $0.program == "ldbsearch" }
        #expect(searched.count == Self.values.log_only_names.count)
        #expect(searched.allSatisfy { $0.arguments.count == 8 && $0.arguments[3] == "dn" })
        #expect(searched.contains { $0.arguments[2] == #"(&(objectCategory=person)(objectClass=user)(|(sAMAccountName=\2a\29\28|\28objectClass=\2a)(userPrincipalName=\2a\29\28|\28objectClass=\2a)(mail=\2a\29\28|\28objectClass=\2a)(proxyAddresses=smtp:\2a\29\28|\28objectClass=\2a)))"# })
        #expect(searched.contains { $0.arguments[2].hasPrefix(#"(&(objectCategory=person)(objectClass=user)(|(sAMAccountName=2a)(userPrincipalName=x\2a\29\28mail=\2a\5c2a@hostile.example)"#) })
        #expect(invocations.filter { $0.program == "iptables" }.map { $0.arguments[3] } == [Self.values.attacker])
    }

    @Test func commandsCarryNoRawControlCharacters() throws {
        let plan = try Self.plan(Self.audit("directory-ad.ldif", "json"))
        for language in ["shell", "powershell", "ldif", "text"] {
            for command in Self.commands(plan, language: language) {
                #expect(Self.rawControls(command.text).isEmpty, "\(command.text.debugDescription)")
            }
        }
        // PowerShell gets the names as literals or [char] concatenations, never bare.
        let powershell = Self.commands(plan, language: "powershell").map(\.text).filter { $0.hasPrefix("Disable-ADAccount -Identity ") }
        #expect(powershell.count == Self.allNames.count)
        #expect(powershell.allSatisfy { $0.dropFirst("Disable-ADAccount -Identity ".count).first.map { "'(".contains($0) } == true })
        #expect(powershell.contains("Disable-ADAccount -Identity 'x$(pwned 1)'"))
        #expect(powershell.contains("Disable-ADAccount -Identity 'o''brien'"))
        #expect(powershell.contains("Disable-ADAccount -Identity ('' + [char]0x1B + '[31mred' + [char]0x1B + ']0;owned' + [char]0x7)"))
        let searches = Self.commands(plan, language: "powershell").map(\.text).filter { $0.hasPrefix("Get-ADUser -LDAPFilter ") }
        #expect(searches.count == Self.values.log_only_names.count)
        #expect(searches.allSatisfy { $0.hasPrefix("Get-ADUser -LDAPFilter '(&(objectCategory=person)") && !$0.contains("=*") })
    }

    @Test func openLDAPChangesNameTheRightEntries() throws {
        let result = try Self.audit("directory-openldap.ldif", "json")
        #expect(result.status == 1, "\(result.stderr)")
        let plan = try Self.plan(result)
        let disable = try #require(plan.first { $0["action"] as? String == "disable-account" })
        let ldif = Self.commands([disable], language: "ldif").map(\.text).joined(separator: "\n\n")
        // OpenLDAP's own LDIF reader, without a server (-n: show what would be done).
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("relay-audit-plan-\(UUID().uuidString).ldif")
        try ldif.write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let dryRun = try CommandRunner.run(["-n", "-v", "-f", file.path, "-H", "ldap://127.0.0.1:1"], executable: "/usr/bin/ldapmodify")
        #expect(dryRun.status == 0, "\(dryRun.stderr)")
        let prefix = "!modifying entry \""
        let modified = (dryRun.stdout + dryRun.stderr).split(separator: "\n").filter { $0.hasPrefix(prefix) }
            .map { String($0.dropFirst(prefix.count).dropLast()) }
        #expect((dryRun.stdout + dryRun.stderr).components(separatedBy: "replace pwdAccountLockedTime:").count - 1 == modified.count)
        // One change record per account, each naming the account's own entry and nothing else.
        let fixture = try Fixtures.text("Tests/Fixtures/hostile/directory-openldap.ldif")
        var fixtureParser = LDIFParser(file: "fixture")
        var people: [String: String] = [:]
        for (index, line) in Array(fixture.utf8).split(separator: 0x0A, omittingEmptySubsequences: false).enumerated() {
            if let entry = fixtureParser.feed(line: line, number: index + 1), let uid = entry.string("uid") { people[uid] = entry.dn }
        }
        #expect(modified.count == Self.allNames.count)
        #expect(Set(modified) == Set(Self.allNames.compactMap { people[$0] }))
    }

    @Test func markdownShowsEveryValueEscaped() throws {
        let result = try Self.audit("directory-ad.ldif", "markdown")
        let markdown = result.stdout
        #expect(Self.rawControls(markdown).isEmpty)
        // Outside code blocks nothing from the input is live syntax.
        var prose = ""
        var fence: Substring?
        for line in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.drop { $0 == " " }
            if let open = fence {
                if trimmed == open { fence = nil }
                continue
            }
            if trimmed.hasPrefix("```") {
                fence = trimmed.prefix { $0 == "`" }
                continue
            }
            prose += line + "\n"
        }
        #expect(fence == nil, "every fence closes")
        #expect(!prose.contains("<script>"))
        #expect(!prose.contains("](javascript:"))
        #expect(!prose.contains("*)(uid=*"))
        #expect(prose.contains("\\<script\\>alert\\(1\\)\\<\\/script\\>"))
        #expect(markdown.contains("- [ ] **1. Disable the accounts the attacker holds**"))
    }

    @Test func htmlShowsEveryValueEscaped() throws {
        let html = try Self.audit("directory-ad.ldif", "html").stdout
        #expect(Self.rawControls(html).isEmpty)
        #expect(html.range(of: "<script", options: .caseInsensitive) == nil)
        #expect(!html.contains("javascript:pwned)\""))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(html.contains("x$(pwned 1)"))
        #expect(html.contains("samba-tool user disable -- $&#39;\\033[31mred\\033]0;owned\\007&#39;"))
    }

    @Test func csvRowsStayRowsAndNoCellIsAFormula() throws {
        let result = try Self.audit("directory-ad.ldif", "csv")
        #expect(Self.rawControls(result.stdout.replacingOccurrences(of: "\r\n", with: "\n")).isEmpty)
        // Python's csv module reads it back: six cells per row, one row per line.
        let check = try CommandRunner.run(["-c", """
            import csv, sys
            csv.field_size_limit(1 << 24)  # the 100 KB name
            text = sys.stdin.read()
            rows = list(csv.reader(text.splitlines()))
            assert all(len(r) == 6 for r in rows), [r for r in rows if len(r) != 6]
            assert not [c for r in rows for c in r if c and c[0] in "=+-@"], "formula"
            print(sum(1 for r in rows if r[0] == "log-account"))
            """], stdin: Data(result.stdout.utf8), executable: "/usr/bin/python3")
        #expect(check.status == 0, "\(check.stderr)")
        #expect(check.stdout == "\(Self.values.names.count + Self.values.log_only_names.count)\n")
        #expect(result.stdout.contains(",'-rf,"))
    }

    @Test func theTerminalShowsControlCharactersAsVisibleEscapes() throws {
        let result = try Self.audit("directory-ad.ldif", "text")
        #expect(Self.rawControls(result.stdout).isEmpty)
        #expect(result.stdout.contains("COMPROMISED  \\u{1B}[31mred\\u{1B}]0;owned\\u{7}"))
        #expect(result.stdout.contains("samba-tool user disable -- $'\\033[31mred\\033]0;owned\\007'"))
    }
}
