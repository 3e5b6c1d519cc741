public import Directory

/// One step of the lockdown plan as a small rule: it reads the computed context and returns
/// what the step is about, or nil when the evidence does not call for it. The Advisor fills in
/// the commands from the step's templates; a step whose templates give no command for the
/// targets in play (no krbtgt on OpenLDAP) is left out.
///
/// Add a step: a file in Steps/ with a type conforming to this, its `PlanAction` constant when
/// the action is new, templates for that action in Policies/commands.yaml, and one line in
/// `PlanSteps.all` at the place the step belongs in its phase.
public protocol PlanStepRule: Sendable {
    var phase: PlanPhase { get }
    var action: PlanAction { get }
    func draft(_ context: PlanContext) -> PlanStepDraft?
}

/// What a step says and the values its commands are written for.
public struct PlanStepDraft: Sendable {
    public var title: String
    /// Why this step, citing the evidence that called for it.
    public var why: String
    public var accounts: [Account]
    public var groups: [GroupReference]
    public var logins: [String]
    public var ips: [String]
    /// Networks in CIDR notation (`203.0.113.0/24`), for `per: network` templates.
    public var networks: [String] = []
    public var senders: [String]
    /// Group memberships to undo, for `per: membership` templates ({member}, {group}).
    public var memberships: [(member: String, group: String)] = []
    /// The systems to write commands for (the plan's directory or mail targets, or the firewall).
    public var targets: [CommandTarget]

    public init(title: String, why: String, accounts: [Account] = [], groups: [GroupReference] = [], logins: [String] = [],
                ips: [String] = [], networks: [String] = [], senders: [String] = [], targets: [CommandTarget]) {
        self.title = title
        self.why = why
        self.accounts = accounts
        self.groups = groups
        self.logins = logins
        self.ips = ips
        self.networks = networks
        self.senders = senders
        self.targets = targets
    }
}

/// A directory group a step's commands name.
public struct GroupReference: Sendable {
    public var name: String
    public var dn: String

    public init(name: String, dn: String) {
        self.name = name
        self.dn = dn
    }
}
