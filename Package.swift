// swift-tools-version:6.0
import PackageDescription

// Every dependency resolves from the machine's local package copies (see the README).
let package = Package(
    name: "Lectern",
    platforms: [.macOS(.v14)],
    products: [
        .library(name: "NetworkEngine", targets: ["NetworkEngine"]),
        .library(name: "LessonCells", targets: ["LessonCells"]),
        .executable(name: "lectern", targets: ["lectern"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        .package(url: "https://github.com/swiftlang/swift-syntax", exact: "602.0.0"),
        .package(url: "https://github.com/jpsim/Yams", exact: "6.2.2"),
    ],
    targets: [
        // Tensors, autograd, layers, losses and PyTorch's CPU generator. Depends only on NetworkKernels.
        .target(name: "NetworkEngine", dependencies: ["NetworkKernels"]),
        // C matrix-product kernels for baseline x86-64, AVX2 and AVX-512, chosen at run time.
        .target(name: "NetworkKernels"),
        // The values that flow between stages: locations, diagnostics, cell outputs, figures.
        .target(name: "LessonModel"),
        // The cell interpreter: swift-syntax front end, an AST of its own, an evaluator over the engine.
        .target(
            name: "LessonCells",
            dependencies: [
                "NetworkEngine", "LessonModel",
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
                "CCmarkGFM", "LessonDocument", "LessonExecution", "LessonModel",
                .product(name: "SwiftIDEUtils", package: "swift-syntax"),
                .product(name: "SwiftParser", package: "swift-syntax"),
            ]
        ),
        // Comparing produced output with published output; check formats; bless.
        .target(name: "LessonCheck", dependencies: ["LessonDocument", "LessonExecution", "LessonModel"]),
        // The command-line interface as library code, so tests reach every command.
        .target(
            name: "LecternCLI",
            dependencies: [
                "LessonDocument", "LessonExecution", "LessonReport", "LessonCheck", "LessonModel", "LessonCells",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "lectern", dependencies: ["LecternCLI"]),
        // `make bench`: release-build benchmarks that print each figure beside its reference figure.
        // The engine's own benchmark builds without swift-syntax, so it is quick to build in release.
        .executableTarget(name: "engine-bench", dependencies: ["NetworkEngine"]),
        .executableTarget(
            name: "lectern-bench",
            dependencies: ["NetworkEngine", "LessonCells", "LecternCLI", "LessonExecution", "LessonDocument", "LessonReport", "LessonCheck"]
        ),
        // The libFuzzer target over page parsing and cells (scripts/fuzz.sh, docs/fuzzing.md); a
        // plain build replays saved inputs.
        .executableTarget(
            name: "lectern-fuzz",
            dependencies: ["LessonCells", "LessonDocument", "LessonExecution", "LessonModel", "LessonReport"]
        ),
        .testTarget(name: "NetworkEngineTests", dependencies: ["NetworkEngine"]),
        .testTarget(name: "LessonCellsTests", dependencies: ["LessonCells", "NetworkEngine", "LessonModel"]),
        .testTarget(name: "LessonDocumentTests", dependencies: ["LessonDocument", "LessonModel"]),
        .testTarget(name: "LessonReportTests", dependencies: ["LessonReport", "LessonExecution", "LessonDocument", "LessonModel"]),
        .testTarget(name: "LessonCheckTests", dependencies: ["LessonCheck", "LessonExecution", "LessonDocument", "LessonModel"]),
        .testTarget(name: "LecternCLITests", dependencies: ["LecternCLI"]),
    ],
    swiftLanguageModes: [.v6]
)
