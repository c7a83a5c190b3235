extension String {
    /// Calls `body` with the string's UTF-8 bytes, read where they lie.
    ///
    /// `withUTF8` is mutating (it may first make a bridged string contiguous), so callers copied
    /// their string to call it: a retain and a release of its storage each time, for every field
    /// of every record on the hot paths. A native string's bytes are contiguous already; the copy
    /// is left for the strings that are not.
    @inlinable
    public func withUTF8Bytes<Result>(_ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result {
        if let result = try utf8.withContiguousStorageIfAvailable(body) { return result }
        var contiguous = self
        return try contiguous.withUTF8(body)
    }
}
