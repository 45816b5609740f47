//! Standard output, refused when the shell closed it (`tamis … -o - >&-`). Rust's runtime then
//! points the closed descriptor at `/dev/null` before `main`, so writes would succeed, vanish,
//! and be counted as documents written.

use crate::error::{Error, Result};

/// Standard output, or an error for `-` when it was closed.
pub fn stdout() -> Result<std::io::Stdout> {
    if stdout_was_closed() {
        return Err(Error::io(
            "-",
            std::io::Error::other(
                "standard output is closed (`>&-`), so nothing written there would be kept; \
                 redirect it (`> out.jsonl`, `> /dev/null`) or name a file with -o",
            ),
        ));
    }
    Ok(std::io::stdout())
}

/// Whether descriptor 1 is the `/dev/null` the runtime opened for a closed one: the runtime
/// opens it read-write, a shell's `> /dev/null` write-only.
#[cfg(target_os = "linux")]
pub fn stdout_was_closed() -> bool {
    let is_null = std::fs::read_link("/proc/self/fd/1")
        .is_ok_and(|target| target == std::path::Path::new("/dev/null"));
    is_null
        && std::fs::read_to_string("/proc/self/fdinfo/1").is_ok_and(|info| {
            info.lines()
                .find_map(|line| line.strip_prefix("flags:"))
                .and_then(|flags| u32::from_str_radix(flags.trim(), 8).ok())
                .is_some_and(|flags| flags & 0o3 == 0o2)
        })
}

/// Whether descriptor 1 was closed before the process started (known on Linux only).
#[cfg(not(target_os = "linux"))]
pub fn stdout_was_closed() -> bool {
    false
}
