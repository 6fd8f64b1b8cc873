//! The pages over real HTTP: the server runs on an ephemeral port with the
//! demo directory, on SQLite always and on PostgreSQL when
//! KNOTENPUNKT_TEST_DATABASE_URL is set, and every page is fetched as a
//! browser would fetch it.
// Helpers outside #[test] fns are test code too; a failed step should stop
// the test loudly.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use knotenpunkt_app::domain::{OrgKind, Organization, State};
use knotenpunkt_app::{App, Directory, load_demo};
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
        let dir = App::new(db.store.clone()).directory(&App::operator());
        load_demo(dir.app())
            .await
            .unwrap()
            .expect("database was empty");
        let state = AppState::new(dir.app().clone(), WebConfig::default());
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

/// The demo's directory: its public facts and the knowledge exchange's
/// fictional sample organisations.
fn demo() -> Value {
    let mut demo: Value = serde_json::from_str(knotenpunkt_app::DEMO_JSON).unwrap();
    let sample: Value = serde_json::from_str(knotenpunkt_app::DEMO_KNOWLEDGE_JSON).unwrap();
    let orgs = demo["organizations"].as_array_mut().unwrap();
    orgs.extend(sample["organizations"].as_array().unwrap().iter().cloned());
    demo
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
        assert_eq!(p.body.matches("class=\"card\"").count(), 3);
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

// --- meeting series ------------------------------------------------------------

fn slug(s: &str) -> knotenpunkt_app::domain::Slug {
    s.parse().unwrap()
}

/// Headings in order, nothing loaded from elsewhere, no script or inline
/// style; links to other hosts only as marked external links.
fn assert_clean(path: &str, p: &Fetched) {
    assert!(p.headers.get("set-cookie").is_none(), "{path}");
    assert!(!p.body.contains("<script"), "{path} has a script");
    assert!(!p.body.contains(" style="), "{path} has inline style");
    assert!(
        !p.body.contains("src=\"http"),
        "{path} loads from elsewhere"
    );
    for (i, _) in p.body.match_indices("href=\"http") {
        let tag_end = p.body[i..].find('>').unwrap();
        assert!(
            p.body[i..i + tag_end].contains("rel=\"external"),
            "{path}: unmarked external link"
        );
    }
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

#[tokio::test]
async fn network_calendar_lists_upcoming_and_past_meetings() {
    on_every_backend(|s| async move {
        let path = "/netzwerke/modellprojekte-smart-cities/kalender";
        let today = s.dir.app().today();
        let meetings = s
            .dir
            .network_meetings(
                &slug("modellprojekte-smart-cities"),
                knotenpunkt_app::Window::around(today),
            )
            .await
            .unwrap();
        let p = s.get(path).await;
        assert_eq!(p.status, StatusCode::OK);
        assert_clean(path, &p);
        p.has("<title>Termine: Modellprojekte Smart Cities – Knotenpunkt</title>")
            .has("<h1>Termine von Modellprojekte Smart Cities</h1>")
            .has("<nav class=\"breadcrumb\" aria-label=\"Sie sind hier\">")
            .has("<a href=\"/netzwerke/modellprojekte-smart-cities\">Modellprojekte Smart Cities</a>")
            .has("<span aria-current=\"page\">Kalender</span>")
            .has("href=\"/kalender/netzwerke/modellprojekte-smart-cities.ics\"")
            .has("href=\"/kalender/reihen/monatstreffen-staffel-1.ics\"")
            .has("href=\"/kalender/reihen/after-work-lounge.ics\"")
            .has("<a href=\"/reihen/monatstreffen-staffel-1\">Monatstreffen der Modellprojekte (Staffel 1)</a>")
            .has("<a href=\"/reihen/after-work-lounge\">After Work Lounge</a>")
            .has("am letzten Donnerstag jedes Monats")
            .has("<h2 id=\"naechste\">Nächste Termine</h2>")
            .has("<h2 id=\"vergangene\">Vergangene Termine</h2>")
            .lacks("ikone-ds-stammtisch");

        // Upcoming in order from today, past the most recent first.
        let upcoming: Vec<_> = meetings
            .iter()
            .filter(|m| m.start.date_naive() >= today)
            .collect();
        let past: Vec<_> = meetings
            .iter()
            .filter(|m| m.start.date_naive() < today)
            .collect();
        assert!(!upcoming.is_empty() && !past.is_empty());
        let href = |m: &knotenpunkt_app::Meeting| format!("href=\"/reihen/{}/{}\"", m.series, m.date);
        let section = p.between("id=\"naechste\"", "id=\"vergangene\"");
        assert_eq!(section.matches("<tr class=\"is-").count(), upcoming.len());
        let first = section.find(&href(upcoming[0])).unwrap();
        let second = section.find(&href(upcoming[1])).unwrap();
        assert!(first < second, "upcoming in order");
        let section = p.between("id=\"vergangene\"", "</main>");
        assert_eq!(section.matches("<tr class=\"is-").count(), past.len());
        let latest = section.find(&href(past[past.len() - 1])).unwrap();
        let earlier = section.find(&href(past[0])).unwrap();
        assert!(latest < earlier, "past most recent first");

        // A monthly meeting shows date, local time and its host.
        let m = upcoming
            .iter()
            .find(|m| m.series.as_str() == "monatstreffen-staffel-1")
            .unwrap();
        let host = m.host.as_ref().unwrap();
        let row = p.between(&href(m), "</tr>");
        assert!(row.contains(&format!("datetime=\"{}\"", m.start.to_rfc3339())), "{row}");
        assert!(row.contains(", 16:00–17:30</time>"), "{row}");
        assert!(row.contains(&format!("<a href=\"/organisationen/{}\">", host.slug)), "{row}");
        let weekday = p.between(&href(m), "</time>");
        assert!(weekday.contains(">Do., "), "{weekday}");

        // The lounge's Christmas break, while it is in the window.
        let christmas = chrono::NaiveDate::from_ymd_opt(2026, 12, 23).unwrap();
        if (today - christmas).num_days().abs() < 170 {
            let row = p.between("href=\"/reihen/after-work-lounge/2026-12-23\"", "</tr>");
            assert!(
                row.contains("abgesagt: <span lang=\"de\">Weihnachtspause (Beispieldaten)</span>"),
                "{row}"
            );
        }

        let p = s.get(&format!("{path}?lang=en")).await;
        assert_eq!(p.status, StatusCode::OK);
        p.has("<h1>Meetings of Modellprojekte Smart Cities</h1>")
            .has("Upcoming meetings")
            .has("on the last Thursday of every month")
            .has("href=\"/reihen/monatstreffen-staffel-1?lang=en\"")
            .has(">Thu, ")
            .lacks("Nächste Termine");

        // The network page points to its calendar with the next meeting.
        let p = s.get("/netzwerke/modellprojekte-smart-cities").await;
        p.has("<h2 id=\"termine\">Termine</h2>")
            .has("<a href=\"/netzwerke/modellprojekte-smart-cities/kalender\">Alle Termine im Kalender von Modellprojekte Smart Cities</a>")
            .has("Nächster Termin:");
        let p = s.get("/netzwerke/ikone-ds/kalender").await;
        assert_eq!(p.status, StatusCode::OK);
        p.has("IKONE DS Netzwerktreffen")
            .has("Digitaler Stammtisch IKONE DS")
            .has("alle 2 Monate am ersten Donnerstag")
            .lacks("After Work Lounge");
        s.stop().await;
    })
    .await;
}

#[tokio::test]
async fn series_page_shows_rhythm_hosting_and_meetings() {
    on_every_backend(|s| async move {
        let path = "/reihen/monatstreffen-staffel-1";
        let p = s.get(path).await;
        assert_eq!(p.status, StatusCode::OK);
        assert_clean(path, &p);
        p.has("<title>Monatstreffen der Modellprojekte (Staffel 1) – Knotenpunkt</title>")
            .has("<h1>Monatstreffen der Modellprojekte (Staffel 1)</h1>")
            .has("Die 13 Modellprojekte der Staffel 1")
            .has("<dd>am letzten Donnerstag jedes Monats</dd>")
            .has("<code>FREQ=MONTHLY;BYDAY=-1TH</code>")
            .has("<dd>16:00–17:30 Uhr</dd>")
            .has("<dd>90 Minuten</dd>")
            .has("<dd>Europe/Berlin</dd>")
            .has("<time datetime=\"2020-01-30T16:00\">Do., 30.01.2020, 16:00</time>")
            .has("findet er eine Woche früher am selben Wochentag statt")
            .has("Reihum (alphabetisch)")
            .has("<a href=\"https://video.example.org/monatstreffen-staffel-1\" rel=\"external noopener noreferrer\">")
            .has("<a href=\"/netzwerke/modellprojekte-smart-cities\">Modellprojekte Smart Cities</a>")
            .has("<a href=\"/netzwerke/modellprojekte-smart-cities/kalender\">Kalender</a>")
            .has("href=\"/kalender/reihen/monatstreffen-staffel-1.ics\"")
            .has("<h2 id=\"naechste\">Nächste Termine</h2>")
            .lacks("Hinweise für die Koordination");
        let rotation = p.between("<ol class=\"rotation\"", "</ol>");
        assert_eq!(rotation.matches("<li>").count(), 13, "{rotation}");
        let schedule = s
            .dir
            .series_schedule(
                &slug("monatstreffen-staffel-1"),
                knotenpunkt_app::Window::around(s.dir.app().today()),
            )
            .await
            .unwrap();
        for o in &schedule.rotation {
            assert!(rotation.contains(&format!("<a href=\"/organisationen/{}\">", o.slug)));
        }

        let p = s.get(&format!("{path}?lang=en")).await;
        p.has("<dd>on the last Thursday of every month</dd>")
            .has("<dd>90 minutes</dd>")
            .has("takes place one week earlier")
            .has("In turn (alphabetically)")
            .has("<h2 id=\"naechste\">Upcoming meetings</h2>");

        let p = s.get("/reihen/ikone-ds-netzwerktreffen").await;
        p.has("<h3 id=\"reihenfolge\">Reihenfolge der Gastgeber</h3>")
            .has("<ol class=\"rotation\"")
            .has("<dd>alle 2 Monate am ersten Donnerstag</dd>")
            .has("am nächsten Werktag");
        // Join order: the five founding members of April 2019 first (ties by slug),
        // then the members whose joining date the sources do not give.
        let order: Vec<usize> = ["andernach", "speyer", "zweibruecken", "bad-kreuznach"]
            .iter()
            .map(|o| p.body.find(&format!("<li><a href=\"/organisationen/{o}\">")).unwrap())
            .collect();
        assert!(order.windows(2).all(|w| w[0] < w[1]), "{order:?}");
        let p = s.get("/reihen/ikone-ds-stammtisch").await;
        assert_eq!(p.status, StatusCode::OK);
        p.has("<a href=\"/organisationen/kaiserslautern\">Kaiserslautern</a> richtet jedes Treffen aus")
            .has("<dd>am dritten Mittwoch jedes Monats</dd>")
            .has("<dd>60 Minuten</dd>")
            .has("entfällt er")
            .lacks("<ol class=\"rotation\"");
        let p = s.get("/reihen/after-work-lounge").await;
        p.has("Kein Gastgeber: alle treffen sich gemeinsam.")
            .has("<dd>jeden Mittwoch</dd>")
            .has("<dd>17:30–19:00 Uhr</dd>");
        let p = s.get("/reihen/dfki-mrn-austausch").await;
        assert_eq!(p.status, StatusCode::OK);
        assert_clean("/reihen/dfki-mrn-austausch", &p);
        p.has("<dt>Kooperation</dt>")
            .has("<a href=\"/organisationen/dfki\">")
            .has("<a href=\"/organisationen/metropolregion-rhein-neckar-gmbh\">")
            .has("<dd>am zweiten Dienstag jedes Monats</dd>")
            .lacks("/kalender\">Kalender</a>");
        s.stop().await;
    })
    .await;
}

#[tokio::test]
async fn meeting_page_shows_move_host_agenda_minutes_and_attendance() {
    on_every_backend(|s| async move {
        let series = slug("monatstreffen-staffel-1");
        let may = chrono::NaiveDate::from_ymd_opt(2025, 5, 29).unwrap();
        let detail = s.dir.meeting(&series, may).await.unwrap();
        let host = detail.meeting.host.clone().unwrap();
        let path = "/reihen/monatstreffen-staffel-1/2025-05-29";
        let p = s.get(path).await;
        assert_eq!(p.status, StatusCode::OK);
        assert_clean(path, &p);
        p.has("<title>Monatstreffen der Modellprojekte (Staffel 1), Do., 22.05.2025 – Knotenpunkt</title>")
            .has("<h1>Monatstreffen der Modellprojekte (Staffel 1) am Do., 22.05.2025</h1>")
            .has("<time datetime=\"2025-05-22T16:00:00+02:00\">Do., 22.05.2025, 16:00–17:30</time>")
            .has("verschoben wegen <span lang=\"de\">Christi Himmelfahrt</span>")
            .has("<time datetime=\"2025-05-29\">ursprünglich Do., 29.05.2025</time>")
            .has(&format!(
                "<a href=\"/organisationen/{}\">{}</a>",
                host.slug,
                escaped(&host.name)
            ))
            .has("<li><span lang=\"de\">Die Gastgeberstadt stellt sich und ihre Projekte vor</span></li>")
            .has("Noch kein Protokoll.")
            .has("Für diesen Termin ist keine Anwesenheit erfasst.")
            .has("<a href=\"/reihen/monatstreffen-staffel-1\">Monatstreffen der Modellprojekte (Staffel 1)</a>")
            .has("href=\"/reihen/monatstreffen-staffel-1/2025-04-24\" rel=\"prev\"")
            .has("href=\"/reihen/monatstreffen-staffel-1/2025-06-26\" rel=\"next\"")
            .has("https://video.example.org/monatstreffen-staffel-1");

        let p = s.get(&format!("{path}?lang=en")).await;
        p.has("<h1>Monatstreffen der Modellprojekte (Staffel 1) on Thu, 22 May 2025</h1>")
            .has("moved because of <span lang=\"de\">Christi Himmelfahrt</span>")
            .has("originally Thu, 29 May 2025")
            .has("No minutes yet.");

        // What participants add shows up, escaped, in order.
        s.dir
            .add_agenda_point(
                &series,
                may,
                "Mobilitätsdaten <teilen>",
                Some(&slug("ulm")),
                Some(knotenpunkt_app::domain::Visibility::Public),
            )
            .await
            .unwrap();
        s.dir
            .set_minutes(
                &series,
                may,
                "Zeile eins\nZeile <zwei> & drei",
                Some(knotenpunkt_app::domain::Visibility::Public),
            )
            .await
            .unwrap();
        s.dir
            .set_attendance(&series, may, &[slug("ulm"), slug("kaiserslautern")])
            .await
            .unwrap();
        let p = s.get(path).await;
        let agenda = p.between("<ol class=\"agenda\">", "</ol>");
        assert_eq!(agenda.matches("<li>").count(), 4, "{agenda}");
        assert!(agenda.contains("Mobilitätsdaten &#60;teilen&#62;"), "{agenda}");
        assert!(
            agenda.contains("eingebracht von <a href=\"/organisationen/ulm\">Ulm</a>"),
            "{agenda}"
        );
        p.has("<div class=\"minutes\" lang=\"de\">Zeile eins\nZeile &#60;zwei&#62; &#38; drei</div>")
            .has("2 Organisationen waren dabei.")
            .has("<li><a href=\"/organisationen/kaiserslautern\">Kaiserslautern</a></li>")
            .has("<li><a href=\"/organisationen/ulm\">Ulm</a></li>")
            .lacks("Noch kein Protokoll");

        // A cancelled meeting says so and why.
        let p = s.get("/reihen/after-work-lounge/2026-12-23").await;
        assert_eq!(p.status, StatusCode::OK);
        p.has("Dieser Termin findet nicht statt.")
            .has("abgesagt: <span lang=\"de\">Weihnachtspause (Beispieldaten)</span>")
            .has("kein Gastgeber")
            .lacks("video.example.org");
        let p = s.get("/reihen/ikone-ds-stammtisch/2025-01-15").await;
        assert_eq!(p.status, StatusCode::OK);
        p.has("<a href=\"/organisationen/kaiserslautern\">Kaiserslautern</a>")
            .has("<a href=\"/netzwerke/ikone-ds\">")
            .has("Für diesen Termin ist noch keine Tagesordnung eingetragen.");
        s.stop().await;
    })
    .await;
}

#[tokio::test]
async fn organisation_page_lists_next_turns_as_host() {
    on_every_backend(|s| async move {
        let today = s.dir.app().today();
        let schedule = s
            .dir
            .series_schedule(
                &slug("monatstreffen-staffel-1"),
                knotenpunkt_app::Window::around(today),
            )
            .await
            .unwrap();
        let next = schedule
            .meetings
            .iter()
            .find(|m| m.start.date_naive() >= today && m.host.is_some())
            .unwrap();
        let host = next.host.clone().unwrap();
        let turns = s.dir.host_turns(&host.slug, today, 5).await.unwrap();
        assert!(!turns.is_empty());
        let path = format!("/organisationen/{}", host.slug);
        let p = s.get(&path).await;
        assert_eq!(p.status, StatusCode::OK);
        assert_clean(&path, &p);
        let section = p.between("<h2 id=\"gastgeber\">Nächste Termine als Gastgeber</h2>", "</ul>");
        assert_eq!(section.matches("<li>").count(), turns.len(), "{section}");
        assert!(
            section.contains(&format!("href=\"/reihen/monatstreffen-staffel-1/{}\"", next.date)),
            "{section}"
        );
        assert!(
            section.contains("<a href=\"/reihen/monatstreffen-staffel-1\">Monatstreffen der Modellprojekte (Staffel 1)</a>"),
            "{section}"
        );
        let p = s.get(&format!("{path}?lang=en")).await;
        p.has("<h2 id=\"gastgeber\">Your next turns as host</h2>");

        // Kaiserslautern hosts the Stammtisch every month.
        let p = s.get("/organisationen/kaiserslautern").await;
        p.has("Nächste Termine als Gastgeber")
            .has("href=\"/reihen/ikone-ds-stammtisch\"");

        // Nobody hosts the lounge: a second-round member has no turns.
        let demo = demo();
        let second = demo["memberships"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|m| m["cohort"] == "staffel-2")
            .map(|m| m["organization"].as_str().unwrap().to_owned())
            .find(|o| !demo["memberships"].as_array().unwrap().iter().any(|m| {
                m["organization"] == o.as_str() && m["network"] == "ikone-ds"
            }))
            .unwrap();
        assert!(s.dir.host_turns(&slug(&second), today, 5).await.unwrap().is_empty());
        let p = s.get(&format!("/organisationen/{second}")).await;
        assert_eq!(p.status, StatusCode::OK);
        p.lacks("Nächste Termine als Gastgeber");
        s.stop().await;
    })
    .await;
}

#[tokio::test]
async fn unknown_series_and_dates_get_the_404_page() {
    on_every_backend(|s| async move {
        for path in [
            "/reihen/gibt-es-nicht",
            "/reihen/Bad%20Slug",
            "/reihen/gibt-es-nicht/2025-05-29",
            "/reihen/monatstreffen-staffel-1/2025-05-30",
            "/reihen/monatstreffen-staffel-1/2025-05-22",
            "/reihen/monatstreffen-staffel-1/2025-13-01",
            "/reihen/monatstreffen-staffel-1/2025-02-30",
            "/reihen/monatstreffen-staffel-1/2025-5-29",
            "/reihen/monatstreffen-staffel-1/heute",
            "/reihen/monatstreffen-staffel-1/1999-01-28",
            "/reihen/after-work-lounge/9999-12-29",
            "/reihen/monatstreffen-staffel-1/2025-05-29/mehr",
            "/netzwerke/gibt-es-nicht/kalender",
        ] {
            let p = s.get(path).await;
            assert_eq!(p.status, StatusCode::NOT_FOUND, "{path}");
            p.has("<h1>Seite nicht gefunden</h1>");
        }
        s.stop().await;
    })
    .await;
}
