fn main() {
    std::process::exit(lingcn::cli::main());
}
