//! `lingcn-worker`: lingcn built with libtorch and SEAL. The light `lingcn`
//! executable starts it for the stage kinds that need those libraries
//! (`lingcn-worker worker --work-dir ... --key ...`) and for `lingcn bench train|linearize|he`;
//! it is the full command line, so it can also be called directly.

fn main() {
    // SAFETY: resetting a signal disposition before any thread starts.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
        // A write past the file size limit (RLIMIT_FSIZE) fails with EFBIG,
        // reported like a full disk, instead of killing the process.
        libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
    }
    std::process::exit(lingcn_worker::cli::main());
}
