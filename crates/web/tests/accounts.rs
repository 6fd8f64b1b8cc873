//! The account pages over real HTTP, with real mail: the server runs on an
//! ephemeral port over each test backend (SQLite always, PostgreSQL when
//! KNOTENPUNKT_TEST_DATABASE_URL is set), invitations and reset links go
//! through a real SMTP server (aiosmtpd) and are followed from the mail, and
//! the session cookie is handled by hand, as a browser would.
//!
//! Password hashing is deliberately slow, so every test makes only the few
//! hashes its flow needs.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::time::Duration;

use knotenpunkt_app::access::{Actor, Scope};
use knotenpunkt_app::domain::{Language, NewPerson};
use knotenpunkt_app::mail::{MailConfig, Mailer};
use knotenpunkt_app::{AccountSettings, App, Directory, InvitationRequest, load_demo};
use knotenpunkt_mail::testing::SmtpSink;
use knotenpunkt_store::testing::TestDb;
use knotenpunkt_web::auth::RateLimitConfig;
use knotenpunkt_web::{AppState, WebConfig, serve};
use reqwest::header::{HeaderMap, HeaderValue};
use reqwest::{Method, StatusCode};
use serde_json::Value;
use tokio::net::TcpListener;
use tokio::sync::oneshot;

const PASSWORD: &str = "ein sicheres Passwort";
const MAIL_WAIT: Duration = Duration::from_secs(10);

