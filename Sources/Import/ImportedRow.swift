import Model

/// One input row as the reader hands it on.
///
/// Most rows of a large import repeat their stream's previous line except for the viewer count
/// and time; those arrive as `.repeated`, carrying only what changed and the stream's token, so
/// neither thread copies or frees the observation's strings for them.
public enum ImportedRow: Sendable {
    /// A fully decoded observation. `token` names its stream until the token epoch changes; rows
    /// of formats without tokens (CSV) carry nil. Indirect, so that the other cases, by far the
    /// most common, are not copied around at the size of an observation.
    indirect case observation(Observation, line: Int, token: Int32?)
    /// The stream of `token` seen again, with every other field as in its latest `.observation`.
    case repeated(token: Int32, viewers: Int, observedAt: Millis, line: Int)
    /// Tokens handed out so far are void; the ones that follow start again.
    case tokensReset
    case failure(ImportError)
}
