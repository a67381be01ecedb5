//! roster-model's one integration-test binary: the role × action matrix
//! snapshot, property tests of PRODUCT.md's invariants, and the differential
//! test of the compiled `AccessIndex` against a naive evaluator.

mod model {
    pub mod differential;
    pub mod fixtures;
    pub mod matrix;
    pub mod properties;
}
