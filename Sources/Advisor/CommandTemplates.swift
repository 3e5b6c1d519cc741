import Foundation
import Policy
public import RelayAuditCore

/// The command templates of `Policies/commands.yaml`: per action, per target, the text an admin
/// pastes, with placeholders filled and quoted for the template's language.
public struct CommandTemplates: Sendable {
    public enum Language: String, Sendable { case shell, powershell, ldif, text }
    public enum Per: String, Sendable { case account, login, group, ip, network, sender, membership, once }

    public struct Template: Sendable {
        public var per: Per
        public var language: Language
        public var text: String
        /// An LDAP search filter that `{filter}` in `text` stands for. Its own placeholders are
        /// filled with values escaped by RFC 4515 (a logged `*)(uid=*` matches only itself),
        /// and the finished filter is then quoted for `language` as one argument.
        public var filter: String?
        /// Written once before the per-value commands when there are any (`ipset create` before
        /// the `ipset add` lines); placeholders: {base} only.
        public var before: String?
    }

    /// action → target → template.
    public private(set) var actions: [PlanAction: [CommandTarget: Template]] = [:]

    public static let placeholders: Set<String> = ["account", "mail", "login", "dn", "ip", "network", "sender", "sender_regex", "base", "group", "member", "filter"]
    /// What a `filter:` may use: the login as typed, and the bare name (no `DOMAIN\\`, no `@domain`).
    public static let filterPlaceholders: Set<String> = ["login", "login_local"]

    /// The built-in templates (`Policies/commands.yaml`, embedded at build time).
    public static func builtIn() throws(RelayAuditError) -> CommandTemplates {
        guard let text = PolicyLoader.embeddedFile("commands.yaml") else {
            throw .configuration([Diagnostic(.error, file: "Policies/commands.yaml", message: "missing from this build")])
        }
        return try parse(text, name: "Policies/commands.yaml").checked(against: PlanSteps.all, name: "Policies/commands.yaml")
    }

