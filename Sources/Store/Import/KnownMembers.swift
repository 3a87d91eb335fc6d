import PunchcardSupport

/// The member_id check of the files that refer to members (surveys, memberships, coupons): the
/// member must be in the store or in the members file of the same import. Members found once are
/// remembered, so a member with many rows is looked up once.
struct KnownMembers {
    let target: any ImportTarget
    let importedMemberIDs: KeyTable
    let erased: ErasedMembers?
    let file: String
    private var known: Set<String> = []

    init(target: any ImportTarget, importedMemberIDs: KeyTable, erased: ErasedMembers?, file: String) {
        self.target = target
        self.importedMemberIDs = importedMemberIDs
        self.erased = erased
        self.file = file
    }

    /// The member_id as the store keeps it, or nil after reporting why it names no member (or,
    /// for an erased member, after noting that their rows are skipped: no problem then).
    mutating func check(_ field: String, line: Int, problem: (String) -> Void) throws -> String? {
        let (memberID, idProblem) = FieldRules.memberID(field)
        if memberID.isEmpty {
            problem("required, but empty")
            return nil
        }
        if known.contains(memberID) { return memberID }
        if idProblem == nil, try importedMemberIDs.contains(memberID) || target.memberExists(memberID) {
            known.insert(memberID)
            return memberID
        }
        if idProblem == nil, let erased, try erased.skips(memberID, file: file, line: line) { return nil }
        problem("\(Diagnostic.quote(memberID)): no such member in the store or in the members file")
        return nil
    }
}
