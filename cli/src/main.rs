//! `painschool`: a terminal patient client over the same core the apps use.

mod clinic;
mod listen;
mod parse;
mod passphrase;
mod reminders;
mod render;
mod render_clinic;
mod render_reminders;

use std::cell::Cell;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use chrono::{DateTime, Duration, Utc};
use chrono_tz::Tz;
use clap::error::ErrorKind;
use clap::{CommandFactory, Parser, Subcommand};
use painschool_core::clock::{Clock, FixedClock, SystemClock};
use painschool_core::content::{ContentBundle, Lang, Verify};
use painschool_core::course::{Enrolment, Pace};
use painschool_core::facade::{EntryRef, TextSize};
use painschool_core::{Error, PainSchool};

use passphrase::PassphraseKeys;
use reminders::ReminderOptions;
use render::Context;

#[derive(Parser)]
#[command(
    name = "painschool",
    version,
    about = "Smärtskolan in the terminal: the patient's course, offline"
)]
struct Cli {
    /// Where the encrypted course data lives.
    #[arg(
        long,
        env = "PAINSCHOOL_DATA_DIR",
        default_value = "painschool-data",
        global = true
    )]
    data_dir: PathBuf,
    /// The course bundle.
    #[arg(long, env = "PAINSCHOOL_CONTENT", default_value = concat!(env!("CARGO_MANIFEST_DIR"), "/../content"), global = true)]
    content: PathBuf,
    /// Print JSON for scripts instead of text for people.
    #[arg(long, global = true)]
    json: bool,
    /// Pretend the time is this (RFC 3339), for demos and tests.
    #[arg(long, env = "PAINSCHOOL_NOW", global = true)]
    now: Option<DateTime<Utc>>,
    /// Development only: allow a plain-http server on this machine
    /// (127.0.0.1, localhost, [::1]). Every other server must be https.
    /// The variable takes 1/0, true/false, yes/no, on/off.
    #[arg(
        long,
        env = "PAINSCHOOL_ALLOW_LOOPBACK_HTTP",
        global = true,
        action = clap::ArgAction::SetTrue,
        value_parser = clap::builder::BoolishValueParser::new()
    )]
    allow_loopback_http: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Create the encrypted data and a local enrolment (no clinic server yet).
    Init {
        /// A demo enrolment that started eight days ago, so two modules are open.
        #[arg(long)]
        demo: bool,
        /// Start of the course (RFC 3339); default now, or eight days ago with --demo.
        #[arg(long)]
        start: Option<DateTime<Utc>>,
        /// weekly, every:N (days), all, or manual.
        #[arg(long, default_value = "weekly")]
        pace: String,
        /// Let the patient open the next module once the earlier ones are finished.
        #[arg(long)]
        read_ahead: bool,
        /// The patient's IANA time zone.
        #[arg(long, default_value = "Europe/Stockholm")]
        time_zone: String,
    },
    /// This week: the module to work on, what opens next, access.
    Week,
    /// All modules with their state.
    Modules,
    /// Open a section: show it and record that it was read.
    Read {
        /// Section id (see `modules` and `sections`).
        section: String,
    },
    /// The sections of a module.
    Sections {
        /// Module id, e.g. m1.
        module: String,
    },
    /// Mark an audio, video or mindfulness exercise as done.
    Done {
        /// Section id.
        section: String,
    },
    /// Answer a question (or save a draft with --draft).
    Answer {
        /// Question id.
        question: String,
        /// The answer: text, a number, option ids (a,b), or a diary entry (field=value;…).
        value: String,
        /// Edit an existing diary entry or check-in week.
        #[arg(long)]
        entry: Option<String>,
        /// Save as a draft: kept on this device, not sent to the clinic.
        #[arg(long)]
        draft: bool,
    },
    /// Your answers, for one module or all open ones.
    Answers {
        /// Module id.
        module: Option<String>,
    },
    /// Every version of one answer.
    History {
        /// Question id.
        question: String,
        /// The entry, for diaries and check-ins.
        #[arg(long)]
        entry: Option<String>,
    },
    /// Save the printable summary of everything you wrote: a PDF to print
    /// or keep, and/or one HTML page. Made on this device, offline; also in
    /// the 14 days after your access ends.
    ///
    /// Give --pdf FILE, --html FILE or both.
    #[command(
        override_usage = "painschool summary --pdf FILE [--html FILE]\n       painschool summary --html FILE"
    )]
    Summary {
        /// Write the summary as a PDF (A4, ready to print) to FILE.
        #[arg(long, value_name = "FILE")]
        pdf: Option<PathBuf>,
        /// Write the summary as one HTML page to FILE.
        #[arg(long, value_name = "FILE")]
        html: Option<PathBuf>,
    },
    /// Play a mindfulness or audio section (e.g. m1-breathing).
    ///
    /// Plays on the sound device with a progress bar; where you stopped is
    /// remembered, and what you heard is logged for your clinic.
    Listen {
        /// The section with the recording.
        section: String,
        /// Decode and walk the player without a sound device (a check).
        #[arg(long)]
        no_device: bool,
        /// Continue where you stopped last time.
        #[arg(long)]
        resume: bool,
    },
    /// The reminders planned, soonest first.
    ///
    /// Each with its local time (in your time zone) and UTC, what it is
    /// about, whether it repeats daily, its text and the screen it opens.
    /// The plan holds at most 48 reminders; how many were left out is shown.
    Reminders,
    /// Show or change settings.
    Settings {
        #[command(subcommand)]
        what: SettingsCommand,
    },
    /// Show or change preferences.
    Prefs {
        /// Name to print on your summary ("" to remove).
        #[arg(long)]
        name: Option<String>,
        /// sv or en.
        #[arg(long)]
        language: Option<String>,
        /// standard, large or extra_large.
        #[arg(long)]
        text_size: Option<String>,
    },
    /// Link this device to your clinic with the code it gave you (creates
    /// the course data on first use).
    Activate {
        /// The clinic server, https://…
        #[arg(long)]
        server: String,
        /// The one-time activation code.
        #[arg(long)]
        code: String,
    },
    /// Send what you wrote to the clinic and fetch what is new.
    Sync,
    /// Read your messages with the clinic (replies shown are marked read).
    Messages {
        /// clinician or team; both when left out.
        #[arg(long)]
        thread: Option<String>,
    },
    /// Write to the clinic.
    Message {
        #[command(subcommand)]
        action: MessageAction,
    },
    /// For content authors: check a course bundle.
    Content {
        #[command(subcommand)]
        action: ContentAction,
    },
}

