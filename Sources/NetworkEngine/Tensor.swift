/// Placeholder until the engine lands.
public final class Tensor {}
