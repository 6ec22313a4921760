import FlyingFox
import FlyingSocks

/// A body that sends its bytes and then fails, so FlyingFox drops the connection short of the
/// Content-Length it announced: what a client sees when a transfer dies mid-way.
struct ShortBody: AsyncBufferedSequence {
    typealias Element = UInt8
    let bytes: [UInt8]

    func makeAsyncIterator() -> Iterator { Iterator(bytes: bytes) }

    struct Iterator: AsyncBufferedIteratorProtocol {
        let bytes: [UInt8]
        var index = 0

        mutating func next() async throws -> UInt8? {
            guard index < bytes.count else { throw SocketError.disconnected }
            defer { index += 1 }
            return bytes[index]
        }

        mutating func nextBuffer(suggested count: Int) async throws -> ArraySlice<UInt8>? {
            guard index < bytes.count else { throw SocketError.disconnected }
            let end = Swift.min(bytes.count, index + count)
            defer { index = end }
            return bytes[index..<end]
        }
    }

    /// `bytes` are sent, but the response claims `announced` bytes.
    static func body(_ bytes: [UInt8], announced: Int) -> HTTPBodySequence {
        HTTPBodySequence(from: ShortBody(bytes: bytes), count: announced)
    }
}
