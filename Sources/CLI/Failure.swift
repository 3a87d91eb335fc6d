import ArgumentParser
import Foundation
import PunchcardSite
import PunchcardStore
import PunchcardSupport
import PunchcardWallet

/// Every command's errors, as the operator reads them: one line per problem, no raw SQLite or
/// library text, and a non-zero exit status.
enum Failure {
    static func reporting<T>(storePath: String, whatChanged: String? = nil, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let exit as ExitCode {
            throw exit
        } catch let problems as DiagnosticList {
            Terminal.clearStatus()
            Terminal.printError(problems.description)
            if let whatChanged { Terminal.printError(whatChanged) }
            throw ExitCode.failure
        } catch let problems as WalletProblems {
            Terminal.clearStatus()
            for problem in problems.diagnostics { Terminal.printError("error: \(problem)") }
            if let whatChanged { Terminal.printError(whatChanged) }
            throw ExitCode.failure
        } catch {
            Terminal.clearStatus()
            Terminal.printError("error: \(describe(error, storePath: storePath))")
            if let whatChanged { Terminal.printError(whatChanged) }
            throw ExitCode.failure
        }
    }

    static func describe(_ error: Error, storePath: String) -> String {
        switch error {
        case let build as BuildError:
            if let store = StoreError.describing(build.underlying, path: storePath) {
                return "\(build.step): \(store)"
            }
            return "\(build)"
        default:
            if let store = StoreError.describing(error, path: storePath) { return "\(store)" }
            return Diagnostic.oneLineText("\(error)")
        }
    }
}
