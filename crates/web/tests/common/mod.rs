//! The signed-in browser the form tests share: a demo server on one
//! backend with mail to a real SMTP server, sessions made through real
//! invitations, and requests sent with the session cookie and form token.
// Each test binary uses a different part of this module.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used, clippy::panic)]

pub mod actors;

use knotenpunkt_app::access::Scope;
use knotenpunkt_app::domain::{NetworkRole, NewPerson};
use knotenpunkt_app::{AccountSettings, App, Directory, InvitationRequest, load_demo};
use knotenpunkt_mail::testing::SmtpSink;
use knotenpunkt_mail::{MailConfig, Mailer};
use knotenpunkt_store::testing::TestDb;
use knotenpunkt_web::{AppState, WebConfig, serve};
use reqwest::StatusCode;
use reqwest::header::{HeaderMap, HeaderValue};
use tokio::net::TcpListener;
use tokio::sync::oneshot;

/// The password of every account the tests make.
pub const PASSWORD: &str = "a-long-password";

/// A running server over one backend with the demo loaded; mail goes to
/// `sink`.
pub struct Server {
    pub base: String,
    pub dir: Directory,
    pub client: reqwest::Client,
    pub sink: SmtpSink,
    pub stop: Option<oneshot::Sender<()>>,
    pub task: Option<tokio::task::JoinHandle<std::io::Result<()>>>,
    // Dropped last: the database must outlive the server.
    pub _db: TestDb,
}

/// A signed-in browser: its session cookie and form token.
pub struct Browser {
    pub cookie: String,
    pub csrf: String,
    pub name: String,
}

pub struct Fetched {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: String,
}

impl Fetched {
    pub fn header(&self, name: &str) -> &str {
        self.headers
            .get(name)
            .map(HeaderValue::to_str)
            .and_then(Result::ok)
            .unwrap_or("")
    }

    pub fn has(&self, needle: &str) -> &Self {
        assert!(
            self.body.contains(needle),
            "expected {needle:?} in page:\n{}",
            self.body
        );
        self
    }

    pub fn lacks(&self, needle: &str) -> &Self {
        assert!(
            !self.body.contains(needle),
            "did not expect {needle:?} in page:\n{}",
            self.body
        );
        self
    }

    /// The text from the first `from` to the next `to`.
    pub fn between(&self, from: &str, to: &str) -> &str {
        let start = self
            .body
            .find(from)
            .unwrap_or_else(|| panic!("{from:?} not on page:\n{}", self.body));
        let rest = &self.body[start..];
        &rest[..rest.find(to).unwrap_or(rest.len())]
    }
}

impl Server {
    pub async fn start(db: TestDb, config: WebConfig) -> Server {
        let sink = SmtpSink::start().unwrap_or_else(|e| panic!("{e}"));
        let mailer = Mailer::new(&MailConfig {
            smtp_url: Some(sink.url()),
            from: "Knotenpunkt <noreply@knotenpunkt.example>".into(),
        })
        .unwrap();
        let dir = App::new(db.store.clone())
            .directory(&App::operator())
            .with_accounts(AccountSettings {
                base_url: "https://knotenpunkt.example".into(),
                mailer,
                ..AccountSettings::default()
            });
        load_demo(dir.app())
            .await
            .unwrap()
            .expect("database was empty");
        let state = AppState::new(dir.app().clone(), config);
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let (tx, rx) = oneshot::channel::<()>();
        let task = tokio::spawn(serve(listener, state, async move {
            let _ = rx.await;
        }));
        Server {
            base,
            dir,
            client: reqwest::Client::builder()
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .unwrap(),
            sink,
            stop: Some(tx),
            task: Some(task),
            _db: db,
        }
    }

    pub async fn stop(mut self) {
        if let Some(tx) = self.stop.take() {
            let _ = tx.send(());
        }
        if let Some(task) = self.task.take() {
            task.await.unwrap().unwrap();
        }
    }

    pub async fn fetch(&self, req: reqwest::RequestBuilder) -> Fetched {
        let resp = req.send().await.unwrap();
        Fetched {
            status: resp.status(),
            headers: resp.headers().clone(),
            body: resp.text().await.unwrap(),
        }
    }

