use crate::interchange::parse_json;
use chrono::NaiveDate;
use knotenpunkt_domain::{ExceptionChange, FieldError, Series, Slug};

use crate::{App, AppError, Directory, ImportError, ImportReport};

/// The demo directory: the public facts of DEMO-FACTS.md, each with its
/// source. Embedded so that `serve --demo` works from the binary alone.
pub const DEMO_JSON: &str = include_str!("../data/demo-directory.json");

/// Loads the demo directory, but only into an empty database: demo data must
/// never mix with real entries.
/// It acts as the operator of the installation ([`App::operator`]).
pub async fn load_demo(app: &App) -> Result<Option<ImportReport>, AppError> {
    let dir = &app.directory(&App::operator());
    if !dir.store().is_empty().await? {
        return Ok(None);
    }
    let file = parse_json("demo-directory.json", DEMO_JSON.as_bytes())?;
    let mut report = dir.import(file).await?;
    report.series = load_demo_series(dir).await?;
    load_demo_lounge(app).await?;
    let knowledge = parse_json("demo-knowledge.json", DEMO_KNOWLEDGE_JSON.as_bytes())?;
    let shared = dir.import(knowledge).await?;
    report.organizations += shared.organizations;
    report.networks += shared.networks;
    report.memberships += shared.memberships;
    report.projects = shared.projects;
    report.experiences = shared.experiences;
    load_demo_funding(app).await?;
    load_demo_events(app).await?;
    load_demo_working_groups(app).await?;
    Ok(Some(report))
}

/// A working group of the fictional sample network, led by its sample
/// organisations. IKONE DS has five working groups, but the public sources
/// name none, so no group is invented for a real network.
async fn load_demo_working_groups(app: &App) -> Result<(), AppError> {
    let group = knotenpunkt_domain::WorkingGroup {
        slug: demo_slug("ag-datenplattform-beispiel")?,
        name: "AG Datenplattform (Beispiel)".into(),
        purpose: Some(
            "Eine ausgedachte Arbeitsgruppe der Beispieldaten: Musterstadt und Beispielhausen \
             bereiten die gemeinsame Datenplattform vor; wer aus dem Netzwerk mitmachen möchte, \
             fragt an."
                .into(),
        ),
        leads: vec![demo_slug("musterstadt-beispiel")?],
        organizations: vec![demo_slug("beispielhausen-beispiel")?],
        open: false,
    };
    app.working_groups(&App::operator())
        .put_group(&demo_slug("beispielnetz")?, &group)
        .await
}

/// A workshop of the fictional sample network four weeks after the demo is
/// loaded, with two of its twelve seats taken by sample people, so that a
/// newcomer sees an event's page filled. No event is invented for a real
/// network.
async fn load_demo_events(app: &App) -> Result<(), AppError> {
    let starts = (app.today() + chrono::Days::new(28))
        .and_hms_opt(9, 30, 0)
        .and_then(|t| {
            chrono::TimeZone::from_local_datetime(&chrono_tz::Europe::Berlin, &t).earliest()
        })
        .map(|t| t.fixed_offset())
        .ok_or_else(|| AppError::Unavailable("demo data: no start for the sample event".into()))?;
    let event = knotenpunkt_domain::Event {
        network: demo_slug("beispielnetz")?,
        title: "Workshop: Gemeinsam Förderanträge schreiben (Beispiel)".into(),
        kind: knotenpunkt_domain::EventKind::Workshop,
        description: Some(
            "Ein ausgedachter Workshop der Beispieldaten: So sieht eine Veranstaltung mit \
             Plätzen und Warteliste aus."
                .into(),
        ),
        starts_at: starts,
        ends_at: starts + chrono::Duration::hours(6),
        online: None,
        address: Some("Rathaus Musterstadt (Beispiel), Sitzungssaal".into()),
        capacity: 12,
        registration_until: None,
        registration: knotenpunkt_domain::Visibility::Network,
        cooperation: None,
        question: Some("Essenswünsche?".into()),
    };
    let events = app.events(&App::operator());
    let id = events.create_event(&event).await?;
    for (name, email) in [
        (
            "Beispielperson Musterstadt",
            "beispiel.musterstadt@example.org",
        ),
        (
            "Beispielperson Beispielhausen",
            "beispiel.beispielhausen@example.org",
        ),
    ] {
        let req = knotenpunkt_domain::RegistrationRequest {
            name: Some(name.into()),
            email: Some(
                email
                    .parse()
                    .map_err(|e: String| AppError::Unavailable(format!("demo data: {e}")))?,
            ),
            answer: None,
        };
        events.register(id, &req).await?;
    }
    Ok(())
}

