//! A real SMTP server for tests: [`SmtpSink`] runs Python's aiosmtpd on
//! 127.0.0.1 and records every message it accepts, decoded, so a test can
//! send through the real SMTP code path and then read back what a person
//! would see (subject, body, the link in it).
//!
//! The Python interpreter is taken from `KNOTENPUNKT_TEST_PYTHON`, else
//! `python3`; it needs the packages in `crates/web/tests/requirements.txt`.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read};
use std::path::PathBuf;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, mpsc};
use std::time::{Duration, Instant};

/// The environment variable naming the Python interpreter for the sink.
pub const PYTHON_ENV: &str = "KNOTENPUNKT_TEST_PYTHON";

/// How long [`SmtpSink::start`] waits for the server to listen.
const START_TIMEOUT: Duration = Duration::from_secs(10);

/// The server. It finds a free port itself and retries if another process
/// takes it between the probe and aiosmtpd's bind, so sinks started by tests
/// in parallel do not collide. It records one JSON line per message, then
/// runs until its standard input closes: when the sink is dropped, or when
/// the test process dies without dropping it.
const SCRIPT: &str = r#"
import sys
try:
    from aiosmtpd.controller import Controller
except ImportError:
    print("no-aiosmtpd", flush=True)
    sys.exit(3)
import email, email.policy, json, socket, threading

out_path = sys.argv[1]
lock = threading.Lock()

class Handler:
    async def handle_DATA(self, server, session, envelope):
        raw = envelope.original_content or envelope.content
        if isinstance(raw, str):
            raw = raw.encode("utf-8", "surrogateescape")
        msg = email.message_from_bytes(raw, policy=email.policy.default)
        part = msg.get_body(preferencelist=("plain",))
        body = part.get_content() if part is not None else ""
        record = {
            "from": envelope.mail_from,
            "to": list(envelope.rcpt_tos),
            "subject": str(msg.get("subject", "")),
            "body": body.replace("\r\n", "\n"),
            "message_id": str(msg.get("message-id", "")),
            "list_unsubscribe": str(msg.get("list-unsubscribe", "")),
            "list_unsubscribe_post": str(msg.get("list-unsubscribe-post", "")),
        }
        with lock, open(out_path, "a", encoding="utf-8") as f:
            f.write(json.dumps(record) + "\n")
            f.flush()
        return "250 OK"

def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]

controller = None
error = None
for _ in range(20):
    port = free_port()
    candidate = Controller(Handler(), hostname="127.0.0.1", port=port)
    try:
        candidate.start()
        controller = candidate
        break
    except Exception as e:
        error = e
        try:
            candidate.stop()
        except Exception:
            pass
if controller is None:
    print("failed: %r" % (error,), flush=True)
    sys.exit(4)
print("ready %d" % port, flush=True)
sys.stdin.read()
controller.stop()
"#;

/// One message as the sink received it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Received {
    /// The envelope sender (`MAIL FROM`).
    pub from: String,
    /// The envelope recipients (`RCPT TO`).
    pub to: Vec<String>,
    /// The subject, decoded from its MIME encoded-words.
    pub subject: String,
    /// The text/plain body, transfer encoding undone, lines ending in `\n`.
    pub body: String,
    /// The `Message-ID` header.
    pub message_id: String,
    /// The `List-Unsubscribe` header, empty when there is none.
    pub list_unsubscribe: String,
    /// The `List-Unsubscribe-Post` header, empty when there is none.
    pub list_unsubscribe_post: String,
}

impl Received {
    /// The first URL in the body that starts with `prefix`, without trailing
    /// punctuation, e.g. the sign-in link of a sign-in mail.
    pub fn first_link(&self, prefix: &str) -> Option<String> {
        if prefix.is_empty() {
            return None;
        }
        let start = self.body.find(prefix)?;
        let rest = &self.body[start..];
        let end = rest
            .find(|c: char| c.is_whitespace() || matches!(c, '<' | '>' | '"' | '`'))
            .unwrap_or(rest.len());
        let link = rest[..end].trim_end_matches(['.', ',', ';', ':', '!', '?', ')', ']', '\'']);
        (link.len() >= prefix.len()).then(|| link.to_owned())
    }

    fn is_to(&self, address: &str) -> bool {
        self.to.iter().any(|t| t.eq_ignore_ascii_case(address))
    }
}

