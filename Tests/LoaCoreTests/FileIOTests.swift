import Foundation
import Testing
@testable import LoaCore

@Suite struct FileIOTests {
    /// Files are read straight into an array of their size: every size must come back whole.
    @Test func filesOfEverySizeAreReadWhole() throws {
        let folder = TestSupport.temporaryFolder("fileio")
        for size in [0, 1, 7, 4096, 65_535, 65_536, 65_537, 1_000_003] {
            let bytes = (0..<size).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 >> 8) }
            let path = folder + "/f\(size)"
            try FileIO.write(bytes, to: path)
            #expect(FileIO.read(path) == bytes, "size \(size)")
        }
        #expect(FileIO.read(folder + "/missing") == nil)
        #expect(FileIO.read(folder) == nil, "a folder is not a file")
    }
}
