//! Embeds libtorch's lib folder as an rpath so binaries, examples and test binaries run
//! without LD_LIBRARY_PATH (torch-sys links libtorch but passes no rpath).

fn main() {
    println!("cargo:rerun-if-env-changed=DEP_TCH_LIBTORCH_LIB");
    println!("cargo:rerun-if-env-changed=LIBTORCH");
    if let Ok(lib) = std::env::var("DEP_TCH_LIBTORCH_LIB") {
        println!("cargo:rustc-link-arg=-Wl,-rpath,{lib}");
    }
}
