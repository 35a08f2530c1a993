//! `warta queue --data postgres://...`: the work queue as JSON.

use anyhow::{Result, bail};
use clap::Args as ClapArgs;
use std::path::PathBuf;
use std::process::ExitCode;
use warta_store::Data;

#[derive(ClapArgs)]
pub struct Args {
    /// The PostgreSQL database (postgres://user@host/db; default: $WARTA_DATA).
    #[arg(long, value_name = "URL")]
    pub data: Option<PathBuf>,
    /// Failures listed at most (oldest first).
    #[arg(long, default_value_t = 100)]
    pub max_failures: i64,
    /// Enqueue every failed job again (under a new seq), then print the queue.
    #[arg(long)]
    pub retry_failed: bool,
}

pub fn run(args: Args) -> Result<ExitCode> {
    let Data::Postgres(url) = Data::from_arg(args.data.as_deref()) else {
        bail!("warta queue needs --data postgres://... (or $WARTA_DATA): a data directory has no queue");
    };
    let mut pg = warta_store::pg::Pg::connect(&url)?;
    if args.retry_failed {
        let n = pg.retry_failed()?;
        eprintln!("warta: {n} failed jobs enqueued again");
    }
    let status = pg.queue_status(args.max_failures)?;
    println!("{}", serde_json::to_string_pretty(&status)?);
    Ok(ExitCode::SUCCESS)
}
