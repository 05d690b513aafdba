//! `content/ids.lock`: every module, section and question id the course has
//! shipped, with its kind or type. Answers on phones and at the clinic refer
//! to these ids forever, so an id that disappears or changes type fails this
//! test. Retiring one is deliberate: mark its line `retired`. New ids are
//! added with `UPDATE_IDS_LOCK=1 cargo test -p painschool-core --test
//! integration ids_lock`.

use std::collections::BTreeMap;

use painschool_core::content::{ContentBundle, Verify};

use crate::common::bundle_dir;

/// id → "module" / "section KIND" / "question TYPE", from the bundle.
fn current() -> BTreeMap<String, String> {
    let b = ContentBundle::load(bundle_dir(), Verify::Structure).unwrap();
    let mut ids = BTreeMap::new();
    for m in &b.modules {
        ids.insert(m.id.clone(), "module".to_owned());
        for s in &m.sections {
            ids.insert(s.id.clone(), format!("section {}", s.kind.name()));
            for q in s.kind.questions() {
                ids.insert(q.id.clone(), format!("question {}", q.kind.name()));
            }
        }
    }
    ids
}

/// The lock: `id kind…`, one per line; `# …` comments; a trailing
/// ` retired` marks an id deliberately removed.
fn parse(text: &str) -> BTreeMap<String, (String, bool)> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| {
            let (id, rest) = l.split_once(' ').unwrap_or((l, ""));
            let retired = rest.ends_with(" retired");
            let kind = rest.trim_end_matches(" retired").to_owned();
            (id.to_owned(), (kind, retired))
        })
        .collect()
}

#[test]
fn no_shipped_id_disappears_or_changes_type() {
    let path = bundle_dir().join("ids.lock");
    let now = current();
    let text = std::fs::read_to_string(&path).unwrap_or_default();
    let mut lock = parse(&text);
    let mut problems = Vec::new();
    for (id, (kind, retired)) in &lock {
        match now.get(id) {
            None if !retired => problems.push(format!(
                "{id} ({kind}) is gone: answers refer to it; mark it `retired` in content/ids.lock if that is meant"
            )),
            Some(k) if k != kind => problems.push(format!("{id} changed from {kind} to {k}")),
            Some(_) if *retired => problems.push(format!("{id} is marked retired but exists")),
            _ => {}
        }
    }
    let new: Vec<&String> = now.keys().filter(|id| !lock.contains_key(*id)).collect();
    if std::env::var_os("UPDATE_IDS_LOCK").is_some() && problems.is_empty() {
        for id in new {
            lock.insert(id.clone(), (now[id].clone(), false));
        }
        let mut out = String::from(
            "# Every id the course has shipped, with its kind (see core/tests/integration/ids_lock.rs).\n# Never edit an existing line; a removed id is marked `retired`.\n",
        );
        for (id, (kind, retired)) in &lock {
            out.push_str(&format!(
                "{id} {kind}{}\n",
                if *retired { " retired" } else { "" }
            ));
        }
        std::fs::write(&path, out).unwrap();
        return;
    }
    for id in new {
        problems.push(format!(
            "{id} is new: add it to content/ids.lock (UPDATE_IDS_LOCK=1 cargo test -p painschool-core --test integration ids_lock)"
        ));
    }
    assert!(
        problems.is_empty(),
        "content/ids.lock:\n{}",
        problems.join("\n")
    );
}

#[test]
fn the_lock_catches_a_vanished_or_retyped_id() {
    let lock = parse("m1 module\nm1-old question free_text retired\nq1 question scale\n");
    assert_eq!(lock["m1-old"], ("question free_text".to_owned(), true));
    assert_eq!(lock["q1"], ("question scale".to_owned(), false));
    // The real lock names the weekly check-in's questions as scales.
    let real = parse(&std::fs::read_to_string(bundle_dir().join("ids.lock")).unwrap());
    for q in [
        "check-in-pain",
        "check-in-enjoyment",
        "check-in-interference",
    ] {
        assert_eq!(real[q].0, "question scale", "{q}");
    }
}
