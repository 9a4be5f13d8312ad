//! The `dpascan` binary: all work is in the library.

fn main() -> std::process::ExitCode {
    dpascan::cli::run()
}