    pub async fn get(&self, path: &str, who: Option<&Browser>) -> Fetched {
        let mut req = self.client.get(format!("{}{path}", self.base));
        if let Some(b) = who {
            req = req.header("cookie", format!("kp_session={}", b.cookie));
        }
        self.fetch(req).await
    }

    /// Posts a form as the browser does, with the session's form token.
    pub async fn post(
        &self,
        path: &str,
        who: Option<&Browser>,
        fields: &[(&str, &str)],
    ) -> Fetched {
        let mut pairs: Vec<(&str, &str)> = fields.to_vec();
        let mut req = self.client.post(format!("{}{path}", self.base));
        if let Some(b) = who {
            req = req.header("cookie", format!("kp_session={}", b.cookie));
            pairs.push(("csrf", &b.csrf));
        }
        self.fetch(req.form(&pairs)).await
    }

    /// A platform admin, signed in; made the way the CLI makes the first one.
    pub async fn admin(&self) -> (Browser, knotenpunkt_app::access::Actor) {
        let invited = self
            .dir
            .bootstrap_admin(person("Ada Admin", "admin@knotenpunkt.example"))
            .await
            .unwrap();
        let session = self.accept(invited.link.as_deref().unwrap()).await;
        let actor = self.dir.actor(&invited.person, Scope::Write).await.unwrap();
        (session, actor)
    }

    /// A coordinator of `network`, invited by an admin and signed in.
    pub async fn coordinator(&self, network: &str, name: &str, email: &str) -> Browser {
        let (_, admin) = self.admin_once().await;
        let invited = self
            .dir
            .invite(
                &admin,
                InvitationRequest {
                    person: NewPerson {
                        organization: Some("kaiserslautern".parse().unwrap()),
                        ..person(name, email)
                    },
                    network: Some(network.parse().unwrap()),
                    role: Some(NetworkRole::Coordinator),
                    admin: false,
                },
            )
            .await
            .unwrap();
        self.accept(invited.link.as_deref().unwrap()).await
    }

    /// A person of organisation `org` (a member of `network`), invited by
    /// an admin and signed in; their role comes from the membership.
    pub async fn member(&self, network: &str, org: &str, name: &str, email: &str) -> Browser {
        let (_, admin) = self.admin_once().await;
        let invited = self
            .dir
            .invite(
                &admin,
                InvitationRequest {
                    person: NewPerson {
                        organization: Some(org.parse().unwrap()),
                        ..person(name, email)
                    },
                    network: Some(network.parse().unwrap()),
                    role: None,
                    admin: false,
                },
            )
            .await
            .unwrap();
        self.accept(invited.link.as_deref().unwrap()).await
    }

    /// The admin, created on first use.
    pub async fn admin_once(&self) -> (Option<Browser>, knotenpunkt_app::access::Actor) {
        let email = "admin@knotenpunkt.example".parse().unwrap();
        match self.dir.store().person_by_email(&email).await.unwrap() {
            Some((p, _)) => (None, self.dir.actor(&p, Scope::Write).await.unwrap()),
            None => {
                let (b, a) = self.admin().await;
                (Some(b), a)
            }
        }
    }

    pub async fn accept(&self, link: &str) -> Browser {
        let token = link.rsplit('/').next().unwrap();
        let s = self
            .dir
            .accept_invitation(token, PASSWORD)
            .await
            .unwrap()
            .expect("invitation usable");
        Browser {
            cookie: s.token,
            csrf: s.csrf,
            name: s.person.name,
        }
    }
}

pub fn person(name: &str, email: &str) -> NewPerson {
    NewPerson {
        name: name.into(),
        email: email.parse().unwrap(),
        organization: None,
        phone: None,
        function: None,
        language: Default::default(),
    }
}

/// Runs `check` against a fresh demo server on every configured backend.
pub async fn on_every_backend<F, Fut>(config: WebConfig, check: F)
where
    F: Fn(Server) -> Fut,
    Fut: std::future::Future<Output = ()>,
{
    for db in TestDb::all().await.unwrap() {
        check(Server::start(db, config.clone()).await).await;
    }
}
