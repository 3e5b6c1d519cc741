import CLDAP
import Directory
#if canImport(Glibc)
import Glibc
#endif

/// One libldap session: connect, TLS, bind, paged search, base reads. Read-only by design:
/// there is no add, modify, delete or extended write operation anywhere in this type.
///
/// The `LDAP *` handle is not thread-safe and `OpaquePointer` is not `Sendable`, so a
/// connection lives and dies on the thread that made it; results leave as `Sendable`
/// `DirectoryEntry` values.
final class LDAPConnection {
    private let handle: OpaquePointer
    let url: String
    private var tlsOn = false
    /// `--timeout`: how long to wait for each message of a search.
    private let timeoutSeconds: Int

    struct TLSSettings {
        var caFile: String?
        var verify: Bool
    }

    /// Initialises a handle; no network traffic happens until the first operation.
    init(url: String, tls: TLSSettings, timeoutSeconds: Int) throws(LDAPError) {
        self.url = url
        self.timeoutSeconds = timeoutSeconds
        var ld: OpaquePointer?
        let rc = ldap_initialize(&ld, url)
        guard rc == LDAP_SUCCESS, let ld else {
            throw LDAPError(code: rc, operation: "open \(url)", message: String(cString: ldap_err2string(rc)),
                            hint: "the URL must look like ldap://host[:port], ldaps://host[:port] or ldapi://%2Fpath")
        }
        handle = ld
        _ = cldap_set_int_option(ld, LDAP_OPT_PROTOCOL_VERSION, LDAP_VERSION3)
        // Referrals are never chased: libldap would follow them with an anonymous bind to
        // hosts that often do not resolve (Samba's DomainDnsZones), and we audit one server.
        _ = ldap_set_option(ld, LDAP_OPT_REFERRALS, nil)
        _ = cldap_set_timeout_option(ld, LDAP_OPT_NETWORK_TIMEOUT, timeoutSeconds)
        _ = cldap_set_timeout_option(ld, LDAP_OPT_TIMEOUT, timeoutSeconds)
        _ = cldap_set_int_option(ld, LDAP_OPT_X_TLS_REQUIRE_CERT, tls.verify ? LDAP_OPT_X_TLS_DEMAND : LDAP_OPT_X_TLS_NEVER)
        if let caFile = tls.caFile {
            _ = ldap_set_option(ld, LDAP_OPT_X_TLS_CACERTFILE, caFile)
        }
        // Without a new context the per-handle TLS options above are silently ignored and the
        // process-wide default context is used instead.
        let ctx = cldap_set_int_option(ld, LDAP_OPT_X_TLS_NEWCTX, 0)
        if ctx != LDAP_OPT_SUCCESS, url.lowercased().hasPrefix("ldaps") {
            throw error(ctx, "set up TLS for \(url)")
        }
    }

    deinit {
        ldap_unbind_ext_s(handle, nil, nil)
    }

    /// Upgrades the connection with StartTLS. Failure is fatal: never a silent fall-back to
    /// plaintext.
    func startTLS() throws(LDAPError) {
        let rc = ldap_start_tls_s(handle, nil, nil)
        guard rc == LDAP_SUCCESS else { throw error(rc, "StartTLS with \(url)") }
        tlsOn = true
    }

    /// Simple bind with a DN and password.
    func bind(dn: String, password: Secret) throws(LDAPError) {
        let rc = password.withBytes { bytes in
            var credential = berval(bv_len: ber_len_t(bytes.count),
                                    bv_val: UnsafeMutableRawPointer(bytes.baseAddress!).assumingMemoryBound(to: CChar.self))
            return ldap_sasl_bind_s(handle, dn, nil, &credential, nil, nil, nil)
        }
        guard rc == LDAP_SUCCESS else { throw error(rc, "bind as \(dn)") }
    }

    /// Anonymous simple bind.
    func bindAnonymously() throws(LDAPError) {
        var credential = berval(bv_len: 0, bv_val: nil)
        let rc = ldap_sasl_bind_s(handle, nil, nil, &credential, nil, nil, nil)
        guard rc == LDAP_SUCCESS else { throw error(rc, "anonymous bind") }
    }

    /// SASL bind without a password (EXTERNAL over ldapi://, GSSAPI with a ticket cache).
    func bindSASL(mechanism: String) throws(LDAPError) {
        let rc = cldap_sasl_interactive_bind(handle, mechanism, nil)
        guard rc == LDAP_SUCCESS else { throw error(rc, "SASL \(mechanism) bind") }
    }

    /// Statistics of one search.
    struct SearchSummary {
        var entries = 0
        var references = 0
        var pages = 0
    }

