#if canImport(Glibc)
import Glibc
#endif

/// Tells "nothing listens there" from "TLS failed" after libldap's opaque -1/-11: if a plain
/// TCP connection to the URL's host and port succeeds, the server is up and the TLS handshake
/// (certificate trust or name) is what failed.
enum TCPProbe {
    /// True if a TCP connection to the URL's host:port succeeds within two seconds; nil when
    /// the URL has no TCP endpoint (ldapi://) or cannot be parsed.
    static func accepts(url: String) -> Bool? {
        guard let (host, port) = endpoint(of: url) else { return nil }
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var list: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, String(port), &hints, &list) == 0, let first = list else { return false }
        defer { freeaddrinfo(list) }
        var current: UnsafeMutablePointer<addrinfo>? = first
        while let info = current {
            let fd = socket(info.pointee.ai_family, info.pointee.ai_socktype, info.pointee.ai_protocol)
            if fd >= 0 {
                var timeout = timeval(tv_sec: 2, tv_usec: 0)
                setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
                let ok = connect(fd, info.pointee.ai_addr, info.pointee.ai_addrlen) == 0
                close(fd)
                if ok { return true }
            }
            current = info.pointee.ai_next
        }
        return false
    }

    /// Host and port of an ldap:// or ldaps:// URL (the first one of a space-separated list).
    static func endpoint(of url: String) -> (String, Int)? {
        let first = url.split(separator: " ").first.map(String.init) ?? url
        let lower = first.lowercased()
        let defaultPort: Int
        let rest: Substring
        if lower.hasPrefix("ldaps://") {
            defaultPort = 636
            rest = first.dropFirst(8)
        } else if lower.hasPrefix("ldap://") {
            defaultPort = 389
            rest = first.dropFirst(7)
        } else {
            return nil
        }
        let hostPort = rest.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        if hostPort.hasPrefix("["), let close = hostPort.firstIndex(of: "]") {
            let host = String(hostPort[hostPort.index(after: hostPort.startIndex)..<close])
            let after = hostPort[hostPort.index(after: close)...]
            let port = after.hasPrefix(":") ? Int(after.dropFirst()) : defaultPort
            return port.map { (host, $0) }
        }
        let pieces = hostPort.split(separator: ":", maxSplits: 1)
        let host = pieces.first.map(String.init) ?? "localhost"
        let port = pieces.count == 2 ? Int(pieces[1]) : defaultPort
        return port.map { (host.isEmpty ? "localhost" : host, $0) }
    }
}
