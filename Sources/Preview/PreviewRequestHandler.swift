import FlyingFox
import Foundation
import PunchcardPages
import PunchcardStatements

/// Answers the preview's requests: the built site from `output/` (with the live-reload script
/// added to HTML), the staff index, the live-reload socket, and the last build's error.
struct PreviewRequestHandler: HTTPHandler {
    let output: URL
    let builder: PreviewBuilder
    let liveReload: LiveReload
    let storePath: String
    let period: Period
    let root: URL

    func handleRequest(_ request: HTTPRequest) async throws -> HTTPResponse {
        let rawPath = request.target.path()
        if rawPath == LiveReload.path {
            return try await WebSocketHTTPHandler(handler: MessageFrameWSHandler(handler: liveReload)).handleRequest(request)
        }
        guard request.method == .GET || request.method == .HEAD else {
            return Self.text(.methodNotAllowed, "Only GET and HEAD are served.\n", headers: [HTTPHeader("Allow"): "GET, HEAD"])
        }
        if rawPath == "/_members" { return Self.redirect(to: MemberIndex.path) }
        if rawPath == MemberIndex.path { return memberIndex(query: request.target.query()) }
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
            let missing = output.appendingPathComponent("404.html")
            if let page = FileManager.default.contents(atPath: missing.path) {
                return html(.notFound, page)
            }
            return Self.text(.notFound, "Not found.\n")
        }
        let type = ContentType.of(file.lastPathComponent)
        if type.hasPrefix("text/html") { return html(.ok, data) }
        return HTTPResponse(statusCode: .ok, headers: [.contentType: type, .cacheControl: "no-store"], body: data)
    }

    private func html(_ status: HTTPStatusCode, _ page: String) -> HTTPResponse {
        html(status, Data(page.utf8))
    }

    private func html(_ status: HTTPStatusCode, _ page: Data) -> HTTPResponse {
        HTTPResponse(statusCode: status,
                     headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"],
                     body: LiveReload.inject(into: page))
    }

    private func memberIndex(query: String) -> HTTPResponse {
        do {
            let program = try Program.load(from: root.appendingPathComponent("content/program.yml"),
                                           displayPath: "content/program.yml")
            let index = MemberIndex(storePath: storePath, program: program, period: period)
            return html(.ok, try index.render(query: QueryString.parse(query)))
        } catch {
            return html(.internalServerError, BuildErrorPage.render(BuildFailure(error, root: root)))
        }
    }

    private func status() -> HTTPResponse {
        let latest = builder.latest
        var fields: [String: Any] = ["generation": latest.generation]
        if let error = latest.error {
            fields["error"] = error.message
            if let location = error.location { fields["location"] = location.description }
        }
        let body = (try? JSONSerialization.data(withJSONObject: fields, options: [.sortedKeys])) ?? Data()
        return HTTPResponse(statusCode: .ok, headers: [.contentType: "application/json", .cacheControl: "no-store"], body: body)
    }

    static func text(_ status: HTTPStatusCode, _ message: String, headers: HTTPHeaders = [:]) -> HTTPResponse {
        var headers = headers
        headers[.contentType] = "text/plain; charset=utf-8"
        return HTTPResponse(statusCode: status, headers: headers, body: Data(message.utf8))
    }

    /// `/a/b/` for the folder `a/b`, each segment percent-encoded again.
    static func folderLocation(_ relative: String) -> String {
        let segments = relative.split(separator: "/").map {
            String($0).addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(CharacterSet(charactersIn: "/?#"))) ?? ""
        }
        return "/" + segments.joined(separator: "/") + (segments.isEmpty ? "" : "/")
    }

    static func redirect(to location: String) -> HTTPResponse {
        HTTPResponse(statusCode: .movedPermanently, headers: [.location: location], body: Data())
    }
}

/// The page shown instead of the site while the last build failed; it reloads itself when a
/// build succeeds.
enum BuildErrorPage {
    static func render(_ failure: BuildFailure) -> String {
        let escape = TemplateSet.escapeHTML
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