#[derive(Subcommand)]
enum SettingsCommand {
    /// Show or change when the course reminds you.
    ///
    /// Without options, shows the settings and the next reminder; with
    /// options, changes them (all or nothing) and shows the new settings and
    /// the next reminder. No reminder sounds in the quiet hours, so a
    /// reminder time inside them is refused.
    Reminders(ReminderOptions),
}

#[derive(Subcommand)]
enum MessageAction {
    /// Queue a message; it goes at the next sync.
    Send {
        /// clinician (your own clinician) or team (practical questions).
        #[arg(long)]
        to: String,
        /// The message (1–4,000 characters).
        text: String,
    },
}

#[derive(Subcommand)]
enum ContentAction {
    /// Check every rule of the format, media hashes included.
    Check {
        /// The bundle folder.
        dir: PathBuf,
    },
}

/// A failure, for the terminal.
enum Failure {
    /// A message ready to print.
    Text(String),
    /// A core error, worded in `main` with the patient's language, zone and
    /// now when the course data was opened.
    Core(Error),
}

impl From<Error> for Failure {
    fn from(e: Error) -> Self {
        Failure::Core(e)
    }
}

impl From<String> for Failure {
    fn from(s: String) -> Self {
        Failure::Text(s)
    }
}

fn main() -> ExitCode {
    // Rust ignores SIGPIPE, so printing into a closed pipe (`… | head`)
    // would panic; a terminal tool should just stop, as others do.
    sigpipe::reset();
    let cli = Cli::parse();
    if let Command::Summary {
        pdf: None,
        html: None,
    } = &cli.command
    {
        // A usage error, like clap's own (exit code 2), in plain words.
        let mut cmd = Cli::command();
        cmd.build();
        if let Some(summary) = cmd.find_subcommand_mut("summary") {
            summary
                .error(
                    ErrorKind::MissingRequiredArgument,
                    "say where to save the summary: --pdf FILE, --html FILE, or both",
                )
                .exit();
        }
    }
    // Diagnostics on stderr when asked for; the core logs no patient text.
    if let Some(level) = std::env::var("PAINSCHOOL_LOG")
        .ok()
        .and_then(|l| l.parse::<tracing_subscriber::filter::LevelFilter>().ok())
    {
        tracing_subscriber::fmt()
            .with_max_level(level)
            .with_writer(std::io::stderr)
            .init();
    }
    let ctx = Cell::new(None);
    match run(&cli, &ctx) {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => {
            let msg = match failure {
                Failure::Text(msg) => msg,
                Failure::Core(e) => render::error_message(&e, ctx.get().as_ref()),
            };
            if cli.json {
                eprintln!("{}", serde_json::json!({ "error": msg }));
            } else {
                eprintln!("painschool: {msg}");
            }
            ExitCode::FAILURE
        }
    }
}

