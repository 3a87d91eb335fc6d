import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import PunchcardPages
import PunchcardReport
import PunchcardStatements
import PunchcardStore
import PunchcardSupport

/// Answers the preview's requests: the built site from `output/` (with the live-reload script
/// added to HTML), the staff index, the live-reload event stream, and the last build's error.
struct PreviewRequestHandler: HTTPResponder {
    typealias Context = BasicRequestContext

    let output: URL
    let builder: PreviewBuilder
    let liveReload: LiveReload
    let storePath: String
    let period: Period
    let root: URL
    let reportCache: ReportCache

    /// Longer request targets get 414 (the decoder's limits refuse larger heads with 431).
    static let maxTargetLength = 8 * 1024

    func respond(to request: Request, context: Context) async throws -> Response {
        // The target exactly as sent: `//tiers` is a path here, never a host.
        let target = request.head.path ?? "/"
        guard target.utf8.count <= Self.maxTargetLength else {
            return Self.text(.uriTooLong, "Refused: the address is longer than \(Self.maxTargetLength) bytes.\n", close: true)
        }
        guard request.method == .get || request.method == .head else {
            // Nothing here reads a body: the reply asks the client to close the connection.
            return Self.text(.methodNotAllowed, "Only GET and HEAD are served.\n", headers: [.allow: "GET, HEAD"], close: true)
        }
        let parts = target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        let rawPath = String(parts[0])
        let query = parts.count > 1 ? String(parts[1]) : ""
        if rawPath == LiveReload.path { return events() }
        if rawPath == "/_members" { return Self.redirect(to: MemberIndex.path) }
        if rawPath == MemberIndex.path { return memberIndex(query: query) }
        if rawPath == "/_report" { return Self.redirect(to: Self.reportPath) }
        if rawPath == Self.reportPath { return report() }
        if rawPath == "/_punchcard/status" { return status() }

        guard case .inside(let relative, let isFolder) = SitePath.resolve(rawPath) else {
            return Self.text(.forbidden, "Refused: the path leaves the site folder.\n")
        }
        var file = relative.isEmpty ? output : output.appendingPathComponent(relative)
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: file.path, isDirectory: &isDirectory), isDirectory.boolValue {
            // Pages link relatively: a folder must be asked for with its slash.
            // To the folder's own path, built from the resolved segments: never `//host`-style.
            guard isFolder else { return Self.redirect(to: Self.folderLocation(relative)) }
            file.appendPathComponent("index.html")
        }
        let isPage = file.pathExtension == "html" || isFolder
        if isPage, let failure = builder.latest.error {
            return html(.internalServerError, BuildErrorPage.render(failure))
        }
        // A symbolic link must not lead out of the site folder either.
        let real = file.resolvingSymlinksInPath().path
        let base = output.resolvingSymlinksInPath().path
        guard real == base || real.hasPrefix(base + "/") else {
            return Self.text(.forbidden, "Refused: the path leaves the site folder.\n")
        }
        guard let data = FileManager.default.contents(atPath: real) else { // nil for a folder too
            // The nearest 404.html up the path: /fa/… gets the Persian site's (as Cloudflare Pages does).
            var folders = relative.split(separator: "/").dropLast(isFolder ? 0 : 1).map(String.init)
            while true {
                let missing = output.appendingPathComponent((folders + ["404.html"]).joined(separator: "/"))
                if let page = FileManager.default.contents(atPath: missing.path) { return html(.notFound, page) }
                guard !folders.isEmpty else { break }
                folders.removeLast()
            }
            return Self.text(.notFound, "Not found.\n")
        }
        let type = ContentType.of(file.lastPathComponent)
        if type.hasPrefix("text/html") { return html(.ok, data) }
        return Response(status: .ok, headers: [.contentType: type, .cacheControl: "no-store"],
                        body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// The live-reload event stream of one open page.
    private func events() -> Response {
        let stream = liveReload.subscribe().map { ByteBuffer(string: $0) }
        return Response(status: .ok, headers: [.contentType: "text/event-stream", .cacheControl: "no-store"],
                        body: ResponseBody(asyncSequence: stream))
    }

    private func html(_ status: HTTPResponse.Status, _ page: String) -> Response {
        html(status, Data(page.utf8))
    }

    private func html(_ status: HTTPResponse.Status, _ page: Data) -> Response {
        Response(status: status, headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"],
                 body: ResponseBody(byteBuffer: ByteBuffer(bytes: LiveReload.inject(into: page))))
    }

    private func memberIndex(query: String) -> Response {
        do {
            let content = try SiteContent.load(root: root)
            let index = MemberIndex(storePath: storePath, content: content, period: period)
            return html(.ok, try index.render(query: QueryString.parse(query)))
        } catch {
            return html(.internalServerError, BuildErrorPage.render(BuildFailure(error, root: root)))
        }
    }

    /// The operator's report for the previewed period, computed once per build (`ReportCache`):
    /// never written anywhere.
    static let reportPath = "/_report/"

    private func report() -> Response {
        do {
            let page = try reportCache.page(generation: builder.latest.generation) {
                let program = try Program.load(from: root.appendingPathComponent("content/program.yml"),
                                               displayPath: "content/program.yml")
                let store = try MemberStore(path: storePath)
                let report = try Report.compute(store: store, program: program, period: period)
                return try ReportFiles.html(report, program: program, siteRoot: root)
            }
            return html(.ok, page)
        } catch {
            return html(.internalServerError, BuildErrorPage.render(BuildFailure(error, root: root)))
        }
    }

    private func status() -> Response {
        let latest = builder.latest
        var fields: [String: Any] = ["generation": latest.generation]
        if let error = latest.error {
            fields["error"] = error.message
            if let location = error.location { fields["location"] = location.description }
        }
        let body = (try? JSONSerialization.data(withJSONObject: fields, options: [.sortedKeys])) ?? Data()
        return Response(status: .ok, headers: [.contentType: "application/json", .cacheControl: "no-store"],
                        body: ResponseBody(byteBuffer: ByteBuffer(bytes: body)))
    }

    static func text(_ status: HTTPResponse.Status, _ message: String, headers: HTTPFields = [:], close: Bool = false) -> Response {
        var headers = headers
        headers[.contentType] = "text/plain; charset=utf-8"
        if close { headers[.connection] = "close" }
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: message)))
    }

    /// `/a/b/` for the folder `a/b`, each segment percent-encoded again.
    static func folderLocation(_ relative: String) -> String {
        let segments = relative.split(separator: "/").map {
            String($0).addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(CharacterSet(charactersIn: "/?#"))) ?? ""
        }
        return "/" + segments.joined(separator: "/") + (segments.isEmpty ? "" : "/")
    }

    static func redirect(to location: String) -> Response {
        Response(status: .movedPermanently, headers: [.location: location], body: ResponseBody())
    }
}

