import CLDAP
public import Directory
import Foundation
public import RelayAuditCore

/// Reads a live directory into a snapshot: connect, (StartTLS), bind, root DSE, then one paged
/// subtree search whose entries stream into the snapshot builder.
///
/// Every failure ends the run with exit status 3 and a message that says what to check; a
/// search cut short by a size or time limit is an error, never a smaller result.
public struct LiveDirectoryReader {
    public var options: ConnectionOptions
    /// Warnings for the user (plaintext bind, skipped verification); printed by the caller.
    public private(set) var warnings: [String] = []

    public init(options: ConnectionOptions) { self.options = options }

    public mutating func read(asOf: Instant, privilegedGroupNames: [String], keepPasswordValues: Bool = false) throws(RelayAuditError) -> DirectorySnapshot {
        do {
            return try readOrThrowLDAP(asOf: asOf, privilegedGroupNames: privilegedGroupNames, keepPasswordValues: keepPasswordValues)
        } catch let error as LDAPError {
            throw .directory(error.description)
        } catch let error as RelayAuditError {
            throw error
        } catch {
            throw .directory("\(error)")
        }
    }

    private mutating func readOrThrowLDAP(asOf: Instant, privilegedGroupNames: [String], keepPasswordValues: Bool) throws -> DirectorySnapshot {
        let connection = try connect()
        let rootDSE = try connection.read(dn: "", attributes: ["*", "+"]) ?? DirectoryEntry(dn: "")
        let kind = DirectoryKindDetector.detect(rootDSE: rootDSE)
        let base = try baseDN(rootDSE: rootDSE)
        var builder = DirectorySnapshotBuilder(kind: kind, source: Self.displayURL(options.url), baseDN: base,
                                               asOf: asOf, privilegedGroupNames: privilegedGroupNames, keepPasswordValues: keepPasswordValues)
        let filter: String
        let attributes: [String]
        if kind == .activeDirectory {
            // The domain head first, so lockout evaluation knows the domain's lockout duration.
            if let domain = try connection.read(dn: base, attributes: RequestedAttributes.activeDirectoryAccount) {
                builder.add(domain)
            }
            filter = RequestedAttributes.activeDirectoryFilter
            attributes = RequestedAttributes.activeDirectoryAccount
        } else {
            if kind == .ds389 {
                // The global password policy is cn=config's: readable by Directory Manager or a
                // bind granted read on its password attributes; unreadable is a note, not a failure.
                // (FreeIPA enforces its Kerberos policies instead, read with the accounts.)
                if let config = try? connection.read(dn: "cn=config", attributes: RequestedAttributes.ds389Policy),
                   config.has("passwordExp") || config.has("passwordStorageScheme") {
                    builder.add(config)
                }
            }
            if kind == .openldap {
                // The ppolicy overlay's settings, when the bind may read cn=config (rarely):
                // olcPPolicyHashCleartext and the real olcPPolicyDefault. Unreadable is fine.
                _ = try? connection.search(base: "cn=config", scope: LDAP_SCOPE_SUBTREE, filter: "(objectClass=olcPPolicyConfig)",
                                       attributes: ["objectClass", "olcPPolicyHashCleartext", "olcPPolicyDefault"], pageSize: nil) { entry in
                    builder.add(entry)
                }
            }
            filter = RequestedAttributes.ldapFilter
            attributes = RequestedAttributes.ldapAccount
        }
        let baseKey = DistinguishedName.key(base)
        // A server whose size limit for the bind equals the page size may stop a paged search
        // although no page exceeds it: 389 Directory Server counts one entry past a full page
        // against the limit. Such a search is read again, once, with pages of half the size
        // (the entries of the failed attempt are dropped: the builder is restored), and the
        // report says which page size worked.
        let beforeSearch = builder
        let pageSize = options.pageSize
        var pageNote: String?
        do {
            try searchAccounts(connection, base: base, filter: filter, attributes: attributes, pageSize: pageSize, kind: kind,
                               baseKey: baseKey, into: &builder)
        } catch {
            guard error.code == LDAPError.Code.sizeLimitExceeded, pageSize > 1 else { throw error }
            let smaller = pageSize / 2
            builder = beforeSearch
            try searchAccounts(connection, base: base, filter: filter, attributes: attributes, pageSize: smaller, kind: kind,
                               baseKey: baseKey, into: &builder)
            pageNote = "the server stopped the paged search at its size limit with pages of \(pageSize) entries (389 Directory Server "
                + "counts one entry past a full page against it); read again with pages of \(smaller), which worked: "
                + "pass --page-size \(smaller) (or less than the bind's size limit) next time"
        }
        if builder.kind == .zimbra {
            // Zimbra keeps its classes of service (the password policy) outside the accounts'
            // naming context; an unreadable tree is a note in the report, not a failure.
            _ = try? connection.search(base: ZimbraMapper.classOfServiceBase, scope: LDAP_SCOPE_SUBTREE, filter: "(objectClass=zimbraCOS)",
                                       attributes: ["objectClass", "cn"] + ZimbraMapper.attributes, pageSize: nil) { entry in
                builder.add(entry)
            }
        }
        var snapshot = builder.finish()
        if let pageNote { snapshot.notes.append(pageNote) }
        return snapshot
    }

