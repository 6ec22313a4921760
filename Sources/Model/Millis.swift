/// Milliseconds since 1970-01-01T00:00:00Z.
public typealias Millis = Int64

public enum Clock {
    /// Wall-clock time now, in milliseconds.
    public static func nowMillis() -> Millis {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        return Millis(ts.tv_sec) * 1000 + Millis(ts.tv_nsec) / 1_000_000
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
