#if canImport(Glibc)
import Glibc
#endif

public enum ProcessID {
    /// Whether no process with this id runs any more (its files can be cleaned up). A process
    /// that exists but belongs to someone else still counts as running.
    public static func isGone(_ pid: Int32) -> Bool {
        kill(pid, 0) != 0 && errno == ESRCH
    }
}
