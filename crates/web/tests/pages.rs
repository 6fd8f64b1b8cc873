//! The pages over real HTTP: the server runs on an ephemeral port with the
//! demo directory, on SQLite always and on PostgreSQL when
//! KNOTENPUNKT_TEST_DATABASE_URL is set, and every page is fetched as a
//! browser would fetch it.
// Helpers outside #[test] fns are test code too; a failed step should stop
// the test loudly.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use knotenpunkt_app::domain::{OrgKind, Organization, State};
use knotenpunkt_app::{Directory, load_demo};
use knotenpunkt_store::testing::TestDb;
use knotenpunkt_web::{AppState, WebConfig, serve};
use reqwest::StatusCode;
use reqwest::header::{HeaderMap, HeaderValue};
use serde_json::Value;
use tokio::net::TcpListener;
use tokio::sync::oneshot;

/// A running server over one backend with the demo loaded.
struct Server {
    base: String,
    dir: Directory,
    client: reqwest::Client,
    stop: Option<oneshot::Sender<()>>,
    task: Option<tokio::task::JoinHandle<std::io::Result<()>>>,
    // Dropped last: the database must outlive the server.
    _db: TestDb,
}

impl Server {
    async fn start(db: TestDb) -> Server {
        let dir = Directory::new(db.store.clone());
        load_demo(&dir).await.unwrap().expect("database was empty");
        let state = AppState::new(dir.clone(), WebConfig::default());
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
            stop: Some(tx),
            task: Some(task),
            _db: db,
        }
    }

    async fn get_with(&self, path: &str, headers: &[(&str, &str)]) -> Fetched {
        let mut req = self.client.get(format!("{}{path}", self.base));
        for (k, v) in headers {
            req = req.header(*k, *v);
        }
        let resp = req.send().await.unwrap();
        let status = resp.status();
        let headers = resp.headers().clone();
        let body = resp.text().await.unwrap();
        Fetched {
            status,
            headers,
            body,
        }
    }

    async fn get(&self, path: &str) -> Fetched {
        self.get_with(path, &[]).await
    }

    async fn stop(mut self) {
        if let Some(tx) = self.stop.take() {
            let _ = tx.send(());
        }
        if let Some(task) = self.task.take() {
            task.await.unwrap().unwrap();
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

    /// Asserts `needle` is on the page, showing the page when it is not.
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

    /// The text between the first `from` and the next `to`.
    fn between(&self, from: &str, to: &str) -> &str {
        let start = self
            .body
            .find(from)
            .unwrap_or_else(|| panic!("{from:?} not on page"));
        let rest = &self.body[start..];
        let end = rest.find(to).unwrap_or(rest.len());
        &rest[..end]
    }
}

fn demo() -> Value {
    serde_json::from_str(knotenpunkt_app::DEMO_JSON).unwrap()
}

fn name_of(demo: &Value, slug: &str) -> String {
    demo["organizations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["slug"] == slug)
        .unwrap_or_else(|| panic!("{slug} not in demo"))["name"]
        .as_str()
        .unwrap()
        .to_owned()
}

/// Runs `check` against a demo server on every configured backend.
async fn on_every_backend<F, Fut>(check: F)
where
    F: Fn(Server) -> Fut,
    Fut: std::future::Future<Output = ()>,
{
    for db in TestDb::all().await.unwrap() {
        check(Server::start(db).await).await;
    }
}

fn escaped(s: &str) -> String {
    s.replace('&', "&#38;")
        .replace('"', "&#34;")
        .replace('\'', "&#39;")
}

#[tokio::test]
async fn start_page_shows_the_networks_as_cards() {
    on_every_backend(|s| async move {
        let p = s.get("/").await;
        assert_eq!(p.status, StatusCode::OK);
        assert!(p.header("content-type").starts_with("text/html"));
        assert_eq!(p.header("content-language"), "de");
        p.has("<html lang=\"de\">")
            .has("Knotenpunkt verzeichnet Netzwerke")
            .has("href=\"/netzwerke/modellprojekte-smart-cities\"")
            .has("href=\"/netzwerke/ikone-ds\"")
            .has("<a href=\"/organisationen/kaiserslautern\">Kaiserslautern</a>")
            .has("<dt>Mitglieder</dt><dd>73</dd>")
            .has("<dt>Mitglieder</dt><dd>12</dd>")
            .has("<main id=\"inhalt\"")
            .has("href=\"#inhalt\"");
        assert_eq!(p.body.matches("class=\"card\"").count(), 2);
        let list = s.get("/netzwerke").await;
        assert_eq!(list.status, StatusCode::OK);
        list.has("<h1>Netzwerke</h1>")
            .has("aria-current=\"page\"")
            .lacks("Knotenpunkt verzeichnet");
        s.stop().await;
    })
    .await;
}

#[tokio::test]
async fn network_page_groups_members_by_cohort_and_draws_growth() {
    on_every_backend(|s| async move {
        let demo = demo();
        let p = s.get("/netzwerke/modellprojekte-smart-cities").await;
        assert_eq!(p.status, StatusCode::OK);
        p.has("<h1>Modellprojekte Smart Cities</h1>")
            .has("href=\"/netzwerke\" aria-current=\"true\"")
            .has("Staffel 1 (2019)")
            .has("Staffel 2 (2020)")
            .has("Gemeinsam aus der Krise: Raum für Zukunft")
            .has("<svg role=\"img\" aria-labelledby=\"chart-title chart-desc\"")
            .has("<title id=\"chart-title\">")
            .has("<desc id=\"chart-desc\">")
            .has("<details class=\"data\">")
            .has("<abbr class=\"badge\" title=\"Rheinland-Pfalz\">RP</abbr>")
            .has("Mitglieder nach Bundesland")
            // Every membership here has its own date: no estimate to explain.
            .lacks("Mitglieder ohne eigenes Beitrittsdatum");
        // Exactly the 13 of the first round, each linked, in its section.
        let first: Vec<&Value> = demo["memberships"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|m| m["cohort"] == "staffel-1")
            .collect();
        assert_eq!(first.len(), 13);
        let section = p.between("Staffel 1 (2019)", "Staffel 2 (2020)");
        assert_eq!(section.matches("<li>").count(), 13, "{section}");
        for m in first {
            let slug = m["organization"].as_str().unwrap();
            let name = escaped(&name_of(&demo, slug));
            assert!(
                section.contains(&format!("<a href=\"/organisationen/{slug}\">{name}</a>")),
                "{name} missing in Staffel 1:\n{section}"
            );
        }
        // The line of named members steps up three times; no figures here.
        let svg = p.between("<svg role=\"img\"", "</svg>");
        assert!(svg.contains("class=\"line\" d=\"M"), "{svg}");
        assert!(!svg.contains("class=\"mark\""), "{svg}");
        for year in ["2019", "2021", "2024"] {
            assert!(
                svg.contains(&format!(">{year}</text>")),
                "{year} axis label"
            );
        }
        assert!(svg.contains(">73</text>"), "line ends at 73");

        let p = s.get("/netzwerke/ikone-ds").await;
        assert_eq!(p.status, StatusCode::OK);
        p.has("<a href=\"/organisationen/kaiserslautern\">Kaiserslautern</a>")
            .has("<time datetime=\"2019-04\">April 2019</time>")
            .has("7 Mitglieder ohne bekanntes Beitrittsdatum sind nicht in der Linie enthalten")
            .has("mehr als 30")
            .has("mdi.rlp.de: mehr als 30 Mitglieder (November 2024)")
            .has("<strong>Koordination</strong>")
            .lacks("Staffel 1");
        let svg = p.between("<svg role=\"img\"", "</svg>");
        assert_eq!(svg.matches("class=\"mark\"").count(), 2, "{svg}");
        assert!(svg.contains(">29</text>") && svg.contains(">mehr als 30</text>"));
        let table = p.between("<details class=\"data\">", "</details>");
        assert_eq!(
            table.matches("<tr>").count(),
            4,
            "header + 1 step + 2 figures"
        );
        s.stop().await;
    })
    .await;
}

#[tokio::test]
async fn organisation_list_filters_and_pages() {
    on_every_backend(|s| async move {
        let demo = demo();
        let orgs = demo["organizations"].as_array().unwrap();
        let p = s.get("/organisationen").await;
        assert_eq!(p.status, StatusCode::OK);
        p.has(&format!("{} Organisationen gefunden", orgs.len()))
            .has("<label for=\"f-state\">Bundesland</label>")
            .has("<label for=\"f-kind\">Art</label>")
            .has("<label for=\"f-q\">Name enthält</label>")
            .has("<button type=\"submit\">Filtern</button>")
            .has("Seite 1 von 3")
            .has("href=\"/organisationen?page=2\" rel=\"next\"");
        assert_eq!(p.body.matches("<tr>").count(), 51, "50 rows and a header");

        let p = s.get("/organisationen?page=3").await;
        assert_eq!(p.status, StatusCode::OK);
        p.has("Seite 3 von 3")
            .has("href=\"/organisationen?page=2\" rel=\"prev\"");
        assert_eq!(p.body.matches("<tr>").count(), orgs.len() - 100 + 1);

        let in_rp = orgs
            .iter()
            .filter(|o| o["states"].as_array().unwrap().iter().any(|s| s == "RP"))
            .count();
        let p = s.get("/organisationen?state=RP&kind=&q=").await;
        assert_eq!(p.status, StatusCode::OK);
        p.has(&format!("{in_rp} Organisationen gefunden"))
            .has("<option value=\"RP\" selected>Rheinland-Pfalz</option>")
            .has(">Kaiserslautern</a>")
            .has(">Landkreis Kusel</a>")
            .lacks(">Ulm</a>")
            .has("Filter zurücksetzen");
        let rows = p.between("<tbody>", "</tbody>");
        assert_eq!(rows.matches("<tr>").count(), in_rp);
        assert_eq!(
            rows.matches("title=\"Rheinland-Pfalz\">RP</abbr>").count(),
            in_rp
        );

        let p = s.get("/organisationen?state=RP&kind=county&q=kus").await;
        p.has("1 Organisation gefunden")
            .has(">Landkreis Kusel</a>")
            .has("value=\"kus\"");
        let p = s.get("/organisationen?q=gibt+es+nicht").await;
        p.has("Keine Organisation gefunden")
            .has("Keine Organisation passt zu diesem Filter");

        let bad = s.get("/organisationen?state=XX&kind=burg").await;
        assert_eq!(bad.status, StatusCode::BAD_REQUEST);
        bad.has("role=\"alert\"")
            .has("„XX“ ist kein Bundesland")
            .has("„burg“ ist keine bekannte Art")
            .has("<form class=\"filter\"")
            .lacks("gefunden</h2>");
        let bad = s.get("/organisationen?page=zwei").await;
        assert_eq!(bad.status, StatusCode::BAD_REQUEST);
        bad.has("„zwei“ ist keine gültige Seitenzahl");
        let beyond = s.get("/organisationen?page=9").await;
        assert_eq!(beyond.status, StatusCode::NOT_FOUND);
        beyond
            .has("Seite 9 gibt es nicht; die Liste hat 3 Seiten.")
            .has("Zur ersten Seite");
        s.stop().await;
    })
    .await;
}

#[tokio::test]
async fn organisation_page_shows_networks_cooperations_and_parts() {
    on_every_backend(|s| async move {
        let p = s.get("/organisationen/kaiserslautern").await;
        assert_eq!(p.status, StatusCode::OK);
        p.has("<h1>Kaiserslautern</h1>")
            .has("<a href=\"/netzwerke/ikone-ds\">")
            .has("<a href=\"/netzwerke/modellprojekte-smart-cities\">")
            .has("<td>Koordination</td>")
            .has("<td>Staffel 1 (2019)</td>")
            .has("<h3>Smart City Living Lab</h3>")
            .has(">Deutsches Forschungszentrum für Künstliche Intelligenz (DFKI)</a>")
            .has(">Tegel Projekt GmbH</a>")
            .has("<time datetime=\"2020\">2020</time>")
            .has("Quelle:");
        let p = s.get("/organisationen/dfki").await;
        p.has("mindestens monatlich")
            .has("<a href=\"/organisationen/metropolregion-rhein-neckar-gmbh\">")
            .has("Diese Organisation ist in keinem Netzwerk");
        let p = s.get("/organisationen/connected-urban-twins").await;
        p.has("<h2 id=\"teile\">Besteht aus</h2>")
            .has("<a href=\"/organisationen/hamburg\">Hamburg</a>")
            .has("<a href=\"/organisationen/muenchen\">München</a>")
            .has("<dt>Bundesländer</dt>")
            .has("Hamburg, Sachsen, Bayern");
        let p = s.get("/organisationen/leipzig").await;
        p.has("<h2 id=\"teil-von\">Teil von</h2>")
            .has("<a href=\"/organisationen/connected-urban-twins\">");

        // Optional facts appear when they are known.
        s.dir
            .create_organization(&Organization {
                slug: "musterstadt".parse().unwrap(),
                name: "Musterstadt <am See>".into(),
                kind: OrgKind::Municipality,
                states: vec![State::RP],
                ags: Some("07312000".parse().unwrap()),
                population: Some(99_845),
                website: Some("https://www.example.org/".into()),
                parts: vec![],
                source: None,
            })
            .await
            .unwrap();
        let p = s.get("/organisationen/musterstadt").await;
        assert_eq!(p.status, StatusCode::OK);
        p.has("<h1>Musterstadt &#60;am See&#62;</h1>")
            .has("<dd>07312000</dd>")
            .has("<dd>99.845</dd>")
            .has("rel=\"external noopener noreferrer\"")
            .lacks("<am See>");
        let p = s.get("/organisationen/musterstadt?lang=en").await;
        p.has("<dd>99,845</dd>");
        s.stop().await;
    })
    .await;
}

#[tokio::test]
async fn unknown_and_malformed_addresses_get_the_404_page() {
    on_every_backend(|s| async move {
        for path in [
            "/netzwerke/gibt-es-nicht",
            "/organisationen/gibt-es-nicht",
            "/organisationen/Bad%20Slug",
            "/netzwerke/--",
            "/irgendwo/anders",
        ] {
            let p = s.get(path).await;
            assert_eq!(p.status, StatusCode::NOT_FOUND, "{path}");
            p.has("<h1>Seite nicht gefunden</h1>")
                .has("<main id=\"inhalt\"")
                .has("<nav class=\"site-nav\"");
        }
        let p = s.get_with("/nix", &[("accept-language", "en")]).await;
        assert_eq!(p.status, StatusCode::NOT_FOUND);
        p.has("<h1>Page not found</h1>");
        s.stop().await;
    })
    .await;
}

#[tokio::test]
async fn language_follows_the_parameter_then_the_browser() {
    on_every_backend(|s| async move {
        let p = s.get("/netzwerke/ikone-ds?lang=en").await;
        assert_eq!(p.status, StatusCode::OK);
        assert_eq!(p.header("content-language"), "en");
        p.has("<html lang=\"en\">")
            .has("Members by state")
            .has("7 members without a known joining date are not included in the line.")
            .has("more than 30")
            .has("<a href=\"/organisationen/kaiserslautern?lang=en\">")
            .has("href=\"/netzwerke/ikone-ds?lang=de\" hreflang=\"de\" lang=\"de\">Deutsch</a>")
            .lacks("Mitglieder nach Bundesland");

        let p = s
            .get_with("/", &[("accept-language", "en-GB,en;q=0.9,de;q=0.5")])
            .await;
        assert!(
            p.header("vary")
                .to_ascii_lowercase()
                .contains("accept-language")
        );
        p.has("<html lang=\"en\">")
            .has("href=\"/netzwerke/ikone-ds\"")
            .has("href=\"/?lang=de\"");
        let p = s.get_with("/?lang=de", &[("accept-language", "en")]).await;
        p.has("<html lang=\"de\">")
            .has("href=\"/netzwerke/ikone-ds?lang=de\"");

        // The filter form carries the choice; the switch keeps the filter.
        let p = s.get("/organisationen?state=RP&lang=en").await;
        p.has("<input type=\"hidden\" name=\"lang\" value=\"en\">")
            .has("<option value=\"RP\" selected>Rhineland-Palatinate</option>")
            .has("href=\"/organisationen?state=RP&#38;lang=de\"");
        s.stop().await;
    })
    .await;
}

#[tokio::test]
async fn stylesheet_is_embedded_and_cached() {
    on_every_backend(|s| async move {
        let page = s.get("/").await;
        let href = page
            .between("<link rel=\"stylesheet\" href=\"", "\">")
            .trim_start_matches("<link rel=\"stylesheet\" href=\"")
            .replace("&#61;", "=")
            .to_owned();
        assert!(href.starts_with("/static/style.css?v="), "{href}");
        let css = s.get(&href).await;
        assert_eq!(css.status, StatusCode::OK);
        assert!(css.header("content-type").starts_with("text/css"));
        assert!(css.header("cache-control").contains("immutable"));
        assert!(css.body.contains(":focus-visible"));
        let bare = s.get("/static/style.css").await;
        assert!(bare.header("cache-control").contains("max-age=3600"));
        let etag = bare.header("etag").to_owned();
        assert!(etag.starts_with('"'));
        let again = s
            .get_with("/static/style.css", &[("if-none-match", etag.as_str())])
            .await;
        assert_eq!(again.status, StatusCode::NOT_MODIFIED);
        assert!(again.body.is_empty());
        s.stop().await;
    })
    .await;
}

#[tokio::test]
async fn pages_load_nothing_from_other_hosts_and_set_no_cookies() {
    on_every_backend(|s| async move {
        for path in [
            "/",
            "/netzwerke",
            "/netzwerke/modellprojekte-smart-cities",
            "/netzwerke/ikone-ds",
            "/organisationen",
            "/organisationen?state=RP",
            "/organisationen?state=XX",
            "/organisationen/kaiserslautern",
            "/organisationen/connected-urban-twins",
            "/gibt-es-nicht",
        ] {
            let p = s.get(path).await;
            assert!(p.headers.get("set-cookie").is_none(), "{path}");
            for attr in ["src=", "href=", "action="] {
                for scheme in ["\"http://", "\"https://", "\"//"] {
                    let bad = format!("{attr}{scheme}");
                    assert!(!p.body.contains(&bad), "{path} has {bad}");
                }
            }
            assert!(!p.body.contains("<script"), "{path} has a script");
            assert!(!p.body.contains(" style="), "{path} has inline style");
            assert!(!p.body.contains("<style"), "{path} has a style element");
            // Headings start at h1 and never skip a level.
            let mut level = 0;
            for (i, _) in p.body.match_indices("<h") {
                let Some(d) = p.body[i + 2..].chars().next().and_then(|c| c.to_digit(10)) else {
                    continue;
                };
                assert!(d <= level + 1, "{path}: h{d} after h{level}");
                level = d;
            }
            assert!(level >= 1, "{path} has no heading");
        }
        s.stop().await;
    })
    .await;
}

#[tokio::test]
async fn a_failing_database_gives_a_plain_500_page() {
    on_every_backend(|s| async move {
        s.dir.store().close().await;
        let p = s.get("/netzwerke/ikone-ds").await;
        assert_eq!(p.status, StatusCode::INTERNAL_SERVER_ERROR);
        p.has("<h1>Ein Fehler ist aufgetreten</h1>")
            .has("<main id=\"inhalt\"")
            .lacks("pool")
            .lacks("sqlx")
            .lacks("closed");
        let p = s.get("/organisationen?lang=en").await;
        assert_eq!(p.status, StatusCode::INTERNAL_SERVER_ERROR);
        p.has("<h1>Something went wrong</h1>");
        s.stop().await;
    })
    .await;
}
