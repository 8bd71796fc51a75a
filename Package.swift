// swift-tools-version:6.0
import PackageDescription

// Every dependency resolves from the machine's local package copies (see the README).
let package = Package(
    name: "Lectern",
    platforms: [.macOS(.v14)],
    products: [
        .library(name: "NetworkEngine", targets: ["NetworkEngine"]),
        .library(name: "LessonCells", targets: ["LessonCells"]),
        .library(name: "GPTTokenizer", targets: ["GPTTokenizer"]),
        .library(name: "GPT", targets: ["GPT"]),
        .executable(name: "lectern", targets: ["lectern"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        .package(url: "https://github.com/swiftlang/swift-syntax", exact: "602.0.0"),
        .package(url: "https://github.com/jpsim/Yams", exact: "6.2.2"),
        // `lectern preview`'s HTTP server: pure Swift on the system's sockets, no SwiftNIO (quick to build).
        .package(url: "https://github.com/swhitty/FlyingFox", exact: "0.27.1"),
    ],
    targets: [
        // Tensors, autograd, layers, losses and PyTorch's CPU generator. Depends only on NetworkKernels.
        .target(name: "NetworkEngine", dependencies: ["NetworkKernels"]),
        // C matrix-product kernels for baseline x86-64, AVX2 and AVX-512, chosen at run time.
        .target(name: "NetworkKernels"),
        // The chapter's 124M GPT model (attention, transformer blocks, greedy generation) on the engine.
        .target(name: "GPT", dependencies: ["NetworkEngine"]),
        // GPT-2's byte-level BPE tokenizer; its vocabulary file is a resource. Depends on nothing.
        .target(name: "GPTTokenizer", resources: [.copy("Vocabulary")]),
        // The values that flow between stages: locations, diagnostics, cell outputs, figures.
        .target(name: "LessonModel"),
        // The cell interpreter: swift-syntax front end, an AST of its own, an evaluator over the engine.
        .target(
            name: "LessonCells",
            dependencies: [
                "NetworkEngine", "LessonModel", "GPTTokenizer",
                .product(name: "SwiftSyntax", package: "swift-syntax"),
                .product(name: "SwiftParser", package: "swift-syntax"),
                .product(name: "SwiftParserDiagnostics", package: "swift-syntax"),
                .product(name: "SwiftOperators", package: "swift-syntax"),
            ]
        ),
        // Debian's libcmark-gfm-dev and libcmark-gfm-extensions-dev.
        .systemLibrary(
            name: "CCmarkGFM",
            pkgConfig: "libcmark-gfm",
            providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]
        ),
        // Debian's libxml2-dev: its HTML parser reads the raw HTML the report sanitizer filters.
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        // Pages: cmark-gfm parsing into a document model with source locations; front matter.
        .target(
            name: "LessonDocument",
            dependencies: ["CCmarkGFM", "LessonModel", .product(name: "Yams", package: "Yams")]
        ),
        // Runs a document's cells in page order in one environment: Document -> ExecutedDocument.
        .target(name: "LessonExecution", dependencies: ["LessonDocument", "LessonCells", "LessonModel"]),
        // HTML and Markdown reports, gradient tables, SVG charts.
        .target(
            name: "LessonReport",
            dependencies: [
                "CCmarkGFM", "CLibXML2", "LessonCells", "LessonDocument", "LessonExecution", "LessonModel",
                .product(name: "SwiftIDEUtils", package: "swift-syntax"),
                .product(name: "SwiftParser", package: "swift-syntax"),
            ]
        ),
        // Debian's libssl-dev: SHA-256 from the system's libcrypto (nothing to compile, unlike swift-crypto).
        .systemLibrary(name: "COpenSSLCrypto", pkgConfig: "libcrypto", providers: [.apt(["libssl-dev"])]),
        // The running executable's identity (its ELF build-id) for the cell cache.
        .target(name: "CBuildIdentity"),
        // The cell cache under .lectern/cache: executed outputs keyed by a hash of what produced them.
        .target(
            name: "LessonCache",
            dependencies: ["COpenSSLCrypto", "CBuildIdentity", "LessonDocument", "LessonExecution", "LessonCells", "LessonModel"]
        ),
        // Comparing produced output with published output; check formats; bless; shards; cache verification.
        .target(name: "LessonCheck", dependencies: ["LessonCells", "LessonDocument", "LessonExecution", "LessonModel", "LessonCache"]),
        // `lectern preview`: serves reports on 127.0.0.1, re-renders pages as they change.
        .target(
            name: "LessonPreview",
            dependencies: [
                "LessonDocument", "LessonCells", "LessonExecution", "LessonReport", "LessonModel", "LessonCache",
                .product(name: "FlyingFox", package: "FlyingFox"),
            ]
        ),
        // The command-line interface as library code, so tests reach every command.
        .target(
            name: "LecternCLI",
            dependencies: [
                "LessonDocument", "LessonExecution", "LessonReport", "LessonCheck", "LessonModel", "LessonCells", "LessonCache", "LessonPreview",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "lectern", dependencies: ["LecternCLI"]),
        // `make bench`: release-build benchmarks that print each figure beside its reference figure.
        // The engine's own benchmark builds without swift-syntax, so it is quick to build in release.
        .executableTarget(name: "engine-bench", dependencies: ["NetworkEngine", "GPT"]),
        .executableTarget(
            name: "lectern-bench",
            dependencies: [
                "NetworkEngine", "LessonCells", "LecternCLI", "LessonExecution", "LessonDocument", "LessonReport", "LessonCheck",
                "GPTTokenizer",
            ]
        ),
        // The libFuzzer target over page parsing and cells (scripts/fuzz.sh, docs/fuzzing.md); a
        // plain build replays saved inputs.
        .executableTarget(
            name: "lectern-fuzz",
            dependencies: ["LessonCells", "LessonDocument", "LessonExecution", "LessonModel", "LessonReport"]
        ),
        // The figure API cells call (what cells call that the engine does not have), declared as Swift
        // so SwiftTypeCheckTests can type-check every page's cells against the real libraries.
        .target(name: "CellPrelude", dependencies: ["NetworkEngine"]),
        // Locates Tests/Data/ (the PyTorch reference vectors among it) for the test targets.
        .target(name: "TestData", path: "Tests/TestData"),
        .testTarget(name: "NetworkEngineTests", dependencies: ["NetworkEngine", "TestData"]),
        .testTarget(name: "GPTModelTests", dependencies: ["GPT", "NetworkEngine", "TestData"]),
        .testTarget(name: "GPTTokenizerTests", dependencies: ["GPTTokenizer", "TestData"]),
        .testTarget(
            name: "LessonCellsTests",
            dependencies: ["LessonCells", "NetworkEngine", "LessonModel", "TestData", .product(name: "SwiftOperators", package: "swift-syntax")]
        ),
        .testTarget(name: "LessonDocumentTests", dependencies: ["LessonDocument", "LessonModel"]),
        .testTarget(name: "LessonReportTests", dependencies: ["LessonReport", "LessonExecution", "LessonDocument", "LessonModel", "TestData"]),
        .testTarget(
            name: "LessonCheckTests",
            dependencies: ["LessonCheck", "LessonExecution", "LessonDocument", "LessonModel", "TestData", "CellPrelude", "GPTTokenizer"]
        ),
        .testTarget(name: "LecternCLITests", dependencies: ["LecternCLI"]),
        .testTarget(
            name: "LessonCacheTests",
            dependencies: ["LessonCache", "LessonCheck", "LessonCells", "LessonExecution", "LessonDocument", "LessonModel", "LessonReport"]
        ),
        .testTarget(
            name: "LessonPreviewTests",
            dependencies: ["LessonPreview", "LecternCLI", .product(name: "FlyingFox", package: "FlyingFox")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