/// A running aiosmtpd server on 127.0.0.1 that keeps what it receives.
/// Dropping it stops the server and removes its record file.
pub struct SmtpSink {
    port: u16,
    path: PathBuf,
    child: Child,
    /// Held so the server runs until the sink is dropped; closing it tells
    /// the script to stop.
    stdin: Option<ChildStdin>,
    /// How many messages to each (lower-cased) address `wait_for` has
    /// returned already.
    seen: Mutex<HashMap<String, usize>>,
}

impl std::fmt::Debug for SmtpSink {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SmtpSink")
            .field("url", &self.url())
            .field("path", &self.path)
            .finish()
    }
}

static COUNTER: AtomicU64 = AtomicU64::new(0);

impl SmtpSink {
    /// Starts a sink and waits until it listens.
    ///
    /// Fails — with a message that says how to fix it — when the Python
    /// interpreter is missing, lacks aiosmtpd, or the server does not come up
    /// within 10 s.
    pub fn start() -> Result<SmtpSink, String> {
        let python = std::env::var(PYTHON_ENV).unwrap_or_else(|_| "python3".to_owned());
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.subsec_nanos())
            .unwrap_or(0);
        let path = std::env::temp_dir().join(format!(
            "kp_smtp_sink_{}_{}_{nanos}.jsonl",
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::Relaxed)
        ));
        std::fs::write(&path, b"").map_err(|e| format!("cannot create {}: {e}", path.display()))?;

        let spawned = Command::new(&python)
            .arg("-c")
            .arg(SCRIPT)
            .arg(&path)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn();
        let mut child = match spawned {
            Ok(child) => child,
            Err(e) => {
                let _ = std::fs::remove_file(&path);
                return Err(format!(
                    "cannot run Python at {python} ({e}); set {PYTHON_ENV} to a Python with \
                     aiosmtpd: pip install -r crates/web/tests/requirements.txt (bash .ci/run does this)"
                ));
            }
        };
        let stdin = child.stdin.take();

        // stderr is read in the background so the server never blocks on a
        // full pipe, and kept to explain a failed start.
        let stderr = Arc::new(Mutex::new(String::new()));
        if let Some(pipe) = child.stderr.take() {
            let stderr = Arc::clone(&stderr);
            std::thread::spawn(move || {
                let mut pipe = pipe;
                let mut buf = [0u8; 4096];
                while let Ok(n) = pipe.read(&mut buf) {
                    if n == 0 {
                        break;
                    }
                    if let Ok(mut s) = stderr.lock() {
                        s.push_str(&String::from_utf8_lossy(&buf[..n]));
                    }
                }
            });
        }
        // The first stdout line says how the start went.
        let (tx, rx) = mpsc::channel();
        if let Some(pipe) = child.stdout.take() {
            std::thread::spawn(move || {
                let mut line = String::new();
                let _ = BufReader::new(pipe).read_line(&mut line);
                let _ = tx.send(line);
            });
        }

        let mut sink = SmtpSink {
            port: 0,
            path,
            child,
            stdin,
            seen: Mutex::new(HashMap::new()),
        };
        let line = rx.recv_timeout(START_TIMEOUT).unwrap_or_default();
        let line = line.trim();
        if let Some(port) = line
            .strip_prefix("ready ")
            .and_then(|p| p.parse::<u16>().ok())
        {
            sink.port = port;
            return Ok(sink);
        }
        // Dropping the sink stops the process and removes the file; give
        // stderr a moment to arrive first.
        let _ = sink.child.kill();
        let _ = sink.child.wait();
        std::thread::sleep(Duration::from_millis(50));
        let stderr = stderr.lock().map(|s| s.clone()).unwrap_or_default();
        if line == "no-aiosmtpd" {
            return Err(format!(
                "Python at {python} lacks aiosmtpd: pip install -r crates/web/tests/requirements.txt (bash .ci/run does this)"
            ));
        }
        let what = if line.is_empty() {
            "gave no answer".to_owned()
        } else {
            format!("answered {line:?}")
        };
        Err(format!(
            "the aiosmtpd sink (Python at {python}) {what} within {} s; its stderr: {}",
            START_TIMEOUT.as_secs(),
            stderr.trim()
        ))
    }

    /// The URL to give [`crate::MailConfig::smtp_url`]: plain SMTP, no login.
    pub fn url(&self) -> String {
        format!("smtp://127.0.0.1:{}", self.port)
    }

    /// Every message received so far, oldest first.
    pub fn messages(&self) -> Vec<Received> {
        let Ok(text) = std::fs::read_to_string(&self.path) else {
            return Vec::new();
        };
        // Only whole lines: the server may be writing the last one.
        let complete = text.rfind('\n').map_or("", |i| &text[..i]);
        complete.lines().filter_map(parse_record).collect()
    }

    /// The next message to `to` (compared case-insensitively), waiting up to
    /// `timeout` for it. Each call returns a message not returned before, in
    /// the order they arrived: the second call for an address gives the
    /// second mail to it.
    pub async fn wait_for(&self, to: &str, timeout: Duration) -> Result<Received, String> {
        let key = to.trim().to_lowercase();
        let deadline = Instant::now() + timeout;
        loop {
            let already = self
                .seen
                .lock()
                .map(|seen| seen.get(&key).copied().unwrap_or(0))
                .map_err(|e| e.to_string())?;
            let found = self
                .messages()
                .into_iter()
                .filter(|m| m.is_to(&key))
                .nth(already);
            if let Some(message) = found {
                if let Ok(mut seen) = self.seen.lock() {
                    seen.insert(key, already + 1);
                }
                return Ok(message);
            }
            if Instant::now() >= deadline {
                let got: Vec<String> = self
                    .messages()
                    .iter()
                    .map(|m| format!("{:?} to {}", m.subject, m.to.join(", ")))
                    .collect();
                return Err(format!(
                    "no {} mail to {to} within {:.1} s; the sink received {}: [{}]",
                    ordinal(already + 1),
                    timeout.as_secs_f32(),
                    got.len(),
                    got.join("; ")
                ));
            }
            tokio::time::sleep(Duration::from_millis(25)).await;
        }
    }
}

