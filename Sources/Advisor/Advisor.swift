import RelayAuditCore
import Checker
import Directory
import LogAnalysis

/// Turns findings and verdicts into the ordered lockdown plan: contain, eradicate, harden,
/// recover (Microsoft's compromised-account and password-spray playbooks, Postfix/Exim
/// hardening, Spamhaus delisting; see ../shared/reference §3.11). A step appears only when the
/// evidence calls for it: no Guest step when Guest is disabled, Exim commands only for Exim logs.
public struct Advisor {
    public var templates: CommandTemplates

    public init(templates: CommandTemplates) { self.templates = templates }

    /// The most values one step lists (the JSON keeps them all up to this bound).
    static let maximumValuesPerStep = 1000
    /// Forged senders per compromised account to hold and purge.
    static let sendersPerAccount = 20
    /// The longest name a directory attribute a login could match holds (AD's userPrincipalName
    /// range upper, above uid and a 254-octet mail address). A longer login is a spammer's
    /// filler; its search filter would also exceed the kernel's 128 KiB limit for one argument.
    static let longestDirectoryName = 1024

    public func plan(_ input: AdvisorInput) -> [PlanStep] {
        var steps: [PlanStep] = []
        func add(_ phase: PlanPhase, _ action: String, _ title: String, _ why: String, accounts: [Account] = [],
                 groups: [(name: String, dn: String)] = [], logins: [String] = [], ips: [String] = [], senders: [String] = [], queueIDs: [String] = [], targets: [String]) {
            let commands = commandsFor(action, targets: targets, accounts: accounts, groups: groups, logins: logins, ips: ips, senders: senders, queueIDs: queueIDs, input: input)
            guard !commands.isEmpty || action == "manual" else { return }
            steps.append(PlanStep(phase: phase, order: 0, action: action, title: title, why: why, accounts: accounts.map(\.name), commands: commands))
        }
        let directory = input.directoryTargets
        let mail = input.mailTargets
        let verdicts = input.checker.verdicts
        let compromised = verdicts.filter { $0.verdict == .compromised }
        let stillOpen = compromised.filter { $0.passwordResetAfterAbuse != true }
        let openAccounts = stillOpen.compactMap { $0.dn.flatMap { dn in input.account(dn: dn) } }
        let persistence = input.checker.findings.filter { $0.rule == "persistence-account" }
            .compactMap { f in f.id.flatMap { dn in input.account(dn: dn) } }
        let attackers = input.analysis.sources.filter { $0.verdict == .attacker }.map(\.ip)
        let compromisedLogs = input.analysis.accounts.filter { report in compromised.contains { $0.logUser == report.user } }
        let senders = Array(compromisedLogs.flatMap { $0.facts.forgedSenders.prefix(Self.sendersPerAccount) }.uniqued().prefix(Self.maximumValuesPerStep))

        // Contain: stop new abuse now.
        let toDisable = (openAccounts + persistence).uniquedByDN()
        let newOnly = persistence.filter { account in !openAccounts.contains { $0.dn == account.dn } }
        if !toDisable.isEmpty {
            add(.contain, "disable-account", "Disable the accounts the attacker holds",
                "\(stillOpen.count) compromised account(s) still have the attacker's password (\(stillOpen.map(\.account).joined(separator: ", ")))"
                    + (newOnly.isEmpty ? "" : " and \(newOnly.count) account(s) were created after the incident began (\(newOnly.map(\.name).joined(separator: ", ")))")
                    + ": disabling stops new SMTP AUTH at once; passwords are reset in the next phase.",
                accounts: toDisable, targets: directory)
        }
        // Logins the attacker used that match no account of the export: the directory still
        // holds them under another attribute (a mail alias, a UPN) or the MTA authenticates
        // elsewhere. Finding them is part of containment.
        let unmatchedUsers = Set(compromised.filter { $0.dn == nil }.compactMap(\.logUser))
        let unmatched = input.analysis.accounts.filter { unmatchedUsers.contains($0.user) }.flatMap { $0.activity.identities.sorted() }.uniqued()
        let searchable = unmatched.filter { $0.utf8.count <= Self.longestDirectoryName }
        if !searchable.isEmpty {
            let tooLong = unmatched.count - searchable.count
            add(.contain, "find-account", "Find the accounts behind logins the directory did not match",
                "\(searchable.count) compromised login(s) match no account read from the directory (\(searchable.prefix(3).joined(separator: ", "))\(searchable.count > 3 ? "…" : "")): search for them by every name and address attribute, then disable what is found; if nothing is, the MTA authenticates against another source (a passwd-file, SQL), which must be locked the same way."
                    + (tooLong == 0 ? "" : " \(tooLong) longer login(s) cannot be a directory name and are not searched."),
                logins: Array(searchable.prefix(Self.maximumValuesPerStep)), targets: directory)
        }
        if !attackers.isEmpty {
            add(.contain, "block-address", "Block the attacking addresses",
                "\(attackers.count) address(es) sprayed passwords or sent forged mail through compromised accounts.",
                ips: Array(attackers.prefix(Self.maximumValuesPerStep)), targets: ["firewall"] + mail)
            add(.contain, "block-address-config", "Make the MTA refuse the blocked addresses",
                "The block list of the previous step takes effect once the MTA consults it.", targets: mail)
        }
        // The names the attacker typed at SMTP AUTH, as logged: the queue files record them.
        let openLogins = input.analysis.accounts.filter { report in compromised.contains { $0.logUser == report.user } }
            .flatMap { $0.activity.identities.sorted() }.uniqued()
        if !openLogins.isEmpty {
            add(.contain, "hold-account-mail", "Hold everything the compromised accounts queued",
                "Mail submitted as \(openLogins.count) compromised login(s) may still wait in the queue; the queue files record the SMTP AUTH name (Postfix: named_attribute sasl_username; Exim: -auth_id), so holding by login catches what the sender list misses.",
                logins: Array(openLogins.prefix(Self.maximumValuesPerStep)), targets: mail)
        }
        if !senders.isEmpty {
            add(.contain, "hold-sender", "Hold the spam still in the queue",
                "The compromised accounts sent as \(senders.count) forged sender(s) (\(senders.prefix(3).joined(separator: ", "))…): hold their mail before it leaves, review, then purge.",
                senders: senders, targets: mail)
            add(.contain, "purge-sender", "Purge the held spam",
                "Once reviewed, the held messages are spam: delete them so they are not retried for days.", senders: senders, targets: mail)
        }
        let ndr = compromisedLogs.reduce(0) { $0 + $1.activity.ndr }
        if ndr > 0 {
            add(.contain, "purge-ndr", "Purge the bounces (NDR backscatter) from the queue",
                "The spam caused \(ndr) non-delivery notifications to forged senders; they keep the queue full and the server listed.",
                targets: mail)
        }

        // Eradicate: take the attacker's access away for good.
        let toReset = compromised.compactMap { v in v.dn.flatMap { dn in input.account(dn: dn) } }
        if !toReset.isEmpty {
            add(.eradicate, "reset-password", "Reset the compromised accounts' passwords",
                "\(toReset.count) account(s) were used by the attacker; a reset (out of band, never by mail) ends the stolen credential."
                    + (stillOpen.count < compromised.count ? " \(compromised.count - stillOpen.count) were already reset after the abuse: reset again if unsure who did it." : ""),
                accounts: toReset, targets: directory)
        }
        let privileged = input.snapshot.accounts.filter { ($0.privileged || !$0.servicePrincipalNames.isEmpty) && $0.isEnabled && !$0.isKrbtgt }
            .filter { account in !toReset.contains { $0.dn == account.dn } }
        if !privileged.isEmpty, !compromised.isEmpty {
            add(.eradicate, "reset-password", "Reset every privileged and service account's password",
                "Change ALL the passwords that matter: an attacker inside may have harvested more than the accounts the logs show. \(privileged.count) privileged or service account(s).",
                accounts: privileged, targets: directory)
        }
        if input.snapshot.kind == .activeDirectory, !compromised.isEmpty || !input.findings("krbtgt-password-old").isEmpty {
            add(.eradicate, "reset-krbtgt", "Reset the krbtgt password twice, at least 10 hours apart",
                "Forged Kerberos tickets survive every user reset until krbtgt changes twice"
                    + (input.findings("krbtgt-password-old").isEmpty ? "." : "; its password is \(input.findings("krbtgt-password-old").first.map { Self.age($0) } ?? "old")."),
                targets: directory)
        }
        let guests = input.findings("guest-enabled").compactMap { f in f.id.flatMap { dn in input.account(dn: dn) } }
        if !guests.isEmpty {
            add(.eradicate, "disable-guest", "Disable the Guest account",
                "The built-in Guest account (RID 501) is enabled" + (compromised.contains { $0.dn == guests[0].dn } ? " and the attacker used it." : "."),
                accounts: guests, targets: directory)
        }
        let changedGroups = input.checker.findings.filter { $0.rule == "privileged-group-changed" }
            .compactMap { f in f.id.flatMap { dn in input.snapshot.privilegedGroups.first { $0.group.dn == dn }?.group } }
        if !changedGroups.isEmpty {
            add(.eradicate, "review-privileged-group", "Review the privileged groups changed during the incident",
                "\(changedGroups.map(\.name).joined(separator: ", ")) changed after the incident began; a member added then is the intruder's way back even when the account itself is old. The commands show who is in each group and, on AD, when each member was added.",
                groups: changedGroups.map { ($0.name, $0.dn) }, targets: directory)
        }
        if !persistence.isEmpty {
            add(.eradicate, "remove-privileged-membership", "Remove the accounts created during the incident from privileged groups",
                "\(persistence.map(\.name).joined(separator: ", ")) appeared after the incident began; unless someone on staff vouches for them, delete them after review.",
                accounts: persistence.filter(\.privileged), targets: directory)
        }
        let notRequired = input.findings("password-not-required").compactMap { f in f.id.flatMap { dn in input.account(dn: dn) } }
            .filter { !$0.isGuest }
        if !notRequired.isEmpty {
            add(.eradicate, "clear-password-not-required", "Require a password on every account",
                "\(notRequired.count) account(s) carry PASSWD_NOTREQD: the password policy does not apply to them.", accounts: notRequired, targets: directory)
        }
        let reversible = input.findings("reversible-password").compactMap { f in f.id.flatMap { dn in input.account(dn: dn) } }
        if !reversible.isEmpty {
            add(.eradicate, "clear-reversible-encryption", "Stop storing passwords reversibly, then reset them",
                "\(reversible.count) account(s) store their password with reversible encryption; clearing the flag takes effect at the next password change.",
                accounts: reversible, targets: directory)
        }
        let accountsOf = { (rule: String) in
            input.findings(rule).compactMap { f in f.id.flatMap { dn in input.account(dn: dn) } }
        }
        if input.snapshot.kind == .activeDirectory {
            let cleartext = accountsOf("cleartext-password")
            if !cleartext.isEmpty {
                add(.eradicate, "clear-stored-cleartext", "Remove the passwords stored in clear text",
                    "\(cleartext.count) account(s) carry a readable password in userPassword or unixUserPassword, which any user who can read the entry sees; remove the values, then reset those passwords.",
                    accounts: cleartext, targets: directory)
            }
            let asrep = accountsOf("asrep-roastable")
            if !asrep.isEmpty {
                add(.eradicate, "require-preauth", "Require Kerberos pre-authentication",
                    "\(asrep.count) account(s) let anyone request a ticket to crack offline (DONT_REQ_PREAUTH).", accounts: asrep, targets: directory)
            }
        }
        let weakHashes = (input.findings("cleartext-password") + input.findings("weak-password-hash"))
            .compactMap { f in f.id.flatMap { dn in input.account(dn: dn) } }.uniquedByDN()
        if !weakHashes.isEmpty {
            add(.eradicate, "rehash-password", "Replace cleartext and weakly hashed passwords",
                "\(weakHashes.count) account(s) store a cleartext or fast-to-crack password; a reset through the Password Modify operation stores a strong hash.",
                accounts: weakHashes, targets: directory)
            if input.snapshot.kind == .openldap, !input.findings("cleartext-password").isEmpty {
                add(.eradicate, "hash-cleartext-on-modify", "Make OpenLDAP hash passwords written by plain modifies",
                    "Cleartext userPassword values exist: without olcPPolicyHashCleartext a plain modify stores the password itself.", targets: directory)
            }
        }
        let stale = input.checker.findings.filter { $0.rule == "stale-by-evidence" }.compactMap { f in f.id.flatMap { dn in input.account(dn: dn) } }
        if !stale.isEmpty {
            add(.eradicate, "disable-account", "Disable the accounts nobody uses",
                "\(stale.count) enabled account(s) show no logon in the directory and no SMTP AUTH in the logs: unused passwords are the next spray's luck.",
                accounts: stale, targets: directory)
        }

        // Harden: make the next attempt fail.
        let signals = Set(compromisedLogs.flatMap { $0.signals.map(\.id) })
        if signals.contains("forged-sender") || signals.contains("sender-login-mismatch") {
            add(.harden, "sender-login-match", "Let authenticated users send only as themselves",
                "The compromised accounts sent as other people's addresses; sender-login matching refuses that.", targets: mail)
        }
        if !signals.isDisjoint(with: ["message-burst", "recipient-burst", "external-domains"]) {
            add(.harden, "rate-limit-per-user", "Limit how much one account can send per hour",
                "The abuse showed bursts of messages and recipients no person sends; a per-user limit caps the damage of the next stolen password.",
                targets: mail)
        }
        if input.analysis.sources.contains(where: { $0.verdict != .clean && $0.activity.authFailure > 0 }) {
            add(.harden, "auth-failure-throttling", "Throttle and ban password guessing",
                "Addresses guessed passwords (\(input.analysis.sources.filter { $0.activity.authFailure > 0 && $0.verdict == .attacker }.count) attacking).",
                targets: mail)
        }
        if !input.findings("weak-password-policy").isEmpty || !compromised.isEmpty {
            add(.harden, "password-policy", "Enforce long passwords and account lockout",
                input.findings("weak-password-policy").map(\.message).first ?? "Soft passwords fell to the spray.", targets: directory)
        }
        // Passwords that never expire on accounts people log in with: the compromised ones and
        // the privileged ones (service accounts keep theirs; their passwords were reset above).
        let neverExpires = accountsOf("password-never-expires").filter { account in
            !account.isGuest && account.servicePrincipalNames.isEmpty && (account.privileged || compromised.contains { $0.dn == account.dn })
        }
        if !neverExpires.isEmpty {
            add(.harden, "clear-password-never-expires", "Let the password policy expire these passwords",
                "\(neverExpires.map(\.name).joined(separator: ", ")): a password that never expires stayed valid for the attacker until someone noticed.",
                accounts: neverExpires, targets: directory)
        }
        let privilegedSMTP = input.checker.findings.filter { $0.rule == "privileged-smtp-auth" }
            .compactMap { f in f.id.flatMap { dn in input.account(dn: dn) } }
        if !privilegedSMTP.isEmpty {
            add(.harden, "restrict-smtp-auth", "Take SMTP AUTH away from accounts that do not need it",
                "Privileged accounts authenticated over SMTP (\(privilegedSMTP.map(\.name).joined(separator: ", "))): admin credentials do not belong in mail clients.",
                accounts: privilegedSMTP, targets: mail)
        }

        // Recover: return to service only once the abuse has stopped.
        if !compromised.isEmpty {
            add(.recover, "check-blocklists", "Check the blocklists and request delisting, only after the spam has stopped",
                "Delisting requests made while spam still flows are refused, and repeat listings last longer.", targets: ["firewall"])
            add(.recover, "release-held-mail", "Release the legitimate mail that was held",
                "Holding by sender may have caught real mail: review and release it.", targets: mail)
        }
        add(.recover, "rerun-audit", "Re-run the audit, and keep monitoring",
            "The plan is done when the audit shows no compromised account and no attacking address; run it daily while the logs settle.",
            targets: ["firewall"])

        // Number the steps in phase order.
        steps.sort { PlanPhase.allCases.firstIndex(of: $0.phase)! < PlanPhase.allCases.firstIndex(of: $1.phase)! }
        for index in steps.indices { steps[index].order = index + 1 }
        return steps
    }

