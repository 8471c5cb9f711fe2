//! Byte-level line/token cursor for the whitespace-separated NTU text format.
//!
//! One pass over the bytes: no line splitting, no `String`s, no allocation
//! unless an error is reported. Any byte <= b' ' other than `\n` is a blank,
//! so CRLF files and tabs are accepted. Lines are counted as `\n` is consumed.

/// Why a record (one line of `n` fields) could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum RecordFail {
    /// The line held `found` tokens instead of the expected count.
    Count { found: usize },
    /// The file ended before the first token of the record.
    Eof,
    /// Field `index` (0-based) is not a valid token for its slot.
    BadToken { index: usize, token: String },
}

/// A failed record together with the 1-based line it started on.
pub(super) type Fail = (usize, RecordFail);

/// Reads one field starting at `pos`; returns the end of a valid token or
/// `None`. The cursor then checks that a blank (or EOF) follows.
pub(super) trait FieldFn: FnMut(&[u8], usize, usize) -> Option<usize> {}
impl<F: FnMut(&[u8], usize, usize) -> Option<usize>> FieldFn for F {}

pub(super) struct Cursor<'a> {
    buf: &'a [u8],
    pos: usize,
    line: usize,
}

enum Next {
    Token,
    EndOfLine,
    Eof,
}

#[inline(always)]
fn is_blank(b: u8) -> bool {
    b <= b' '
}

impl<'a> Cursor<'a> {
    pub(super) fn new(buf: &'a [u8]) -> Self {
        Cursor {
            buf,
            pos: 0,
            line: 1,
        }
    }

    /// Current 1-based line.
    pub(super) fn line(&self) -> usize {
        self.line
    }

    /// Skips blanks within the line; reports what comes next without consuming it.
    #[inline(always)]
    fn peek(&mut self) -> Next {
        while let Some(&b) = self.buf.get(self.pos) {
            if b == b'\n' {
                return Next::EndOfLine;
            }
            if !is_blank(b) {
                return Next::Token;
            }
            self.pos += 1;
        }
        Next::Eof
    }

    fn token_end(&self, from: usize) -> usize {
        let rest = &self.buf[from..];
        from + rest.iter().position(|&b| is_blank(b)).unwrap_or(rest.len())
    }

    fn end_line(&mut self) {
        if self.pos < self.buf.len() {
            self.pos += 1; // the '\n'
            self.line += 1;
        }
    }

    /// Reads one line of exactly `n` tokens, each validated by `field`.
    #[inline(always)]
    pub(super) fn record(&mut self, n: usize, mut field: impl FieldFn) -> Result<(), Fail> {
        let line = self.line;
        for i in 0..n {
            match self.peek() {
                Next::Token => {}
                Next::Eof if i == 0 => return Err((line, RecordFail::Eof)),
                _ => return Err((line, self.count_rest(i))),
            }
            match field(self.buf, self.pos, i) {
                Some(end) if self.buf.get(end).is_none_or(|&b| is_blank(b)) => self.pos = end,
                _ => return Err((line, self.bad_token(i))),
            }
        }
        match self.peek() {
            Next::Token => Err((line, self.count_rest(n))),
            _ => {
                self.end_line();
                Ok(())
            }
        }
    }

    fn bad_token(&self, index: usize) -> RecordFail {
        let end = self.token_end(self.pos).min(self.pos + 40);
        let token = String::from_utf8_lossy(&self.buf[self.pos..end]).into_owned();
        RecordFail::BadToken { index, token }
    }

    /// Counts the tokens left on the line, for the "found N" of a count error.
    fn count_rest(&mut self, mut found: usize) -> RecordFail {
        while let Next::Token = self.peek() {
            found += 1;
            self.pos = self.token_end(self.pos);
        }
        RecordFail::Count { found }
    }

    /// After the last record: only blanks (and blank lines) may remain.
    /// Returns the line and a snippet of the first extra token, if any.
    pub(super) fn trailing(&mut self) -> Option<(usize, String)> {
        loop {
            match self.peek() {
                Next::Eof => return None,
                Next::EndOfLine => self.end_line(),
                Next::Token => {
                    let end = self.token_end(self.pos).min(self.pos + 40);
                    let tok = String::from_utf8_lossy(&self.buf[self.pos..end]).into_owned();
                    return Some((self.line, tok));
                }
            }
        }
    }
}

