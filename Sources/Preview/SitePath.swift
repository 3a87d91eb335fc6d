import Foundation

/// Where a request path leads inside the site folder. Pure, so every way of trying to leave the
/// folder can be tested without a server.
public enum SitePath: Equatable, Sendable {
    /// A file or folder, as a path relative to the site folder ("" for the root), no `.` or `..`.
    case inside(String, isFolder: Bool)
    /// The path tries to leave the site folder, or cannot name a file (NUL, bad encoding).
    case refused

    /// Resolves the raw, percent-encoded path of a request (`/m/abc/2026-10/`). Segments are
    /// decoded one at a time, so an encoded slash or dot-dot (`%2F`, `%2e%2e`) is refused rather
    /// than read as a separator.
    public static func resolve(_ rawPath: String) -> SitePath {
        guard rawPath.hasPrefix("/") else { return .refused }
        var segments: [String] = []
        for raw in rawPath.dropFirst().split(separator: "/", omittingEmptySubsequences: true) {
            guard let segment = String(raw).removingPercentEncoding else { return .refused }
            if segment == "." { continue }
            if segment == ".." || segment.contains("/") || segment.contains("\\") || segment.contains("\0") {
                return .refused
            }
            // Hidden names (.punchcard, .git) are never part of a built site.
            if segment.hasPrefix(".") { return .refused }
            segments.append(segment)
        }
        return .inside(segments.joined(separator: "/"), isFolder: rawPath.hasSuffix("/") || segments.isEmpty)
    }
}

/// The Content-Type of a file, by its extension.
public enum ContentType {
    static let byExtension: [String: String] = [
        "html": "text/html; charset=utf-8",
        "css": "text/css; charset=utf-8",
        "js": "text/javascript; charset=utf-8",
        "json": "application/json",
        "xml": "application/xml; charset=utf-8",
        "txt": "text/plain; charset=utf-8",
        "svg": "image/svg+xml",
        "png": "image/png",
        "jpg": "image/jpeg",
        "jpeg": "image/jpeg",
        "gif": "image/gif",
        "webp": "image/webp",
        "ico": "image/x-icon",
        "woff": "font/woff",
        "woff2": "font/woff2",
        "pdf": "application/pdf",
        // Wallet opens a pass only when it comes with its own type.
        "pkpass": "application/vnd.apple.pkpass",
    ]

    public static func of(_ path: String) -> String {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        guard let dot = name.lastIndex(of: ".") else { return "application/octet-stream" }
        return byExtension[name[name.index(after: dot)...].lowercased()] ?? "application/octet-stream"
    }
}
