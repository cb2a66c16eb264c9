/// The per-store state of other modules, keyed by its owner: a short list searched by
/// identity, because a host call looks its state up on every call and a store has a few
/// owners at most (hashing a key costs more than comparing a handful).
package struct StoreExtensions {
    private var entries: [(key: ObjectIdentifier, value: AnyObject)] = []

    package subscript(key: ObjectIdentifier) -> AnyObject? {
        get {
            for entry in entries where entry.key == key { return entry.value }
            return nil
        }
        set {
            let index = entries.firstIndex { $0.key == key }
            switch (index, newValue) {
            case (let index?, let value?): entries[index].value = value
            case (let index?, nil): entries.remove(at: index)
            case (nil, let value?): entries.append((key, value))
            case (nil, nil): break
            }
        }
    }

    /// Releases every owner's state, in the order it was added.
    package mutating func removeAll() { entries.removeAll() }
}
