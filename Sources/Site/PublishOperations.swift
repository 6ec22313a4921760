import CFileSwap
import Foundation

/// The file-system operations that put a new version of the site in place, each answering 0 or
/// the `errno` of its failure. `system` is the real thing; tests wrap it to take the atomic
/// exchange away (as on macOS and some file systems) or to make any one step fail.
public struct PublishOperations: Sendable {
    /// Exchanges two folders in one step (Linux `renameat2(RENAME_EXCHANGE)`).
    public var exchange: @Sendable (_ a: String, _ b: String) -> Int32
    public var rename: @Sendable (_ from: String, _ to: String) -> Int32
    /// Flushes the file system holding a folder to disk (`syncfs` on Linux).
    public var flushFileSystem: @Sendable (_ folder: String) -> Int32
    /// Flushes a folder's entries to disk (`fsync` of the folder), so renames in it last.
    public var flushFolder: @Sendable (_ folder: String) -> Int32
    /// Removes a folder and everything in it.
    public var removeTree: @Sendable (_ folder: String) -> Int32

    public init(exchange: @escaping @Sendable (String, String) -> Int32,
                rename: @escaping @Sendable (String, String) -> Int32,
                flushFileSystem: @escaping @Sendable (String) -> Int32,
                flushFolder: @escaping @Sendable (String) -> Int32,
                removeTree: @escaping @Sendable (String) -> Int32) {
        self.exchange = exchange
        self.rename = rename
        self.flushFileSystem = flushFileSystem
        self.flushFolder = flushFolder
        self.removeTree = removeTree
    }

    public static let system = PublishOperations(
        exchange: { a, b in file_swap_exchange(a, b) == 0 ? 0 : errno },
        rename: { from, to in Foundation.rename(from, to) == 0 ? 0 : errno },
        flushFileSystem: { folder in file_sync_filesystem(folder) == 0 ? 0 : errno },
        flushFolder: { folder in file_sync_folder(folder) == 0 ? 0 : errno },
        removeTree: { folder in file_remove_tree(folder) == 0 ? 0 : errno })

    /// Whether an exchange failed because this kernel or file system has none (rather than
    /// because something is wrong with the folders).
    static func exchangeIsUnavailable(_ code: Int32) -> Bool {
        code == EINVAL || code == ENOSYS || code == ENOTSUP || code == EOPNOTSUPP
    }
}

/// The text of an `errno`.
func errorText(_ code: Int32) -> String { String(cString: strerror(code)) }
