//! `warta cluster up --workers N --data postgres://...`: start N `warta worker` processes on
//! this machine and supervise them: a worker that exits unexpectedly (a crash, a kill) is
//! started again after a short pause; Ctrl-C asks every worker to stop (SIGINT: each finishes
//! its job) and waits for them.

use anyhow::{Result, bail};
use clap::{Args as ClapArgs, Subcommand};
use std::path::PathBuf;
use std::process::{Child, Command, ExitCode};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};
use warta_store::Data;

#[derive(ClapArgs)]
pub struct Args {
    #[command(subcommand)]
    pub command: ClusterCommand,
}

#[derive(Subcommand)]
pub enum ClusterCommand {
    /// Start and supervise workers on this machine until Ctrl-C.
    Up(UpArgs),
}

#[derive(ClapArgs)]
pub struct UpArgs {
    /// The PostgreSQL database (postgres://user@host/db; default: $WARTA_DATA).
    #[arg(long, value_name = "URL")]
    pub data: Option<PathBuf>,
    /// Worker processes.
    #[arg(long, default_value_t = 2)]
    pub workers: usize,
    /// API nodes (`warta serve` over PostgreSQL): not built yet; must be 0.
    #[arg(long, default_value_t = 0)]
    pub api: usize,
    /// Job loops per worker process.
    #[arg(long, default_value_t = 1)]
    pub threads: usize,
}

fn start(exe: &std::path::Path, url: &str, i: usize, threads: usize) -> std::io::Result<Child> {
    Command::new(exe)
        .args(["worker", "--data", url, "--threads", &threads.to_string(), "--name"])
        .arg(format!("cluster-{}-{i}", std::process::id()))
        .spawn()
}

fn interrupt(child: &Child) {
    // SIGINT lets the worker finish its job; `kill` is POSIX and needs no unsafe code here.
    let _ = Command::new("kill").args(["-INT", &child.id().to_string()]).status();
}

pub fn run(args: Args) -> Result<ExitCode> {
    let ClusterCommand::Up(up) = args.command;
    let Data::Postgres(url) = Data::from_arg(up.data.as_deref()) else {
        bail!("warta cluster up needs --data postgres://... (or $WARTA_DATA)");
    };
    if up.api > 0 {
        bail!("--api: `warta serve` does not read PostgreSQL yet (see reports/scale.md); run with --api 0");
    }
    // Check the database (and apply migrations) once before starting anything.
    drop(warta_store::pg::Pg::connect(&url)?);
    static STOP: AtomicBool = AtomicBool::new(false);
    crate::worker::stop_on_ctrl_c(&STOP);
    let exe = std::env::current_exe()?;
    let mut workers: Vec<(Child, Instant)> = Vec::with_capacity(up.workers);
    for i in 0..up.workers {
        workers.push((start(&exe, &url, i, up.threads)?, Instant::now()));
    }
    eprintln!("warta: cluster up: {} workers on {} (Ctrl-C stops them)", up.workers, warta_store::redact(&url));
    let mut restarts = 0usize;
    while !STOP.load(Ordering::SeqCst) {
        std::thread::sleep(Duration::from_millis(250));
        for (i, (child, since)) in workers.iter_mut().enumerate() {
            if let Some(status) = child.try_wait()? {
                if STOP.load(Ordering::SeqCst) {
                    break;
                }
                // A worker that dies at once again and again is not restarted in a tight loop.
                let pause =
                    if since.elapsed() < Duration::from_secs(5) { Duration::from_secs(2) } else { Duration::ZERO };
                eprintln!("warta: worker {i} exited ({status}); starting it again");
                std::thread::sleep(pause);
                *child = start(&exe, &url, i, up.threads)?;
                *since = Instant::now();
                restarts += 1;
            }
        }
    }
    for (child, _) in &workers {
        interrupt(child);
    }
    for (child, _) in &mut workers {
        let _ = child.wait();
    }
    eprintln!("warta: cluster stopped ({restarts} restarts)");
    Ok(ExitCode::SUCCESS)
}
