//! Build-time set-up, shared by both packages (`lingcn` and `worker/`):
//! - `LINGCN_BUILD_ID`, a hash of the sources, so that the light `lingcn`
//!   executable can tell a `lingcn-worker` built from other sources;
//! - libtorch's lib folder as an rpath, so binaries, examples and test
//!   binaries run without LD_LIBRARY_PATH (torch-sys passes no rpath);
//! - Microsoft SEAL 4.0 (MIT, vendored under vendor/SEAL) and its C API as
//!   static libraries when the `seal` feature is on. No bindgen:
//!   `src/he/seal/ffi.rs` declares the C functions we call. Compression
//!   (zlib, zstd) and MSGSL are off: no third-party code, and no second zstd
//!   to collide with the one tch links (see /work/shared/HE.md).

use std::path::{Path, PathBuf};

fn main() {
    let root = repo_root();
    // Both packages' code (and tests) find scripts/, benches/ and vendor/ by it.
    println!("cargo:rustc-env=LINGCN_REPO_ROOT={}", root.display());
    println!("cargo:rerun-if-changed={}", root.join("build.rs").display());
    build_id(&root);
    println!("cargo:rerun-if-env-changed=DEP_TCH_LIBTORCH_LIB");
    println!("cargo:rerun-if-env-changed=LIBTORCH");
    if let Ok(lib) = std::env::var("DEP_TCH_LIBTORCH_LIB") {
        println!("cargo:rustc-link-arg=-Wl,-rpath,{lib}");
    }
    println!(
        "cargo:rerun-if-changed={}",
        root.join("vendor/SEAL/native/src").display()
    );
    if std::env::var_os("CARGO_FEATURE_SEAL").is_some() {
        #[cfg(feature = "seal")]
        build_seal(&root);
    }
}

/// The repository: the package's own directory, or its parent for `worker/`.
fn repo_root() -> PathBuf {
    let manifest = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("set by cargo"));
    if manifest.join("src/lib.rs").is_file() {
        manifest
    } else {
        manifest
            .parent()
            .expect("worker/ is inside the repository")
            .to_path_buf()
    }
}

/// `LINGCN_BUILD_ID`: FNV-1a over the version and every file under src/
/// (path and bytes, in sorted order). Both executables compile the same
/// sources, so they agree exactly when they were built from the same tree.
fn build_id(root: &Path) {
    let src = root.join("src");
    println!("cargo:rerun-if-changed={}", src.display());
    let mut files = Vec::new();
    collect(&src, &mut files);
    files.sort();
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut eat = |bytes: &[u8]| {
        for b in bytes {
            hash = (hash ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3);
        }
    };
    eat(env!("CARGO_PKG_VERSION").as_bytes());
    for file in &files {
        eat(file
            .strip_prefix(root)
            .unwrap_or(file)
            .to_string_lossy()
            .as_bytes());
        eat(&std::fs::read(file).unwrap_or_default());
    }
    println!("cargo:rustc-env=LINGCN_BUILD_ID={hash:016x}");
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(&path, out);
        } else {
            out.push(path);
        }
    }
}

#[cfg(feature = "seal")]
fn build_seal(root: &Path) {
    println!("cargo:rerun-if-env-changed=LINGCN_SEAL_LIB_DIR");
    println!("cargo:rerun-if-env-changed=LINGCN_SEAL_INCLUDE_DIR");
    // A prebuilt libseal-4.0.a + libsealc-4.0.a (e.g. from a release build) skips cmake.
    if let Some(dir) = std::env::var_os("LINGCN_SEAL_LIB_DIR") {
        let dir = PathBuf::from(dir);
        link(&dir);
        // SEAL's generated config.h, for `lingcn bench he`'s C++ reference: given, or next
        // to the libraries in a cmake build tree (build/lib -> build/native/src).
        let config = std::env::var_os("LINGCN_SEAL_INCLUDE_DIR")
            .map(std::path::PathBuf::from)
            .unwrap_or_else(|| dir.join("../native/src"));
        config_include(&config);
        return;
    }
    // Always Release: a Debug SEAL is ~10x slower and makes even the tests impractical.
    let dst = cmake::Config::new(root.join("vendor/SEAL"))
        .profile("Release")
        .define("CMAKE_CXX_FLAGS_RELEASE", "-DNDEBUG -O3")
        .define("CMAKE_C_FLAGS_RELEASE", "-DNDEBUG -O3")
        .define("BUILD_SHARED_LIBS", "OFF")
        .define("SEAL_BUILD_DEPS", "ON")
        .define("SEAL_BUILD_SEAL_C", "ON")
        .define("SEAL_BUILD_STATIC_SEAL_C", "ON")
        .define("SEAL_BUILD_BENCH", "OFF")
        .define("SEAL_BUILD_EXAMPLES", "OFF")
        .define("SEAL_BUILD_TESTS", "OFF")
        .define("SEAL_USE_CXX17", "ON")
        .define("SEAL_USE_INTRIN", "ON")
        .define("SEAL_USE_MSGSL", "OFF")
        .define("SEAL_USE_ZLIB", "OFF")
        .define("SEAL_USE_ZSTD", "OFF")
        .define("SEAL_USE_INTEL_HEXL", "OFF")
        .define("SEAL_THROW_ON_TRANSPARENT_CIPHERTEXT", "ON")
        .build_target("sealc")
        .build();
    link(&dst.join("build/lib"));
    config_include(&dst.join("build/native/src"));
}

/// Records where SEAL's headers with the generated `seal/util/config.h` are (empty if not
/// found): `lingcn bench he` compiles its C++ reference against them.
#[cfg(feature = "seal")]
fn config_include(dir: &std::path::Path) {
    let found = dir.join("seal/util/config.h").is_file();
    let value = if found {
        dir.canonicalize()
            .map_or(String::new(), |d| d.display().to_string())
    } else {
        String::new()
    };
    println!("cargo:rustc-env=LINGCN_SEAL_CONFIG_INCLUDE={value}");
}

#[cfg(feature = "seal")]
fn link(dir: &std::path::Path) {
    println!("cargo:rustc-link-search=native={}", dir.display());
    // The same archive is what `lingcn bench he` links its C++ reference against.
    let abs = dir.canonicalize().unwrap_or_else(|_| dir.to_path_buf());
    println!("cargo:rustc-env=LINGCN_SEAL_LINK_DIR={}", abs.display());
    println!("cargo:rustc-link-lib=static=sealc-4.0");
    println!("cargo:rustc-link-lib=static=seal-4.0");
    println!("cargo:rustc-link-lib=dylib=stdc++");
}
