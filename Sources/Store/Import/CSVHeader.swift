import Foundation
import PunchcardSupport

/// The header row of an import file: which column holds which field.
struct CSVHeader {
    let file: String
    let names: [String]
    private let indexByName: [String: Int]

    /// Reads the header; `required` columns must be present, and any column outside `known` is
    /// either returned as extra (`allowExtra`) or reported.
    init(record: CSVRecord?, file: String, required: [String], known: [String], allowExtra: Bool,
         problems: inout DiagnosticList) {
        self.file = file
        guard let record else {
            names = []
            indexByName = [:]
            problems.append(Diagnostic(SourceLocation(file: file, line: 1), "the file is empty; expected a header row"))
            return
        }
        names = record.fields.map { $0.trimmingWhitespace() }
        if let hint = FieldRules.separatorHint(header: record.fields) {
            problems.append(Diagnostic(SourceLocation(file: file, line: record.line), hint))
            indexByName = [:]
            return
        }
        var indexByName: [String: Int] = [:]
        for (index, name) in names.enumerated() {
            if name.isEmpty {
                problems.append(Diagnostic(SourceLocation(file: file, line: record.line, column: index + 1),
                                           "column \(index + 1) has no name in the header row"))
            } else if indexByName[name] != nil {
                problems.append(Diagnostic(SourceLocation(file: file, line: record.line, column: index + 1),
                                           field: name, "column appears twice in the header row"))
            } else {
                indexByName[name] = index
                if !allowExtra && !known.contains(name) {
                    problems.append(Diagnostic(
                        SourceLocation(file: file, line: record.line, column: index + 1), field: Self.shown(name),
                        "unknown column (expected: \(known.joined(separator: ", ")))"))
                }
            }
        }
        for name in required where indexByName[name] == nil {
            problems.append(Diagnostic(SourceLocation(file: file, line: record.line), field: name,
                                       "required column is missing from the header row"))
        }
        self.indexByName = indexByName
    }

    func index(of name: String) -> Int? { indexByName[name] }

    /// A problem on `line` of this file, in `column` (a header name; nil: the whole row).
    func diagnostic(line: Int, column: String?, _ message: String) -> Diagnostic {
        Diagnostic(SourceLocation(file: file, line: line, column: column.flatMap { index(of: $0) }.map { $0 + 1 }),
                   field: column, message)
    }

    /// A column name as an error shows it: as it is when short and plain, else quoted and shortened.
    static func shown(_ name: String) -> String {
        name.count <= 40 && !name.containsControlCharacter() && !name.contains("\"") ? name : Diagnostic.quote(name)
    }

    /// Columns outside `known`, with their index.
    func extraColumns(known: [String]) -> [(name: String, index: Int)] {
        names.enumerated().compactMap { index, name in
            known.contains(name) || name.isEmpty || indexByName[name] != index ? nil : (name, index)
        }
    }
}

extension CSVRecord {
    /// The field at `index`, or nil for an absent column. An empty field is "".
    @inline(__always)
    func field(_ index: Int?) -> String? {
        guard let index else { return nil }
        return index < fields.count ? fields[index] : ""
    }
}
