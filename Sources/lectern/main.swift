import LecternCLI
import NetworkEngine

// A page may train a wide network: keep its large gradients' memory from step to step.
keepFreedMemoryForReuse()
Lectern.main()
