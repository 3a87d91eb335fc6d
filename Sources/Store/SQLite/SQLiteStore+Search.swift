import Foundation
import GRDB
import PunchcardLocalization
import PunchcardStatements

extension SQLiteStore {
    /// Members whose name or member_id contains `query` (all when it is empty), in member_id
    /// order, `limit` of them from `offset`. Both sides are folded (`SearchFolding`): case,
    /// accents, Arabic and Persian letter forms and digits do not matter.
    func searchMembers(_ query: String, limit: Int, offset: Int) throws -> MemberSearchPage {
        let trimmed = SearchFolding.fold(query.trimmingCharacters(in: .whitespacesAndNewlines))
        // LIKE with an escape character, so that % and _ in the query match themselves.
        let pattern = "%" + trimmed.replacingOccurrences(of: "\\", with: "\\\\")
            .replacingOccurrences(of: "%", with: "\\%").replacingOccurrences(of: "_", with: "\\_") + "%"
        let filter = trimmed.isEmpty ? "" : "WHERE punchcard_fold(name) LIKE :pattern ESCAPE '\\' OR punchcard_fold(member_id) LIKE :pattern ESCAPE '\\'"
        return try database.read { db in
            db.add(function: Self.foldFunction)
            let matching: StatementArguments = trimmed.isEmpty ? [:] : ["pattern": pattern]
            let total = try Int.fetchOne(db, sql: "SELECT count(*) FROM members \(filter)", arguments: matching) ?? 0
            var arguments = matching
            arguments += ["limit": limit, "offset": offset]
            let members = try Row.fetchAll(
                db, sql: "SELECT \(Self.memberColumns) FROM members \(filter) ORDER BY member_id LIMIT :limit OFFSET :offset",
                arguments: arguments
            ).map(Self.member(from:))
            return MemberSearchPage(total: total, members: members)
        }
    }

    static let foldFunction = DatabaseFunction("punchcard_fold", argumentCount: 1, pure: true) { values in
        String.fromDatabaseValue(values[0]).map(SearchFolding.fold)
    }
}
