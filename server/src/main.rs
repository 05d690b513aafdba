//! `painschool-server`: serve (optionally with demo data), back up and
//! restore the embedded database, print the `.env.template`.

use std::sync::Arc;

use clap::{Parser, Subcommand};
use painschool_server::api::{App, router};
use painschool_server::backup::{backup, restore, sqlite_path};
use painschool_server::clinic::{create_demo, create_unit_admin, set_unit_mailbox};
use painschool_server::config::{Config, env_template};
use painschool_server::notice_sender::Notifier;
use painschool_server::serve::{run, tls_config};
use painschool_server::store::open_url;

#[derive(Parser)]
#[command(name = "painschool-server", about = "Smärtskolan clinic server")]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    /// Create a demo unit, clinician and patient, and print an activation code.
    #[arg(long)]
    demo: bool,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the sync API (the default).
    Serve {
        /// Create demo data first and print an activation code.
        #[arg(long)]
        demo: bool,
    },
    /// Print the settings as a `.env.template`.
    EnvTemplate,
    /// Print the OpenAPI document (the checked-in server/openapi.json).
    Openapi,
    /// Copy the live SQLite database to FILE (the server may keep running).
    Backup {
        /// Where to write the copy.
        #[arg(long)]
        to: std::path::PathBuf,
    },
    /// Replace the SQLite database with a backup. Stop the server first.
    Restore {
        /// The backup to restore.
        #[arg(long)]
        from: std::path::PathBuf,
    },
    /// Create a unit and its first unit admin for the portal. The password
    /// is read from PAINSCHOOL_ADMIN_PASSWORD or, if unset, from the first
    /// line of standard input (never from the command line, where other
    /// users could see it).
    CreateAdmin {
        /// The unit's name.
        #[arg(long)]
        unit: String,
        /// The admin's sign-in e-mail.
        #[arg(long)]
        email: String,
        /// The admin's name as shown to staff and patients.
        #[arg(long)]
        name: String,
        /// The unit's shared mailbox address, for e-mail notices of the
        /// team thread (optional; `unit-mailbox` changes it later).
        #[arg(long)]
        mailbox: Option<String>,
    },
    /// Set the shared mailbox address of a unit, named by the sign-in
    /// e-mail of one of its staff: notices of patients' team-thread
    /// messages go there. An empty --mailbox clears it (no team notices).
    UnitMailbox {
        /// The sign-in e-mail of a staff member of the unit.
        #[arg(long)]
        staff: String,
        /// The shared mailbox address ("" to clear).
        #[arg(long)]
        mailbox: String,
    },
}

#[tokio::main]
async fn main() -> std::process::ExitCode {
    let cli = Cli::parse();
    let demo = match cli.command {
        Some(Command::EnvTemplate) => {
            print!("{}", env_template());
            return std::process::ExitCode::SUCCESS;
        }
        Some(Command::Openapi) => {
            print!("{}", painschool_server::openapi::document());
            return std::process::ExitCode::SUCCESS;
        }
        Some(Command::Serve { demo }) => demo || cli.demo,
        None => cli.demo,
        Some(
            Command::Backup { .. }
            | Command::Restore { .. }
            | Command::CreateAdmin { .. }
            | Command::UnitMailbox { .. },
        ) => false,
    };
    let config = match Config::from_env() {
        Ok(c) => c,
        Err(e) => {
            eprintln!("configuration error: {e}");
            return std::process::ExitCode::from(2);
        }
    };
    match &cli.command {
        Some(Command::Backup { to }) => return backup_command(&config, to),
        Some(Command::Restore { from }) => return restore_command(&config, from),
        Some(Command::CreateAdmin {
            unit,
            email,
            name,
            mailbox,
        }) => {
            return create_admin_command(&config, unit, email, name, mailbox.as_deref()).await;
        }
        Some(Command::UnitMailbox { staff, mailbox }) => {
            return unit_mailbox_command(&config, staff, mailbox).await;
        }
        _ => {}
    }
    let level = config
        .log
        .parse::<tracing::Level>()
        .unwrap_or(tracing::Level::INFO);
    tracing_subscriber::fmt().with_max_level(level).init();
    match serve(config, demo).await {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("painschool-server: {e}");
            std::process::ExitCode::FAILURE
        }
    }
}

