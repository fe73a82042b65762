import Foundation
import LoaCore

/// Watches the site's sources by polling modification times. Linux has no DispatchSource file
/// events; polling a few thousand files twice a second costs milliseconds and works everywhere.
struct SiteWatcher: Sendable {
    let siteRoot: String
    let folders = ["Content", "Themes"]

    /// A fingerprint of every source file: path, size and modification time.
    func snapshot() -> [String: String] {
        var result: [String: String] = [:]
        for folder in folders {
            let root = siteRoot + "/" + folder
            for rel in FileIO.walk(root) {
                var st = stat()
                if stat(root + "/" + rel, &st) == 0 {
                    result[folder + "/" + rel] = "\(st.st_size):\(st.st_mtim.tv_sec):\(st.st_mtim.tv_nsec)"
                }
            }
        }
        return result
    }
}
