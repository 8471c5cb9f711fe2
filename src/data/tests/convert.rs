//! `convert`: split membership, order, window, streaming outputs, ignore list
//! and the fail/skip policy.

use super::npy::numpy_check;
use crate::data::dataset::{convert, list_skeleton_files, ConvertConfig, OnError};
use crate::data::npy::read_npy_header;
use crate::data::skeleton::{read_clip, ReadOptions};
use crate::data::split::Benchmark;
use crate::data::synthetic::{generate, SyntheticConfig};
use crate::data::DataError;
use std::cell::RefCell;
use std::path::{Path, PathBuf};

/// 3 classes x 4 subjects x 3 cameras = 36 clips of 30..60 frames.
fn dataset(dir: &Path) -> Vec<PathBuf> {
    let cfg = SyntheticConfig {
        classes: 3,
        subjects: 4,
        replications: 1,
        min_frames: 30,
        max_frames: 60,
        ..SyntheticConfig::default()
    };
    generate(&cfg, dir).unwrap();
    let mut files = list_skeleton_files(dir).unwrap();
    files.reverse(); // convert must sort
    files
}

fn small_cfg() -> ConvertConfig {
    ConvertConfig {
        window_start: 5,
        window_len: 40,
        max_frame: 60,
        ..ConvertConfig::default()
    }
}

fn f32_at(path: &Path, index: usize) -> f32 {
    let bytes = std::fs::read(path).unwrap();
    let off = read_npy_header(&bytes[..]).unwrap().data_offset + 4 * index;
    f32::from_le_bytes(bytes[off..off + 4].try_into().unwrap())
}

#[test]
fn xview_convert_writes_sorted_windowed_parts() {
    let (src, out) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let files = dataset(src.path());
    let calls = RefCell::new(Vec::new());
    let report = convert(&files, &small_cfg(), out.path(), &|d, t| {
        calls.borrow_mut().push((d, t))
    })
    .unwrap();
    assert_eq!((report.train.clips, report.val.clips), (24, 12));
    assert_eq!(
        report.val.per_class.values().copied().collect::<Vec<_>>(),
        vec![4, 4, 4]
    );
    assert_eq!(calls.borrow().last(), Some(&(36, 36)));
    assert!(report.bytes_read > 0);

    let h =
        read_npy_header(std::fs::File::open(out.path().join("train_data.npy")).unwrap()).unwrap();
    assert_eq!(h.shape, vec![24, 3, 40, 25, 2]);
    let labels = std::fs::read(out.path().join("val_label.npy")).unwrap();
    let lh = read_npy_header(&labels[..]).unwrap();
    assert_eq!((lh.descr.as_str(), lh.shape.clone()), ("<i8", vec![12]));
    let first: Vec<i64> = labels[lh.data_offset..lh.data_offset + 24]
        .chunks(8)
        .map(|b| i64::from_le_bytes(b.try_into().unwrap()))
        .collect();
    assert_eq!(first, vec![0, 1, 2]);

    let names: Vec<String> =
        serde_json::from_slice(&std::fs::read(out.path().join("train_names.json")).unwrap())
            .unwrap();
    assert_eq!(names.len(), 24);
    assert!(names.windows(2).all(|w| w[0] < w[1]), "sorted");
    assert!(
        names.iter().all(|n| !n.contains("C001")),
        "camera 1 is validation"
    );

    // Clip 1 of train (second in order), frame 7 of the window = file frame 12.
    let clip = read_clip(
        &src.path().join(format!("{}.skeleton", names[1])),
        &ReadOptions {
            max_frame: 60,
            max_body: 2,
        },
    )
    .unwrap();
    let item = 3 * 40 * 25 * 2;
    let (c, t, v, m) = (2, 7, 11, 0);
    let want = clip.data[clip.index(c, t + 5, v, m)];
    assert_ne!(want, 0.0);
    assert_eq!(
        f32_at(
            &out.path().join("train_data.npy"),
            item + ((c * 40 + t) * 25 + v) * 2 + m
        ),
        want
    );

    let script = format!(
        "import numpy as np, json; d = np.load({:?}, mmap_mode='r'); l = np.load({:?}); print(d.shape, d.dtype, l.dtype, repr(float(d[1, {c}, {t}, {v}, {m}])))",
        out.path().join("train_data.npy").to_str().unwrap(),
        out.path().join("train_label.npy").to_str().unwrap()
    );
    if let Some(printed) = numpy_check(&script) {
        assert_eq!(
            printed.trim(),
            format!("(24, 3, 40, 25, 2) float32 int64 {}", f64::from(want))
        );
    }
}