fn parse_pace(s: &str) -> Result<Pace, String> {
    match s {
        "weekly" => Ok(Pace::Weekly),
        "all" => Ok(Pace::AllAtOnce),
        "manual" => Ok(Pace::Manual),
        other => other
            .strip_prefix("every:")
            .and_then(|n| n.parse::<u32>().ok())
            .filter(|n| (1..=60).contains(n))
            .map(|days| Pace::EveryNDays { days })
            .ok_or_else(|| {
                format!("unknown pace `{other}`: use weekly, every:N (1–60 days), all or manual")
            }),
    }
}

/// Opens the course data; `ctx` then holds the patient's context for error
/// messages (once enrolled).
fn open(
    cli: &Cli,
    create: bool,
    clock: Arc<dyn Clock>,
    ctx: &Cell<Option<Context>>,
) -> Result<PainSchool, Failure> {
    if create && cli.data_dir.join(painschool_core::store::DB_FILE).exists() {
        return Err(Failure::Text(format!(
            "{} already holds course data",
            cli.data_dir.display()
        )));
    }
    let keys = PassphraseKeys::new(&cli.data_dir, create)?;
    let school = PainSchool::open(&cli.data_dir, &cli.content, &keys, clock)?;
    ctx.set(Context::of(&school));
    Ok(school)
}

/// This week, with the summary's offer when the core makes one.
fn week(school: &PainSchool, out: &render::Out) -> Result<(), Failure> {
    let w = school.this_week()?;
    let offer = school.summary_offer()?;
    let here = Context::of(school).ok_or(Error::NotEnrolled)?;
    out.week(&w, &offer, &here);
    Ok(())
}

fn entry(e: &Option<String>) -> EntryRef {
    e.clone().map_or(EntryRef::Current, EntryRef::Existing)
}

