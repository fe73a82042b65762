#if canImport(Glibc)
import Glibc
import Foundation
import LoaCore

/// Linux's inotify over every folder of the site's sources: the watcher sleeps until something
/// changes there, instead of reading the stamp of every file twice a second (on the benchmark's
/// portal of 20,000 files, that took a third of a core while nothing happened).
final class FolderEvents: @unchecked Sendable {
    private let descriptor: Int32
    /// Watched folders by watch descriptor; only the thread that waits touches it.
    private var folders: [Int32: String] = [:]
    private static let mask = UInt32(IN_CREATE | IN_DELETE | IN_MODIFY | IN_CLOSE_WRITE | IN_MOVED_FROM | IN_MOVED_TO
                                     | IN_ATTRIB | IN_DELETE_SELF | IN_MOVE_SELF)

    /// Nil when inotify cannot watch them all (another system, the limit of watches reached):
    /// the caller polls instead.
    init?(roots: [String]) {
        descriptor = inotify_init1(Int32(IN_CLOEXEC | IN_NONBLOCK))
        guard descriptor >= 0 else { return nil }
        for root in roots where FileIO.isDirectory(root) {
            guard watch(root) else {
                close(descriptor)
                return nil
            }
        }
    }

    deinit { close(descriptor) }

    /// A folder and the folders inside it, hidden ones left out as the build leaves them out.
    private func watch(_ folder: String) -> Bool {
        let watchDescriptor = inotify_add_watch(descriptor, folder, Self.mask)
        guard watchDescriptor >= 0 else { return false }
        folders[watchDescriptor] = folder
        for name in FileIO.list(folder) where !name.hasPrefix(".") && FileIO.isDirectory(folder + "/" + name) {
            guard watch(folder + "/" + name) else { return false }
        }
        return true
    }

    /// Waits up to `timeout` seconds; true when something changed (the events are read, and new
    /// folders watched).
    func wait(timeout: Double) -> Bool {
        var request = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        guard poll(&request, 1, Int32(timeout * 1000)) > 0 else { return false }
        readEvents()
        return true
    }

    private func readEvents() {
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        let header = MemoryLayout<inotify_event>.size
        while true {
            let count = read(descriptor, &buffer, buffer.count)
            guard count > 0 else { return }
            var offset = 0
            while offset + header <= count {
                let event = buffer.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: offset, as: inotify_event.self) }
                let nameBytes = buffer[(offset + header)..<min(count, offset + header + Int(event.len))].prefix { $0 != 0 }
                if event.mask & UInt32(IN_ISDIR) != 0, event.mask & UInt32(IN_CREATE | IN_MOVED_TO) != 0, let parent = folders[event.wd] {
                    let name = String(decoding: nameBytes, as: UTF8.self)
                    if !name.hasPrefix(".") { _ = watch(parent + "/" + name) }
                }
                if event.mask & UInt32(IN_IGNORED) != 0 { folders[event.wd] = nil }
                offset += header + Int(event.len)
            }
        }
    }
}
#endif