#[test]
fn xsub_and_ignore_list() {
    let (src, out) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let files = dataset(src.path());
    let ignore = vec![
        "S001C001P001R001A001.skeleton".to_string(),
        "S001C002P003R001A002".into(),
    ];
    let cfg = ConvertConfig {
        benchmark: Benchmark::Xsub,
        ignore,
        ..small_cfg()
    };
    let report = convert(&files, &cfg, out.path(), &|_, _| {}).unwrap();
    // Subjects 1, 2, 4 train (27 clips, one ignored); subject 3 val (9, one ignored).
    assert_eq!(
        (report.train.clips, report.val.clips, report.ignored),
        (26, 8, 2)
    );
}

fn corrupt(src: &Path) -> Vec<PathBuf> {
    let mut files = dataset(src);
    let victim = src.join("S001C002P001R001A002.skeleton");
    let text = std::fs::read_to_string(&victim).unwrap();
    std::fs::write(&victim, &text[..text.len() / 2]).unwrap();
    let badly_named = src.join("clip7.skeleton");
    std::fs::write(&badly_named, "0\n").unwrap();
    files.push(badly_named);
    files
}

#[test]
fn skip_reports_every_bad_clip() {
    let (src, out) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let files = corrupt(src.path());
    let cfg = ConvertConfig {
        on_error: OnError::Skip,
        ..small_cfg()
    };
    let report = convert(&files, &cfg, out.path(), &|_, _| {}).unwrap();
    assert_eq!(report.train.clips + report.val.clips, 35);
    assert_eq!(report.skipped.len(), 2);
    let reasons: Vec<&str> = report.skipped.iter().map(|s| s.reason.as_str()).collect();
    assert!(
        report.skipped.iter().any(
            |s| s.file.ends_with("clip7.skeleton") && s.reason.contains("SsssCcccPpppRrrrAaaa")
        ),
        "{reasons:?}"
    );
    assert!(
        report
            .skipped
            .iter()
            .any(|s| s.file.ends_with("S001C002P001R001A002.skeleton")
                && s.reason.starts_with("line ")
                && s.reason.contains("expected")),
        "{reasons:?}"
    );
    let json = serde_json::to_value(&report).unwrap();
    assert_eq!(json["skipped"].as_array().unwrap().len(), 2);
}

#[test]
fn fail_stops_with_the_parse_error() {
    let (src, out) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let mut files = corrupt(src.path());
    files.pop(); // only the truncated clip is bad
    match convert(&files, &small_cfg(), out.path(), &|_, _| {}) {
        Err(DataError::Parse(e)) => {
            assert!(e.file().ends_with("S001C002P001R001A002.skeleton") && e.line().is_some())
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn clips_longer_than_max_frame_fail_and_bad_windows_are_rejected() {
    let (src, out) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let files = dataset(src.path());
    let cfg = ConvertConfig {
        max_frame: 45,
        window_start: 0,
        window_len: 45,
        ..small_cfg()
    };
    let err = convert(&files, &cfg, out.path(), &|_, _| {}).unwrap_err();
    assert!(
        err.to_string().contains(":1: expected at most 45 frames"),
        "{err}"
    );
    let bad = ConvertConfig {
        window_start: 30,
        window_len: 40,
        ..small_cfg()
    };
    assert!(matches!(
        convert(&files, &bad, out.path(), &|_, _| {}),
        Err(DataError::Config(_))
    ));
}

#[test]
fn convert_config_from_json() {
    let c: ConvertConfig =
        serde_json::from_str(r#"{"benchmark": "xsub", "on_error": "skip"}"#).unwrap();
    assert_eq!(
        (c.benchmark, c.on_error, c.window_start, c.window_len),
        (Benchmark::Xsub, OnError::Skip, 22, 256)
    );
    assert!(serde_json::from_str::<ConvertConfig>(r#"{"window": 3}"#).is_err());
}
