import Dispatch
import Foundation

/// Work spread over every core. Results keep their input order, so output never depends on
/// which thread finished first.
public enum Parallel {
    /// Worker count: the cores, or LOA_THREADS when set (1 gives a single-threaded build).
    public static var workers: Int {
        if let text = ProcessInfo.processInfo.environment["LOA_THREADS"], let n = Int(text), n > 0 { return n }
        return max(1, ProcessInfo.processInfo.activeProcessorCount)
    }

    private final class Counter: @unchecked Sendable {
        private var next = 0
        private let lock = NSLock()
        func take(_ n: Int, limit: Int) -> Range<Int>? {
            lock.lock()
            defer { lock.unlock() }
            guard next < limit else { return nil }
            let start = next
            next = min(limit, next + n)
            return start..<next
        }
    }

    /// `transform(i)` for every i in 0..<count, on `workers` threads, in small batches.
    public static func map<T>(_ count: Int, workers: Int = Parallel.workers, batch: Int = 16, _ transform: (Int) -> T) -> [T] {
        if workers <= 1 || count <= 1 { return (0..<count).map(transform) }
        let counter = Counter()
        // Each result is made in its place in the array: each index is taken by exactly one
        // worker, so no lock is needed, and nothing is copied out of a list of optionals after.
        return Array(unsafeUninitializedCapacity: count) { buffer, initialized in
            nonisolated(unsafe) let results = buffer
            withoutActuallyEscaping(transform) { transform in
                nonisolated(unsafe) let transform = transform
                DispatchQueue.concurrentPerform(iterations: min(workers, count)) { _ in
                    while let range = counter.take(batch, limit: count) {
                        for i in range { (results.baseAddress! + i).initialize(to: transform(i)) }
                    }
                }
            }
            initialized = count
        }
    }

}

extension Parallel {
    /// Starts `work` on another thread and returns a function that waits for its result: for
    /// serial work (encoding a cache file) that can overlap other serial work.
    static func start<T>(_ work: @escaping () -> T) -> () -> T {
        let box = ResultBox<T>()
        let done = DispatchGroup()
        nonisolated(unsafe) let work = work
        DispatchQueue.global().async(group: done) { box.value = work() }
        return {
            done.wait()
            return box.value!
        }
    }
}

/// Set by any thread, read once the threads are done: "something went wrong somewhere".
final class Flag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false

    func set() {
        lock.lock(); defer { lock.unlock() }
        value = true
    }

    var isSet: Bool {
        lock.lock(); defer { lock.unlock() }
        return value
    }
}

/// Appended to by any thread, read once the threads are done: the few findings of a pass over
/// many items, each with its item's index, so that they can be put back in order.
final class Gathered<T>: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [(index: Int, value: T)] = []

    func append(_ value: T, at index: Int) {
        lock.lock(); defer { lock.unlock() }
        values.append((index, value))
    }

    /// In the order of their indices.
    var inOrder: [(index: Int, value: T)] {
        lock.lock(); defer { lock.unlock() }
        return values.sorted { $0.index < $1.index }
    }
}

/// Written by one thread before its group is left, read only after waiting on the group.
private final class ResultBox<T>: @unchecked Sendable {
    var value: T?
}
