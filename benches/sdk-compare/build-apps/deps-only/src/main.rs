//! Nothing: only the dependencies are compiled (the floor of build-apps/ours).
fn main() {}
