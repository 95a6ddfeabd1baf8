//! Model → model passes run before lowering to the IR. Each is deterministic and small.

mod mixins;

pub use mixins::flatten_mixins;

use crate::model::Model;

/// Every pass codegen needs, in order.
pub fn prepare(model: &Model) -> Model {
    flatten_mixins(model)
}
