//! `painschool-server`: serve (optionally with demo data), print the
//! `.env.template`.

use std::net::SocketAddr;
use std::sync::Arc;

use clap::{Parser, Subcommand};
use painschool_server::api::{App, router};
use painschool_server::clinic::create_demo;
use painschool_server::config::{Config, env_template};
use painschool_server::store::open_sqlite_url;

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
}

#[tokio::main]
async fn main() -> std::process::ExitCode {
    let cli = Cli::parse();
    let demo = match cli.command {
        Some(Command::EnvTemplate) => {
            print!("{}", env_template());
            return std::process::ExitCode::SUCCESS;
        }
        Some(Command::Serve { demo }) => demo || cli.demo,
        None => cli.demo,
    };
    let config = match Config::from_env() {
        Ok(c) => c,
        Err(e) => {
            eprintln!("configuration error: {e}");
            return std::process::ExitCode::from(2);
        }
    };
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
    let store = open_sqlite_url(&config.database_url)?;
    let app = Arc::new(App::new(store, config.clone(), Arc::new(bundle)));
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
    }
    let listener = tokio::net::TcpListener::bind(config.bind).await?;
    println!(
        "painschool-server listening on http://{}",
        listener.local_addr()?
    );
    axum::serve(
        listener,
        router(app).into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(async {
        let _ = tokio::signal::ctrl_c().await;
    })
    .await?;
    Ok(())
}
