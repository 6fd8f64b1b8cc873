//! The search page over HTTP on every backend: the box in every page's
//! header, results with the matched words marked and links to the pages,
//! facets that narrow and widen, paging, German and English, bad input
//! said on the page, and a change found by the next search.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::on_every_backend;
use knotenpunkt_app::App;
use knotenpunkt_app::domain::Visibility;
use knotenpunkt_web::WebConfig;
use reqwest::StatusCode;

#[tokio::test]
async fn searching_as_people_do() {
    on_every_backend(WebConfig::default(), |s| async move {
        // The header of every page has the box.
        for path in ["/", "/organisationen", "/netzwerke"] {
            s.get(path, None)
                .await
                .has(r#"action="/suche" role="search""#)
                .has(r#"<label for="site-q""#);
        }

        // An empty search shows the form only.
        let page = s.get("/suche", None).await;
        assert_eq!(page.status, StatusCode::OK);
        page.has("<h1>Suche</h1>")
            .has(r#"id="search-q""#)
            .lacks("Treffer");

        // German forms of words: the folded spelling finds the city.
        let page = s.get("/suche?q=Kaiserslautern", None).await;
        assert_eq!(page.status, StatusCode::OK);
        page.has(r#"<a href="/organisationen/kaiserslautern">"#)
            .has("Treffer für „Kaiserslautern“")
            .has(r#"<span class="badge">Organisation</span>"#)
            .has(r#"value="Kaiserslautern""#);

        // Facets narrow, and a chosen one widens again.
        let page = s.get("/suche?q=Rheinland-Pfalz", None).await;
        page.has("<h3>Art</h3>");
        let narrowed = page.between("<h3>Art</h3>", "</ul>").to_owned();
        assert!(narrowed.contains("kind=organization"), "{narrowed}");
        let page = s
            .get("/suche?q=Rheinland-Pfalz&kind=organization", None)
            .await;
        page.has(r#"aria-current="true" class="facet-chosen""#);

        // A network facet shows the network's name.
        let page = s.get("/suche?q=Netzwerktreffen", None).await;
        let facet = page.between("<h3>Netzwerk</h3>", "</ul>");
        assert!(facet.contains("IKONE DS"), "{facet}");

        // Pages of ten, with links that keep the search.
        let page = s
            .get("/suche?q=Rheinland-Pfalz&kind=organization", None)
            .await;
        page.has(r#"rel="next""#).has("page=2");
        let second = s
            .get("/suche?q=Rheinland-Pfalz&kind=organization&page=2", None)
            .await;
        assert_eq!(second.status, StatusCode::OK);
        second.has(r#"rel="prev""#);

        // English.
        s.get("/suche?q=Kaiserslautern&lang=en", None)
            .await
            .has("<h1>Search</h1>")
            .has("results for “Kaiserslautern”")
            .has(r#"<input type="hidden" name="lang" value="en">"#);

        // Bad input is said on the page, and nothing breaks.
        let long = "x".repeat(501);
        let page = s.get(&format!("/suche?q={long}"), None).await;
        assert_eq!(page.status, StatusCode::BAD_REQUEST);
        page.has("höchstens 500 Zeichen");
        let page = s.get("/suche?q=x&page=null", None).await;
        assert_eq!(page.status, StatusCode::BAD_REQUEST);
        page.has("„null“ ist keine gültige Seitenzahl");
        let page = s.get("/suche?q=x&kind=burg", None).await;
        assert_eq!(page.status, StatusCode::BAD_REQUEST);
        page.has("„burg“ ist keine bekannte Art");
        let page = s
            .get("/suche?q=%3Cscript%3Ealert(1)%3C/script%3E", None)
            .await;
        assert_eq!(page.status, StatusCode::OK);
        page.lacks("<script>alert(1)")
            .has("„&#60;script&#62;alert(1)");

        // A public agenda point written now is found by the next search,
        // its words marked in the snippet.
        let series = "monatstreffen-staffel-1".parse().unwrap();
        let date = s
            .dir
            .unrestricted()
            .series_schedule(
                &series,
                knotenpunkt_app::Window::around(s.dir.app().today()),
            )
            .await
            .unwrap()
            .meetings[0]
            .date;
        s.dir
            .for_actor(&App::operator())
            .add_agenda_point(
                &series,
                date,
                "Erfahrungen mit Füllstandssensoren an Altglascontainern",
                None,
                Some(Visibility::Public),
            )
            .await
            .unwrap();
        let page = s.get("/suche?q=Sensor", None).await;
        page.has("<mark>Füllstandssensoren</mark>")
            .has(&format!(r#"href="/reihen/monatstreffen-staffel-1/{date}""#))
            .has("Tagesordnungspunkt");
        s.stop().await;
    })
    .await;
}