/// A running server over one backend, with the demo directory and a mail
/// sink of its own.
struct Server {
    base: String,
    dir: Directory,
    sink: SmtpSink,
    client: reqwest::Client,
    stop: Option<oneshot::Sender<()>>,
    // Dropped last: the database must outlive the server.
    _db: TestDb,
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Some(tx) = self.stop.take() {
            let _ = tx.send(());
        }
    }
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

    fn location(&self) -> &str {
        self.header("location")
    }

    /// The session cookie this answer sets, as `name=value`.
    fn session_cookie(&self) -> String {
        let raw = self.header("set-cookie");
        assert!(raw.starts_with("kp_session="), "no session cookie: {raw:?}");
        raw.split(';').next().unwrap().to_owned()
    }

    fn status(&self, want: StatusCode) -> &Self {
        assert_eq!(self.status, want, "page:\n{}", self.body);
        self
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

    /// The form token of the page's forms.
    fn csrf(&self) -> String {
        let start = self
            .body
            .find(r#"name="csrf" value=""#)
            .unwrap_or_else(|| panic!("no form token on page:\n{}", self.body))
            + r#"name="csrf" value=""#.len();
        let token = &self.body[start..start + self.body[start..].find('"').unwrap()];
        assert!(!token.is_empty(), "empty form token");
        token.to_owned()
    }

    /// The secret in the page's "shown once" box.
    fn secret(&self) -> String {
        let start = self
            .body
            .find(r#"<code class="secret">"#)
            .unwrap_or_else(|| panic!("no secret on page:\n{}", self.body))
            + r#"<code class="secret">"#.len();
        self.body[start..start + self.body[start..].find('<').unwrap()].to_owned()
    }
}

impl Server {
    async fn start(db: TestDb, config: WebConfig) -> Server {
        // The address must be known before the directory: it starts every
        // link in a mail.
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let sink = SmtpSink::start().unwrap();
        let dir = App::new(db.store.clone())
            .directory(&App::operator())
            .with_accounts(AccountSettings {
                base_url: base.clone(),
                mailer: Mailer::new(&MailConfig {
                    smtp_url: Some(sink.url()),
                    from: "knotenpunkt@test.example".into(),
                })
                .unwrap(),
                ..Default::default()
            });
        load_demo(dir.app())
            .await
            .unwrap()
            .expect("database was empty");
        let state = AppState::new(dir.app().clone(), config);
        let (tx, rx) = oneshot::channel::<()>();
        tokio::spawn(serve(listener, state, async move {
            let _ = rx.await;
        }));
        Server {
            base,
            dir,
            sink,
            client: reqwest::Client::builder()
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .unwrap(),
            stop: Some(tx),
            _db: db,
        }
    }

    async fn send(&self, req: reqwest::RequestBuilder, cookie: Option<&str>) -> Fetched {
        let req = match cookie {
            Some(c) => req.header("cookie", c),
            None => req,
        };
        let res = req.send().await.unwrap();
        Fetched {
            status: res.status(),
            headers: res.headers().clone(),
            body: res.text().await.unwrap(),
        }
    }

    async fn get(&self, path: &str, cookie: Option<&str>) -> Fetched {
        self.send(self.client.get(format!("{}{path}", self.base)), cookie)
            .await
    }

    async fn post(&self, path: &str, cookie: Option<&str>, form: &[(&str, &str)]) -> Fetched {
        self.send(
            self.client.post(format!("{}{path}", self.base)).form(form),
            cookie,
        )
        .await
    }

    /// Invites a person (by the CLI's way for an admin, else as a platform
    /// admin would) and returns the path of the link in the mail.
    async fn invite(&self, name: &str, email: &str, admin: bool) -> String {
        let person = NewPerson {
            name: name.into(),
            email: email.parse().unwrap(),
            organization: Some("ulm".parse().unwrap()),
            phone: Some("0731 161-0".into()),
            function: Some("Digitalisierung".into()),
            language: Language::De,
        };
        if admin {
            self.dir.bootstrap_admin(person).await.unwrap();
        } else {
            let root = Actor::signed_in(0)
                .with_admin(true)
                .with_scope(Scope::Write);
            let req = InvitationRequest {
                person,
                network: None,
                role: None,
                admin: false,
            };
            self.dir.invite(&root, req).await.unwrap();
        }
        let mail = self.sink.wait_for(email, MAIL_WAIT).await.unwrap();
        let link = mail
            .first_link(&format!("{}/einladung/", self.base))
            .unwrap_or_else(|| panic!("no invitation link in:\n{}", mail.body));
        link[self.base.len()..].to_owned()
    }

    /// An invited person who set their password through the page: the
    /// session cookie it left.
    async fn join(&self, name: &str, email: &str) -> String {
        let link = self.invite(name, email, false).await;
        let res = self
            .post(
                &link,
                None,
                &[("password", PASSWORD), ("password_repeat", PASSWORD)],
            )
            .await;
        res.status(StatusCode::SEE_OTHER);
        res.session_cookie()
    }

    async fn sign_in(&self, email: &str, password: &str) -> Fetched {
        self.post(
            "/anmelden",
            None,
            &[("email", email), ("password", password)],
        )
        .await
    }
}

#[tokio::test]
async fn an_invited_admin_sets_a_password_makes_a_token_and_signs_out() {
    for db in TestDb::all().await.unwrap() {
        let s = Server::start(db, WebConfig::default()).await;
        let email = "erika@kommune.example";
        let link = s.invite("Erika Mustermann", email, true).await;

        s.get(&link, None)
            .await
            .status(StatusCode::OK)
            .has("<title>Willkommen, Erika Mustermann – Knotenpunkt</title>")
            .has("<h1>Willkommen, Erika Mustermann</h1>")
            .has(r#"autocomplete="new-password""#)
            .has(r#"autocomplete="username" hidden"#);
        // Too short: the form again, the error linked to the field, the
        // password not sent back; the link still works.
        s.post(
            &link,
            None,
            &[("password", "kurz"), ("password_repeat", "kurz")],
        )
        .await
        .status(StatusCode::UNPROCESSABLE_ENTITY)
        .has("<title>Fehler: Willkommen, Erika Mustermann – Knotenpunkt</title>")
        .has("Das Passwort muss mindestens 10 Zeichen lang sein.")
        .has(r#"aria-describedby="password-error password-hint" aria-invalid="true""#)
        .has(r##"<a href="#password">"##)
        .lacks(r#"value="kurz""#);
        s.post(
            &link,
            None,
            &[("password", PASSWORD), ("password_repeat", "etwas anderes")],
        )
        .await
        .status(StatusCode::UNPROCESSABLE_ENTITY)
        .has(r#"id="password_repeat-error""#)
        .has("Die beiden Passwörter stimmen nicht überein.");
        s.get(&link, None).await.status(StatusCode::OK);

        let accepted = s
            .post(
                &link,
                None,
                &[("password", PASSWORD), ("password_repeat", PASSWORD)],
            )
            .await;
        accepted.status(StatusCode::SEE_OTHER);
        assert_eq!(accepted.location(), "/konto");
        let set_cookie = accepted.header("set-cookie");
        for part in ["HttpOnly", "SameSite=Lax", "Path=/"] {
            assert!(set_cookie.contains(part), "{part} missing: {set_cookie}");
        }
        assert!(
            !set_cookie.contains("Secure"),
            "Secure over http: {set_cookie}"
        );
        let cookie = accepted.session_cookie();
        // The link is spent.
        s.get(&link, None)
            .await
            .status(StatusCode::GONE)
            .has("Dieser Einladungslink gilt nicht mehr")
            .has("Koordination Ihres Netzwerks um eine neue Einladung");

        let konto = s.get("/konto", Some(&cookie)).await;
        konto
            .status(StatusCode::OK)
            .has("<h1>Mein Konto</h1>")
            .has(email)
            .has("Erika Mustermann")
            .has(r#"<a href="/organisationen/ulm">Ulm</a>"#)
            .has("Sie sind zurzeit in einem Browser angemeldet");
        assert!(konto.header("cache-control").contains("no-store"));
        let csrf = konto.csrf();

        // A token, shown once on the answer to the POST itself.
        let made = s
            .post(
                "/konto/tokens",
                Some(&cookie),
                &[
                    ("csrf", &csrf),
                    ("name", "Import-Skript"),
                    ("scope", "write"),
                ],
            )
            .await;
        made.status(StatusCode::OK)
            .has("Ihr neuer Token „Import-Skript“")
            .has("nur jetzt angezeigt");
        assert!(made.header("cache-control").contains("no-store"));
        let secret = made.secret();
        assert!(secret.starts_with("kp_"), "{secret}");
        s.get("/konto", Some(&cookie))
            .await
            .has("Import-Skript")
            .has("lesen und schreiben")
            .lacks(&secret);

        // The token works on the API: a profile change, seen on the page.
        let url = format!("{}/api/v1/organizations/ulm", s.base);
        let mut ulm: Value = s
            .client
            .get(&url)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        ulm["website"] = "https://www.ulm.de/knotenpunkt-probe".into();
        let put = s
            .client
            .request(Method::PUT, &url)
            .bearer_auth(&secret)
            .json(&ulm)
            .send()
            .await
            .unwrap();
        assert_eq!(put.status(), StatusCode::OK);
        s.get("/organisationen/ulm", None)
            .await
            .has("https://www.ulm.de/knotenpunkt-probe");

        // The only admin cannot leave.
        s.post(
            "/konto/loeschen",
            Some(&cookie),
            &[("csrf", &csrf), ("confirm", email)],
        )
        .await
        .status(StatusCode::CONFLICT)
        .has("Sie sind die einzige Person mit Plattform-Administration.");

        let out = s.post("/abmelden", Some(&cookie), &[("csrf", &csrf)]).await;
        out.status(StatusCode::SEE_OTHER);
        assert!(out.header("set-cookie").contains("Max-Age=0"));
        let after = s.get("/konto", Some(&cookie)).await;
        after.status(StatusCode::SEE_OTHER);
        assert_eq!(after.location(), "/anmelden?next=%2Fkonto");
    }
}

#[tokio::test]
async fn sign_in_fails_alike_for_unknown_addresses_and_wrong_passwords() {
    for db in TestDb::all().await.unwrap() {
        let s = Server::start(db, WebConfig::default()).await;
        let email = "bernd@kommune.example";
        s.join("Bernd Beispiel", email).await;

        s.get("/anmelden", None)
            .await
            .status(StatusCode::OK)
            .has("<title>Anmelden – Knotenpunkt</title>")
            .has(r#"autocomplete="current-password""#)
            .has(r#"<a href="/passwort/vergessen">Passwort vergessen?</a>"#);
        s.get("/anmelden?lang=en", None)
            .await
            .has("<h1>Sign in</h1>")
            .has(r#"action="/anmelden?lang=en""#);
        s.post("/anmelden", None, &[("email", ""), ("password", "")])
            .await
            .status(StatusCode::UNPROCESSABLE_ENTITY)
            .has("Bitte geben Sie Ihre E-Mail-Adresse ein.")
            .has("Bitte geben Sie Ihr Passwort ein.");

        // Addresses are found whatever their capitalisation.
        let ok = s.sign_in("Bernd@Kommune.Example", PASSWORD).await;
        ok.status(StatusCode::SEE_OTHER);
        assert_eq!(ok.location(), "/konto");
        let cookie = ok.session_cookie();
        let again = s.get("/anmelden", Some(&cookie)).await;
        again.status(StatusCode::SEE_OTHER);
        assert_eq!(again.location(), "/konto");

        let wrong = s.sign_in(email, "falsches Passwort").await;
        let unknown = s.sign_in("niemand@kommune.example", PASSWORD).await;
        for (res, typed) in [(&wrong, email), (&unknown, "niemand@kommune.example")] {
            res.status(StatusCode::UNAUTHORIZED)
                .has("E-Mail-Adresse oder Passwort stimmen nicht.")
                .has(&format!(r#"value="{typed}""#))
                .lacks(r#"value="falsches"#);
        }
        assert_eq!(
            wrong.body.replace(email, "…"),
            unknown.body.replace("niemand@kommune.example", "…"),
            "the two failures must not differ"
        );

        // Back where the person wanted to go, but only on this site.
        let series = s
            .post(
                "/anmelden",
                None,
                &[
                    ("email", email),
                    ("password", PASSWORD),
                    ("next", "/reihen/ikone-ds-stammtisch"),
                ],
            )
            .await;
        assert_eq!(series.location(), "/reihen/ikone-ds-stammtisch");
        let elsewhere = s
            .post(
                "/anmelden",
                None,
                &[
                    ("email", email),
                    ("password", PASSWORD),
                    ("next", "//evil.example/"),
                ],
            )
            .await;
        assert_eq!(elsewhere.location(), "/konto");
    }
}

#[tokio::test]
async fn a_forgotten_password_is_reset_by_mail() {
    for db in TestDb::all().await.unwrap() {
        let s = Server::start(db, WebConfig::default()).await;
        let email = "clara@kommune.example";
        let old_session = s.join("Clara Clever", email).await;

        s.get("/passwort/vergessen", None)
            .await
            .status(StatusCode::OK)
            .has(r#"autocomplete="email""#);
        s.post("/passwort/vergessen", None, &[("email", "kein-at-zeichen")])
            .await
            .status(StatusCode::UNPROCESSABLE_ENTITY)
            .has("vollständige E-Mail-Adresse")
            .has(r#"value="kein-at-zeichen""#);
        let unknown = s
            .post(
                "/passwort/vergessen",
                None,
                &[("email", "niemand@kommune.example")],
            )
            .await;
        let known = s
            .post("/passwort/vergessen", None, &[("email", email)])
            .await;
        for res in [&unknown, &known] {
            res.status(StatusCode::OK)
                .has("Wenn ein Konto zu dieser Adresse besteht, ist eine E-Mail unterwegs.");
        }
        assert_eq!(unknown.body, known.body);

        let mail = s.sink.wait_for(email, MAIL_WAIT).await.unwrap();
        let link = mail
            .first_link(&format!("{}/passwort/neu/", s.base))
            .unwrap_or_else(|| panic!("no reset link in:\n{}", mail.body));
        let link = &link[s.base.len()..];
        s.get(link, None)
            .await
            .status(StatusCode::OK)
            .has("<h1>Neues Passwort festlegen</h1>");
        s.post(
            link,
            None,
            &[("password", "ganz neues Passwort"), ("password_repeat", "")],
        )
        .await
        .status(StatusCode::UNPROCESSABLE_ENTITY)
        .has("Bitte wiederholen Sie das neue Passwort.");
        let done = s
            .post(
                link,
                None,
                &[
                    ("password", "ganz neues Passwort"),
                    ("password_repeat", "ganz neues Passwort"),
                ],
            )
            .await;
        done.status(StatusCode::SEE_OTHER);
        assert_eq!(done.location(), "/anmelden?zurueckgesetzt=1");
        s.get(done.location(), None)
            .await
            .has("Ihr Passwort wurde geändert. Bitte melden Sie sich an.");
        s.get(link, None)
            .await
            .status(StatusCode::GONE)
            .has("/passwort/vergessen");
        // The reset ended the sessions the account had.
        s.get("/konto", Some(&old_session))
            .await
            .status(StatusCode::SEE_OTHER);

        s.sign_in(email, PASSWORD)
            .await
            .status(StatusCode::UNAUTHORIZED);
        s.sign_in(email, "ganz neues Passwort")
            .await
            .status(StatusCode::SEE_OTHER);
        // The unknown address got nothing. Its request answered before the
        // known one's, and no mail is ever sent for it, so the count is final.
        assert!(
            s.sink
                .messages()
                .iter()
                .all(|m| !m.to.iter().any(|t| t.contains("niemand"))),
            "mail to an unknown address"
        );
    }
}

#[tokio::test]
async fn account_forms_need_the_session_form_token_and_this_site() {
    for db in TestDb::all().await.unwrap() {
        let s = Server::start(db, WebConfig::default()).await;
        let cookie = s.join("Dirk Daten", "dirk@kommune.example").await;
        let csrf = s.get("/konto", Some(&cookie)).await.csrf();
        let token = |csrf: Option<&str>| {
            let mut form = vec![("name", "Skript"), ("scope", "read")];
            if let Some(c) = csrf {
                form.push(("csrf", c));
            }
            form.into_iter()
                .map(|(k, v)| (k.to_owned(), v.to_owned()))
                .collect::<Vec<_>>()
        };
        let post = |form: Vec<(String, String)>, origin: Option<&str>| {
            let mut req = s
                .client
                .post(format!("{}/konto/tokens", s.base))
                .form(&form);
            if let Some(o) = origin {
                req = req.header("origin", o);
            }
            s.send(req, Some(&cookie))
        };
        assert_eq!(post(token(None), None).await.status, StatusCode::FORBIDDEN);
        assert_eq!(
            post(token(Some("falsch")), None).await.status,
            StatusCode::FORBIDDEN
        );
        assert_eq!(
            post(token(Some(&csrf)), Some("https://evil.example"))
                .await
                .status,
            StatusCode::FORBIDDEN
        );
        post(token(Some(&csrf)), Some(&s.base))
            .await
            .status(StatusCode::OK)
            .has("Ihr neuer Token „Skript“");
        // Only the accepted request made a token.
        let page = s.get("/konto", Some(&cookie)).await;
        assert_eq!(page.body.matches("/widerrufen#tokens").count(), 1);
        // Anonymous visitors are sent to sign in first.
        let anon = s.get("/konto", None).await;
        anon.status(StatusCode::SEE_OTHER);
        assert_eq!(anon.location(), "/anmelden?next=%2Fkonto");
    }
}

#[tokio::test]
async fn too_many_attempts_are_refused_even_with_the_right_password() {
    for db in TestDb::all().await.unwrap() {
        let config = WebConfig {
            rate_limits: RateLimitConfig {
                account_burst: 3,
                account_every: Duration::from_secs(3600),
                ..Default::default()
            },
            ..Default::default()
        };
        let s = Server::start(db, config).await;
        let email = "egon@kommune.example";
        s.join("Egon Eifrig", email).await;
        for _ in 0..3 {
            s.sign_in(email, "falsch geraten")
                .await
                .status(StatusCode::UNAUTHORIZED);
        }
        for password in ["falsch geraten", PASSWORD] {
            let res = s.sign_in(email, password).await;
            res.status(StatusCode::TOO_MANY_REQUESTS)
                .has("Zu viele Anmeldeversuche für diese Adresse.")
                .has("Minuten erneut")
                .has(&format!(r#"value="{email}""#));
            let wait: u64 = res.header("retry-after").parse().unwrap();
            assert!(wait > 60 && wait <= 3600, "Retry-After: {wait}");
        }
        // Reset requests have their own budget, per address.
        for _ in 0..3 {
            s.post(
                "/passwort/vergessen",
                None,
                &[("email", "x@kommune.example")],
            )
            .await
            .status(StatusCode::OK);
        }
        let res = s
            .post(
                "/passwort/vergessen",
                None,
                &[("email", "x@kommune.example")],
            )
            .await;
        res.status(StatusCode::TOO_MANY_REQUESTS)
            .has("Bitte warten Sie einen Moment");
        assert!(!res.header("retry-after").is_empty());
    }
}

#[tokio::test]
async fn a_changed_password_and_signing_out_everywhere() {
    for db in TestDb::all().await.unwrap() {
        let s = Server::start(db, WebConfig::default()).await;
        let email = "frida@kommune.example";
        let first = s.join("Frida Fleißig", email).await;
        let csrf = s.get("/konto", Some(&first)).await.csrf();

        // Changing the password proves the current one first.
        let new_password = "noch ein neues Passwort";
        let change = |current: &'static str| {
            let form = [
                ("csrf", csrf.clone()),
                ("current", current.to_owned()),
                ("password", new_password.to_owned()),
                ("password_repeat", new_password.to_owned()),
            ];
            let req = s
                .client
                .post(format!("{}/konto/passwort", s.base))
                .form(&form);
            s.send(req, Some(&first))
        };
        change("nicht das aktuelle")
            .await
            .status(StatusCode::UNPROCESSABLE_ENTITY)
            .has("<title>Fehler: Mein Konto – Knotenpunkt</title>")
            .has(r#"id="current-password-error""#)
            .has("Das aktuelle Passwort stimmt nicht.")
            .lacks("nicht das aktuelle");
        // A browser signed in elsewhere with the old password…
        let elsewhere = s.sign_in(email, PASSWORD).await.session_cookie();
        s.get("/konto", Some(&elsewhere))
            .await
            .status(StatusCode::OK);
        let changed = change(PASSWORD).await;
        changed.status(StatusCode::SEE_OTHER);
        assert_eq!(changed.location(), "/konto?hinweis=passwort#passwort");
        s.get("/konto?hinweis=passwort", Some(&first))
            .await
            .has("Ihr Passwort wurde geändert.")
            .has("in anderen Browsern")
            .has("Sie sind zurzeit in einem Browser angemeldet");
        // …is signed out by the change; the one that made it is not.
        let res = s.get("/konto", Some(&elsewhere)).await;
        res.status(StatusCode::SEE_OTHER);
        assert!(res.location().starts_with("/anmelden"));

        let second = s.sign_in(email, new_password).await.session_cookie();
        let page = s.get("/konto", Some(&first)).await;
        page.has("Sie sind zurzeit in 2 Browsern angemeldet");
        let out = s
            .post(
                "/konto/ueberall-abmelden",
                Some(&first),
                &[("csrf", &page.csrf())],
            )
            .await;
        out.status(StatusCode::SEE_OTHER);
        assert_eq!(out.location(), "/anmelden?abgemeldet=1");
        assert!(out.header("set-cookie").contains("Max-Age=0"));
        for cookie in [&first, &second] {
            let res = s.get("/konto", Some(cookie)).await;
            res.status(StatusCode::SEE_OTHER);
            assert!(res.location().starts_with("/anmelden"));
        }
        s.get(out.location(), None)
            .await
            .has("Sie wurden überall abgemeldet.");
    }
}

#[tokio::test]
async fn follows_feed_gdpr_download_and_deleting_the_account() {
    for db in TestDb::all().await.unwrap() {
        let s = Server::start(db, WebConfig::default()).await;
        let email = "gerda@kommune.example";
        let cookie = s.join("Gerda Gründlich", email).await;
        let csrf = s.get("/konto", Some(&cookie)).await.csrf();

        // Following a series from its page.
        let series = "/reihen/ikone-ds-stammtisch";
        s.get(series, None).await.lacks("Reihe folgen");
        s.get(series, Some(&cookie))
            .await
            .has(r#"action="/reihen/ikone-ds-stammtisch/folgen""#)
            .has("Reihe folgen");
        let followed = s
            .post(
                &format!("{series}/folgen"),
                Some(&cookie),
                &[("csrf", &csrf), ("follow", "1")],
            )
            .await;
        followed.status(StatusCode::SEE_OTHER);
        assert_eq!(followed.location(), series);
        s.get(series, Some(&cookie))
            .await
            .has("Sie folgen dieser Reihe.")
            .has(r#"name="follow" value="0""#);

        let token = s
            .post(
                "/konto/tokens",
                Some(&cookie),
                &[("csrf", &csrf), ("name", "Lesen"), ("scope", "read")],
            )
            .await
            .secret();
        let feed = s
            .post("/konto/kalender", Some(&cookie), &[("csrf", &csrf)])
            .await;
        feed.status(StatusCode::OK);
        let feed_url = feed.secret();
        let prefix = format!("{}/kalender/person/", s.base);
        assert!(feed_url.starts_with(&prefix) && feed_url.ends_with(".ics"));
        let feed_secret = &feed_url[prefix.len()..feed_url.len() - 4];
        let ics = s.get(&feed_url[s.base.len()..], None).await;
        ics.status(StatusCode::OK).has("BEGIN:VCALENDAR");
        s.get("/konto", Some(&cookie))
            .await
            .lacks(feed_secret)
            .has("Neue Kalender-Adresse erzeugen")
            .has(r#"<a href="/reihen/ikone-ds-stammtisch">Digitaler Stammtisch IKONE DS</a>"#);

        let data = s.get("/konto/daten.json", Some(&cookie)).await;
        data.status(StatusCode::OK);
        assert!(data.header("content-type").starts_with("application/json"));
        assert_eq!(
            data.header("content-disposition"),
            r#"attachment; filename="knotenpunkt-daten.json""#
        );
        assert!(data.header("cache-control").contains("no-store"));
        let json: Value = serde_json::from_str(&data.body).unwrap();
        assert_eq!(json["person"]["email"], email);
        assert_eq!(json["follows"][0], "ikone-ds-stammtisch");
        assert_eq!(json["api_tokens"][0]["name"], "Lesen");
        for secret in ["$argon2", token.as_str(), feed_secret, csrf.as_str()] {
            assert!(!data.body.contains(secret), "{secret} in the download");
        }

        s.post(
            "/konto/loeschen",
            Some(&cookie),
            &[("csrf", &csrf), ("confirm", "jemand@kommune.example")],
        )
        .await
        .status(StatusCode::UNPROCESSABLE_ENTITY)
        .has("Diese Adresse ist nicht die Ihres Kontos.")
        .has(r#"value="jemand@kommune.example""#);
        let gone = s
            .post(
                "/konto/loeschen",
                Some(&cookie),
                &[("csrf", &csrf), ("confirm", "Gerda@Kommune.example")],
            )
            .await;
        gone.status(StatusCode::SEE_OTHER);
        assert_eq!(gone.location(), "/");
        assert!(gone.header("set-cookie").contains("Max-Age=0"));
        s.get("/konto", Some(&cookie))
            .await
            .status(StatusCode::SEE_OTHER);
        s.sign_in(email, PASSWORD)
            .await
            .status(StatusCode::UNAUTHORIZED);
        let api = s
            .client
            .get(format!("{}/api/v1/organizations", s.base))
            .bearer_auth(&token)
            .send()
            .await
            .unwrap();
        assert_eq!(
            api.status(),
            StatusCode::UNAUTHORIZED,
            "token outlived its account"
        );
    }
}
