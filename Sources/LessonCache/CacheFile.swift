import Foundation
import LessonDocument
import LessonModel

/// Reading and writing entry files: a missing entry is an ordinary miss, any other failure a reason.
enum CacheFile {
    enum Read {
        case read([UInt8])
        case missing
        case failed(String)
    }

    static func read(_ path: String) -> Read {
        do {
            return .read(Array(try Data(contentsOf: URL(fileURLWithPath: path))))
        } catch let error as CocoaError where error.code == .fileReadNoSuchFile {
            return .missing
        } catch {
            return .failed(error.localizedDescription)
        }
    }

    /// Creates the folder as needed; the entry goes to a temporary name and is renamed into place.
    static func write(_ bytes: [UInt8], to path: String) throws(Diagnostic) {
        let folder = (path as NSString).deletingLastPathComponent
        do {
            if !folder.isEmpty { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) }
        } catch {
            throw .error("cannot create \(folder): \(error.localizedDescription)", at: nil)
        }
        try AtomicFile.write(bytes, to: path, durable: false)
    }
}
