//! Split membership and ignore lists.

use crate::data::skeleton::ClipName;
use crate::data::split::{
    ntu60_missing_skeletons, parse_ignore_list, Benchmark, Part, XSUB_TRAIN_SUBJECTS,
};

fn name(camera: u16, subject: u16) -> ClipName {
    ClipName {
        setup: 1,
        camera,
        subject,
        replication: 1,
        action: 1,
    }
}

#[test]
fn xview_trains_on_cameras_2_and_3() {
    assert_eq!(Benchmark::Xview.part(&name(1, 1)), Part::Val);
    assert_eq!(Benchmark::Xview.part(&name(2, 3)), Part::Train);
    assert_eq!(Benchmark::Xview.part(&name(3, 3)), Part::Train);
}

#[test]
fn xsub_trains_on_the_listed_subjects() {
    let train: Vec<u16> = (1..=40)
        .filter(|&s| Benchmark::Xsub.part(&name(1, s)) == Part::Train)
        .collect();
    assert_eq!(
        train,
        vec![1, 2, 4, 5, 8, 9, 13, 14, 15, 16, 17, 18, 19, 25, 27, 28, 31, 34, 35, 38]
    );
    assert_eq!(train, XSUB_TRAIN_SUBJECTS.to_vec());
    assert_eq!(
        Benchmark::Xsub.part(&name(2, 3)),
        Part::Val,
        "camera does not matter"
    );
}

#[test]
fn benchmark_names_in_config() {
    let b: Benchmark = serde_json::from_str("\"xsub\"").unwrap();
    assert_eq!(b, Benchmark::Xsub);
    assert!(serde_json::from_str::<Benchmark>("\"xset\"").is_err());
}

#[test]
fn shipped_missing_list_has_302_valid_names() {
    let list = ntu60_missing_skeletons();
    assert_eq!(list.len(), 302);
    assert!(
        list.iter().all(|n| ClipName::parse(n).is_ok()),
        "all names parse"
    );
    assert!(list.contains(&"S001C002P005R002A008".to_string()));
}

#[test]
fn ignore_list_normalises_entries() {
    let set =
        parse_ignore_list("# comment\n S001C001P001R001A001.skeleton \r\n\nS001C001P001R001A002\n");
    let want: Vec<&str> = vec!["S001C001P001R001A001", "S001C001P001R001A002"];
    assert_eq!(set.iter().map(String::as_str).collect::<Vec<_>>(), want);
}

#[test]
fn clip_name_round_trips_and_labels() {
    let n = ClipName::parse("/data/nturgbd/S017C003P020R002A060.skeleton").unwrap();
    assert_eq!(
        (n.setup, n.camera, n.subject, n.replication, n.action),
        (17, 3, 20, 2, 60)
    );
    assert_eq!(n.label(), 59);
    assert_eq!(n.to_string(), "S017C003P020R002A060");
}
