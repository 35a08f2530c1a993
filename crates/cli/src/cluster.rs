//! `warta cluster up --workers N --api M --data postgres://...`: start N `warta worker`
//! processes and M API nodes (`warta serve` over the database, each with its own replica) on
//! this machine and supervise them: a process that exits unexpectedly (a crash, a kill) is
//! started again after a short pause; Ctrl-C asks every process to stop (SIGINT: a worker
//! finishes its job) and waits for them.

use anyhow::{Result, bail};
use clap::{Args as ClapArgs, Subcommand};
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
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
    /// API nodes: `warta serve --data URL`, each following the database's changes feed into
    /// its own replica (--replicas/node-I) and listening on --api-addr's port + I.
    #[arg(long, default_value_t = 0)]
    pub api: usize,
    /// Address of the first API node; node I listens on this port + I.
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1:8080")]
    pub api_addr: SocketAddr,
    /// Directory holding the API nodes' replicas (one sub-directory per node).
    #[arg(long, value_name = "DIR", default_value = "warta-replicas")]
    pub replicas: PathBuf,
    /// Job loops per worker process.
    #[arg(long, default_value_t = 1)]
    pub threads: usize,
}

/// One supervised process: what it is decides how it is started again.
#[derive(Clone, Copy, Debug)]
enum Role {
    Worker(usize),
    Api(usize),
}

impl std::fmt::Display for Role {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Role::Worker(i) => write!(f, "worker {i}"),
            Role::Api(i) => write!(f, "API node {i}"),
        }
    }
}

/// The address of API node `i`: the first node's port + `i`.
fn api_addr(first: SocketAddr, i: usize) -> Result<SocketAddr> {
    let Some(port) = u16::try_from(i).ok().and_then(|i| first.port().checked_add(i)) else {
        bail!("--api-addr {first}: no port left for API node {i}");
    };
    Ok(SocketAddr::new(first.ip(), port))
}

fn start(exe: &Path, url: &str, role: Role, up: &UpArgs) -> Result<Child> {
    let mut command = Command::new(exe);
    match role {
        Role::Worker(i) => command
            .args(["worker", "--data", url, "--threads", &up.threads.to_string(), "--name"])
            .arg(format!("cluster-{}-{i}", std::process::id())),
        Role::Api(i) => command
            .args(["serve", "--data", url, "--addr", &api_addr(up.api_addr, i)?.to_string(), "--replica"])
            .arg(up.replicas.join(format!("node-{i}"))),
    };
    Ok(command.spawn()?)
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
        // Every node's address is checked before anything starts.
        api_addr(up.api_addr, up.api - 1)?;
    }
    // Check the database (and apply migrations) once before starting anything.
    drop(warta_store::pg::Pg::connect(&url)?);
    static STOP: AtomicBool = AtomicBool::new(false);
    crate::worker::stop_on_ctrl_c(&STOP);
    let exe = std::env::current_exe()?;
    let roles = (0..up.workers).map(Role::Worker).chain((0..up.api).map(Role::Api));
    let mut workers: Vec<(Role, Child, Instant)> = Vec::with_capacity(up.workers + up.api);
    for role in roles {
        workers.push((role, start(&exe, &url, role, &up)?, Instant::now()));
    }
    let nodes =
        (0..up.api).map(|i| api_addr(up.api_addr, i).map(|a| format!(" http://{a}/"))).collect::<Result<String>>()?;
    eprintln!(
        "warta: cluster up: {} workers, {} API nodes{nodes} on {} (Ctrl-C stops them)",
        up.workers,
        up.api,
        warta_store::redact(&url)
    );
    let mut restarts = 0usize;
    while !STOP.load(Ordering::SeqCst) {
        std::thread::sleep(Duration::from_millis(250));
        for (role, child, since) in &mut workers {
            if let Some(status) = child.try_wait()? {
                if STOP.load(Ordering::SeqCst) {
                    break;
                }
                // A worker that dies at once again and again is not restarted in a tight loop.
                let pause =
                    if since.elapsed() < Duration::from_secs(5) { Duration::from_secs(2) } else { Duration::ZERO };
                eprintln!("warta: {role} exited ({status}); starting it again");
                std::thread::sleep(pause);
                *child = start(&exe, &url, *role, &up)?;
                *since = Instant::now();
                restarts += 1;
            }
        }
    }
    for (_, child, _) in &workers {
        interrupt(child);
    }
    for (_, child, _) in &mut workers {
        let _ = child.wait();
    }
    eprintln!("warta: cluster stopped ({restarts} restarts)");
    Ok(ExitCode::SUCCESS)
}
