import PunchcardSupport

/// Members erased on request (`Erasure`) whom an import's files still list — the operator's CRM
/// export often will: their rows are skipped, with one warning per member and file naming the
/// first line and the day of the erasure, and the rest is imported. With `allowed`
/// (`--allow-erased`) they are imported as anyone else, and their erasure record goes.
final class ErasedMembers {
    let target: any ImportTarget
    let allowed: Bool
    private var keys: ErasureKey??
    private var found: [String: Erasure?] = [:]
    private var warned = Set<String>()
    private(set) var warnings: [Diagnostic] = []
    private(set) var omitted = 0
    private(set) var skippedRows = 0

    init(target: any ImportTarget, allowed: Bool) {
        self.target = target
        self.allowed = allowed
    }

    /// The store's erasure keys, or nil when it has erased nobody (then nothing is looked up).
    private func erasureKeys() throws -> ErasureKey? {
        if let keys { return keys }
        let made = try target.erasureSalt().map(ErasureKey.init(salt:))
        keys = .some(made)
        return made
    }

    /// The erasure of `memberID`, if it was erased.
    func erasure(of memberID: String) throws -> Erasure? {
        if let known = found[memberID] { return known }
        guard let keys = try erasureKeys() else { return nil }
        let erasure = try target.erasure(key: keys.key(of: memberID))
        found[memberID] = erasure
        return erasure
    }

    /// Whether the row of `memberID` at `file:line` is to be skipped (its member was erased).
    func skips(_ memberID: String, file: String, line: Int) throws -> Bool {
        guard let erasure = try erasure(of: memberID) else { return false }
        if allowed {
            // Brought back: the erasure is undone for the record; the kept rows stay opaque.
            if let keys = try erasureKeys() { try target.removeErasure(key: keys.key(of: memberID)) }
            found[memberID] = .some(nil)
            return false
        }
        skippedRows += 1
        if warned.insert("\(file)\u{0}\(memberID)").inserted {
            let day = String(erasure.erasedAt.prefix(10))
            let warning = Diagnostic(SourceLocation(file: file, line: line), field: "member_id",
                                     "\(Diagnostic.quote(memberID)) was erased on \(day); their rows in this file are skipped (import with --allow-erased to bring them back)")
            if warnings.count < 50 { warnings.append(warning) } else { omitted += 1 }
        }
        return true
    }
}