    /// The accounts' search, each entry into `builder`.
    private func searchAccounts(_ connection: LDAPConnection, base: String, filter: String, attributes: [String], pageSize: Int,
                                kind: DirectoryKind, baseKey: String, into builder: inout DirectorySnapshotBuilder) throws(LDAPError) {
        try connection.search(base: base, scope: LDAP_SCOPE_SUBTREE, filter: filter, attributes: attributes,
                              pageSize: pageSize) { entry in
            if kind == .activeDirectory, DistinguishedName.key(entry.dn) == baseKey { return }  // already added
            builder.add(entry)
        }
    }

    /// Opens, secures and binds the connection.
    private mutating func connect() throws -> LDAPConnection {
        if !options.verifyCertificates {
            warnings.append("--insecure-skip-verify: the server's certificate is NOT verified; anyone on the path can read the bind password and the directory")
        }
        let connection = try LDAPConnection(url: options.url,
                                            tls: .init(caFile: options.caFile, verify: options.verifyCertificates),
                                            timeoutSeconds: options.timeoutSeconds)
        if options.startTLS {
            guard !options.url.lowercased().hasPrefix("ldaps://") else {
                throw RelayAuditError.usage("--starttls with an ldaps:// URL: the connection is already TLS; drop one of them")
            }
            try connection.startTLS()
        }
        switch options.authentication {
        case let .simple(bindDN, source):
            if !options.isProtected {
                warnings.append("simple bind over plaintext to a remote host: the password crosses the network in clear; use ldaps:// or --starttls")
            }
            let password = try source.read(bindDN: bindDN)
            try connection.bind(dn: bindDN, password: password)
        case let .sasl(mechanism):
            try connection.bindSASL(mechanism: mechanism)
        case .anonymous:
            try connection.bindAnonymously()
        }
        return connection
    }

    /// `--base`/LDAPBASE, else the root DSE's defaultNamingContext (AD), else its first naming
    /// context that is not configuration.
    private func baseDN(rootDSE: DirectoryEntry) throws -> String {
        if let base = options.baseDN, !base.isEmpty { return base }
        if let base = rootDSE.string("defaultNamingContext"), !base.isEmpty { return base }
        let contexts = rootDSE.strings("namingContexts").filter {
            let lower = $0.lowercased()
            return !lower.hasPrefix("cn=config") && !lower.contains("cn=configuration") && !lower.hasPrefix("o=netscaperoot")
                && !lower.hasPrefix("cn=changelog") && !lower.hasPrefix("cn=monitor")
        }
        guard let first = contexts.first else {
            throw RelayAuditError.usage("cannot tell which subtree to audit: the server lists no naming context; give --base DN (or set LDAPBASE)")
        }
        return first
    }

    /// The URL as shown in reports (the first of a list).
    static func displayURL(_ url: String) -> String {
        url.split(separator: " ").first.map(String.init) ?? url
    }
}
