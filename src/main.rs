fn main() {
    // Die quietly on a closed pipe (`lingcn show X | head`), as Unix tools
    // do, instead of panicking in println!.
    // SAFETY: resetting a signal disposition before any thread starts.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
        // A write past the file size limit (RLIMIT_FSIZE) fails with EFBIG,
        // reported like a full disk, instead of killing the process.
        libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
    }
    std::process::exit(lingcn::cli::main());
}
