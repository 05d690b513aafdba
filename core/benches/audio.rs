//! The mindfulness player's speed (`docs/benchmarks.md`):
//! - decoding each recording of the bundle on one core, as times real time
//!   (goal ≥ 200×), beside `ffmpeg -threads 1` decoding the same file in the
//!   same run (needs `ffmpeg` on the PATH: `apt-get install ffmpeg`);
//! - from `load` + `play` to the first output buffer ready (goal ≤ 50 ms);
//! - the CPU a playing minute costs: the time to pump 60 s of audio
//!   through the device-less output (decode, volume, position, saves), as a
//!   share of one core.
//!
//! Run with `cargo bench -p painschool-core --bench audio`.

use std::path::Path;
use std::process::Command;
use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::TimeZone;
use chrono_tz::Europe::Stockholm;
use painschool_core::PainSchool;
use painschool_core::audio::Player;
use painschool_core::clock::FixedClock;
use painschool_core::content::{ContentBundle, Lang, SectionKind, Verify};
use painschool_core::course::{Enrolment, Pace};
use painschool_core::keys::{DatabaseKey, MemoryKeyProvider};
use rodio::Source;

const RUNS: usize = 7;

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn decode_all(path: &Path) -> (usize, f64) {
    let bytes = std::fs::read(path).unwrap();
    let len = bytes.len() as u64;
    let d = rodio::Decoder::builder()
        .with_data(std::io::Cursor::new(bytes))
        .with_byte_len(len)
        .with_seekable(true)
        .with_hint("ogg")
        .build()
        .unwrap();
    let per_second = f64::from(d.sample_rate().get()) * f64::from(d.channels().get());
    let n = d.count();
    (n, n as f64 / per_second)
}

/// ffmpeg's own measure of its decoding (`-benchmark`: `rtime`, without
/// the process start-up), decoding to nothing on one thread.
fn ffmpeg(path: &Path) -> Option<Duration> {
    let out = Command::new("ffmpeg")
        .args([
            "-nostdin",
            "-hide_banner",
            "-benchmark",
            "-threads",
            "1",
            "-i",
        ])
        .arg(path)
        .args(["-f", "null", "-"])
        .output()
        .ok()?;
    let text = String::from_utf8_lossy(&out.stderr);
    let rtime = text.split("rtime=").nth(1)?.split('s').next()?.trim();
    rtime.parse::<f64>().ok().map(Duration::from_secs_f64)
}

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../content");
    let bundle = ContentBundle::load(&root, Verify::Structure).unwrap();
    println!("decoding on one core (median of {RUNS} runs):");
    let mut ratios = Vec::new();
    for m in &bundle.modules {
        for s in &m.sections {
            let file = match &s.kind {
                SectionKind::Audio { file, .. } => file,
                SectionKind::Mindfulness { audio, .. } => audio,
                _ => continue,
            };
            for lang in Lang::ALL {
                let path = root.join(&file.get(lang).path);
                let mut ours = Vec::new();
                let mut seconds = 0.0;
                for _ in 0..RUNS {
                    let t = Instant::now();
                    let (_, s) = decode_all(&path);
                    ours.push(t.elapsed());
                    seconds = s;
                }
                let ours = median(ours);
                let theirs: Option<Vec<Duration>> = (0..RUNS).map(|_| ffmpeg(&path)).collect();
                let theirs = theirs.map(median);
                let x = seconds / ours.as_secs_f64();
                ratios.push(x);
                println!(
                    "  {:<28} {:>6.1} s audio  ours {:>7.2} ms = {:>5.0}× real time  ffmpeg -threads 1 {}",
                    format!("{}.{}", s.id, lang.code()),
                    seconds,
                    ours.as_secs_f64() * 1e3,
                    x,
                    theirs.map_or("not installed".into(), |f| format!(
                        "{:>7.2} ms (its -benchmark rtime) = {:.2}× ours",
                        f.as_secs_f64() * 1e3,
                        f.as_secs_f64() / ours.as_secs_f64()
                    ))
                );
            }
        }
    }
    let worst = ratios.iter().cloned().fold(f64::INFINITY, f64::min);
    println!("RATIO decode slowest track {worst:.0}× real time (goal ≥ 200×)");

    // The player: a course with every module open.
    let dir = tempfile::tempdir().unwrap();
    let keys = MemoryKeyProvider::new(Some(DatabaseKey::from_bytes([2; 32])));
    let start = chrono::Utc.with_ymd_and_hms(2026, 11, 2, 8, 0, 0).unwrap();
    let clock = Arc::new(FixedClock::new(start + chrono::Duration::hours(1)));
    let school = Arc::new(PainSchool::open(dir.path(), &root, &keys, clock).unwrap());
    let mut e = Enrolment::weekly(start, Stockholm);
    e.pace = Pace::AllAtOnce;
    school.enrol(&e).unwrap();
    let p = Player::deviceless(school);

    let mut first = Vec::new();
    for _ in 0..21 {
        let t = Instant::now();
        p.load("m1-breathing").unwrap();
        p.play().unwrap();
        let got = p.advance(10).unwrap();
        first.push(t.elapsed());
        assert!(got > 0);
        p.stop().unwrap();
        p.advance(300).unwrap();
    }
    let first = median(first);
    println!(
        "RESULT load + play to the first buffer: {:.2} ms (median of 21; goal ≤ 50 ms)",
        first.as_secs_f64() * 1e3
    );

    let mut minute = Vec::new();
    for _ in 0..RUNS {
        p.load("m1-breathing").unwrap();
        p.play().unwrap();
        let t = Instant::now();
        let got = p.advance(60_000).unwrap();
        minute.push(t.elapsed());
        assert_eq!(got, 60_000);
        p.stop().unwrap();
        p.advance(300).unwrap();
    }
    let minute = median(minute);
    println!(
        "RESULT a playing minute: {:.1} ms of one core = {:.3} % of the minute (median of {RUNS})",
        minute.as_secs_f64() * 1e3,
        minute.as_secs_f64() / 60.0 * 100.0
    );
}
