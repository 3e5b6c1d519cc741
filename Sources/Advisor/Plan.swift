/// The four phases of the response, in the order they must happen.
public enum PlanPhase: String, Sendable, CaseIterable {
    case contain, eradicate, harden, recover
}

/// One command for one target system.
public struct PlanCommand: Sendable, Equatable {
    public var target: CommandTarget
    /// How the values in it are quoted.
    public var language: CommandTemplates.Language
    public var text: String

    public init(target: CommandTarget, language: CommandTemplates.Language, text: String) {
        self.target = target
        self.language = language
        self.text = text
    }
}

/// One step of the lockdown plan.
public struct PlanStep: Sendable {
    public var phase: PlanPhase
    public var order: Int
    /// The action id in `Policies/commands.yaml`.
    public var action: PlanAction
    public var title: String
    /// Why this step, citing the evidence that triggered it.
    public var why: String
    public var accounts: [String]
    public var commands: [PlanCommand]

    public init(phase: PlanPhase, order: Int, action: PlanAction, title: String, why: String, accounts: [String], commands: [PlanCommand]) {
        self.phase = phase
        self.order = order
        self.action = action
        self.title = title
        self.why = why
        self.accounts = accounts
        self.commands = commands
    }
}
