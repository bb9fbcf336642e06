#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What a command holds when its work is done and the process ends next: a session, a
/// loaded scenario. The kernel frees it at once at exit, where taking it apart object by
/// object took a sixth of a million-event reopen, and a fiftieth of checking a 5,000-event
/// scenario (measured with callgrind).
enum KeptToExit {
    nonisolated(unsafe) private static var held: [Any] = []

    /// Keeps `value` alive until the process exits, except under LeakSanitizer (the CI's
    /// AddressSanitizer run): it cannot follow the references Swift packs into enums, so it
    /// would report what is kept as leaked; there the value is freed as usual.
    static func keep(_ value: Any) {
        if !leakCheckRunning { held.append(value) }
    }

    private static let leakCheckRunning: Bool = {
        #if canImport(Glibc)
        return dlsym(nil, "__lsan_do_leak_check") != nil
        #else
        return false
        #endif
    }()
}
