//! `.npy` header bytes, shape patching, and (when available) numpy loading.

use crate::data::npy::{read_npy_header, Dtype, NpyWriter};
use std::io::Cursor;
use std::process::Command;

fn write_rows(rows: usize) -> Vec<u8> {
    let mut w = NpyWriter::new(Cursor::new(Vec::new()), Dtype::F32, &[3, 4]).unwrap();
    for r in 0..rows {
        let row: Vec<f32> = (0..12).map(|i| (r * 12 + i) as f32).collect();
        w.write_f32(&row).unwrap();
    }
    w.finish().unwrap().into_inner()
}

#[test]
fn header_bytes_are_exact() {
    let bytes = write_rows(2);
    let len = u16::from_le_bytes([bytes[8], bytes[9]]) as usize;
    assert_eq!(&bytes[..8], b"\x93NUMPY\x01\x00");
    assert_eq!((10 + len) % 64, 0, "header padded to 64");
    let dict = std::str::from_utf8(&bytes[10..10 + len]).unwrap();
    let want = "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3, 4), }";
    assert_eq!(dict.trim_end(), want);
    assert!(dict.ends_with('\n') && dict[want.len()..dict.len() - 1].bytes().all(|b| b == b' '));
    assert_eq!(bytes.len(), 10 + len + 2 * 12 * 4);
    let last = f32::from_le_bytes(bytes[bytes.len() - 4..].try_into().unwrap());
    assert_eq!(last, 23.0);
}

#[test]
fn header_reader_reads_what_writer_wrote() {
    let bytes = write_rows(5);
    let h = read_npy_header(&bytes[..]).unwrap();
    assert_eq!(h.descr, "<f4");
    assert!(!h.fortran_order);
    assert_eq!(h.shape, vec![5, 3, 4]);
    assert_eq!(h.data_offset % 64, 0);
    assert_eq!(bytes.len() - h.data_offset, 5 * 12 * 4);
}

#[test]
fn empty_and_scalar_item_shapes() {
    let w = NpyWriter::new(Cursor::new(Vec::new()), Dtype::I64, &[]).unwrap();
    let bytes = w.finish().unwrap().into_inner();
    let h = read_npy_header(&bytes[..]).unwrap();
    assert_eq!((h.descr.as_str(), h.shape), ("<i8", vec![0]));
    let dict = String::from_utf8_lossy(&bytes[10..h.data_offset]).into_owned();
    assert!(dict.contains("'shape': (0,)"), "{dict}");
}

#[test]
fn wrong_row_length_or_dtype_is_rejected() {
    let mut w = NpyWriter::new(Cursor::new(Vec::new()), Dtype::F32, &[3]).unwrap();
    assert!(w.write_f32(&[1.0, 2.0]).is_err());
    assert!(w.write_i64(&[1, 2, 3]).is_err());
    assert_eq!(w.rows(), 0);
}

/// Loads a file with numpy if python3 has it; otherwise skips (test group
/// `numpy`, required in CI).
pub(super) fn numpy_check(script: &str) -> Option<String> {
    let probe = Command::new("python3")
        .args(["-c", "import numpy"])
        .output();
    if !probe.is_ok_and(|o| o.status.success()) {
        super::require::skip(
            "numpy",
            "python3 with numpy not available (scripts/setup.sh --test installs it)",
        );
        return None;
    }
    let out = Command::new("python3")
        .args(["-c", script])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    Some(String::from_utf8(out.stdout).unwrap())
}

#[test]
fn numpy_loads_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("x.npy");
    let mut w = NpyWriter::create(&path, Dtype::F32, &[3, 4]).unwrap();
    for r in 0..3 {
        let row: Vec<f32> = (0..12).map(|i| (r * 12 + i) as f32 * 0.5).collect();
        w.write_f32(&row).unwrap();
    }
    w.finish().unwrap();
    let script = format!(
        "import numpy as np; a = np.load({:?}); print(a.shape, a.dtype, a[2, 1, 3])",
        path.to_str().unwrap()
    );
    if let Some(out) = numpy_check(&script) {
        assert_eq!(out.trim(), "(3, 3, 4) float32 15.5");
    }
}