/// A funding call of the fictional sample network, so that its page and
/// management show the feature filled. It says it is fictional in funder,
/// title and text; its deadline lies three months after the day the demo
/// is loaded, so it is open when a newcomer looks. No call is invented for
/// a real network.
async fn load_demo_funding(app: &App) -> Result<(), AppError> {
    let network: Slug = demo_slug("beispielnetz")?;
    let call = knotenpunkt_domain::FundingCall {
        network: network.clone(),
        slug: demo_slug("beispiel-datenplattformen")?,
        funder: "Beispielministerium (fiktiv)".into(),
        programme: Some("Beispielprogramm Digitale Kommune (fiktiv)".into()),
        title: "Gemeinsame Datenplattformen kleiner Kommunen (Beispiel)".into(),
        link: None,
        deadline: app.today() + chrono::Days::new(90),
        states: Vec::new(),
        kinds: vec![
            knotenpunkt_domain::OrgKind::Municipality,
            knotenpunkt_domain::OrgKind::County,
        ],
        topics: vec![knotenpunkt_domain::FieldOfAction::Data],
        description: Some(
            "Ein ausgedachter Förderaufruf der Beispieldaten: So sieht ein erfasster Aufruf aus."
                .into(),
        ),
    };
    let funding = app.funding(&App::operator());
    funding.create_call(&network, &call).await?;
    // A joint application of the fictional sample organisations that
    // answers it, with one task done and one open, so that a newcomer sees
    // the pipeline and an application's page filled.
    let application = knotenpunkt_domain::JointApplication {
        network: network.clone(),
        slug: demo_slug("gemeinsame-datenplattform-beispiel")?,
        title: "Gemeinsame Datenplattform (Beispiel)".into(),
        lead: demo_slug("musterstadt-beispiel")?,
        partners: vec![
            demo_slug("beispielhausen-beispiel")?,
            demo_slug("landkreis-musterland-beispiel")?,
        ],
        call: Some(call.slug.clone()),
        cooperation: None,
        status: knotenpunkt_domain::ApplicationStatus::Preparing,
        status_on: None,
        description: Some(
            "Ein ausgedachter gemeinsamer Antrag der Beispieldaten: Musterstadt stellt ihn, \
             Beispielhausen und der Landkreis Musterland machen mit."
                .into(),
        ),
        visibility: knotenpunkt_domain::Visibility::Network,
    };
    funding.create_application(&network, &application).await?;
    for (organization, title, days, done) in [
        (
            "beispielhausen-beispiel",
            "Letter of Intent des Gemeinderats (Beispiel)",
            30,
            true,
        ),
        (
            "landkreis-musterland-beispiel",
            "Kostenplan des Landkreises (Beispiel)",
            60,
            false,
        ),
    ] {
        let task = knotenpunkt_domain::ApplicationTask {
            organization: demo_slug(organization)?,
            title: title.into(),
            due: Some(app.today() + chrono::Days::new(days)),
            done,
        };
        funding.add_task(&network, &application.slug, &task).await?;
    }
    Ok(())
}

fn demo_slug(s: &str) -> Result<Slug, AppError> {
    s.parse()
        .map_err(|e: String| AppError::Unavailable(format!("demo data: {e}")))
}

/// Projects and experiences of the knowledge exchange (issue 13). The
/// projects of real organisations are public descriptions with their
/// source, as the directory's facts are; every lesson learned belongs to a
/// clearly fictional sample organisation ("Musterstadt (Beispiel)") in a
/// fictional sample network, and says so in its text and its source. No
/// experience is invented for a real city.
pub const DEMO_KNOWLEDGE_JSON: &str = include_str!("../data/demo-knowledge.json");