/// Scans a decimal number `[+-]?(d+(.d*)?|.d+)([eE][+-]?d+)?` from `pos`;
/// returns its end, or `None` if no number starts there.
#[inline(always)]
pub(super) fn scan_number(buf: &[u8], mut pos: usize) -> Option<usize> {
    if matches!(buf.get(pos), Some(b'+' | b'-')) {
        pos += 1;
    }
    let int_end = scan_digits(buf, pos);
    let mut end = int_end;
    if buf.get(end) == Some(&b'.') {
        end = scan_digits(buf, end + 1);
    }
    if end == pos || (end == pos + 1 && int_end == pos) {
        return None; // no digits at all ("", "." or "-.")
    }
    if matches!(buf.get(end), Some(b'e' | b'E')) {
        let mut e = end + 1;
        if matches!(buf.get(e), Some(b'+' | b'-')) {
            e += 1;
        }
        let e_end = scan_digits(buf, e);
        if e_end == e {
            return None;
        }
        end = e_end;
    }
    Some(end)
}

#[inline(always)]
fn scan_digits(buf: &[u8], mut pos: usize) -> usize {
    while buf.get(pos).is_some_and(u8::is_ascii_digit) {
        pos += 1;
    }
    pos
}

/// Parses an unsigned decimal integer token; `None` on overflow or no digits.
#[inline(always)]
pub(super) fn parse_u64(buf: &[u8], pos: usize, out: &mut u64) -> Option<usize> {
    let end = scan_digits(buf, pos);
    if end == pos {
        return None;
    }
    let mut v: u64 = 0;
    for &b in &buf[pos..end] {
        v = v.checked_mul(10)?.checked_add(u64::from(b - b'0'))?;
    }
    *out = v;
    Some(end)
}

/// Parses a finite f32 token with fast-float.
#[inline(always)]
pub(super) fn parse_f32(buf: &[u8], pos: usize, out: &mut f32) -> Option<usize> {
    let (v, len) = fast_float2::parse_partial::<f32, _>(&buf[pos..]).ok()?;
    if !v.is_finite() {
        return None;
    }
    *out = v;
    Some(pos + len)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn num(buf: &[u8], pos: usize, _: usize) -> Option<usize> {
        scan_number(buf, pos)
    }

    fn ok_numbers(line: &str, n: usize) -> Result<(), Fail> {
        Cursor::new(line.as_bytes()).record(n, num)
    }

    #[test]
    fn number_grammar() {
        for good in ["1", "-1.5", "+.5", "3.", "1e5", "-2.5E-3", "0.27764"] {
            assert_eq!(scan_number(good.as_bytes(), 0), Some(good.len()), "{good}");
        }
        for bad in ["", ".", "-", "e5", "-.e1", "abc"] {
            assert_eq!(scan_number(bad.as_bytes(), 0), None, "{bad}");
        }
        assert_eq!(scan_number(b"1e", 0), None);
    }

    #[test]
    fn record_counts_and_lines() {
        let mut c = Cursor::new(b"1 2 3\r\n4 5\n\n");
        assert!(c.record(3, num).is_ok());
        assert_eq!(c.line(), 2);
        assert_eq!(c.record(3, num), Err((2, RecordFail::Count { found: 2 })));
        assert_eq!(
            ok_numbers("1 2 3 4", 3),
            Err((1, RecordFail::Count { found: 4 }))
        );
        assert_eq!(ok_numbers("", 1), Err((1, RecordFail::Eof)));
    }

    #[test]
    fn bad_token_is_reported() {
        let r = ok_numbers("1 2x 3", 3);
        let want = RecordFail::BadToken {
            index: 1,
            token: "2x".into(),
        };
        assert_eq!(r, Err((1, want)));
    }

    #[test]
    fn u64_overflow_rejected() {
        let mut v = 0;
        assert_eq!(parse_u64(b"72057594037931101", 0, &mut v), Some(17));
        assert_eq!(v, 72057594037931101);
        assert_eq!(parse_u64(b"99999999999999999999", 0, &mut v), None);
    }
}