    /// Reads a templates file (`--commands FILE`).
    public static func load(path: String) throws(RelayAuditError) -> CommandTemplates {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .configuration([Diagnostic(.error, file: path, message: "command templates file cannot be read")])
        }
        return try parse(String(decoding: data, as: UTF8.self), name: path).checked(against: PlanSteps.all, name: path)
    }

    /// The templates, if they hold an action for every step and no action that no step takes:
    /// a step without templates would silently vanish from every plan, and a template for an
    /// unknown action (a typo) would never be used.
    public func checked(against steps: [any PlanStepRule], name: String) throws(RelayAuditError) -> CommandTemplates {
        var problems: [Diagnostic] = []
        let known = Set(steps.map(\.action))
        for (action, line) in order.sorted(by: { $0.value < $1.value }) where !known.contains(action) {
            let hint = KeySuggestion.closest(to: action.rawValue, in: known.map(\.rawValue)).map { " (did you mean '\($0)'?)" } ?? ""
            problems.append(Diagnostic(.error, file: name, line: line, message: "'\(action)' is not an action of any plan step\(hint)"))
        }
        for step in steps where actions[step.action] == nil {
            problems.append(Diagnostic(.error, file: name, line: 1,
                                       message: "no templates for action '\(step.action)', which the plan step \(type(of: step)) needs; "
                                           + "add it (`\(step.action): {}` gives the step no commands, which leaves it out of every plan)"))
        }
        if !problems.isEmpty { throw .configuration(problems.uniquedByMessage()) }
        return self
    }

    /// Each action's line in the file, for diagnostics.
    private var order: [PlanAction: Int] = [:]

    /// Parses and validates a templates file; errors name file, line and column.
    public static func parse(_ text: String, name: String) throws(RelayAuditError) -> CommandTemplates {
        let tree = try PolicyLoader.parseYAML(text, name: name)
        var problems: [Diagnostic] = []
        func fail(_ node: PolicyNode, _ message: String) {
            problems.append(Diagnostic(.error, file: name, line: node.location.line, column: node.location.column, message: message))
        }
        var templates = CommandTemplates()
        guard case let .map(actions, _)? = tree["actions"] else {
            throw .configuration([Diagnostic(.error, file: name, line: 1, message: "expected an 'actions:' mapping")])
        }
        for action in actions {
            guard case let .map(targets, _) = action.value else {
                fail(action.value, "'\(action.key)' must map targets to templates")
                continue
            }
            let actionID = PlanAction(action.key)
            templates.actions[actionID, default: [:]] = [:]
            templates.order[actionID] = action.value.location.line
            for target in targets {
                guard let targetID = CommandTarget(rawValue: target.key) else {
                    let hint = KeySuggestion.closest(to: target.key, in: CommandTarget.allCases.map(\.rawValue)).map { " (did you mean '\($0)'?)" } ?? ""
                    fail(target.value, "'\(action.key).\(target.key)': unknown target\(hint); targets are "
                        + CommandTarget.allCases.map(\.rawValue).joined(separator: ", "))
                    continue
                }
                guard case .scalar(let per, _)? = target.value["per"], let perValue = Per(rawValue: per),
                      case .scalar(let language, _)? = target.value["language"], let languageValue = Language(rawValue: language),
                      case .scalar(let body, _)? = target.value["text"]
                else {
                    fail(target.value, "'\(action.key).\(target.key)' needs per (account, login, group, ip, network, sender, once), language (shell, powershell, ldif, text) and text")
                    continue
                }
                let used = Self.placeholdersIn(body)
                for unknown in used.subtracting(placeholders) {
                    fail(target.value, "'\(action.key).\(target.key)' uses an unknown placeholder {\(unknown)}")
                }
                if languageValue == .text, !used.isEmpty {
                    fail(target.value, "'\(action.key).\(target.key)' is language text, which cannot quote values; use shell, powershell or ldif")
                }
                var filter: String?
                if case .scalar(let value, _)? = target.value["filter"] {
                    filter = value
                    for unknown in Self.placeholdersIn(value).subtracting(filterPlaceholders) {
                        fail(target.value, "'\(action.key).\(target.key)' filter uses {\(unknown)}; a filter may use {login} and {login_local}")
                    }
                    if perValue != .login { fail(target.value, "'\(action.key).\(target.key)' has a filter, which needs per: login") }
                }
                if used.contains("filter"), filter == nil {
                    fail(target.value, "'\(action.key).\(target.key)' uses {filter} but has no 'filter:' key")
                }
                var before: String?
                if case .scalar(let value, _)? = target.value["before"] {
                    before = value
                    if !Self.placeholdersIn(value).isSubset(of: ["base"]) {
                        fail(target.value, "'\(action.key).\(target.key)' before: may use {base} only")
                    }
                    if perValue == .once { fail(target.value, "'\(action.key).\(target.key)' has before:, which a per: once template does not need") }
                }
                templates.actions[actionID, default: [:]][targetID] = Template(per: perValue, language: languageValue, text: body, filter: filter,
                                                                               before: before)
            }
        }
        if !problems.isEmpty { throw .configuration(problems) }
        return templates
    }

    /// `{name}` placeholders in a template.
    static func placeholdersIn(_ text: String) -> Set<String> {
        var names = Set<String>()
        var current: String?
        for ch in text {
            if ch == "{" { current = ""; continue }
            if ch == "}", let name = current {
                if !name.isEmpty, name.allSatisfy({ $0.isLetter || $0 == "_" }) { names.insert(name) }
                current = nil
                continue
            }
            if current != nil {
                if ch.isLetter || ch == "_" { current! .append(ch) } else { current = nil }
            }
        }
        return names
    }
}

extension Array where Element == Diagnostic {
    /// The diagnostics in order, each message once (a missing action needed by two steps).
    func uniquedByMessage() -> [Diagnostic] {
        var seen = Set<String>()
        return filter { seen.insert($0.message).inserted }
    }
}
