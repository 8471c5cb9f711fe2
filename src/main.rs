fn main() {
    // Die quietly on a closed pipe (`lingcn show X | head`), as Unix tools
    // do, instead of panicking in println!.
    // SAFETY: resetting a signal disposition before any thread starts.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
    std::process::exit(lingcn::cli::main());
}
