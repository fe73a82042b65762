// swift-tools-version: 6.0
import Foundation
import PackageDescription

// gperftools' tcmalloc (Debian's libtcmalloc-minimal4) in place of glibc's malloc, when the
// machine has it. A build allocates and frees a few small values for every field of every
// page on both cores; glibc's malloc took a tenth of a full build's CPU, and a build with
// tcmalloc took 12–20 % less time (jemalloc and mimalloc did nearly as well; README,
// Performance). Without it Loa builds and works the same, only slower. Linked by file name:
// the runtime package has no unversioned library for `-ltcmalloc_minimal`.
let allocator: [LinkerSetting] = ["/usr/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu", "/usr/lib64", "/usr/lib"]
    .contains { FileManager.default.fileExists(atPath: $0 + "/libtcmalloc_minimal.so.4") }
    ? [.linkedLibrary(":libtcmalloc_minimal.so.4", .when(platforms: [.linux]))] : []

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
        // `loa serve`: FlyingFox builds in ~30 s where Hummingbird takes ~2 min on 2 cores, and a
        // local preview needs only static files and one long-poll endpoint.
        .package(url: "https://github.com/swhitty/FlyingFox", from: "0.27.1"),
    ],
    targets: [
        // libcmark from Debian's libcmark-dev, called directly (no Swift Markdown package).
        .systemLibrary(
            name: "CCmark",
            pkgConfig: "libcmark",
            providers: [.apt(["libcmark-dev"])]
        ),
        // zlib (Debian's zlib1g-dev), for the search index's gzip at the fastest level: Pagefind's
        // fragments are most of the index's bytes, and ZIPFoundation deflates at level 6 only.
        .systemLibrary(
            name: "CSystemZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]
        ),
        .target(
            name: "LoaCore",
            dependencies: [
                "CCmark",
                "CSystemZlib",
                .product(name: "Yams", package: "Yams"),
                // Pagefind's gzipped index files, read to put them in one order.
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
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
        // `loa serve`: preview server with rebuild on change and live reload, and the editor
        // (which imports documents as `loa import` does).
        .target(
            name: "LoaServe",
            dependencies: [
                "LoaCore",
                "LoaImport",
                .product(name: "FlyingFox", package: "FlyingFox"),
            ]
        ),
        .executableTarget(
            name: "loa",
            dependencies: [
                "LoaCore",
                "LoaImport",
                "LoaServe",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            linkerSettings: allocator
        ),
        // `swift run -c release loa-bench`: Loa against Hugo on the same synthetic portal.
        .executableTarget(
            name: "loa-bench",
            dependencies: ["LoaCore", "CCmark"],
            exclude: ["README.md"]  // the benchmark's diary
        ),
        .testTarget(
            name: "LoaCoreTests",
            // swift-mustache is the reference the template engine is tested against.
            dependencies: ["LoaCore", .product(name: "Mustache", package: "swift-mustache")],
            exclude: ["Fixtures", "Search/query.mjs"]
        ),
        .testTarget(
            name: "LoaServeTests",
            dependencies: ["LoaServe", "LoaCore"]
        ),
        .testTarget(
            name: "LoaImportTests",
            dependencies: ["LoaImport", "LoaCore"],
            exclude: ["Expected"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
