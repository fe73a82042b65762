// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "loa",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "loa", targets: ["loa"]),
        .library(name: "LoaCore", targets: ["LoaCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
    ],
    targets: [
        // libcmark from Debian's libcmark-dev, called directly (no Swift Markdown package).
        .systemLibrary(
            name: "CCmark",
            pkgConfig: "libcmark",
            providers: [.apt(["libcmark-dev"])]
        ),
        .target(
            name: "LoaCore",
            dependencies: [
                "CCmark",
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        // `loa import`: official documents (.txt, .md, .docx) → document content files.
        .target(
            name: "LoaImport",
            dependencies: [
                "LoaCore",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]
        ),
        .executableTarget(
            name: "loa",
            dependencies: [
                "LoaCore",
                "LoaImport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "LoaCoreTests",
            dependencies: ["LoaCore"],
            exclude: ["Fixtures"]
        ),
        .testTarget(
            name: "LoaImportTests",
            dependencies: ["LoaImport", "LoaCore"],
            exclude: ["Expected"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