    func commandsFor(_ action: String, targets: [String], accounts: [Account], groups: [(name: String, dn: String)], logins: [String], ips: [String], senders: [String], queueIDs: [String],
                     input: AdvisorInput) -> [PlanCommand] {
        guard let byTarget = templates.actions[action] else { return [] }
        var commands: [PlanCommand] = []
        for target in targets {
            guard let template = byTarget[target] else { continue }
            let base = input.snapshot.baseDN ?? ""
            switch template.per {
            case .once:
                commands.append(PlanCommand(target: target, language: template.language.rawValue, text: CommandRenderer.render(template, values: ["base": base])))
            case .account:
                for account in accounts.prefix(Self.maximumValuesPerStep) {
                    commands.append(PlanCommand(target: target, language: template.language.rawValue, text: CommandRenderer.render(template, values: [
                        "account": account.name, "dn": account.dn, "base": base,
                    ])))
                }
            case .group:
                for group in groups {
                    commands.append(PlanCommand(target: target, language: template.language.rawValue, text: CommandRenderer.render(template, values: [
                        "group": group.name, "dn": group.dn, "base": base,
                    ])))
                }
            case .login:
                for login in logins {
                    var values = ["login": login, "base": base]
                    if let filter = template.filter { values["filter"] = CommandRenderer.ldapFilter(filter, login: login) }
                    commands.append(PlanCommand(target: target, language: template.language.rawValue, text: CommandRenderer.render(template, values: values)))
                }
            case .ip:
                for ip in ips { commands.append(PlanCommand(target: target, language: template.language.rawValue, text: CommandRenderer.render(template, values: ["ip": ip]))) }
            case .sender:
                for sender in senders { commands.append(PlanCommand(target: target, language: template.language.rawValue, text: CommandRenderer.render(template, values: ["sender": sender, "sender_regex": PerlRegex.exactEnvelope(sender)]))) }
            case .queueID:
                for id in queueIDs { commands.append(PlanCommand(target: target, language: template.language.rawValue, text: CommandRenderer.render(template, values: ["queue_id": id]))) }
            }
        }
        return commands
    }

    static func age(_ finding: Finding) -> String {
        if case let .int(days)? = finding.evidence["password_age_days"] { return "\(days) days old" }
        return "old"
    }
}

extension Array where Element == String {
    func uniqued() -> [String] {
        var seen = Set<String>()
        return filter { seen.insert($0).inserted }
    }
}

extension Array where Element == Account {
    func uniquedByDN() -> [Account] {
        var seen = Set<String>()
        return filter { seen.insert($0.dn).inserted }
    }
}