impl Drop for SmtpSink {
    fn drop(&mut self) {
        self.stdin.take();
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_file(&self.path);
    }
}

fn parse_record(line: &str) -> Option<Received> {
    let value: serde_json::Value = serde_json::from_str(line).ok()?;
    let text = |key: &str| value.get(key).and_then(|v| v.as_str()).map(str::to_owned);
    Some(Received {
        from: text("from").unwrap_or_default(),
        to: value
            .get("to")?
            .as_array()?
            .iter()
            .filter_map(|v| v.as_str().map(str::to_owned))
            .collect(),
        subject: text("subject").unwrap_or_default(),
        body: text("body").unwrap_or_default(),
        message_id: text("message_id").unwrap_or_default(),
        list_unsubscribe: text("list_unsubscribe").unwrap_or_default(),
        list_unsubscribe_post: text("list_unsubscribe_post").unwrap_or_default(),
    })
}

fn ordinal(n: usize) -> String {
    match n {
        1 => "first".to_owned(),
        2 => "second".to_owned(),
        3 => "third".to_owned(),
        n => format!("{n}th"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with_body(body: &str) -> Received {
        Received {
            from: String::new(),
            to: vec![],
            subject: String::new(),
            body: body.to_owned(),
            message_id: String::new(),
            list_unsubscribe: String::new(),
            list_unsubscribe_post: String::new(),
        }
    }

    #[test]
    fn first_link_stops_at_whitespace_and_trailing_punctuation() {
        let m = with_body(
            "Hallo,\n\nbitte hier klicken: https://kp.example/anmelden?t=abc123.\n\
             Oder (https://kp.example/other).",
        );
        assert_eq!(
            m.first_link("https://kp.example/").as_deref(),
            Some("https://kp.example/anmelden?t=abc123")
        );
        assert_eq!(
            m.first_link("https://kp.example/other").as_deref(),
            Some("https://kp.example/other")
        );
        assert_eq!(m.first_link("http://nowhere/"), None);
        assert_eq!(m.first_link(""), None);
    }

    #[test]
    fn records_are_read_from_json_lines() {
        let r = parse_record(
            r#"{"from": "a@x.org", "to": ["B@Y.org"], "subject": "Grüße", "body": "hi\n"}"#,
        )
        .unwrap();
        assert_eq!(r.subject, "Grüße");
        assert!(r.is_to("b@y.org"));
        assert_eq!(parse_record("{\"from\": \"a"), None);
    }
}
