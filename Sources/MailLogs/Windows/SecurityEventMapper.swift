import RelayAuditCore

/// Turns Windows Security events (a domain controller's, an Exchange server's) into normalized
/// events: account management as directory changes with their actor, logons and failed
/// logons as authentications. Field names are Microsoft's ("4720(S): A user account was
/// created" and its siblings in the Windows security auditing reference).
public enum SecurityEventMapper {
    /// The event ids read; every other record is skipped.
    public static let eventIDs: Set<Int> = [4720, 4722, 4725, 4726, 4738, 4723, 4724, 4781, 4728, 4732, 4756, 4729, 4733, 4757,
                                            4740, 4767, 4624, 4625, 4771, 4776, 4768]

    public static func event(_ record: WindowsEventRecord, format: LogFormat = .windowsEvents, fileIndex: Int, offset: Int64) -> LogEvent? {
        guard let action = action(record) else { return nil }
        var event = LogEvent(action, time: record.time, format: format, fileIndex: fileIndex, offset: offset)
        event.appname = record.provider ?? "windows"
        let logonType = record.value("LogonType").flatMap { Int($0) }
        let process = record.value("ProcessName").map { path in String(path.split(whereSeparator: { $0 == "\\" || $0 == "/" }).last ?? Substring(path)) }
        event.windows = WindowsEventContext(eventCode: record.eventID, recordID: record.recordID, host: record.computer,
                                            logonType: logonType, process: process)
        switch action.kind {
        case .authentication:
            event.user = qualified(record.value("TargetUserName"), domain: record.value("TargetDomainName"))
            event.sourceIP = record.value("IpAddress").flatMap(address)
            event.service = service(record, logonType: logonType, process: process)
            if action == .authFailure { event.reason = reason(record) }
        default:
            // The actor: the Subject; the account acted on: the Target (a member for group changes).
            event.user = qualified(record.value("SubjectUserName"), domain: record.value("SubjectDomainName"))
            switch record.eventID {
            case 4728, 4732, 4756, 4729, 4733, 4757:
                event.change = DirectoryChange(target: record.value("MemberName"), targetID: record.value("MemberSid"),
                                               group: record.value("TargetUserName"))
            case 4781:
                event.change = DirectoryChange(target: record.value("OldTargetUserName"), targetID: record.value("TargetSid"),
                                               changes: record.value("NewTargetUserName").map { ["new name: " + $0] } ?? [])
            case 4740:
                // The caller computer is where the failed logons came from.
                event.change = DirectoryChange(target: qualified(record.value("TargetUserName"), domain: nil), targetID: record.value("TargetSid"),
                                               changes: record.value("TargetDomainName").map { ["caller computer: " + $0] } ?? [])
            default:
                var changes: [String] = []
                if let old = record.value("OldUacValue"), let new = record.value("NewUacValue"), old != new {
                    changes.append("userAccountControl: \(old) -> \(new)")
                }
                event.change = DirectoryChange(target: qualified(record.value("TargetUserName"), domain: record.value("TargetDomainName")),
                                               targetID: record.value("TargetSid"), changes: changes)
            }
        }
        return event
    }

    static func action(_ record: WindowsEventRecord) -> LogEvent.Action? {
        switch record.eventID {
        case 4720: .accountCreated
        case 4722: .accountEnabled
        case 4725: .accountDisabled
        case 4726: .accountDeleted
        case 4738: .accountChanged
        case 4723: .passwordChanged
        case 4724: .passwordReset
        case 4781: .accountRenamed
        case 4728, 4732, 4756: .memberAdded
        case 4729, 4733, 4757: .memberRemoved
        case 4740: .accountLocked
        case 4767: .accountUnlocked
        case 4624: .authSuccess
        case 4625, 4771: .authFailure
        case 4776, 4768: (record.value("Status") ?? "0x0").lowercased().hasSuffix("0x0") || record.value("Status") == "0" ? .authSuccess : .authFailure
        default: nil
        }
    }

    /// `DOMAIN\name` when a domain is given (not for a machine's own accounts' `-`).
    static func qualified(_ name: String?, domain: String?) -> String? {
        guard let name else { return nil }
        guard let domain, !domain.isEmpty else { return name }
        return domain + "\\" + name
    }

    /// `::ffff:192.0.2.7` is 192.0.2.7; `-` and `::1` from local logons stay as written.
    static func address(_ text: String) -> String? {
        let trimmed = text.hasPrefix("::ffff:") ? String(text.dropFirst(7)) : text
        return trimmed.isEmpty || trimmed == "-" ? nil : trimmed
    }

    static func service(_ record: WindowsEventRecord, logonType: Int?, process: String?) -> Service {
        switch record.eventID {
        case 4771, 4768: return .kerberos
        case 4776: return .ntlm
        default: break
        }
        let name = process?.lowercased() ?? ""
        if logonType == 8 {
            // Network cleartext: a service checked a password it was given (Exchange's SMTP,
            // IMAP4 and POP3 front ends, IIS basic authentication).
            if name.contains("transport") { return .smtp }
            if name.contains("imap") { return .imap }
            if name.contains("pop") { return .pop }
            if name.contains("w3wp") { return .web }
        }
        // Negotiate picks Kerberos when it can.
        let package = record.value("AuthenticationPackageName")?.lowercased() ?? ""
        return package.contains("kerberos") || package.contains("negotiate") ? .kerberos : .ntlm
    }

    /// NTSTATUS of a failed logon in words (4625 SubStatus first, then Status; 4771 FailureCode).
    static func reason(_ record: WindowsEventRecord) -> String {
        let codes = [record.value("SubStatus"), record.value("Status"), record.value("FailureCode")].compactMap { $0?.lowercased() }
        for code in codes {
            switch code {
            case "0xc000006a", "0x18": return "password mismatch"
            case "0xc0000064", "0x6": return "unknown user"
            case "0xc0000234": return "account locked"
            case "0xc0000072", "0x12": return "account disabled"
            case "0xc0000193": return "account expired"
            case "0xc0000071", "0x17": return "password expired"
            case "0xc0000224": return "password must change"
            case "0xc000006f", "0xc0000070": return "logon restriction"
            default: continue
            }
        }
        return "authentication failed"
    }
}
