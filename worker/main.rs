//! `lingcn-worker`: lingcn built with libtorch and SEAL. The light `lingcn`
//! executable starts it for the stage kinds that need those libraries
//! (`lingcn-worker worker --stage ...`) and for `lingcn bench train|linearize|he`;
//! it is the full command line, so it can also be called directly.

fn main() {
    // SAFETY: resetting a signal disposition before any thread starts.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
    std::process::exit(lingcn_worker::cli::main());
}
