// swift-tools-version: 6.1
import PackageDescription

let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "handbook",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "handbook", targets: ["handbook"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.0.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.0.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.0.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.5.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
    ],
    targets: [
        // The system's libcmark (Debian/Ubuntu: libcmark-dev, Homebrew: cmark).
        .systemLibrary(
            name: "Ccmark",
            pkgConfig: "libcmark",
            providers: [.apt(["libcmark-dev"]), .brew(["cmark"])]
        ),
        // The system's libdeflate (Debian/Ubuntu: libdeflate-dev): the EPUB's documents and the
        // search index's document store.
        .systemLibrary(name: "Clibdeflate", pkgConfig: "libdeflate", providers: [.apt(["libdeflate-dev"]), .brew(["libdeflate"])]),
        // The system's minizip (Debian/Ubuntu: libminizip-dev): the EPUB's ZIP container, which
        // takes entries already deflated, so that they can be compressed in parallel.
        .systemLibrary(name: "Cminizip", pkgConfig: "minizip", providers: [.apt(["libminizip-dev"]), .brew(["minizip"])]),
        // Raw deflate and CRC-32: the EPUB's documents and the search index's document store.
        .target(name: "RawDeflate", dependencies: ["Clibdeflate"], swiftSettings: swiftSettings),
        // Ordered parallel maps, shared by every stage.
        .target(name: "Parallel", swiftSettings: swiftSettings),
        // The only module that touches cmark pointers.
        .target(name: "Markdown", dependencies: ["Ccmark"], swiftSettings: swiftSettings),
        // Front matter, articles, topics, tags, the graph, link resolution, diagnostics.
        .target(
            name: "KnowledgeBase",
            dependencies: [
                "Markdown", "Parallel", "RawDeflate", .product(name: "Yams", package: "Yams"), .product(name: "TOMLKit", package: "TOMLKit"),
            ],
            swiftSettings: swiftSettings
        ),
        // Tokenizing, stemming and the sharded offline search index.
        .target(
            name: "SearchIndex",
            dependencies: ["Parallel", "RawDeflate"],
            swiftSettings: swiftSettings
        ),
        // The default theme: every file of Theme/, compiled in at build time by the EmbedTheme
        // plugin. Sources/BuiltInTheme/Theme is a link to it, left out of the sources, so that
        // SwiftPM plans again when a theme file is added or removed.
        .target(name: "BuiltInTheme", exclude: ["Theme"], swiftSettings: swiftSettings, plugins: ["EmbedTheme"]),
        .plugin(name: "EmbedTheme", capability: .buildTool(), dependencies: ["ThemeEmbedder"]),
        .executableTarget(name: "ThemeEmbedder", dependencies: ["ThemeFolder"], swiftSettings: swiftSettings),
        // Which files of a theme folder are the theme's: shared by the embedder and the loader.
        .target(name: "ThemeFolder", swiftSettings: swiftSettings),
        // Theme loading, page contexts, template rendering, output writing.
        .target(
            name: "SiteBuilder",
            dependencies: [
                "Markdown", "KnowledgeBase", "Parallel", "SearchIndex", "BuiltInTheme", "ThemeFolder", "RawDeflate", "Cminizip",
                .product(name: "Mustache", package: "swift-mustache"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "handbook",
            dependencies: [
                "KnowledgeBase", "SiteBuilder",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        // Temporary fixture sites for the tests.
        .target(name: "TestSupport", path: "Tests/TestSupport", swiftSettings: swiftSettings),
        .testTarget(name: "MarkdownTests", dependencies: ["Markdown"], resources: [.copy("Fixtures")], swiftSettings: swiftSettings),
        .testTarget(
            name: "KnowledgeBaseTests",
            dependencies: ["KnowledgeBase", "TestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "SearchIndexTests",
            dependencies: ["SearchIndex", "Parallel", "RawDeflate"],
            resources: [.copy("Fixtures")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "SiteBuilderTests",
            dependencies: [
                "SiteBuilder", "KnowledgeBase", "TestSupport",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            resources: [.copy("Fixtures")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "HandbookTests",
            dependencies: ["handbook", "KnowledgeBase", "SearchIndex", "RawDeflate", "TestSupport"],
            resources: [.copy("Fixtures")],
            swiftSettings: swiftSettings
        ),
        // `serve` against `build`, in process.
        .testTarget(
            name: "PipelineTests",
            dependencies: ["handbook", "KnowledgeBase", "SiteBuilder", "TestSupport"],
            swiftSettings: swiftSettings
        ),
    ],
    swiftLanguageModes: [.v6]
)
