import PunchcardSupport

extension YAMLFields {
    /// A list entry's `id` (a reward, a source, a plan, a partner): lowercase letters, digits and
    /// hyphens, at most 64 bytes, and not one of `taken` (the list's entries before it), which
    /// `what` names in the message.
    mutating func requiredID(unusedIn taken: [String], what: String) throws(Diagnostic) -> String {
        let id = try requiredString("id")
        guard PointSource.isWellFormed(id) else {
            throw problem(key: "id", "\(Diagnostic.quote(id)) must be lowercase letters, digits and hyphens")
        }
        if taken.contains(id) {
            throw problem(key: "id", "\(Diagnostic.quote(id)) is used by another \(what)")
        }
        return id
    }
}
