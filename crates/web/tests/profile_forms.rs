#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! Profile forms over real HTTP, on every backend: a network's settings
//! (visibility above all) for its coordinators, an organisation's profile
//! for its editors, and the admin naming those editors.

use knotenpunkt_app::access::Scope;
use knotenpunkt_app::domain::{NetworkRole, NewPerson};
use knotenpunkt_app::{AccountSettings, Directory, InvitationRequest, load_demo};
use knotenpunkt_mail::testing::SmtpSink;
use knotenpunkt_mail::{MailConfig, Mailer};
use knotenpunkt_store::testing::TestDb;
use knotenpunkt_web::{AppState, WebConfig, serve};
use reqwest::StatusCode;
use reqwest::header::{HeaderMap, HeaderValue};
use tokio::net::TcpListener;
use tokio::sync::oneshot;

const PASSWORD: &str = "a-long-password";
const SETTINGS: &str = "/netzwerke/ikone-ds/verwaltung/einstellungen";
const KL_EDIT: &str = "/organisationen/kaiserslautern/bearbeiten";

/// A running server over one backend with the demo loaded; mail goes to
/// `sink`.
struct Server {
    base: String,
    dir: Directory,
    client: reqwest::Client,
    _sink: SmtpSink,
    stop: Option<oneshot::Sender<()>>,
    task: Option<tokio::task::JoinHandle<std::io::Result<()>>>,
    // Dropped last: the database must outlive the server.
    _db: TestDb,
}

/// A signed-in browser: its session cookie and form token.
struct Browser {
    cookie: String,
    csrf: String,
}

struct Fetched {
    status: StatusCode,
    headers: HeaderMap,
    body: String,
}

impl Fetched {
    fn header(&self, name: &str) -> &str {
        self.headers
            .get(name)
            .map(HeaderValue::to_str)
            .and_then(Result::ok)
            .unwrap_or("")
    }

    fn has(&self, needle: &str) -> &Self {
        assert!(
            self.body.contains(needle),
            "expected {needle:?} in page:\n{}",
            self.body
        );
        self
    }

    fn lacks(&self, needle: &str) -> &Self {
        assert!(
            !self.body.contains(needle),
            "did not expect {needle:?} in page:\n{}",
            self.body
        );
        self
    }

    /// The text from the first `from` to the next `to`.
    fn between(&self, from: &str, to: &str) -> &str {
        let start = self
            .body
            .find(from)
            .unwrap_or_else(|| panic!("{from:?} not on page:\n{}", self.body));
        let rest = &self.body[start..];
        &rest[..rest.find(to).unwrap_or(rest.len())]
    }
}

