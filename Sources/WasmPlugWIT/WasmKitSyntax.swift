internal import WIT

// WasmKit 0.4.2 (pinned exactly in Package.swift) keeps a few syntax fields internal that this
// module needs; reflection reads them.

extension Identifier {
    /// Where the identifier starts in the parsed text.
    var position: String.Index? {
        (Mirror(reflecting: self).descendant("textRange") as? Range<String.Index>)?.lowerBound
    }
}

extension ResourceSyntax {
    /// The resource's constructor, methods and static functions, in declaration order.
    var members: [ResourceFunctionSyntax]? {
        Mirror(reflecting: self).descendant("functions") as? [ResourceFunctionSyntax]
    }
}