fn run(cli: &Cli, ctx: &Cell<Option<Context>>) -> Result<(), Failure> {
    let clock: Arc<dyn Clock> = match cli.now {
        Some(t) => Arc::new(FixedClock::new(t)),
        None => Arc::new(SystemClock),
    };
    let out = render::Out { json: cli.json };
    match &cli.command {
        Command::Content {
            action: ContentAction::Check { dir },
        } => {
            let bundle =
                ContentBundle::load(dir, Verify::Full).map_err(|e| Failure::Text(e.to_string()))?;
            let sections: usize = bundle.modules.iter().map(|m| m.sections.len()).sum();
            out.line(
                &serde_json::json!({ "ok": true, "id": bundle.id, "version": bundle.version, "modules": bundle.modules.len(), "sections": sections }),
                &format!("{} {}: ok ({} modules, {sections} sections)", bundle.id, bundle.version, bundle.modules.len()),
            );
        }
        Command::Init {
            demo,
            start,
            pace,
            read_ahead,
            time_zone,
        } => {
            let tz: Tz = time_zone
                .parse()
                .map_err(|_| format!("unknown time zone `{time_zone}`"))?;
            let pace = parse_pace(pace)?;
            let now = clock.now();
            let start = start.unwrap_or(if *demo { now - Duration::days(8) } else { now });
            let school = open(cli, true, clock, ctx)?;
            let mut e = Enrolment::weekly(start, tz);
            e.pace = pace;
            e.read_ahead = *read_ahead;
            school.enrol(&e)?;
            if !cli.json {
                println!(
                    "Kursdata skapad i {} (krypterad).\n",
                    cli.data_dir.display()
                );
            }
            week(&school, &out)?;
        }
        Command::Activate { server, code } => {
            let exists = cli.data_dir.join(painschool_core::store::DB_FILE).exists();
            let school = Arc::new(open(cli, !exists, clock, ctx)?);
            clinic::activate(school, server, code, cli.allow_loopback_http, &out)?;
        }
        Command::Sync => {
            let school = Arc::new(open(cli, false, clock, ctx)?);
            clinic::sync(school, cli.allow_loopback_http, &out)?;
        }
        Command::Messages { thread } => {
            let thread = thread.as_deref().map(clinic::parse_thread).transpose()?;
            clinic::messages(&open(cli, false, clock, ctx)?, thread, &out)?;
        }
        Command::Message {
            action: MessageAction::Send { to, text },
        } => {
            let thread = clinic::parse_thread(to)?;
            clinic::send(&open(cli, false, clock, ctx)?, thread, text, &out)?;
        }
        Command::Week => week(&open(cli, false, clock, ctx)?, &out)?,
        Command::Modules => {
            let school = open(cli, false, clock, ctx)?;
            out.modules(&school.modules()?, school.preferences()?.language);
        }
        Command::Sections { module } => {
            let school = open(cli, false, clock, ctx)?;
            let m = school
                .bundle()
                .module(module)
                .ok_or_else(|| Error::UnknownModule(module.clone()))?;
            let lang = school.preferences()?.language;
            let facts = school.progress_facts()?;
            out.sections(m, &facts, lang);
        }
        Command::Read { section } => {
            let school = open(cli, false, clock, ctx)?;
            out.section(
                &school.open_section(section)?,
                school.preferences()?.language,
            );
        }
        Command::Done { section } => {
            let school = open(cli, false, clock, ctx)?;
            school.mark_exercise_done(section)?;
            out.line(
                &serde_json::json!({ "ok": true, "section": section }),
                "Klart! / Done.",
            );
        }
        Command::Answer {
            question,
            value,
            entry: e,
            draft,
        } => {
            let school = open(cli, false, clock, ctx)?;
            let (_, _, q) = school
                .bundle()
                .question(question)
                .ok_or_else(|| Error::UnknownQuestion(question.clone()))?;
            let value = parse::parse_answer(q, value)
                .map_err(|m| format!("answer to \"{question}\": {m}"))?;
            if *draft {
                school.save_draft(question, &entry(e), &value)?;
                out.line(
                    &serde_json::json!({ "ok": true, "draft": true }),
                    "Utkast sparat / Draft saved.",
                );
            } else {
                let v = school.submit_answer(question, &entry(e), &value)?;
                out.submitted(&v);
            }
        }
        Command::Answers { module } => {
            let school = open(cli, false, clock, ctx)?;
            let modules: Vec<String> = match module {
                Some(m) => vec![m.clone()],
                None => school
                    .modules()?
                    .into_iter()
                    .filter(|c| c.lock.is_open())
                    .map(|c| c.id)
                    .collect(),
            };
            let mut all = Vec::new();
            for m in &modules {
                all.push((m.clone(), school.module_answers(m)?));
            }
            out.answers(&all, school.preferences()?.language);
        }
        Command::History { question, entry: e } => {
            let school = open(cli, false, clock, ctx)?;
            out.history(
                &school.answer_history(question, &entry(e))?,
                school.preferences()?.language,
            );
        }
        Command::Summary { pdf, html } => {
            if pdf.is_some() && pdf == html {
                return Err("--pdf and --html name the same file: give each its own"
                    .to_owned()
                    .into());
            }
            let school = open(cli, false, clock, ctx)?;
            let lang = school.preferences()?.language;
            let mut written = Vec::new();
            for (format, path) in [("pdf", pdf), ("html", html)] {
                let Some(path) = path else { continue };
                let at = school
                    .write_summary(path, format == "pdf")
                    .map_err(|e| match e {
                        // Name the file the patient gave (never its contents).
                        Error::Io(kind) => Failure::Text(format!(
                            "could not write the summary to {}: {kind}",
                            path.display()
                        )),
                        other => other.into(),
                    })?;
                written.push((format, at));
            }
            out.summary_saved(&written, lang);
        }
        Command::Listen {
            section,
            no_device,
            resume,
        } => {
            let school = Arc::new(open(cli, false, clock, ctx)?);
            let lang = school.preferences()?.language;
            let how = listen::Start { resume: *resume };
            if *no_device {
                listen::without_device(school, section, how, lang, &out)?;
            } else {
                listen::on_device(school, section, how, lang, &out)?;
            }
        }
        Command::Reminders => {
            let school = open(cli, false, clock, ctx)?;
            let plan = school.reminder_plan()?;
            let here = Context::of(&school).ok_or(Error::NotEnrolled)?;
            out.reminder_plan(&plan, &here);
        }
        Command::Settings {
            what: SettingsCommand::Reminders(options),
        } => {
            let school = open(cli, false, clock, ctx)?;
            if options.any() {
                let current = school.reminder_settings()?;
                let new = options.apply(&current)?;
                // The core's rules, checked here first for a reason that
                // names the option; nothing is saved when one is broken.
                new.validate()
                    .map_err(|rule| reminders::refused(rule, &new))?;
                school.set_reminder_settings(&new)?;
            }
            let plan = school.reminder_plan()?;
            out.reminder_settings(
                &school.reminder_settings()?,
                plan.requests.first(),
                school.preferences()?.language,
            );
        }
        Command::Prefs {
            name,
            language,
            text_size,
        } => {
            let school = open(cli, false, clock, ctx)?;
            let mut p = school.preferences()?;
            if let Some(n) = name {
                p.display_name = (!n.trim().is_empty()).then(|| n.trim().to_owned());
            }
            if let Some(l) = language {
                p.language = Lang::from_code(l)
                    .ok_or_else(|| format!("unknown language `{l}`: use sv or en"))?;
            }
            if let Some(t) = text_size {
                p.text_size =
                    serde_json::from_value::<TextSize>(serde_json::Value::String(t.clone()))
                        .map_err(|_| {
                            format!("unknown text size `{t}`: use standard, large or extra_large")
                        })?;
            }
            school.set_preferences(&p)?;
            out.prefs(&school.preferences()?);
        }
    }
    Ok(())
}