impl Server {
    async fn start(db: TestDb, config: WebConfig) -> Server {
        let sink = SmtpSink::start().unwrap_or_else(|e| panic!("{e}"));
        let mailer = Mailer::new(&MailConfig {
            smtp_url: Some(sink.url()),
            from: "Knotenpunkt <noreply@knotenpunkt.example>".into(),
        })
        .unwrap();
        let dir = Directory::new(db.store.clone()).with_accounts(AccountSettings {
            base_url: "https://knotenpunkt.example".into(),
            mailer,
            ..AccountSettings::default()
        });
        load_demo(&dir).await.unwrap().expect("database was empty");
        let state = AppState::new(dir.clone(), config);
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
            _sink: sink,
            stop: Some(tx),
            task: Some(task),
            _db: db,
        }
    }

    async fn stop(mut self) {
        if let Some(tx) = self.stop.take() {
            let _ = tx.send(());
        }
        if let Some(task) = self.task.take() {
            task.await.unwrap().unwrap();
        }
    }

    async fn fetch(&self, req: reqwest::RequestBuilder) -> Fetched {
        let resp = req.send().await.unwrap();
        Fetched {
            status: resp.status(),
            headers: resp.headers().clone(),
            body: resp.text().await.unwrap(),
        }
    }

    async fn get(&self, path: &str, who: Option<&Browser>) -> Fetched {
        let mut req = self.client.get(format!("{}{path}", self.base));
        if let Some(b) = who {
            req = req.header("cookie", format!("kp_session={}", b.cookie));
        }
        self.fetch(req).await
    }

    /// Posts a form as the browser does, with the session's form token.
    async fn post(&self, path: &str, who: Option<&Browser>, fields: &[(&str, &str)]) -> Fetched {
        let mut pairs: Vec<(&str, &str)> = fields.to_vec();
        let mut req = self.client.post(format!("{}{path}", self.base));
        if let Some(b) = who {
            req = req.header("cookie", format!("kp_session={}", b.cookie));
            pairs.push(("csrf", &b.csrf));
        }
        self.fetch(req.form(&pairs)).await
    }

    /// A platform admin, signed in; made the way the CLI makes the first one.
    async fn admin(&self) -> (Browser, knotenpunkt_app::access::Actor) {
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
    async fn coordinator(&self, network: &str, name: &str, email: &str) -> Browser {
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

    /// A person with `role` in `network`, invited by an admin and signed in.
    async fn invited(&self, network: &str, role: NetworkRole, name: &str, email: &str) -> Browser {
        let (_, admin) = self.admin_once().await;
        let invited = self
            .dir
            .invite(
                &admin,
                InvitationRequest {
                    person: person(name, email),
                    network: Some(network.parse().unwrap()),
                    role: Some(role),
                    admin: false,
                },
            )
            .await
            .unwrap();
        self.accept(invited.link.as_deref().unwrap()).await
    }

    /// The admin, created on first use.
    async fn admin_once(&self) -> (Option<Browser>, knotenpunkt_app::access::Actor) {
        let email = "admin@knotenpunkt.example".parse().unwrap();
        match self.dir.store().person_by_email(&email).await.unwrap() {
            Some((p, _)) => (None, self.dir.actor(&p, Scope::Write).await.unwrap()),
            None => {
                let (b, a) = self.admin().await;
                (Some(b), a)
            }
        }
    }

    async fn accept(&self, link: &str) -> Browser {
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
        }
    }
}

