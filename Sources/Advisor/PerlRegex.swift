/// Perl regular expressions for tools that take one where an exact value is meant.
///
/// `exiqgrep -f` matches its argument as a regex against `<sender>`: a sender such as
/// `a.b@x.example` would also match `aXb@x.example`, and `.*` would select the whole queue.
/// Escaping every non-word character (Perl's `quotemeta`) and anchoring makes it match exactly
/// one envelope sender.
enum PerlRegex {
    /// `quotemeta`: a backslash before every ASCII character that is not a letter, digit or `_`.
    static func quote(_ value: String) -> String {
        var out = ""
        for scalar in value.unicodeScalars {
            if scalar.isASCII, !(scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "_") {
                out.append("\\")
            }
            out.unicodeScalars.append(scalar)
        }
        return out
    }

    /// `^<sender>$`, escaped: how exiqgrep sees an envelope sender.
    static func exactEnvelope(_ sender: String) -> String { "^<" + quote(sender) + ">$" }
}
