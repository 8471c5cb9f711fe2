//! Build-time set-up:
//! - libtorch's lib folder as an rpath, so binaries, examples and test
//!   binaries run without LD_LIBRARY_PATH (torch-sys passes no rpath);
//! - Microsoft SEAL 4.0 (MIT, vendored under vendor/SEAL) and its C API as
//!   static libraries when the `seal` feature is on. No bindgen:
//!   `src/he/seal/ffi.rs` declares the C functions we call. Compression
//!   (zlib, zstd) and MSGSL are off: no third-party code, and no second zstd
//!   to collide with the one tch links (see /work/shared/HE.md).

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-env-changed=DEP_TCH_LIBTORCH_LIB");
    println!("cargo:rerun-if-env-changed=LIBTORCH");
    if let Ok(lib) = std::env::var("DEP_TCH_LIBTORCH_LIB") {
        println!("cargo:rustc-link-arg=-Wl,-rpath,{lib}");
    }
    println!("cargo:rerun-if-changed=vendor/SEAL/native/src");
    if std::env::var_os("CARGO_FEATURE_SEAL").is_some() {
        #[cfg(feature = "seal")]
        build_seal();
    }
}

#[cfg(feature = "seal")]
fn build_seal() {
    println!("cargo:rerun-if-env-changed=LINGCN_SEAL_LIB_DIR");
    println!("cargo:rerun-if-env-changed=LINGCN_SEAL_INCLUDE_DIR");
    // A prebuilt libseal-4.0.a + libsealc-4.0.a (e.g. from a release build) skips cmake.
    if let Some(dir) = std::env::var_os("LINGCN_SEAL_LIB_DIR") {
        let dir = std::path::PathBuf::from(dir);
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
    let dst = cmake::Config::new("vendor/SEAL")
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
