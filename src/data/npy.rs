//! Incremental writer (and a small header reader) for NumPy `.npy` v1.0 files.
//!
//! The writer reserves header space for the largest possible row count, streams
//! rows, and patches the real count into the header on `finish`, so memory use
//! does not depend on the number of rows.

use std::fs::File;
use std::io::{self, BufWriter, Read, Seek, SeekFrom, Write};
use std::path::Path;

const MAGIC: &[u8] = b"\x93NUMPY";
/// Header sizes (magic + version + length + dict + '\n') are multiples of this.
const ALIGN: usize = 64;

/// Element types the pipeline writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dtype {
    F32,
    I64,
}

impl Dtype {
    /// NumPy `descr` string (little endian).
    pub fn descr(self) -> &'static str {
        match self {
            Dtype::F32 => "<f4",
            Dtype::I64 => "<i8",
        }
    }
}

/// Streams rows of shape `item_shape` into an `.npy` file of shape `(N, *item_shape)`.
pub struct NpyWriter<W: Write + Seek> {
    out: W,
    dtype: Dtype,
    item_shape: Vec<usize>,
    rows: u64,
    header_len: usize,
    scratch: Vec<u8>,
}

impl NpyWriter<BufWriter<File>> {
    /// Creates (truncates) `path` and writes the reserved header.
    pub fn create(path: &Path, dtype: Dtype, item_shape: &[usize]) -> io::Result<Self> {
        let file = BufWriter::with_capacity(1 << 20, File::create(path)?);
        NpyWriter::new(file, dtype, item_shape)
    }
}

impl<W: Write + Seek> NpyWriter<W> {
    /// Writes a header sized for up to `u64::MAX` rows at the current position (0).
    pub fn new(mut out: W, dtype: Dtype, item_shape: &[usize]) -> io::Result<Self> {
        let header = header_bytes(dtype, u64::MAX, item_shape, 0);
        out.write_all(&header)?;
        Ok(NpyWriter {
            out,
            dtype,
            item_shape: item_shape.to_vec(),
            rows: 0,
            header_len: header.len(),
            scratch: Vec::new(),
        })
    }

    /// Rows written so far.
    pub fn rows(&self) -> u64 {
        self.rows
    }

    fn check(&self, dtype: Dtype, len: usize) -> io::Result<()> {
        let want: usize = self.item_shape.iter().product();
        if dtype != self.dtype || len != want {
            let msg = format!(
                "npy row of {len} x {} does not match {want} x {}",
                dtype.descr(),
                self.dtype.descr()
            );
            return Err(io::Error::new(io::ErrorKind::InvalidInput, msg));
        }
        Ok(())
    }

    /// Appends one f32 row (must hold exactly `prod(item_shape)` values).
    pub fn write_f32(&mut self, row: &[f32]) -> io::Result<()> {
        self.check(Dtype::F32, row.len())?;
        self.scratch.clear();
        self.scratch
            .extend(row.iter().flat_map(|v| v.to_le_bytes()));
        self.out.write_all(&self.scratch)?;
        self.rows += 1;
        Ok(())
    }

    /// Appends one i64 row.
    pub fn write_i64(&mut self, row: &[i64]) -> io::Result<()> {
        self.check(Dtype::I64, row.len())?;
        self.scratch.clear();
        self.scratch
            .extend(row.iter().flat_map(|v| v.to_le_bytes()));
        self.out.write_all(&self.scratch)?;
        self.rows += 1;
        Ok(())
    }

    /// Patches the row count into the header and returns the sink.
    pub fn finish(mut self) -> io::Result<W> {
        let header = header_bytes(self.dtype, self.rows, &self.item_shape, self.header_len);
        self.out.flush()?;
        self.out.seek(SeekFrom::Start(0))?;
        self.out.write_all(&header)?;
        self.out.seek(SeekFrom::End(0))?;
        self.out.flush()?;
        Ok(self.out)
    }
}

/// Full header; padded with spaces to `min_len` (if larger) and to a multiple of 64.
fn header_bytes(dtype: Dtype, rows: u64, item_shape: &[usize], min_len: usize) -> Vec<u8> {
    let mut shape = rows.to_string();
    for d in item_shape {
        shape.push_str(&format!(", {d}"));
    }
    if item_shape.is_empty() {
        shape.push(',');
    }
    let dict = format!(
        "{{'descr': '{}', 'fortran_order': False, 'shape': ({shape}), }}",
        dtype.descr()
    );
    let unpadded = MAGIC.len() + 4 + dict.len() + 1;
    let total = unpadded.max(min_len).div_ceil(ALIGN) * ALIGN;
    let mut out = Vec::with_capacity(total);
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&[1, 0]);
    out.extend_from_slice(&((total - MAGIC.len() - 4) as u16).to_le_bytes());
    out.extend_from_slice(dict.as_bytes());
    out.resize(total - 1, b' ');
    out.push(b'\n');
    out
}

/// What `read_npy_header` found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NpyHeader {
    pub descr: String,
    pub fortran_order: bool,
    pub shape: Vec<usize>,
    /// Byte offset of the first element.
    pub data_offset: usize,
}

fn invalid(msg: &str) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, format!("npy header: {msg}"))
}

/// Reads and parses a v1.0 header (only the dict forms this module writes,
/// plus NumPy's own spacing).
pub fn read_npy_header(mut r: impl Read) -> io::Result<NpyHeader> {
    let mut pre = [0u8; 10];
    r.read_exact(&mut pre)?;
    if &pre[..6] != MAGIC || pre[6] != 1 {
        return Err(invalid("not a v1.0 .npy file"));
    }
    let len = usize::from(u16::from_le_bytes([pre[8], pre[9]]));
    let mut dict = vec![0u8; len];
    r.read_exact(&mut dict)?;
    let dict = String::from_utf8(dict).map_err(|_| invalid("not UTF-8"))?;
    Ok(NpyHeader {
        descr: dict_value(&dict, "descr")?
            .trim_matches(['\'', '"'])
            .to_string(),
        fortran_order: dict_value(&dict, "fortran_order")? == "True",
        shape: parse_shape(dict_value(&dict, "shape")?)?,
        data_offset: 10 + len,
    })
}

/// The raw text of `key`'s value: up to the next `,` (or `)` for tuples).
fn dict_value<'a>(dict: &'a str, key: &str) -> io::Result<&'a str> {
    let at = dict
        .find(&format!("'{key}':"))
        .ok_or_else(|| invalid(&format!("no '{key}'")))?;
    let rest = dict[at + key.len() + 3..].trim_start();
    let end = if rest.starts_with('(') {
        rest.find(')').map(|i| i + 1)
    } else {
        rest.find([',', '}'])
    };
    Ok(rest[..end.ok_or_else(|| invalid("unterminated value"))?].trim())
}

fn parse_shape(s: &str) -> io::Result<Vec<usize>> {
    s.trim_matches(['(', ')'])
        .split(',')
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(|p| p.parse().map_err(|_| invalid("bad shape")))
        .collect()
}
