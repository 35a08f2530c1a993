//! A throwaway PostgreSQL server for tests and measurements: `initdb` into a temporary folder,
//! started on a free local port (127.0.0.1), stopped and removed on drop. PostgreSQL refuses to
//! run as root, so as root the server runs as the `postgres` user that Debian's package
//! creates (via `runuser`).
//!
//! Binaries are looked for in `$WARTA_PG_BIN`, then `/usr/lib/postgresql/<version>/bin`
//! (highest version). When there are none, [`TempPg::for_test`] prints why the test is skipped
//! and returns `None`, unless `WARTA_PG_REQUIRED=1` (CI), where it panics.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// A running throwaway server.
pub struct TempPg {
    bin: PathBuf,
    dir: PathBuf,
    port: u16,
    as_postgres: bool,
}

/// The folder with `initdb` and `pg_ctl`, if PostgreSQL is installed.
pub fn bin_dir() -> Option<PathBuf> {
    if let Some(b) = std::env::var_os("WARTA_PG_BIN") {
        let b = PathBuf::from(b);
        return b.join("initdb").exists().then_some(b);
    }
    let mut versions: Vec<(u32, PathBuf)> = std::fs::read_dir("/usr/lib/postgresql")
        .ok()?
        .flatten()
        .filter_map(|e| {
            let v: u32 = e.file_name().to_str()?.parse().ok()?;
            let bin = e.path().join("bin");
            bin.join("initdb").exists().then_some((v, bin))
        })
        .collect();
    versions.sort();
    versions.pop().map(|(_, b)| b)
}

fn is_root() -> bool {
    Command::new("id").arg("-u").output().map(|o| o.stdout.trim_ascii() == b"0").unwrap_or(false)
}

fn free_port() -> std::io::Result<u16> {
    Ok(std::net::TcpListener::bind("127.0.0.1:0")?.local_addr()?.port())
}

impl TempPg {
    /// A server for a test, or `None` (with the reason on stderr) when PostgreSQL is not
    /// installed. With `WARTA_PG_REQUIRED=1` a missing or failing PostgreSQL panics instead.
    pub fn for_test(test: &str) -> Option<TempPg> {
        let required = std::env::var("WARTA_PG_REQUIRED").is_ok_and(|v| v == "1");
        match TempPg::start() {
            Ok(Some(pg)) => Some(pg),
            Ok(None) if !required => {
                eprintln!(
                    "SKIPPED {test}: PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb; \
                     `apt-get install postgresql`, or set WARTA_PG_BIN)"
                );
                None
            }
            Ok(None) => panic!("{test}: WARTA_PG_REQUIRED=1 but PostgreSQL is not installed"),
            Err(e) => panic!("{test}: could not start a throwaway PostgreSQL: {e}"),
        }
    }

    /// Start a server; `Ok(None)` when PostgreSQL is not installed.
    pub fn start() -> Result<Option<TempPg>, String> {
        let Some(bin) = bin_dir() else { return Ok(None) };
        let as_postgres = is_root();
        static N: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let n = N.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let dir = std::env::temp_dir().join(format!("warta-pg-{}-{n}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        if as_postgres {
            run(Command::new("chown").arg("postgres:postgres").arg(&dir))?;
        }
        let port = free_port().map_err(|e| format!("no free port: {e}"))?;
        let pg = TempPg { bin, dir, port, as_postgres };
        pg.pg(
            "initdb",
            &[
                "-D",
                &pg.data().display().to_string(),
                "-A",
                "trust",
                "-U",
                "postgres",
                "-E",
                "UTF8",
                "--locale=C",
                "--no-sync",
            ],
        )?;
        pg.start_server()?;
        Ok(Some(pg))
    }

    fn data(&self) -> PathBuf {
        self.dir.join("data")
    }

    fn pg(&self, tool: &str, args: &[&str]) -> Result<(), String> {
        let exe = self.bin.join(tool);
        let mut cmd = if self.as_postgres {
            let mut c = Command::new("runuser");
            c.args(["-u", "postgres", "--"]).arg(&exe);
            c
        } else {
            Command::new(&exe)
        };
        cmd.args(args);
        run(&mut cmd)
    }

    fn start_server(&self) -> Result<(), String> {
        let opts = format!(
            "-p {} -k {} -c listen_addresses=127.0.0.1 -c max_connections=200 -c fsync=off -c synchronous_commit=off",
            self.port,
            self.dir.display()
        );
        self.pg(
            "pg_ctl",
            &[
                "-D",
                &self.data().display().to_string(),
                "-l",
                &self.dir.join("log").display().to_string(),
                "-w",
                "-o",
                &opts,
                "start",
            ],
        )
    }

    /// `postgres://postgres@127.0.0.1:PORT/postgres`
    pub fn url(&self) -> String {
        format!("postgres://postgres@127.0.0.1:{}/postgres", self.port)
    }

    /// A fresh database on this server; its URL.
    pub fn database(&self, name: &str) -> Result<String, String> {
        let mut c = postgres::Client::connect(&self.url(), postgres::NoTls).map_err(|e| e.to_string())?;
        for sql in [format!("DROP DATABASE IF EXISTS {name}"), format!("CREATE DATABASE {name}")] {
            c.batch_execute(&sql).map_err(|e| crate::StoreError::from(e).to_string())?;
        }
        Ok(format!("postgres://postgres@127.0.0.1:{}/{name}", self.port))
    }

    /// Stop the server at once (as a crash would), then start it again on the same port.
    pub fn restart(&self) -> Result<(), String> {
        self.pg("pg_ctl", &["-D", &self.data().display().to_string(), "-m", "immediate", "-w", "stop"])?;
        self.start_server()
    }

    /// The folder the server lives in.
    pub fn dir(&self) -> &Path {
        &self.dir
    }
}

impl Drop for TempPg {
    fn drop(&mut self) {
        let _ = self.pg("pg_ctl", &["-D", &self.data().display().to_string(), "-m", "immediate", "-w", "stop"]);
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

fn run(cmd: &mut Command) -> Result<(), String> {
    let out = cmd.stdin(Stdio::null()).output().map_err(|e| format!("{cmd:?}: {e}"))?;
    if out.status.success() {
        Ok(())
    } else {
        Err(format!("{cmd:?}: {}\n{}", out.status, String::from_utf8_lossy(&out.stderr)))
    }
}
