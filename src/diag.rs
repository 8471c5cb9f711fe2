//! User-facing diagnostics: errors located in a file (`file:line:col`, the
//! offending line, a caret) and did-you-mean hints for misspelt keys.

use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};

/// An error at a place in a text file the user wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Located {
    pub file: PathBuf,
    pub line: usize,
    pub col: usize,
    pub line_text: String,
    pub width: usize,
    pub message: String,
    pub help: Option<String>,
}

impl Located {
    /// Locates `span` (byte offsets) inside `source`, the text of `file`.
    pub fn at(file: &Path, source: &str, span: Range<usize>, message: impl Into<String>) -> Self {
        // On a char boundary: a span may come from bytes (e.g. a bad byte).
        let start = floor_boundary(source, span.start);
        let line_start = source[..start].rfind('\n').map_or(0, |i| i + 1);
        let line_end = source[start..]
            .find('\n')
            .map_or(source.len(), |i| start + i);
        let line_text = source[line_start..line_end]
            .trim_end_matches('\r')
            .to_string();
        let end = floor_boundary(source, span.end.clamp(start, line_end));
        Located {
            file: file.to_path_buf(),
            line: source[..start].matches('\n').count() + 1,
            col: source[line_start..start].chars().count() + 1,
            width: source[start..end].chars().count().max(1),
            line_text,
            message: message.into(),
            help: None,
        }
    }

    /// Locates the first line of `source` that assigns `key` (`key = ...`), or line 1.
    pub fn at_key(file: &Path, source: &str, key: &str, message: impl Into<String>) -> Self {
        Located::at(file, source, find_key(source, key).unwrap_or(0..0), message)
    }

    pub fn with_help(mut self, help: Option<String>) -> Self {
        self.help = help;
        self
    }
}

/// The largest char boundary of `s` at or before `i`.
fn floor_boundary(s: &str, i: usize) -> usize {
    let mut i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

impl fmt::Display for Located {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let gutter = self.line.to_string().len();
        writeln!(
            f,
            "{}:{}:{}: {}",
            self.file.display(),
            self.line,
            self.col,
            self.message
        )?;
        writeln!(f, "{:gutter$} |", "")?;
        writeln!(f, "{} | {}", self.line, self.line_text)?;
        write!(
            f,
            "{:gutter$} | {:pad$}{}",
            "",
            "",
            "^".repeat(self.width),
            pad = self.col - 1
        )?;
        if let Some(help) = &self.help {
            write!(f, "\n{:gutter$} = help: {help}", "")?;
        }
        Ok(())
    }
}

/// The span of the first assignment `key = ...` in `source`: at the start of
/// a line or inside an inline table (after `{` or `,`).
pub fn find_key(source: &str, key: &str) -> Option<Range<usize>> {
    source
        .match_indices(key)
        .map(|(i, _)| i)
        .find(|&i| {
            let before = source[..i].trim_end_matches([' ', '\t']);
            let opens = before.is_empty() || before.ends_with(['\n', '{', ',']);
            opens
                && source[i + key.len()..]
                    .trim_start_matches([' ', '\t'])
                    .starts_with('=')
        })
        .map(|i| i..i + key.len())
}

/// The closest candidate to `word`, if it is close enough to be a likely typo.
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(word, c), c))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

/// For serde's "unknown field `x`, expected one of `a`, `b`" (or "unknown
/// variant"), a hint naming the closest expected name.
pub fn hint_for_serde_message(message: &str) -> Option<String> {
    let rest = message
        .split_once("unknown field `")
        .or_else(|| message.split_once("unknown variant `"))?
        .1;
    let (word, expected) = rest.split_once('`')?;
    let names: Vec<&str> = expected.split('`').skip(1).step_by(2).collect();
    did_you_mean(word, names.iter().copied()).map(|m| format!("did you mean `{m}`?"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locates_line_and_column() {
        let src = "a = 1\n  bad = 2\n";
        let e = Located::at(Path::new("p.toml"), src, 8..11, "unknown key");
        assert_eq!((e.line, e.col, e.width), (2, 3, 3));
        assert_eq!(e.line_text, "  bad = 2");
        let shown = e.to_string();
        assert!(shown.starts_with("p.toml:2:3: unknown key"), "{shown}");
        assert!(shown.contains("  |   ^^^"), "{shown}");
    }

    #[test]
    fn a_span_inside_a_character_points_at_the_character() {
        let src = "x = \"é\"\n";
        let e = Located::at(Path::new("p.toml"), src, 6..7, "bad");
        assert_eq!((e.line, e.col, e.width), (1, 6, 1));
    }

    #[test]
    fn locates_keys_in_inline_tables() {
        let src = "a = { xkey = 1, key = 2 }\n";
        assert_eq!(find_key(src, "key"), Some(16..19));
        assert_eq!(find_key("monkey = 1\n", "key"), None);
    }

    #[test]
    fn locates_key_assignment() {
        let src = "x = 1\n[t]\nlr = \"fast\"\n";
        let e = Located::at_key(Path::new("s.toml"), src, "lr", "bad type");
        assert_eq!((e.line, e.col), (3, 1));
    }

    #[test]
    fn suggests_close_names_only() {
        let msg = "unknown field `kindd`, expected one of `kind`, `params`, `inputs`";
        assert_eq!(
            hint_for_serde_message(msg).as_deref(),
            Some("did you mean `kind`?")
        );
        let far = "unknown field `zzz`, expected one of `kind`, `params`";
        assert_eq!(hint_for_serde_message(far), None);
        let variant = "unknown variant `fial`, expected `fail` or `skip`";
        assert_eq!(
            hint_for_serde_message(variant).as_deref(),
            Some("did you mean `fail`?")
        );
    }
}
