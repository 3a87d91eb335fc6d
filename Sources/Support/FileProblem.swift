import Foundation

/// A file-system error in plain words ("the disk is full", "Permission denied"), from the system's
/// error number: Foundation's own sentences vary by platform and name its internals.
public enum FileProblem {
    public static func reason(_ error: Error) -> String {
        var current: NSError? = error as NSError
        while let error = current {
            if error.domain == NSPOSIXErrorDomain { return reason(errno: Int32(error.code)) }
            if error.domain == NSCocoaErrorDomain {
                switch CocoaError.Code(rawValue: error.code) {
                case .fileWriteOutOfSpace: return reason(errno: ENOSPC)
                case .fileReadNoSuchFile, .fileNoSuchFile: return reason(errno: ENOENT)
                case .fileReadNoPermission, .fileWriteNoPermission: return reason(errno: EACCES)
                case .fileWriteVolumeReadOnly: return reason(errno: EROFS)
                default: break
                }
            }
            current = error.userInfo[NSUnderlyingErrorKey] as? NSError
        }
        return "the file system refused (\((error as NSError).code))"
    }

    public static func reason(errno code: Int32) -> String {
        code == ENOSPC ? "the disk is full" : String(cString: strerror(code))
    }
}