/// Sample evenings of the demo's After Work Lounge (issue 12), so that a
/// newcomer sees its pages filled. Clearly sample data: the file says so,
/// every participant is a "Beispielperson" of a real Staffel 1 or 2
/// project, and each evening is recorded as sample data, which the evening's
/// page, the coverage page and the organisations' pages show; who met whom
/// is drawn by the engine, as on a real evening.
pub const DEMO_LOUNGE_JSON: &str = include_str!("../data/demo-lounge.json");

#[derive(serde::Deserialize)]
struct DemoLounge {
    series: Slug,
    settings: knotenpunkt_domain::LoungeSettings,
    evenings: Vec<DemoEvening>,
}

#[derive(serde::Deserialize)]
struct DemoEvening {
    date: NaiveDate,
    rounds: u32,
    participants: Vec<DemoParticipant>,
}

#[derive(serde::Deserialize)]
struct DemoParticipant {
    organization: Slug,
    name: String,
}

async fn load_demo_lounge(app: &App) -> Result<(), AppError> {
    let file: DemoLounge = serde_json::from_str(DEMO_LOUNGE_JSON).map_err(|e| {
        AppError::Import(ImportError {
            file: "demo-lounge.json".into(),
            line: Some(e.line()),
            field: None,
            message: e.to_string(),
        })
    })?;
    let lounge = app.lounge(&App::operator());
    lounge
        .set_settings(&file.series, Some(&file.settings))
        .await?;
    for evening in &file.evenings {
        for p in &evening.participants {
            lounge
                .check_in(
                    &file.series,
                    evening.date,
                    &crate::CheckIn {
                        person: None,
                        organization: Some(p.organization.clone()),
                        name: Some(p.name.clone()),
                    },
                )
                .await?;
        }
        for round in 1..=evening.rounds {
            lounge
                .draw(
                    &file.series,
                    evening.date,
                    &crate::DrawRequest {
                        round: Some(round),
                        ..Default::default()
                    },
                )
                .await?;
        }
        lounge.mark_sample(&file.series, evening.date).await?;
    }
    Ok(())
}

/// The demo's meeting series (issue 4). The meetings, their rhythm and the
/// rotation of the model projects are described in the source text
/// (DEMO-FACTS.md, "Meetings described in the source text"); times of day,
/// the IKONE DS rhythm, video links and the cancellations are not given
/// there and each description says so. The DFKI–MRN exchange belongs to a
/// cooperation, whose id is only known after import: the file's
/// `"cooperation": 0` is replaced by it.
pub const DEMO_SERIES_JSON: &str = include_str!("../data/demo-series.json");

async fn load_demo_series(dir: &Directory) -> Result<usize, AppError> {
    let mut series: Vec<Series> = serde_json::from_str(DEMO_SERIES_JSON).map_err(|e| {
        AppError::Import(ImportError {
            file: "demo-series.json".into(),
            line: Some(e.line()),
            field: None,
            message: e.to_string(),
        })
    })?;
    let dfki: Slug = "dfki"
        .parse()
        .map_err(|e: String| AppError::Invalid(vec![FieldError::new("organization", e)]))?;
    let dfki_mrn = dir
        .cooperations(Some(&dfki))
        .await?
        .into_iter()
        .find(|k| {
            k.value
                .partners
                .iter()
                .any(|p| p.as_str() == "metropolregion-rhein-neckar-gmbh")
        })
        .map(|k| k.id);
    series.retain_mut(|s| match s.cooperation {
        Some(_) => {
            s.cooperation = dfki_mrn;
            dfki_mrn.is_some()
        }
        None => true,
    });
    for s in &series {
        dir.create_series(s).await?;
    }
    if let Some(lounge) = series
        .iter()
        .find(|s| s.slug.as_str() == "after-work-lounge")
    {
        for day in [23, 30] {
            if let Some(date) = NaiveDate::from_ymd_opt(2026, 12, day) {
                dir.set_exception(
                    &lounge.slug,
                    date,
                    ExceptionChange::Cancel {
                        note: Some("Weihnachtspause (Beispieldaten)".into()),
                    },
                )
                .await?;
            }
        }
    }
    Ok(series.len())
}
