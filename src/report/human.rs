//! The one-screen report of `dpascan check`.

use super::DocResult;

/// Renders `result` for a reviewer; `color` adds ANSI colours (only on a terminal).
pub fn render(result: &DocResult, _color: bool) -> String {
    format!("{} {:?}\n", result.path, result.status) // STUB
}
