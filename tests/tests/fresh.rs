//! The checked-in generated crates match what the generator produces now: the same
//! check as `cargo xtask codegen --check`, run by `cargo test`.

mod common;

#[test]
fn checked_in_crates_are_up_to_date() {
    let root = common::root();
    for krate in xtask::workspace::checked_in_crates(&root, &common::model_dir()).unwrap() {
        let files = krate.generate().unwrap();
        let changes = xtask::output::plan(&root.join(krate.dir), &files).unwrap();
        let listed: Vec<String> = changes.iter().map(ToString::to_string).collect();
        assert!(
            listed.is_empty(),
            "{} is stale; run `cargo xtask codegen`:\n{}",
            krate.dir,
            listed.join("\n")
        );
    }
}

#[test]
fn generation_is_deterministic() {
    let root = common::root();
    for krate in xtask::workspace::checked_in_crates(&root, &common::model_dir()).unwrap() {
        assert_eq!(krate.generate().unwrap(), krate.generate().unwrap());
    }
}
