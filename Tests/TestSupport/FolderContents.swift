import Foundation

/// Every file under a folder with its bytes, by relative path.
public func filesUnder(_ root: URL) -> [String: Data] {
    var result: [String: Data] = [:]
    let base = root.standardizedFileURL.path
    guard let walker = FileManager.default.enumerator(atPath: base) else { return [:] }
    while let relative = walker.nextObject() as? String {
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: base + "/" + relative, isDirectory: &isFolder), !isFolder.boolValue {
            result[relative] = FileManager.default.contents(atPath: base + "/" + relative)
        }
    }
    return result
}
