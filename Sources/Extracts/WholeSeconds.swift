/// Milliseconds written as whole seconds, rounded half up (away from zero for negatives), for
/// every Int64 (adding 500 first would overflow near the limit).
public func wholeSeconds(_ ms: Int64) -> Int64 {
    let (seconds, rest) = ms.quotientAndRemainder(dividingBy: 1000)
    if rest >= 500 { return seconds + 1 }
    if rest <= -500 { return seconds - 1 }
    return seconds
}