fn person(name: &str, email: &str) -> NewPerson {
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
async fn on_every_backend<F, Fut>(config: WebConfig, check: F)
where
    F: Fn(Server) -> Fut,
    Fut: std::future::Future<Output = ()>,
{
    for db in TestDb::all().await.unwrap() {
        check(Server::start(db, config.clone()).await).await;
    }
}

/// Asserts a 303 to `path` with the confirmation `what`, and follows it.
async fn confirmed(s: &Server, who: &Browser, r: &Fetched, path: &str, what: &str) -> Fetched {
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let location = r.header("location").to_owned();
    assert_eq!(location, format!("{path}?erledigt={what}"));
    let page = s.get(&location, Some(who)).await;
    assert_eq!(page.status, StatusCode::OK);
    page.has("class=\"manage-done\" role=\"status\"");
    page
}

fn settings(name: &str, visibility: &str) -> Vec<(&'static str, String)> {
    vec![
        ("name", name.to_owned()),
        ("description", "Ein Netzwerk.".to_owned()),
        ("website", "https://ikone.example".to_owned()),
        ("visibility", visibility.to_owned()),
    ]
}

async fn post_owned(
    s: &Server,
    path: &str,
    who: Option<&Browser>,
    f: &[(&str, String)],
) -> Fetched {
    let pairs: Vec<(&str, &str)> = f.iter().map(|(k, v)| (*k, v.as_str())).collect();
    s.post(path, who, &pairs).await
}

#[tokio::test]
async fn a_coordinator_hides_the_network_from_outsiders_and_shows_it_again() {
    on_every_backend(WebConfig::default(), |s| async move {
        let c = s
            .coordinator(
                "ikone-ds",
                "Clara Koordination",
                "clara@kaiserslautern.example",
            )
            .await;
        let m = s
            .invited(
                "ikone-ds",
                NetworkRole::Member,
                "Mia Mitglied",
                "mia@example.org",
            )
            .await;
        let name = s.get("/netzwerke/ikone-ds", None).await;
        assert_eq!(name.status, StatusCode::OK);
        s.get("/netzwerke", None)
            .await
            .has("href=\"/netzwerke/ikone-ds\"");

        // The overview links to the settings; the form shows the choice.
        s.get("/netzwerke/ikone-ds/verwaltung", Some(&c))
            .await
            .has(&format!("href=\"{SETTINGS}\""));
        let form = s.get(SETTINGS, Some(&c)).await;
        assert_eq!(form.status, StatusCode::OK);
        form.has("value=\"public\" checked")
            .has("name=\"csrf\"")
            .has("Nur für das Netzwerk");

        // Network only: gone for outsiders, there for coordinator and member.
        let r = post_owned(&s, SETTINGS, Some(&c), &settings("IKONE DS", "network")).await;
        confirmed(&s, &c, &r, SETTINGS, "settings-saved")
            .await
            .has("value=\"network\" checked");
        assert_eq!(
            s.get("/netzwerke/ikone-ds", None).await.status,
            StatusCode::NOT_FOUND
        );
        s.get("/netzwerke", None)
            .await
            .lacks("href=\"/netzwerke/ikone-ds\"");
        s.get("/netzwerke/ikone-ds", Some(&c)).await.has("IKONE DS");
        assert_eq!(
            s.get("/netzwerke/ikone-ds", Some(&m)).await.status,
            StatusCode::OK
        );
        let log = s
            .get("/netzwerke/ikone-ds/verwaltung/protokoll", Some(&c))
            .await;
        log.has("network.update")
            .has("visibility: public -&#62; network");

        // A member may see it but not change its settings.
        assert_eq!(
            s.get(SETTINGS, Some(&m)).await.status,
            StatusCode::FORBIDDEN
        );
        let r = post_owned(&s, SETTINGS, Some(&m), &settings("Gekapert", "public")).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN);

        // Public again.
        let r = post_owned(&s, SETTINGS, Some(&c), &settings("IKONE DS", "public")).await;
        confirmed(&s, &c, &r, SETTINGS, "settings-saved").await;
        s.get("/netzwerke/ikone-ds", None).await.has("IKONE DS");
        s.get("/netzwerke", None)
            .await
            .has("href=\"/netzwerke/ikone-ds\"");

        // Invalid input comes back at its field, kept.
        let mut bad = settings("", "everyone");
        bad[2].1 = "ikone.example".into();
        let r = post_owned(&s, SETTINGS, Some(&c), &bad).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        r.has("id=\"settings-name-error\"")
            .has("id=\"settings-website-error\"")
            .has("id=\"settings-visibility-error\"")
            .has("value=\"ikone.example\"");

        // Anonymous visitors are sent to sign in.
        for r in [
            s.get(SETTINGS, None).await,
            post_owned(&s, SETTINGS, None, &settings("X", "public")).await,
        ] {
            assert_eq!(r.status, StatusCode::SEE_OTHER);
            assert!(r.header("location").starts_with("/anmelden?next="));
        }
        s.stop().await;
    })
    .await;
}

