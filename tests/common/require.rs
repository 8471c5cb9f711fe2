//! Test groups whose prerequisites may be missing on a developer machine
//! (a Python venv, Slurm, numpy, SEAL, qemu). `.ci/run` names the groups
//! that must run in `LINGCN_REQUIRE` (comma-separated, or `all`): there a
//! missing prerequisite fails the test; elsewhere the test says why it
//! skips and passes.

/// Whether `.ci/run` (or the user) requires `group` to run.
pub fn required(group: &str) -> bool {
    std::env::var("LINGCN_REQUIRE").is_ok_and(|groups| {
        groups
            .split(',')
            .map(str::trim)
            .any(|g| g == group || g == "all")
    })
}

/// Skips the calling test, saying why, unless `group` is required: then
/// it fails with the reason.
#[track_caller]
pub fn skip(group: &str, why: &str) {
    assert!(
        !required(group),
        "required test group `{group}` cannot run: {why} (LINGCN_REQUIRE={})",
        std::env::var("LINGCN_REQUIRE").unwrap_or_default()
    );
    eprintln!("SKIP ({group}): {why}");
    println!("SKIP ({group}): {why}");
}