    /// Runs a search, paged with RFC 2696 when `pageSize` is set, handing each entry to
    /// `body` as it arrives. Search continuation references are counted, not followed.
    /// Any result other than success throws: a size-limited or time-limited search is
    /// incomplete and must not be reported as whole.
    @discardableResult
    func search(base: String, scope: Int32, filter: String, attributes: [String], pageSize: Int?,
                _ body: (DirectoryEntry) throws(LDAPError) -> Void) throws(LDAPError) -> SearchSummary {
        var summary = SearchSummary()
        var cookie: [UInt8] = []
        let attributeArray = CStringArray(attributes)
        while true {
            var pageControl: UnsafeMutablePointer<LDAPControl>?
            if let pageSize {
                // libldap copies the cookie into the control's encoding during the call.
                let rc = cookie.withUnsafeMutableBytes { bytes in
                    var value = berval(bv_len: ber_len_t(bytes.count),
                                       bv_val: bytes.baseAddress?.assumingMemoryBound(to: CChar.self))
                    return ldap_create_page_control(handle, ber_int_t(pageSize), &value, 0, &pageControl)
                }
                guard rc == LDAP_SUCCESS else { throw error(rc, "create the paged-results control") }
            }
            defer { if let pageControl { ldap_control_free(pageControl) } }
            var controls: [UnsafeMutablePointer<LDAPControl>?] = [pageControl, nil]

            // Asynchronous: each entry is converted and handed on as it arrives, while the
            // server goes on sending the page (the synchronous call waited for the whole page,
            // then left the server idle while the page was processed).
            var messageID: Int32 = 0
            let rc = controls.withUnsafeMutableBufferPointer { controlBuffer in
                attributeArray.withPointer { attrs in
                    ldap_search_ext(handle, base, scope, filter, attrs, 0,
                                    pageControl == nil ? nil : controlBuffer.baseAddress, nil, nil, LDAP_NO_LIMIT, &messageID)
                }
            }
            guard rc == LDAP_SUCCESS else { throw error(rc, "search under \(base)") }
            summary.pages += 1

            var resultCode: Int32 = LDAP_SUCCESS
            var responseControls: UnsafeMutablePointer<UnsafeMutablePointer<LDAPControl>?>?
            defer { if let responseControls { ldap_controls_free(responseControls) } }
            var diagnostic: String?
            var finished = false
            while !finished {
                var message: OpaquePointer?
                var wait = timeval(tv_sec: timeoutSeconds, tv_usec: 0)
                let kind = ldap_result(handle, messageID, LDAP_MSG_ONE, &wait, &message)
                guard kind > 0, let current = message else {
                    if let message { ldap_msgfree(message) }
                    // 0: nothing within --timeout; -1: the connection failed (its code is on the handle).
                    if kind == 0 { _ = ldap_abandon_ext(handle, messageID, nil, nil) }
                    let code = kind == 0 ? LDAPError.Code.timeout : cldap_result_code(handle)
                    var failure = error(code, "search under \(base)")
                    if summary.entries > 0 { failure.message += " after \(summary.entries) entries" }
                    throw failure
                }
                defer { ldap_msgfree(current) }
                switch ber_tag_t(ldap_msgtype(current)) {
                case LDAP_RES_SEARCH_ENTRY:
                    try body(try entry(from: current))
                    summary.entries += 1
                case LDAP_RES_SEARCH_REFERENCE:
                    summary.references += 1
                case LDAP_RES_SEARCH_RESULT:
                    var code: Int32 = 0
                    var diagnosticPointer: UnsafeMutablePointer<CChar>?
                    _ = ldap_parse_result(handle, current, &code, nil, &diagnosticPointer, nil, &responseControls, 0)
                    if let diagnosticPointer {
                        diagnostic = String(cString: diagnosticPointer)
                        ldap_memfree(diagnosticPointer)
                    }
                    resultCode = code
                    finished = true
                default:
                    break
                }
            }
            guard resultCode == LDAP_SUCCESS else {
                var failure = error(resultCode, "search under \(base)")
                if let diagnostic, !diagnostic.isEmpty { failure.diagnostic = diagnostic }
                if summary.entries > 0 { failure.message += " after \(summary.entries) entries" }
                throw failure
            }

            // No response control: the server did not page and has sent everything.
            guard pageSize != nil, let responseControls,
                  let pageResponse = ldap_control_find(LDAP_CONTROL_PAGEDRESULTS, responseControls, nil)
            else { break }
            var estimate: ber_int_t = 0
            var next = berval(bv_len: 0, bv_val: nil)
            guard ldap_parse_pageresponse_control(handle, pageResponse, &estimate, &next) == LDAP_SUCCESS else {
                throw error(LDAPError.Code.decodingError, "read the paged-results response of \(base)")
            }
            defer { if next.bv_val != nil { ber_memfree(next.bv_val) } }
            if next.bv_len == 0 { break }
            cookie = Array(UnsafeRawBufferPointer(start: next.bv_val, count: Int(next.bv_len)))
        }
        return summary
    }

