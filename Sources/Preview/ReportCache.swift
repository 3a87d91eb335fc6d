import Foundation

/// The operator's report page at `/_report/`, computed once per build of the preview (the builder
/// builds again after every change of the store, content or theme) instead of once per request:
/// on a large store it takes seconds. Requests that arrive while it is computed wait for it.
final class ReportCache: @unchecked Sendable {
    private let lock = NSLock()
    private var cached: (generation: Int, page: String)?
    private var computed = 0

    /// How many times the report was computed: tests hold the cache to it.
    var computations: Int { lock.withLock { computed } }

    /// The page for the build `generation`, computed by `compute` when it is not kept. A failure
    /// is not kept: the next request tries again.
    func page(generation: Int, compute: () throws -> String) rethrows -> String {
        try lock.withLock {
            if let cached, cached.generation == generation { return cached.page }
            computed += 1
            let page = try compute()
            cached = (generation, page)
            return page
        }
    }
}