/// The page shown instead of the site while the last build failed; it reloads itself when a
/// build succeeds.
enum BuildErrorPage {
    static func render(_ failure: BuildFailure) -> String {
        let escape = { (text: String) in text.htmlEscaped }
        var excerpt = ""
        if !failure.excerpt.isEmpty, let line = failure.location?.line {
            excerpt = "<pre class=\"excerpt\">"
            for (number, text) in failure.excerpt {
                let mark = number == line ? " class=\"here\"" : ""
                excerpt += "<span\(mark)><span class=\"number\">\(number)</span> \(escape(text))</span>\n"
            }
            excerpt += "</pre>"
        }
        let place = failure.location.map { "<p class=\"place\"><code>\(escape($0.description))</code></p>" } ?? ""
        return PreviewPage.document(
            title: "Build failed — punchcard serve",
            style: """
                .message { white-space: pre-wrap; background: #fff0f0; border-inline-start: 4px solid #c00; padding: 1rem; }
                .excerpt { background: #f6f6f6; padding: 1rem; overflow-x: auto; }
                .excerpt .number { color: #888; display: inline-block; min-width: 3ch; text-align: end; }
                .excerpt .here { background: #ffe08a; display: inline-block; min-width: 100%; }
                """,
            body: """
                <h1>The site did not build</h1>
                \(place)
                <pre class="message">\(escape(failure.message))</pre>
                \(excerpt)
                <p>Fix the file and save: this page reloads when the next build succeeds. The previous
                <code>output/</code> is left as it was.</p>
                """)
    }
}

/// The frame of the preview's own pages (staff index, build error): plain HTML, no theme, never
/// indexed. `title` is inserted as given (escape it first); so are `style` and `body`.
enum PreviewPage {
    static func document(title: String, style: String, body: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="robots" content="noindex">
        <title>\(title)</title>
        <style>
        body { font: 16px/1.5 system-ui, sans-serif; margin: 2rem auto; max-width: 60rem; padding: 0 1rem; }
        \(style)
        </style>
        </head>
        <body>
        \(body)
        </body>
        </html>

        """
    }
}