#[tokio::test]
async fn the_admin_names_an_editor_who_then_edits_the_profile() {
    on_every_backend(WebConfig::default(), |s| async move {
        let (admin, _) = s.admin().await;
        let e = s
            .invited(
                "ikone-ds",
                NetworkRole::Member,
                "Eva Editorin",
                "eva@kaiserslautern.example",
            )
            .await;
        let other = s
            .invited(
                "ikone-ds",
                NetworkRole::Member,
                "Otto Anders",
                "otto@example.org",
            )
            .await;

        // Not an editor yet: no link, no form.
        s.get("/organisationen/kaiserslautern", Some(&e))
            .await
            .lacks(KL_EDIT);
        assert_eq!(s.get(KL_EDIT, Some(&e)).await.status, StatusCode::FORBIDDEN);

        // The admin sees the link and names her by address.
        s.get("/organisationen/kaiserslautern", Some(&admin))
            .await
            .has(&format!("href=\"{KL_EDIT}\""));
        let editors = format!("{KL_EDIT}/bearbeitende");
        s.get(KL_EDIT, Some(&admin))
            .await
            .has("Bearbeitungsrecht geben")
            .has(&format!("action=\"{editors}\""));
        let r = s
            .post(
                &editors,
                Some(&admin),
                &[("email", "nobody@example.org"), ("editor", "1")],
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        r.has("id=\"editor-email-error\"");
        let r = s
            .post(
                &editors,
                Some(&admin),
                &[("email", "kein-at"), ("editor", "1")],
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        r.has("id=\"editor-email-error\"");
        let r = s
            .post(
                &editors,
                Some(&admin),
                &[("email", "eva@kaiserslautern.example"), ("editor", "1")],
            )
            .await;
        confirmed(&s, &admin, &r, KL_EDIT, "editor-added")
            .await
            .has("Eva Editorin (eva@kaiserslautern.example)");
        // Only admins name editors.
        let r = s
            .post(
                &editors,
                Some(&e),
                &[("email", "otto@example.org"), ("editor", "1")],
            )
            .await;
        assert_eq!(r.status, StatusCode::FORBIDDEN);

        // She edits the website; it shows on the page.
        let page = s.get("/organisationen/kaiserslautern", Some(&e)).await;
        page.has(&format!("href=\"{KL_EDIT}\""));
        let form = s.get(KL_EDIT, Some(&e)).await;
        assert_eq!(form.status, StatusCode::OK);
        form.lacks("Bearbeitungsrecht geben");
        let name = form.between("id=\"profile-name\"", ">").to_owned();
        let name = name
            .split("value=\"")
            .nth(1)
            .and_then(|v| v.split('"').next())
            .unwrap()
            .to_owned();
        let r = s
            .post(
                KL_EDIT,
                Some(&e),
                &[
                    ("name", &name),
                    ("website", "https://www.kaiserslautern.example/neu"),
                    ("population", "99845"),
                    ("source", "Statistisches Landesamt 2024"),
                ],
            )
            .await;
        confirmed(&s, &e, &r, KL_EDIT, "profile-saved").await;
        s.get("/organisationen/kaiserslautern", None)
            .await
            .has("https://www.kaiserslautern.example/neu")
            .has(&name);
        let o = s
            .dir
            .organization(&"kaiserslautern".parse().unwrap())
            .await
            .unwrap();
        assert_eq!(o.population, Some(99_845));
        assert_eq!(o.source.as_deref(), Some("Statistisches Landesamt 2024"));

        // Bad website and population: 422 at the field, input kept.
        let r = s
            .post(
                KL_EDIT,
                Some(&e),
                &[
                    ("name", &name),
                    ("website", "www.ohne-schema.example"),
                    ("population", "viele"),
                ],
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        r.has("id=\"profile-website-error\"")
            .has("id=\"profile-population-error\"")
            .has("value=\"www.ohne-schema.example\"")
            .has("aria-invalid=\"true\"");

        // Someone else may not; anonymous visitors sign in first.
        assert_eq!(
            s.get(KL_EDIT, Some(&other)).await.status,
            StatusCode::FORBIDDEN
        );
        let r = s.post(KL_EDIT, Some(&other), &[("name", "Gekapert")]).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN);
        for r in [
            s.get(KL_EDIT, None).await,
            s.post(KL_EDIT, None, &[("name", "Gekapert")]).await,
        ] {
            assert_eq!(r.status, StatusCode::SEE_OTHER);
            assert!(r.header("location").starts_with("/anmelden?next="));
        }

        // The admin withdraws the right.
        let r = s
            .post(
                &editors,
                Some(&admin),
                &[("email", "eva@kaiserslautern.example"), ("editor", "0")],
            )
            .await;
        confirmed(&s, &admin, &r, KL_EDIT, "editor-removed")
            .await
            .lacks("Eva Editorin (");
        assert_eq!(s.get(KL_EDIT, Some(&e)).await.status, StatusCode::FORBIDDEN);
        s.stop().await;
    })
    .await;
}
