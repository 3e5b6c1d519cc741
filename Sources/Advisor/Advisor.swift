import Directory
import RelayAuditCore

/// Turns findings and verdicts into the ordered lockdown plan: contain, eradicate, harden,
/// recover. Each step is a rule of its own (`PlanSteps.all`, Steps/) that reads the computed
/// `PlanContext`; the Advisor writes the commands of the steps that apply from the templates
/// of `Policies/commands.yaml`. A step appears only when the evidence calls for it: no Guest
/// step when Guest is disabled, Exim commands only for Exim logs.
public struct Advisor {
    public var templates: CommandTemplates
    public var steps: [any PlanStepRule]

    public init(templates: CommandTemplates, steps: [any PlanStepRule] = PlanSteps.all) {
        self.templates = templates
        self.steps = steps
    }

    public func plan(_ input: AdvisorInput) -> [PlanStep] {
        let context = PlanContext(input)
        var plan: [PlanStep] = []
        for rule in steps {
            guard let draft = rule.draft(context) else { continue }
            let commands = commands(rule.action, draft, base: input.snapshot.baseDN ?? "")
            // No template for any target in play: the step does not apply to this setup.
            guard !commands.isEmpty else { continue }
            plan.append(PlanStep(phase: rule.phase, order: 0, action: rule.action, title: draft.title, why: draft.why,
                                 accounts: draft.accounts.map(\.name), commands: commands))
        }
        // Numbered in phase order (the registry lists them so; a step registered out of its
        // phase's place still lands in its phase).
        let phaseIndex = Dictionary(uniqueKeysWithValues: PlanPhase.allCases.enumerated().map { ($0.element, $0.offset) })
        plan = plan.enumerated().sorted { (phaseIndex[$0.element.phase]!, $0.offset) < (phaseIndex[$1.element.phase]!, $1.offset) }.map(\.element)
        for index in plan.indices { plan[index].order = index + 1 }
        return plan
    }

    /// The step's commands, one per template of each target and per value the template is for.
    func commands(_ action: PlanAction, _ draft: PlanStepDraft, base: String) -> [PlanCommand] {
        guard let byTarget = templates.actions[action] else { return [] }
        var commands: [PlanCommand] = []
        for target in draft.targets {
            guard let template = byTarget[target] else { continue }
            var introduced = false
            func add(_ values: [String: String]) {
                if let before = template.before, !introduced {
                    introduced = true
                    var preamble = template
                    preamble.text = before
                    commands.append(PlanCommand(target: target, language: template.language, text: CommandRenderer.render(preamble, values: ["base": base])))
                }
                commands.append(PlanCommand(target: target, language: template.language, text: CommandRenderer.render(template, values: values)))
            }
            switch template.per {
            case .once:
                add(["base": base])
            case .account:
                for account in draft.accounts.prefix(PlanContext.maximumValuesPerStep) { add(["account": account.name, "mail": account.mail.first ?? account.name, "dn": account.dn, "base": base]) }
            case .group:
                for group in draft.groups { add(["group": group.name, "dn": group.dn, "base": base]) }
            case .login:
                for login in draft.logins {
                    var values = ["login": login, "base": base]
                    if let filter = template.filter { values["filter"] = CommandRenderer.ldapFilter(filter, login: login) }
                    add(values)
                }
            case .ip:
                for ip in draft.ips { add(["ip": ip]) }
            case .network:
                for network in draft.networks { add(["network": network]) }
            case .sender:
                for sender in draft.senders { add(["sender": sender, "sender_regex": PerlRegex.exactEnvelope(sender)]) }
            case .membership:
                for membership in draft.memberships.prefix(PlanContext.maximumValuesPerStep) {
                    add(["member": membership.member, "group": membership.group, "base": base])
                }
            }
        }
        return commands
    }
}
