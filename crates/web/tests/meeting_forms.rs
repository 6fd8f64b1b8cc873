#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! The forms on a meeting's page over real HTTP, on every backend: members
//! raise agenda points, coordinators write minutes and attendance and
//! remove points; guests and anonymous visitors are turned away the way
//! the policy says.

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
const MEETING: &str = "/reihen/ikone-ds-stammtisch/2025-01-15";

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

    /// A person of Kaiserslautern (the organisation that coordinates IKONE
    /// DS) with `role` in `network`, invited by an admin and signed in.
    async fn with_role(
        &self,
        network: &str,
        role: NetworkRole,
        name: &str,
        email: &str,
    ) -> Browser {
        self.of("kaiserslautern", network, role, name, email).await
    }

    /// A person of `organization` with `role` in `network`, signed in.
    async fn of(
        &self,
        organization: &str,
        network: &str,
        role: NetworkRole,
        name: &str,
        email: &str,
    ) -> Browser {
        let (_, admin) = self.admin_once().await;
        let invited = self
            .dir
            .invite(
                &admin,
                InvitationRequest {
                    person: NewPerson {
                        organization: (role != NetworkRole::Guest)
                            .then(|| organization.parse().unwrap()),
                        ..person(name, email)
                    },
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

/// Asserts a 303 back to the meeting with the confirmation `what`, and
/// follows it.
async fn saved(s: &Server, who: &Browser, r: &Fetched, what: &str) -> Fetched {
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let location = r.header("location").to_owned();
    assert_eq!(location, format!("{MEETING}?gespeichert={what}"));
    let page = s.get(&location, Some(who)).await;
    assert_eq!(page.status, StatusCode::OK);
    page.has("class=\"manage-done\" role=\"status\"");
    page
}

#[tokio::test]
async fn members_raise_agenda_points_others_are_turned_away() {
    on_every_backend(WebConfig::default(), |s| async move {
        let member = s
            .of(
                "speyer",
                "ikone-ds",
                NetworkRole::Member,
                "Mia Mitglied",
                "mia@speyer.example",
            )
            .await;
        let page = s.get(MEETING, Some(&member)).await;
        assert_eq!(page.status, StatusCode::OK);
        page.has("Tagesordnungspunkt vorschlagen")
            .has(&format!("action=\"{MEETING}/tagesordnung\""))
            .has("name=\"csrf\"")
            .has("Im Namen von Speyer")
            // Members neither write minutes nor remove points.
            .lacks(&format!("action=\"{MEETING}/protokoll\""))
            .lacks(&format!("action=\"{MEETING}/anwesenheit\""));

        // A network-only point, in the name of the member's organisation.
        let text = "Datenschutz bei Bürgerportalen";
        let r = s
            .post(
                &format!("{MEETING}/tagesordnung"),
                Some(&member),
                &[
                    ("text", text),
                    ("visibility", "network"),
                    ("on_behalf", "1"),
                ],
            )
            .await;
        let page = saved(&s, &member, &r, "agenda-added").await;
        page.has("Der Tagesordnungspunkt wurde vorgeschlagen.")
            .has(text)
            .has("<span class=\"badge badge-visibility\">nur Netzwerk</span>")
            .has("eingebracht von <a href=\"/organisationen/speyer\">")
            .lacks("/entfernen\"");
        // Nobody outside the network reads it.
        let anon = s.get(MEETING, None).await;
        assert_eq!(anon.status, StatusCode::OK);
        anon.lacks(text)
            .lacks("Tagesordnungspunkt vorschlagen")
            .lacks("nur Netzwerk");

        // Too long: the page again, the message at the field.
        let long = "x".repeat(501);
        let r = s
            .post(
                &format!("{MEETING}/tagesordnung"),
                Some(&member),
                &[("text", &long), ("visibility", "network")],
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        r.has("id=\"agenda-text-error\"")
            .has("Höchstens 500 Zeichen.")
            .has("aria-describedby=\"agenda-text-hint agenda-text-error\"")
            .has("aria-invalid=\"true\"")
            .has(&long);
        // An empty point and an unknown visibility are refused too.
        let r = s
            .post(
                &format!("{MEETING}/tagesordnung"),
                Some(&member),
                &[("text", "Gut"), ("visibility", "geheim")],
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        r.has("id=\"agenda-visibility-error\"");

        // A guest of the network may not raise points.
        let guest = s
            .with_role(
                "ikone-ds",
                NetworkRole::Guest,
                "Gert Gast",
                "gert@gast.example",
            )
            .await;
        s.get(MEETING, Some(&guest))
            .await
            .lacks("Tagesordnungspunkt vorschlagen");
        let r = s
            .post(
                &format!("{MEETING}/tagesordnung"),
                Some(&guest),
                &[("text", "Gastpunkt"), ("visibility", "public")],
            )
            .await;
        assert_eq!(r.status, StatusCode::FORBIDDEN);

        // Anonymous visitors are sent to sign in.
        let r = s
            .post(
                &format!("{MEETING}/tagesordnung"),
                None,
                &[("text", "Anonym"), ("visibility", "public")],
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER);
        assert!(
            r.header("location").starts_with("/anmelden"),
            "{}",
            r.header("location")
        );
        s.get(MEETING, Some(&member))
            .await
            .lacks("Anonym")
            .lacks("Gastpunkt");

        // A coordinator removes the point.
        let c = s
            .with_role(
                "ikone-ds",
                NetworkRole::Coordinator,
                "Clara Koordination",
                "clara@kaiserslautern.example",
            )
            .await;
        let page = s.get(MEETING, Some(&c)).await;
        page.has(text);
        let start = page
            .body
            .find(&format!("action=\"{MEETING}/tagesordnung/"))
            .unwrap()
            + "action=\"".len();
        let rest = &page.body[start..];
        let action = rest[..rest.find('"').unwrap()].to_owned();
        assert!(action.ends_with("/entfernen"), "{action}");
        let r = s.post(&action, Some(&c), &[]).await;
        saved(&s, &c, &r, "agenda-removed").await.lacks(text);
        // The member may not remove points.
        let r = s.post(&action, Some(&member), &[]).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN);
        s.stop().await;
    })
    .await;
}

#[tokio::test]
async fn coordinators_write_minutes_and_attendance() {
    on_every_backend(WebConfig::default(), |s| async move {
        let c = s
            .with_role(
                "ikone-ds",
                NetworkRole::Coordinator,
                "Clara Koordination",
                "clara@kaiserslautern.example",
            )
            .await;
        let page = s.get(MEETING, Some(&c)).await;
        page.has(&format!("action=\"{MEETING}/protokoll\""))
            .has(&format!("action=\"{MEETING}/anwesenheit\""))
            .has("value=\"kaiserslautern\"");

        let minutes = "Wir haben über offene Daten gesprochen.";
        let r = s
            .post(
                &format!("{MEETING}/protokoll"),
                Some(&c),
                &[("text", minutes), ("visibility", "public")],
            )
            .await;
        let page = saved(&s, &c, &r, "minutes").await;
        page.has("Das Protokoll wurde gespeichert.")
            .has(&format!(
                "<div class=\"minutes\" lang=\"de\">{minutes}</div>"
            ))
            // The form is prefilled with the minutes and their visibility.
            .has(&format!(">{minutes}</textarea>"))
            .has("<option value=\"public\" selected>");
        s.get(MEETING, None).await.has(minutes);

        let r = s
            .post(
                &format!("{MEETING}/anwesenheit"),
                Some(&c),
                &[("organizations", "kaiserslautern")],
            )
            .await;
        let page = saved(&s, &c, &r, "attendance").await;
        page.has("Die Anwesenheit wurde gespeichert.")
            .has("<ul class=\"members\">\n<li><a href=\"/organisationen/kaiserslautern\">")
            .has("value=\"kaiserslautern\" checked");
        let r = s
            .post(
                &format!("{MEETING}/anwesenheit"),
                Some(&c),
                &[("organizations", "Nicht Gültig!")],
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        r.has("id=\"attendance-organizations-error\"");

        // Empty minutes remove them.
        let r = s
            .post(
                &format!("{MEETING}/protokoll"),
                Some(&c),
                &[("text", ""), ("visibility", "network")],
            )
            .await;
        saved(&s, &c, &r, "minutes")
            .await
            .lacks("<div class=\"minutes\"");

        // Members record neither.
        let member = s
            .of(
                "speyer",
                "ikone-ds",
                NetworkRole::Member,
                "Mia Mitglied",
                "mia@speyer.example",
            )
            .await;
        let r = s
            .post(
                &format!("{MEETING}/protokoll"),
                Some(&member),
                &[("text", "Meins"), ("visibility", "public")],
            )
            .await;
        assert_eq!(r.status, StatusCode::FORBIDDEN);
        s.stop().await;
    })
    .await;
}

#[tokio::test]
async fn members_declare_dates_their_organisation_cannot_host() {
    on_every_backend(WebConfig::default(), |s| async move {
        const SERIES: &str = "/reihen/ikone-ds-netzwerktreffen";
        let member = s
            .of(
                "speyer",
                "ikone-ds",
                NetworkRole::Member,
                "Sina Speyer",
                "sina@speyer.example",
            )
            .await;
        let page = s.get(SERIES, Some(&member)).await;
        assert_eq!(page.status, StatusCode::OK);
        page.has("Termine, an denen wir nicht Gastgeber sein können")
            .has(&format!("action=\"{SERIES}/verhinderung\""))
            .lacks("name=\"dates\" value=\"2000-01-01\"");
        // Nobody else is offered the form.
        s.get(SERIES, None)
            .await
            .lacks("nicht Gastgeber sein können");
        let start =
            page.body.find("name=\"dates\" value=\"").unwrap() + "name=\"dates\" value=\"".len();
        let date = page.body[start..start + 10].to_owned();

        let r = s
            .post(
                &format!("{SERIES}/verhinderung"),
                Some(&member),
                &[("dates", date.as_str())],
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        assert_eq!(
            r.header("location"),
            format!("{SERIES}?gespeichert=unavailable")
        );
        let page = s.get(r.header("location"), Some(&member)).await;
        page.has("Die Termine wurden gespeichert.")
            .has(&format!("name=\"dates\" value=\"{date}\" checked"));
        // Stored: the meeting of that date is not Speyer's.
        let meeting = s.get(&format!("{SERIES}/{date}"), Some(&member)).await;
        assert_eq!(meeting.status, StatusCode::OK);
        assert!(
            !meeting
                .body
                .contains("<dd><a href=\"/organisationen/speyer\">"),
            "{}",
            meeting.body
        );

        let r = s
            .post(
                &format!("{SERIES}/verhinderung"),
                Some(&member),
                &[("dates", "morgen")],
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        r.has("id=\"unavailable-dates-error\"");

        let r = s
            .post(
                &format!("{SERIES}/verhinderung"),
                None,
                &[("dates", date.as_str())],
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER);
        assert!(r.header("location").starts_with("/anmelden"));
        s.stop().await;
    })
    .await;
}