async fn serve(config: Config, demo: bool) -> Result<(), Box<dyn std::error::Error>> {
    let bundle = painschool_core::content::ContentBundle::load(
        &config.content_dir,
        painschool_core::content::Verify::Structure,
    )
    .map_err(|e| format!("course bundle in {}: {e}", config.content_dir.display()))?;
    let store = open_url(&config.database_url).await?;
    let app = Arc::new(App::new(store, config.clone(), Arc::new(bundle)));
    match &config.smtp {
        Some(smtp) => {
            let notifier = Notifier::new(smtp)?;
            tracing::info!(
                host = %smtp.host,
                port = smtp.port,
                window_minutes = smtp.window_minutes,
                "e-mail notices of patient messages are on"
            );
            painschool_server::notice_sender::spawn(app.clone(), notifier);
        }
        None => tracing::info!("e-mail notices are off (SMTP_HOST is not set)"),
    }
    if demo {
        let d = create_demo(&app.store, config.activation_code_days, chrono::Utc::now()).await?;
        println!(
            "demo patient created; activation code: {} (valid until {})",
            d.code.code,
            d.code.expires_at.format("%Y-%m-%d %H:%M UTC")
        );
        println!(
            "demo clinician's staff token (Authorization: Bearer … on /api/v1/clinic): {}",
            d.staff_token
        );
        println!("demo patient id: {}", d.patient_id);
        println!(
            "demo portal sign-in (/portal/login): {} with password {} (set up the second factor with an authenticator app at first sign-in)",
            d.portal_email, d.portal_password
        );
    }
    let tls = match &config.tls {
        Some((cert, key)) => Some(tls_config(cert, key).await?),
        None => None,
    };
    let listener = std::net::TcpListener::bind(config.bind)?;
    println!(
        "painschool-server listening on {}://{}",
        if tls.is_some() { "https" } else { "http" },
        listener.local_addr()?
    );
    run(router(app), listener, tls, async {
        let _ = tokio::signal::ctrl_c().await;
    })
    .await?;
    Ok(())
}

async fn create_admin_command(
    config: &Config,
    unit: &str,
    email: &str,
    name: &str,
    mailbox: Option<&str>,
) -> std::process::ExitCode {
    if mailbox.is_some_and(|m| !m.trim().is_empty() && m.trim().parse::<lettre::Address>().is_err())
    {
        eprintln!("painschool-server: the shared mailbox address is not a valid e-mail address");
        return std::process::ExitCode::from(2);
    }
    let password = match std::env::var("PAINSCHOOL_ADMIN_PASSWORD") {
        Ok(p) => p,
        Err(_) => {
            let mut line = String::new();
            if std::io::stdin().read_line(&mut line).is_err() {
                eprintln!("cannot read the password from standard input");
                return std::process::ExitCode::from(2);
            }
            line.trim_end_matches(['\r', '\n']).to_owned()
        }
    };
    let store = match open_url(&config.database_url).await {
        Ok(s) => s,
        Err(e) => {
            eprintln!("painschool-server: {e}");
            return std::process::ExitCode::FAILURE;
        }
    };
    match create_unit_admin(&store, unit, email, name, &password, chrono::Utc::now()).await {
        Ok(admin) => {
            println!(
                "unit admin {} created; sign in at /portal/login and set up the second factor",
                admin.email
            );
            if let Some(mailbox) = mailbox
                && let Err(e) = set_unit_mailbox(&store, &admin.email, mailbox).await
            {
                eprintln!("painschool-server: the unit's shared mailbox was not set: {e}");
                return std::process::ExitCode::from(2);
            }
            std::process::ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("painschool-server: {e}");
            std::process::ExitCode::from(2)
        }
    }
}

async fn unit_mailbox_command(
    config: &Config,
    staff: &str,
    mailbox: &str,
) -> std::process::ExitCode {
    let store = match open_url(&config.database_url).await {
        Ok(s) => s,
        Err(e) => {
            eprintln!("painschool-server: {e}");
            return std::process::ExitCode::FAILURE;
        }
    };
    match set_unit_mailbox(&store, staff, mailbox).await {
        Ok(()) if mailbox.trim().is_empty() => {
            println!("the unit's shared mailbox is cleared; team-thread messages send no e-mail");
            std::process::ExitCode::SUCCESS
        }
        Ok(()) => {
            println!(
                "team-thread notices of the unit of {} go to {}",
                staff.trim(),
                mailbox.trim()
            );
            std::process::ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("painschool-server: {e}");
            std::process::ExitCode::from(2)
        }
    }
}

fn backup_command(config: &Config, to: &std::path::Path) -> std::process::ExitCode {
    let result = sqlite_path(&config.database_url).and_then(|db| backup(&db, to));
    match result {
        Ok(bytes) => {
            println!(
                "backup written to {} ({bytes} bytes, checked)",
                to.display()
            );
            std::process::ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("backup failed: {e}");
            std::process::ExitCode::FAILURE
        }
    }
}

fn restore_command(config: &Config, from: &std::path::Path) -> std::process::ExitCode {
    let result = sqlite_path(&config.database_url).and_then(|db| {
        restore(from, &db)?;
        Ok(db)
    });
    match result {
        Ok(db) => {
            println!(
                "{} restored to {} (the replaced file is kept as *.before-restore)",
                from.display(),
                db.display()
            );
            std::process::ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("restore failed, nothing replaced: {e}");
            std::process::ExitCode::FAILURE
        }
    }
}
