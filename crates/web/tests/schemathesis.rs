//! The OpenAPI document tells the truth: schemathesis, an independent OpenAPI
//! fuzzer, reads `/api/openapi.json` from the real server, sends every
//! operation generated valid and invalid requests with a platform admin's
//! write token, and runs all its checks on the answers: status codes,
//! content types, headers and bodies as documented, invalid input refused,
//! valid input taken, no 5xx, deleted things gone, links between operations
//! followed. It must find nothing, so a client generated from the document
//! accepts every real answer and sends nothing the server refuses for its
//! shape.
//!
//! One exception, in `schemathesis_hooks.py`: a body that fits its schema may
//! be refused with 422 for a rule no JSON Schema can state (a slug that names
//! nothing, a rule across fields), as the document says; a body the server
//! cannot read although the schema says it fits still fails the test.
//!
//! Runs on SQLite over the demo directory. The interpreter is
//! `KNOTENPUNKT_TEST_PYTHON` (set by `scripts/test`, which installs
//! `tests/requirements.txt` into `target/test-venv`), else `python3`. Like
//! the tests that talk to the SMTP sink, this one fails — it does not skip —
//! when that interpreter lacks schemathesis: a pass that checked nothing
//! would hide a wrong document.

// Test code: a failed unwrap is a failed test, which is what it should be.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::PathBuf;
use std::process::{Command, Output};
use std::time::Instant;

use knotenpunkt_app::{Directory, load_demo};
use knotenpunkt_store::testing::TestDb;
use knotenpunkt_web::{AppState, WebConfig};

/// Test cases per operation and phase: enough to reach every documented
/// answer of every route, few enough that the run takes about a minute on
/// two cores.
const MAX_EXAMPLES: &str = "30";

/// The interpreter with schemathesis, or a failure that says how to get one.
fn python() -> String {
    let python = std::env::var("KNOTENPUNKT_TEST_PYTHON").unwrap_or_else(|_| "python3".into());
    let ok = Command::new(&python)
        .args(["-c", "import schemathesis"])
        .stderr(std::process::Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    assert!(
        ok,
        "{python} lacks schemathesis: run `bash scripts/test`, or set KNOTENPUNKT_TEST_PYTHON to a \
         Python with the packages of crates/web/tests/requirements.txt"
    );
    python
}

/// A fresh directory for what schemathesis and Hypothesis leave behind
/// (`.schemathesis/`, `.hypothesis/`), so no run replays another's cache.
fn scratch() -> PathBuf {
    let dir = std::env::temp_dir().join(format!("knotenpunkt-schemathesis-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Runs schemathesis with every check against the document at `base`.
fn fuzz(python: &str, base: &str, token: &str, cwd: &PathBuf) -> Output {
    Command::new(python)
        .args(["-m", "schemathesis.cli", "run"])
        .arg(format!("{base}/api/openapi.json"))
        .args(["--checks", "all"])
        .args(["--header", &format!("Authorization: Bearer {token}")])
        .args(["--max-examples", MAX_EXAMPLES])
        // One worker: CPython 3.11's parser is not safe to use from two
        // threads at once, and Hypothesis parses while generating.
        .args(["--workers", "1"])
        // The same cases every run; a new finding is a new commit's doing.
        .args(["--seed", "1"])
        .args(["--generation-database", "none"])
        .args(["--no-color", "--output-truncate", "false"])
        .env(
            "SCHEMATHESIS_HOOKS",
            concat!(env!("CARGO_MANIFEST_DIR"), "/tests/schemathesis_hooks.py"),
        )
        .env("NO_COLOR", "1")
        .current_dir(cwd)
        .output()
        .unwrap()
}

/// The number after `label` on the first line that starts with it.
fn count_after(report: &str, label: &str) -> Option<usize> {
    report
        .lines()
        .find_map(|l| l.trim().strip_prefix(label))
        .and_then(|rest| rest.trim().split('/').next())
        .and_then(|n| n.trim().parse().ok())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_openapi_document_describes_what_the_api_does() {
    let python = python();
    let db = TestDb::sqlite().await.unwrap();
    let dir = Directory::new(db.store.clone());
    load_demo(dir.app())
        .await
        .unwrap()
        .expect("database was empty");
    let token = knotenpunkt_app::testing::admin_token(&dir).await.unwrap();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(knotenpunkt_web::serve(
        listener,
        AppState::new(dir.app().clone(), WebConfig::default()),
        async {
            let _ = stopped.await;
        },
    ));

    let cwd = scratch();
    let started = Instant::now();
    let out = tokio::task::spawn_blocking({
        let (base, cwd) = (base.clone(), cwd.clone());
        move || fuzz(&python, &base, &token, &cwd)
    })
    .await
    .unwrap();
    let elapsed = started.elapsed();
    let _ = stop.send(());
    server.await.unwrap().unwrap();
    let _ = std::fs::remove_dir_all(&cwd);

    let report = format!(
        "{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    eprintln!("schemathesis ran {:.0} s:\n{report}", elapsed.as_secs_f64());
    assert!(
        out.status.success(),
        "schemathesis found problems (exit {:?}):\n{report}",
        out.status.code()
    );
    let last = report
        .lines()
        .rev()
        .find(|l| l.starts_with("==="))
        .unwrap_or_default();
    assert!(
        !last.contains("failure") && !last.contains("error"),
        "schemathesis reported failures or errors: {last}\n{report}"
    );
    let documented: usize = knotenpunkt_web::api::openapi()
        .paths
        .paths
        .values()
        .map(|item| {
            [&item.get, &item.put, &item.post, &item.delete, &item.patch]
                .iter()
                .filter(|op| op.is_some())
                .count()
        })
        .sum();
    assert_eq!(
        count_after(&report, "Tested:"),
        Some(documented),
        "schemathesis did not test every operation:\n{report}"
    );
}
