#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The tensors a parameter walk reached, in walk order, with their dotted names (empty names
/// when the walk did not build them), and the training switches it reached.
struct TensorListing {
    var names: [String] = []
    var tensors: [Tensor] = []
    /// The training switches reached (`train()`, `eval()`), in walk order.
    var modes: [TrainingMode] = []

    mutating func append(_ name: String, _ tensor: Tensor) {
        names.append(name)
        tensors.append(tensor)
    }
}

/// Remembered parameter walks of struct models, per thread, so that `zeroGrad()` in a training
/// loop costs a comparison instead of a reflection walk.
///
/// An entry keeps a copy of the model value and its bytes. A later value with the same type and
/// the same bytes holds the same references; and since the copy here shares every array and
/// existential box with it, none of them can have changed in place (Swift copies shared storage
/// before writing). So the walk would find the same tensors in the same order. Tensors themselves
/// are reached through references and may change whether they need a gradient: that is read when
/// the listing is used, not stored. Walks that go into class modules are not remembered.
final class TensorListingCache {
    private struct Entry {
        let type: ObjectIdentifier
        let bytes: [UInt8]
        let model: Any
        let listing: TensorListing
    }

    /// Most recent first; a few models per thread (a page compares a handful of networks).
    @exclusivity(unchecked) private var entries: [Entry] = []
    private let capacity = 4

    func listing<Model>(for model: Model) -> TensorListing? {
        let type = ObjectIdentifier(Model.self)
        return withUnsafeBytes(of: model) { bytes -> TensorListing? in
            for index in entries.indices where entries[index].type == type {
                let same = entries[index].bytes.withUnsafeBytes { stored in
                    stored.count == bytes.count
                        && (bytes.isEmpty || memcmp(stored.baseAddress!, bytes.baseAddress!, bytes.count) == 0)
                }
                if same {
                    if index != 0 { entries.insert(entries.remove(at: index), at: 0) }
                    return entries[0].listing
                }
            }
            return nil
        }
    }

    func remember<Model>(_ model: Model, _ listing: TensorListing) {
        let bytes = withUnsafeBytes(of: model) { [UInt8]($0) }
        entries.insert(Entry(type: ObjectIdentifier(Model.self), bytes: bytes, model: model, listing: listing), at: 0)
        if entries.count > capacity { entries.removeLast() }
    }
}
