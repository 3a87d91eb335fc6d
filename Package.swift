// swift-tools-version:6.1
// Punchcard: a static-site generator for customer-loyalty programs.
// The pipeline reads top to bottom in Sources/: Store (SQLite or PostgreSQL) → Statements → Pages → Site (→ Preview).
import PackageDescription

let package = Package(
    name: "Punchcard",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "punchcard", targets: ["punchcard"]),
    ],
    // PostgreSQL support is on by default; `swift build --disable-default-traits` leaves it out (and
    // with it postgres-nio and SwiftNIO SSL's copy of BoringSSL) for a faster first build that reads
    // SQLite stores only. See docs/installing.md.
    traits: [
        .trait(name: "PostgreSQL", description: "The member store on PostgreSQL (postgres-nio, SwiftNIO SSL)."),
        .default(enabledTraits: ["PostgreSQL"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.1.0"),
        // Wallet passes: the pass signature (CMS), the archive, the Google Wallet link's JWT.
        .package(url: "https://github.com/apple/swift-certificates", from: "1.21.1"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        .package(url: "https://github.com/vapor/jwt-kit", from: "5.7.1"),
        // The preview's HTTP server: SwiftNIO's HTTP/1 parser, with size limits, under Hummingbird.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-extras", from: "1.35.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        // The member store on PostgreSQL (`--store postgres://…`), TLS by SwiftNIO SSL.
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
    ],
    targets: [
        // cmark from Debian's libcmark-dev.
        .systemLibrary(
            name: "CCmark", path: "Sources/CCmark",
            pkgConfig: "libcmark", providers: [.apt(["libcmark-dev"])]),

        // Shared plumbing: source locations, diagnostics, YAML field reading.
        .target(name: "PunchcardSupport", dependencies: ["Yams", "CFileSystem"], path: "Sources/Support"),

        // The default theme, built into the binary; a site's own templates/ overrides it file by file.
        .target(name: "PunchcardTheme", dependencies: ["PunchcardSupport"], path: "Sources/Theme"),

        // Billing calendars (Gregorian, Persian, Umm al-Qura): month arithmetic from Foundation.
        .target(name: "PunchcardCalendars", dependencies: ["PunchcardSupport"], path: "Sources/Calendars"),

        // ICU's plural rules (Debian's libicu-dev), behind a C function: ICU's headers stay out of Swift.
        .target(
            name: "CPluralRules", path: "Sources/CPluralRules",
            linkerSettings: [.linkedLibrary("icui18n"), .linkedLibrary("icuuc")]),

        // Languages: translated texts, plural forms, the theme's string tables, language tags.
        .target(
            name: "PunchcardLocalization", dependencies: ["PunchcardSupport", "PunchcardTheme", "CPluralRules", "Yams"],
            path: "Sources/Localization"),

        // QR codes from Debian's libqrencode, drawn as inline SVG.
        .systemLibrary(
            name: "CQRencode", path: "Sources/CQRencode",
            pkgConfig: "libqrencode", providers: [.apt(["libqrencode-dev"])]),
        .target(name: "PunchcardQRCode", dependencies: ["CQRencode", "PunchcardSupport"], path: "Sources/QRCode"),

        // Markdown → HTML through cmark, safe by default.
        .target(name: "PunchcardMarkdown", dependencies: ["CCmark"], path: "Sources/Markdown"),

        // The program's rules and the statement engine: pure functions over plain values.
        .target(name: "PunchcardStatements", dependencies: ["PunchcardSupport", "PunchcardCalendars", "PunchcardLocalization"],
                path: "Sources/Statements"),

        // The member store (SQLite through GRDB) and CSV import.
        .target(
            name: "PunchcardStore",
            dependencies: [
                "PunchcardSupport", "PunchcardLocalization", "PunchcardStatements", "CFileSystem",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "CSV", package: "CSV.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            path: "Sources/Store"),

        // The member store on a PostgreSQL server: the same interface, tables and import checks.
        .target(
            name: "PunchcardPostgres",
            dependencies: [
                "PunchcardSupport", "PunchcardLocalization", "PunchcardStatements", "PunchcardStore",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Sources/PostgresStore"),

        // Content, templates and view models: everything that turns statements into pages.
        // Templates bound to typed contexts: every tag resolved once, pages rendered into bytes.
        .target(
            name: "PunchcardTemplating",
            dependencies: ["PunchcardSupport", .product(name: "Mustache", package: "swift-mustache")],
            path: "Sources/Templating"),

        .target(
            name: "PunchcardPages",
            dependencies: [
                "PunchcardSupport", "PunchcardCalendars", "PunchcardLocalization", "PunchcardStatements", "PunchcardMarkdown",
                "PunchcardQRCode", "PunchcardTemplating", "PunchcardTheme",
                .product(name: "Mustache", package: "swift-mustache"),
            ],
            path: "Sources/Pages"),

        // A file-system call Swift's Glibc module leaves out (renameat2's atomic exchange).
        .target(name: "CFileSystem", path: "Sources/CFileSystem"),

        // The member card in Apple Wallet (a signed .pkpass) and Google Wallet (a signed save link),
        // made at build time. The icon and logo are the theme's SVG logo drawn by librsvg and cairo
        // (Debian's librsvg2-dev) behind a C function.
        .systemLibrary(
            name: "CRsvg", path: "Sources/CRsvg",
            pkgConfig: "librsvg-2.0", providers: [.apt(["librsvg2-dev"])]),
        .target(name: "CSVGRaster", dependencies: ["CRsvg"], path: "Sources/CSVGRaster"),
        .target(
            name: "PunchcardWallet",
            dependencies: [
                "PunchcardSupport", "PunchcardLocalization", "PunchcardStatements", "PunchcardPages", "PunchcardTheme", "CSVGRaster",
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                .product(name: "JWTKit", package: "jwt-kit"),
            ],
            path: "Sources/Wallet"),

        // The site writer: `Site.build()` runs the pipeline and writes output/.
        // `punchcard init`: a new site with the operator's choices, ready to build.
        .target(
            name: "PunchcardStarter",
            dependencies: ["PunchcardSupport", "PunchcardCalendars", "PunchcardLocalization", "PunchcardStatements", "PunchcardTheme"],
            path: "Sources/Starter"),

        .target(
            name: "PunchcardSite",
            dependencies: [
                "PunchcardSupport", "PunchcardCalendars", "PunchcardLocalization", "PunchcardStatements", "PunchcardStore",
                "PunchcardPages", "PunchcardTemplating", "PunchcardWallet", "PunchcardTheme", "CFileSystem",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Mustache", package: "swift-mustache"),
            ],
            path: "Sources/Site"),

        // The operator's report: the program's figures from one pass over the store, and its page.
        .target(
            name: "PunchcardReport",
            dependencies: [
                "PunchcardSupport", "PunchcardCalendars", "PunchcardLocalization", "PunchcardStatements", "PunchcardStore",
                "PunchcardPages", "PunchcardTemplating",
            ],
            path: "Sources/Report"),

        // Members' data rights: signed unsubscribe tokens and the site's secret (and, to come, a
        // member's export and erasure).
        .target(
            name: "PunchcardDataRights",
            dependencies: [
                "PunchcardSupport", "PunchcardStatements", "PunchcardStore",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "CSV", package: "CSV.swift"),
            ],
            path: "Sources/DataRights"),

        // `punchcard mail`: statement e-mails (RFC 5322 / MIME), written to files or handed to a
        // sendmail-compatible command, each delivery recorded as it happens.
        .target(
            name: "PunchcardMail",
            dependencies: [
                "PunchcardSupport", "PunchcardLocalization", "PunchcardStatements", "PunchcardStore", "PunchcardPages",
                "PunchcardTemplating", "PunchcardDataRights", "PunchcardWallet", "PunchcardTheme",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            path: "Sources/Mail"),

        // `punchcard sms`: statements as text messages, segments counted as a gateway counts them,
        // written for a gateway's upload or handed to a command and recorded once each.
        .target(
            name: "PunchcardSMS",
            dependencies: [
                "PunchcardMail", "PunchcardPages", "PunchcardStatements", "PunchcardStore", "PunchcardSupport",
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            path: "Sources/SMS"),

        // `punchcard serve`: the preview server, file watching, live reload, the staff index.
        // `punchcard check`: everything a build reads, checked without writing anything.
        .target(
            name: "PunchcardCheck",
            dependencies: [
                "PunchcardSupport", "PunchcardCalendars", "PunchcardStatements", "PunchcardStore", "PunchcardPages",
                "PunchcardSite", "PunchcardMail", "PunchcardReport", "PunchcardWallet",
            ],
            path: "Sources/Check"),

        .target(
            name: "PunchcardPreview",
            dependencies: [
                "PunchcardSupport", "PunchcardStatements", "PunchcardStore", "PunchcardPages", "PunchcardSite",
                "PunchcardReport",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Sources/Preview"),

        // The thin command-line front end.
        .executableTarget(
            name: "punchcard",
            dependencies: [
                "PunchcardSupport", "PunchcardCalendars", "PunchcardStatements", "PunchcardStore", "PunchcardMarkdown", "PunchcardPages", "PunchcardSite",
                "PunchcardPreview", "PunchcardReport", "PunchcardMail", "PunchcardSMS", "PunchcardDataRights", "PunchcardWallet", "PunchcardTheme", "PunchcardStarter",
                .target(name: "PunchcardPostgres", condition: .when(traits: ["PostgreSQL"])),
                "PunchcardCheck", "CFileSystem",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "CSV", package: "CSV.swift"),
            ],
            path: "Sources/CLI",
            plugins: ["BuildInfo"]),

        // Stamps the binary with its commit before every build (`punchcard --version`).
        .plugin(name: "BuildInfo", capability: .buildTool(), path: "Plugins/BuildInfo"),

        .testTarget(name: "MarkdownTests", dependencies: ["PunchcardMarkdown"]),
        .testTarget(name: "ThemeTests", dependencies: ["PunchcardTheme", "PunchcardSupport"]),
        .testTarget(
            name: "TemplatingTests",
            dependencies: ["PunchcardTemplating", "PunchcardSupport", .product(name: "Mustache", package: "swift-mustache")]),
        .testTarget(name: "QRCodeTests", dependencies: ["PunchcardQRCode"]),
        .testTarget(
            name: "StatementsTests",
            dependencies: ["PunchcardStatements", "PunchcardCalendars", "PunchcardLocalization", "PunchcardSupport"]),
        .testTarget(name: "StoreTests", dependencies: ["PunchcardStore", "PunchcardStatements", "PunchcardSupport", "PunchcardPostgres", "PunchcardLocalization"]),
        .testTarget(
            name: "SiteTests",
            dependencies: [
                "PunchcardSite", "PunchcardPages", "PunchcardStore", "PunchcardStatements", "PunchcardCalendars",
                "PunchcardLocalization", "PunchcardSupport", "PunchcardTemplating", "PunchcardStarter", "PunchcardCheck",
            ]),
        .testTarget(
            name: "ReportTests",
            dependencies: ["PunchcardReport", "PunchcardStatements", "PunchcardStore", "PunchcardSupport", "PunchcardCalendars"]),
        .testTarget(
            name: "MailTests",
            dependencies: ["PunchcardMail", "PunchcardPages", "PunchcardStatements", "PunchcardStore", "PunchcardSupport", "PunchcardCalendars",
                           "PunchcardDataRights"]),
        .testTarget(name: "DataRightsTests", dependencies: [
            "PunchcardDataRights", "PunchcardStore", "PunchcardStatements", "PunchcardSupport", "PunchcardMail",
            .product(name: "GRDB", package: "GRDB.swift"),
        ]),
        .testTarget(
            name: "SMSTests",
            dependencies: ["PunchcardSMS", "PunchcardMail", "PunchcardPages", "PunchcardStatements", "PunchcardStore", "PunchcardSupport"]),
        .testTarget(
            name: "WalletTests",
            dependencies: ["PunchcardWallet", "PunchcardStatements", "PunchcardPages", "PunchcardSupport",
                           .product(name: "ZIPFoundation", package: "ZIPFoundation")]),
        .testTarget(
            name: "PreviewTests",
            dependencies: ["PunchcardPreview", "PunchcardSite", "PunchcardPages", "PunchcardMarkdown", "PunchcardStore",
                           "PunchcardStatements", "PunchcardSupport"]),
    ]
)