    /// Reads one entry by DN (scope base); nil when it does not exist.
    func read(dn: String, attributes: [String]) throws(LDAPError) -> DirectoryEntry? {
        var found: DirectoryEntry?
        do {
            try search(base: dn, scope: LDAP_SCOPE_BASE, filter: "(objectClass=*)", attributes: attributes, pageSize: nil) { entry in
                found = entry
            }
        } catch let failure where failure.code == LDAPError.Code.noSuchObject {
            return nil
        }
        return found
    }

    /// Converts one search entry, copying every value by its length (values may be binary),
    /// and completing ranged attributes (`member;range=0-1499`) with follow-up reads.
    private func entry(from message: OpaquePointer) throws(LDAPError) -> DirectoryEntry {
        var dn = ""
        if let dnPointer = ldap_get_dn(handle, message) {
            dn = String(cString: dnPointer)
            ldap_memfree(dnPointer)
        }
        var entry = DirectoryEntry(dn: dn)
        var ranged: [(attribute: String, next: Int)] = []
        var ber: OpaquePointer?
        var attribute = ldap_first_attribute(handle, message, &ber)
        while let name = attribute {
            let attributeName = String(cString: name)
            let values = Self.values(handle, message, name)
            entry.append(attributeName, values)
            if let range = AttributeRange(attributeDescription: attributeName), let next = range.nextStart {
                ranged.append((range.baseName, next))
            }
            ldap_memfree(name)
            attribute = ldap_next_attribute(handle, message, ber)
        }
        if let ber { ber_free(ber, 0) }
        for item in ranged {
            entry.append(item.attribute, try remainingValues(dn: dn, attribute: item.attribute, from: item.next))
        }
        return entry
    }

    /// Fetches the rest of a ranged attribute (MS-ADTS 3.1.1.3.1.3.3): ask for
    /// `attr;range=N-*` (or `N-(N+step-1)`) until the server answers with a range ending in
    /// `*`. A server that repeats a range cannot loop us: the next start must grow.
    func remainingValues(dn: String, attribute: String, from start: Int, step: Int? = nil) throws(LDAPError) -> [[UInt8]] {
        var collected: [[UInt8]] = []
        var next: Int? = start
        while let low = next {
            let high = step.map { String(low + $0 - 1) } ?? "*"
            next = nil
            for (description, values) in try rawRangedRead(dn: dn, description: "\(attribute);range=\(low)-\(high)") {
                guard let range = AttributeRange(attributeDescription: description),
                      range.baseName.lowercased() == attribute.lowercased() else { continue }
                collected += values
                if let following = range.nextStart, following > low { next = following }
            }
        }
        return collected
    }

    /// A base read returning attribute descriptions as the server wrote them (with options).
    private func rawRangedRead(dn: String, description: String) throws(LDAPError) -> [(String, [[UInt8]])] {
        var result: OpaquePointer?
        let attributes = CStringArray([description])
        let rc = attributes.withPointer { attrs in
            ldap_search_ext_s(handle, dn, LDAP_SCOPE_BASE, "(objectClass=*)", attrs, 0, nil, nil, nil, LDAP_NO_LIMIT, &result)
        }
        defer { if let result { ldap_msgfree(result) } }
        guard rc == LDAP_SUCCESS, let result else { throw error(rc, "read \(description) of \(dn)") }
        var out: [(String, [[UInt8]])] = []
        if let first = ldap_first_entry(handle, result) {
            var ber: OpaquePointer?
            var attribute = ldap_first_attribute(handle, first, &ber)
            while let name = attribute {
                out.append((String(cString: name), Self.values(handle, first, name)))
                ldap_memfree(name)
                attribute = ldap_next_attribute(handle, first, ber)
            }
            if let ber { ber_free(ber, 0) }
        }
        return out
    }

    private static func values(_ handle: OpaquePointer, _ message: OpaquePointer, _ name: UnsafeMutablePointer<CChar>) -> [[UInt8]] {
        guard let list = ldap_get_values_len(handle, message, name) else { return [] }
        defer { ldap_value_free_len(list) }
        var values: [[UInt8]] = []
        var index = 0
        while let value = list[index] {
            let length = Int(value.pointee.bv_len)
            if length == 0 || value.pointee.bv_val == nil {
                values.append([])
            } else {
                values.append(Array(UnsafeRawBufferPointer(start: value.pointee.bv_val, count: length)))
            }
            index += 1
        }
        return values
    }

    /// An `LDAPError` for `code`, with the handle's diagnostic and a hint.
    func error(_ code: Int32, _ operation: String) -> LDAPError {
        var diagnostic: String?
        if let copy = cldap_copy_diagnostic(handle) {
            diagnostic = String(cString: copy)
            free(copy)
        }
        var reachable: Bool?
        if code == LDAPError.Code.serverDown || code == LDAPError.Code.connectError {
            reachable = TCPProbe.accepts(url: url)
        }
        return LDAPError(code: code, operation: operation, message: String(cString: ldap_err2string(code)),
                         diagnostic: diagnostic, hint: LDAPError.hint(for: code, url: url, tlsReachable: reachable))
    }
}
