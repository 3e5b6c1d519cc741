import RelayAuditCore

/// Fills a template's placeholders with values quoted for its language.
///
/// Every value that came from a directory or a log (an SMTP AUTH username, an envelope sender)
/// is quoted as one literal: POSIX single quotes for shell, PowerShell single quotes, base64
/// LDIF values when a value is not a safe string. Nothing from the input is ever pasted raw.
enum CommandRenderer {
    static func render(_ template: CommandTemplates.Template, values: [String: String]) -> String {
        switch template.language {
        case .ldif:
            return template.text.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
                ldifLine(String(line), values)
            }.joined(separator: "\n").trimmingTrailingNewlines
        case .shell, .powershell, .text:
            return substitute(template.text, values) { value in
                template.language == .powershell ? PowerShellQuoting.quote(value) : ShellQuoting.quote(value)
            }.trimmingTrailingNewlines
        }
    }

    /// `attr: {x}` lines are written with `LDIFEscaping` (base64 when needed); other lines are
    /// copied (they hold no values).
    static func ldifLine(_ line: String, _ values: [String: String]) -> String {
        guard let colon = line.firstIndex(of: ":"), line.hasSuffix("}") else { return line }
        let attribute = String(line[..<colon])
        let rest = line[line.index(after: colon)...].drop { $0 == " " }
        guard rest.hasPrefix("{"), rest.hasSuffix("}") else { return line }
        let name = String(rest.dropFirst().dropLast())
        guard let value = values[name] else { return line }
        return LDIFEscaping.line(attribute, value)
    }

    /// A `filter:` template with `{login}` and `{login_local}` filled, each escaped by RFC 4515.
    /// `{login_local}` is the bare name: no `DOMAIN\` before it, no `@domain` after it.
    static func ldapFilter(_ template: String, login: String) -> String {
        var local = Substring(login)
        if let slash = local.lastIndex(of: "\\") { local = local[local.index(after: slash)...] }
        if let at = local.lastIndex(of: "@") { local = local[..<at] }
        let bare = local.isEmpty ? login : String(local)
        return substitute(template, ["login": login, "login_local": bare]) { LDAPFilterEscaping.escapeValue($0) }
    }

    static func substitute(_ text: String, _ values: [String: String], quote: (String) -> String) -> String {
        var out = ""
        var i = text.startIndex
        while i < text.endIndex {
            if text[i] == "{", let close = text[i...].firstIndex(of: "}") {
                let name = String(text[text.index(after: i)..<close])
                if let value = values[name] {
                    out += quote(value)
                    i = text.index(after: close)
                    continue
                }
            }
            out.append(text[i])
            i = text.index(after: i)
        }
        return out
    }
}

extension String {
    var trimmingTrailingNewlines: String {
        var s = self
        while s.hasSuffix("\n") { s.removeLast() }
        return s
    }
}
