//! The directory's file format, for `import`, `export` and the demo data.
//!
//! JSON is one document with a list per entity; CSV is one file per entity
//! (`organizations.csv`, `networks.csv`, `network_figures.csv`, `cohorts.csv`,
//! `memberships.csv`, `cooperations.csv`). Entities refer to each other by
//! slug, so an export loads into any database and means the same thing.
//!
//! The knowledge exchange's `projects` and `experiences` travel in the JSON
//! form only: their contact people, links and long Markdown texts do not fit
//! flat cells, so CSV stays the directory's format. A CSV export leaves them
//! out, and a `projects.csv` or `experiences.csv` is refused with a pointer
//! to JSON.
//!
//! The work of a network travels in the JSON form too, for the same reason:
//! `working_groups` (each with its `network`), `funding_calls`,
//! `applications` (each with its `history` of status steps and its
//! `tasks`) and `events` (with `closed` when registration was closed).
//! What people did — who joined a group, who registered for an event — is
//! personal data of accounts the file does not carry, and stays out. An
//! application or event names the cooperation it comes from by its place
//! in the file's `cooperations` list (1 for the first), since cooperations have
//! no key of their own that survives a move to another database.
//!
//! Parsing keeps the line each entity started on, so that a problem found
//! later — a duplicate slug, a reference to nothing — can still be reported
//! as "file, line, field".

use std::collections::HashMap;

use knotenpunkt_domain::{
    ApplicationTask, Cohort, Cooperation, Event, Experience, FundingCall, JointApplication,
    Membership, Network, NetworkFigure, Organization, Project, Slug, StatusStep, WorkingGroup,
};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;
use serde_json::{Map, Value};

use crate::ImportError;

/// The largest file the importer reads; far above any real directory
/// (all of Germany's 11,000 municipalities take about 3 MB) and small enough
/// that a stray upload cannot exhaust memory.
pub const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;

/// The value of the `format` field that marks a Knotenpunkt directory file.
pub const FORMAT: &str = "knotenpunkt-directory";

/// The whole directory as plain data.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct DirectoryFile {
    /// Organisations.
    pub organizations: Vec<Organization>,
    /// Networks with their published figures.
    pub networks: Vec<Network>,
    /// Cohorts of networks.
    pub cohorts: Vec<Cohort>,
    /// Memberships.
    pub memberships: Vec<Membership>,
    /// Cooperations.
    pub cooperations: Vec<Cooperation>,
    /// Projects of the knowledge exchange (JSON only); each names its slug.
    pub projects: Vec<Project>,
    /// Experiences of the knowledge exchange with their authors' names
    /// (JSON only).
    pub experiences: Vec<ExperienceRecord>,
    /// Working groups with their networks (JSON only).
    pub working_groups: Vec<GroupRecord>,
    /// Funding calls (JSON only).
    pub funding_calls: Vec<FundingCall>,
    /// Joint applications with their history and tasks (JSON only).
    pub applications: Vec<ApplicationFileRecord>,
    /// Events, without their registrations (JSON only).
    pub events: Vec<EventRecord>,
    /// Where each entity came from: (table, index) → place in the file.
    #[serde(skip)]
    pub origins: HashMap<(Table, usize), Origin>,
}

/// An experience as a directory file carries it: the experience and the
/// name shown as its author. Experiences have no key of their own; an
/// import adds each as a new one, written by no account.
///
/// In JSON the experience's fields and `author` stand side by side in one
/// object. Reading it is [`parse_json`]'s business (see `parse_experience`),
/// as `Experience` denies unknown fields, which `flatten` cannot combine
/// with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ExperienceRecord {
    /// The experience.
    #[serde(flatten)]
    pub experience: Experience,
    /// The name shown as its author; empty means "Knotenpunkt".
    #[serde(default)]
    pub author: String,
}

impl ExperienceRecord {
    /// The name an import stores as the author.
    pub fn author_name(&self) -> &str {
        match self.author.trim() {
            "" => "Knotenpunkt",
            name => name,
        }
    }
}

/// A working group as a file carries it: the network it belongs to beside
/// its fields. Its people are accounts, which files do not carry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GroupRecord {
    /// The network.
    pub network: Slug,
    /// The group.
    #[serde(flatten)]
    pub group: WorkingGroup,
}

/// A joint application as a file carries it: with every status it has had
/// and its tasks. `cooperation` is a place in the file's `cooperations`
/// (1 for the first), not a database id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ApplicationFileRecord {
    /// The application.
    #[serde(flatten)]
    pub application: JointApplication,
    /// Every status it has had, oldest first; left out, the application's
    /// own `status` and `status_on` are its one step.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub history: Vec<StatusStep>,
    /// The partners' tasks.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub tasks: Vec<ApplicationTask>,
}

impl ApplicationFileRecord {
    /// The steps an import records, oldest first: the history, or the
    /// application's own status as its one step. Each must be able to
    /// follow the one before, none may lie after `today`, and the last
    /// must be the application's `status` (and `status_on`, when given).
    /// A problem comes as (field, message).
    pub fn steps(&self, today: chrono::NaiveDate) -> Result<Vec<StatusStep>, (String, String)> {
        let a = &self.application;
        let steps = if self.history.is_empty() {
            vec![StatusStep {
                status: a.status,
                on: a.status_on.unwrap_or(today),
            }]
        } else {
            self.history.clone()
        };
        for (k, step) in steps.iter().enumerate() {
            let previous = k.checked_sub(1).map(|p| &steps[p]);
            if let Err(e) = step.check_after(previous, today)
                && let Some(f) = e.0.into_iter().next()
            {
                let field = match (self.history.is_empty(), f.field.as_str()) {
                    (true, field) => field.to_owned(),
                    (false, "status_on") => format!("history[{k}].on"),
                    (false, field) => format!("history[{k}].{field}"),
                };
                return Err((field, f.message));
            }
        }
        if let Some(last) = steps.last()
            && (last.status != a.status || a.status_on.is_some_and(|on| on != last.on))
        {
            return Err((
                "status".into(),
                format!(
                    "must be the last step of the history ('{}' on {})",
                    last.status, last.on
                ),
            ));
        }
        Ok(steps)
    }

    /// Each task on its own, and done by the lead or a partner.
    pub fn check_tasks(&self) -> Result<(), (String, String)> {
        for (k, t) in self.tasks.iter().enumerate() {
            if let Err(e) = t.validate()
                && let Some(f) = e.0.into_iter().next()
            {
                return Err((format!("tasks[{k}].{}", f.field), f.message));
            }
            if !self.application.involves(&t.organization) {
                return Err((
                    format!("tasks[{k}].organization"),
                    format!(
                        "'{}' takes no part in application '{}'",
                        t.organization, self.application.slug
                    ),
                ));
            }
        }
        Ok(())
    }
}

/// An event as a file carries it; its registrations stay behind (people's
/// names and addresses, which a directory file does not carry).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EventRecord {
    /// The event.
    #[serde(flatten)]
    pub event: Event,
    /// Whether its organisers closed registration.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub closed: bool,
}

/// The lists of a directory file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Table {
    /// `organizations`
    Organizations,
    /// `networks`
    Networks,
    /// `network_figures` (CSV only; in JSON the figures sit inside networks)
    NetworkFigures,
    /// `cohorts`
    Cohorts,
    /// `memberships`
    Memberships,
    /// `cooperations`
    Cooperations,
    /// `projects` (JSON only)
    Projects,
    /// `experiences` (JSON only)
    Experiences,
    /// `working_groups` (JSON only)
    WorkingGroups,
    /// `funding_calls` (JSON only)
    FundingCalls,
    /// `applications` (JSON only)
    Applications,
    /// `events` (JSON only)
    Events,
}

impl Table {
    /// The tables that travel in JSON only.
    pub const JSON_ONLY: [Table; 6] = [
        Table::Projects,
        Table::Experiences,
        Table::WorkingGroups,
        Table::FundingCalls,
        Table::Applications,
        Table::Events,
    ];

    /// Every CSV table, in import order. The knowledge exchange and the
    /// network's work ([`Table::JSON_ONLY`]) are not among them.
    pub const ALL: [Table; 6] = [
        Table::Organizations,
        Table::Networks,
        Table::NetworkFigures,
        Table::Cohorts,
        Table::Memberships,
        Table::Cooperations,
    ];

    /// The list's name in JSON and the CSV file's stem.
    pub fn name(self) -> &'static str {
        match self {
            Table::Organizations => "organizations",
            Table::Networks => "networks",
            Table::NetworkFigures => "network_figures",
            Table::Cohorts => "cohorts",
            Table::Memberships => "memberships",
            Table::Cooperations => "cooperations",
            Table::Projects => "projects",
            Table::Experiences => "experiences",
            Table::WorkingGroups => "working_groups",
            Table::FundingCalls => "funding_calls",
            Table::Applications => "applications",
            Table::Events => "events",
        }
    }

    /// Whether the table has a CSV form (all but the knowledge exchange's).
    pub fn in_csv(self) -> bool {
        Table::ALL.contains(&self)
    }

    /// The CSV columns, in order; `;` separates list values inside a cell.
    /// None for the tables that travel in JSON only.
    pub fn columns(self) -> &'static [Column] {
        use Column as C;
        match self {
            Table::Projects
            | Table::Experiences
            | Table::WorkingGroups
            | Table::FundingCalls
            | Table::Applications
            | Table::Events => &[],
            Table::Organizations => {
                const {
                    &[
                        C::req("slug"),
                        C::req("name"),
                        C::req("kind"),
                        C::list("states"),
                        C::opt("ags"),
                        C::num("population"),
                        C::opt("website"),
                        C::list("parts"),
                        C::opt("source"),
                    ]
                }
            }
            Table::Networks => {
                const {
                    &[
                        C::req("slug"),
                        C::req("name"),
                        C::req("description"),
                        C::opt("coordinator"),
                        C::opt("founded_on"),
                        C::req("visibility"),
                        C::opt("website"),
                        C::opt("source"),
                    ]
                }
            }
            Table::NetworkFigures => {
                const {
                    &[
                        C::req("network"),
                        C::req("on"),
                        C::num("members"),
                        C::req("qualifier"),
                        C::req("source"),
                    ]
                }
            }
            Table::Cohorts => {
                const {
                    &[
                        C::req("network"),
                        C::req("slug"),
                        C::req("name"),
                        C::num("year"),
                        C::opt("motto"),
                        C::opt("source"),
                    ]
                }
            }
            Table::Memberships => {
                const {
                    &[
                        C::req("organization"),
                        C::req("network"),
                        C::opt("cohort"),
                        C::req("role"),
                        C::opt("joined_on"),
                        C::opt("left_on"),
                        C::opt("source"),
                    ]
                }
            }
            Table::Cooperations => {
                const {
                    &[
                        C::req("name"),
                        C::list("partners"),
                        C::req("topic"),
                        C::opt("since"),
                        C::opt("cadence"),
                        C::opt("source"),
                    ]
                }
            }
        }
    }

    fn from_stem(stem: &str) -> Option<Table> {
        Table::JSON_ONLY
            .into_iter()
            .chain(Table::ALL)
            .find(|t| t.name() == stem)
    }
}

/// How a CSV cell maps to a JSON value.
#[derive(Debug, Clone, Copy)]
pub struct Column {
    /// Column name, equal to the JSON field.
    pub name: &'static str,
    kind: ColumnKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ColumnKind {
    /// Text that is always present (may be empty for free text).
    Required,
    /// Text; an empty cell means absent.
    Optional,
    /// A number; an empty cell means absent.
    Number,
    /// `;`-separated list.
    List,
}

impl Column {
    const fn req(name: &'static str) -> Column {
        Column {
            name,
            kind: ColumnKind::Required,
        }
    }
    const fn opt(name: &'static str) -> Column {
        Column {
            name,
            kind: ColumnKind::Optional,
        }
    }
    const fn num(name: &'static str) -> Column {
        Column {
            name,
            kind: ColumnKind::Number,
        }
    }
    const fn list(name: &'static str) -> Column {
        Column {
            name,
            kind: ColumnKind::List,
        }
    }
}

/// Where an entity stands in its file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    /// File name as given.
    pub file: String,
    /// 1-based line the entity starts on.
    pub line: usize,
}

impl DirectoryFile {
    /// An error located at an entity's origin, or at the file if unknown.
    pub fn error_at(
        &self,
        table: Table,
        index: usize,
        field: Option<String>,
        message: String,
    ) -> ImportError {
        match self.origins.get(&(table, index)) {
            Some(o) => ImportError {
                file: o.file.clone(),
                line: Some(o.line),
                field,
                message,
            },
            None => ImportError {
                file: format!("{}[{index}]", table.name()),
                line: None,
                field,
                message,
            },
        }
    }

    /// How many entities of each kind, for progress and summaries.
    pub fn counts(&self) -> [(Table, usize); 11] {
        [
            (Table::Organizations, self.organizations.len()),
            (Table::Networks, self.networks.len()),
            (Table::Cohorts, self.cohorts.len()),
            (Table::Memberships, self.memberships.len()),
            (Table::Cooperations, self.cooperations.len()),
            (Table::Projects, self.projects.len()),
            (Table::Experiences, self.experiences.len()),
            (Table::WorkingGroups, self.working_groups.len()),
            (Table::FundingCalls, self.funding_calls.len()),
            (Table::Applications, self.applications.len()),
            (Table::Events, self.events.len()),
        ]
    }

    /// Deterministic order, so that an export is byte-for-byte reproducible.
    pub fn sort(&mut self) {
        self.organizations.sort_by(|a, b| a.slug.cmp(&b.slug));
        self.networks.sort_by(|a, b| a.slug.cmp(&b.slug));
        self.cohorts
            .sort_by(|a, b| (&a.network, &a.slug).cmp(&(&b.network, &b.slug)));
        self.memberships.sort_by(|a, b| {
            (
                &a.network,
                &a.organization,
                a.joined_on,
                a.left_on,
                a.role,
                &a.cohort,
                &a.source,
            )
                .cmp(&(
                    &b.network,
                    &b.organization,
                    b.joined_on,
                    b.left_on,
                    b.role,
                    &b.cohort,
                    &b.source,
                ))
        });
        self.cooperations.sort_by(|a, b| {
            (&a.name, &a.partners, &a.topic).cmp(&(&b.name, &b.partners, &b.topic))
        });
        self.projects.sort_by(|a, b| a.slug.cmp(&b.slug));
        // Organisation and title first; the rest only breaks ties, so that
        // two experiences of the same title still export in one order.
        self.experiences.sort_by(|a, b| {
            let (x, y) = (&a.experience, &b.experience);
            (
                &x.organization,
                &x.title,
                &x.project,
                &x.network,
                &x.text,
                &a.author,
            )
                .cmp(&(
                    &y.organization,
                    &y.title,
                    &y.project,
                    &y.network,
                    &y.text,
                    &b.author,
                ))
                .then_with(|| {
                    serde_json::to_string(x)
                        .unwrap_or_default()
                        .cmp(&serde_json::to_string(y).unwrap_or_default())
                })
        });
        self.working_groups
            .sort_by(|a, b| (&a.network, &a.group.slug).cmp(&(&b.network, &b.group.slug)));
        self.funding_calls
            .sort_by(|a, b| (&a.network, &a.slug).cmp(&(&b.network, &b.slug)));
        self.applications.sort_by(|a, b| {
            let (x, y) = (&a.application, &b.application);
            (&x.network, &x.slug).cmp(&(&y.network, &y.slug))
        });
        self.events.sort_by(|a, b| {
            let (x, y) = (&a.event, &b.event);
            (&x.network, x.starts_at, &x.title)
                .cmp(&(&y.network, y.starts_at, &y.title))
                .then_with(|| {
                    serde_json::to_string(x)
                        .unwrap_or_default()
                        .cmp(&serde_json::to_string(y).unwrap_or_default())
                })
        });
        self.origins.clear();
    }

    /// The JSON form, pretty-printed.
    pub fn to_json(&self) -> String {
        #[derive(Serialize)]
        struct Doc<'a> {
            format: &'static str,
            version: u32,
            #[serde(flatten)]
            dir: &'a DirectoryFile,
        }
        serde_json::to_string_pretty(&Doc {
            format: FORMAT,
            version: 1,
            dir: self,
        })
        .unwrap_or_default()
            + "\n"
    }

    /// The CSV form: one (file name, contents) per table. Projects and
    /// experiences are not in it (see the module's documentation).
    pub fn to_csv(&self) -> Vec<(String, String)> {
        let mut out = Vec::new();
        let figures: Vec<Value> = self
            .networks
            .iter()
            .flat_map(|n| {
                n.figures.iter().map(move |f| {
                    let mut v = serde_json::to_value(f).unwrap_or(Value::Null);
                    if let Value::Object(m) = &mut v {
                        m.insert("network".into(), Value::String(n.slug.to_string()));
                    }
                    v
                })
            })
            .collect();
        for table in Table::ALL {
            let rows: Vec<Value> = match table {
                Table::Organizations => to_values(&self.organizations),
                Table::Networks => to_values(&self.networks),
                Table::NetworkFigures => figures.clone(),
                Table::Cohorts => to_values(&self.cohorts),
                Table::Memberships => to_values(&self.memberships),
                Table::Cooperations => to_values(&self.cooperations),
                Table::Projects
                | Table::Experiences
                | Table::WorkingGroups
                | Table::FundingCalls
                | Table::Applications
                | Table::Events => continue,
            };
            let mut w = csv::Writer::from_writer(Vec::new());
            let cols = table.columns();
            let _ = w.write_record(cols.iter().map(|c| c.name));
            for row in rows {
                let cells: Vec<String> = cols.iter().map(|c| cell(&row, c)).collect();
                let _ = w.write_record(&cells);
            }
            let bytes = w.into_inner().unwrap_or_default();
            out.push((
                format!("{}.csv", table.name()),
                String::from_utf8(bytes).unwrap_or_default(),
            ));
        }
        out
    }
}

fn to_values<T: Serialize>(items: &[T]) -> Vec<Value> {
    items
        .iter()
        .map(|i| serde_json::to_value(i).unwrap_or(Value::Null))
        .collect()
}

fn cell(row: &Value, col: &Column) -> String {
    match row.get(col.name) {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(s)) => s.clone(),
        Some(Value::Array(items)) => items
            .iter()
            .map(|v| {
                v.as_str()
                    .map(str::to_owned)
                    .unwrap_or_else(|| v.to_string())
            })
            .collect::<Vec<_>>()
            .join(";"),
        Some(other) => other.to_string(),
    }
}

/// Checks size and encoding, the two ways a file can be unreadable as text.
fn as_text<'a>(file: &str, bytes: &'a [u8]) -> Result<&'a str, ImportError> {
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_large(file, bytes.len() as u64));
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    std::str::from_utf8(bytes).map_err(|e| {
        let upto = e.valid_up_to();
        let line = bytes[..upto].iter().filter(|b| **b == b'\n').count() + 1;
        ImportError {
            file: file.to_owned(),
            line: Some(line),
            field: None,
            message: format!(
                "the file is not valid UTF-8 (byte {} cannot be read); save it as UTF-8 and try again",
                upto + 1
            ),
        }
    })
}

/// The error for a file above [`MAX_FILE_BYTES`], shared with callers that
/// check the size before reading.
pub fn too_large(file: &str, size: u64) -> ImportError {
    ImportError::file(
        file,
        format!(
            "the file has {:.1} MB; the importer accepts at most {} MB",
            size as f64 / 1_048_576.0,
            MAX_FILE_BYTES / 1_048_576
        ),
    )
}

fn line_of(text: &str, offset: usize) -> usize {
    text.as_bytes()[..offset.min(text.len())]
        .iter()
        .filter(|b| **b == b'\n')
        .count()
        + 1
}

/// Deserialises `raw` (which starts at `base_line`), naming the field and the
/// line on failure.
fn parse_item<T: DeserializeOwned>(
    file: &str,
    base_line: usize,
    raw: &str,
) -> Result<T, ImportError> {
    let de = &mut serde_json::Deserializer::from_str(raw);
    serde_path_to_error::deserialize(de).map_err(|e| {
        let path = e.path().to_string();
        let inner = e.into_inner();
        ImportError {
            file: file.to_owned(),
            line: Some(base_line + inner.line().saturating_sub(1)),
            field: (path != ".").then_some(path),
            message: strip_position(&inner.to_string()),
        }
    })
}

/// serde_json appends " at line X column Y" relative to the item; the
/// importer reports the absolute line itself.
fn strip_position(msg: &str) -> String {
    match msg.rfind(" at line ") {
        Some(i) => msg[..i].to_owned(),
        None => msg.to_owned(),
    }
}

/// Reads the JSON form.
pub fn parse_json(file: &str, bytes: &[u8]) -> Result<DirectoryFile, ImportError> {
    let text = as_text(file, bytes)?;
    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Doc<'a> {
        format: Option<String>,
        version: Option<u32>,
        #[serde(borrow, default)]
        organizations: Vec<&'a RawValue>,
        #[serde(borrow, default)]
        networks: Vec<&'a RawValue>,
        #[serde(borrow, default)]
        cohorts: Vec<&'a RawValue>,
        #[serde(borrow, default)]
        memberships: Vec<&'a RawValue>,
        #[serde(borrow, default)]
        cooperations: Vec<&'a RawValue>,
        #[serde(borrow, default)]
        projects: Vec<&'a RawValue>,
        #[serde(borrow, default)]
        experiences: Vec<&'a RawValue>,
        #[serde(borrow, default)]
        working_groups: Vec<&'a RawValue>,
        #[serde(borrow, default)]
        funding_calls: Vec<&'a RawValue>,
        #[serde(borrow, default)]
        applications: Vec<&'a RawValue>,
        #[serde(borrow, default)]
        events: Vec<&'a RawValue>,
    }
    let de = &mut serde_json::Deserializer::from_str(text);
    let doc: Doc = serde_path_to_error::deserialize(de).map_err(|e| {
        let path = e.path().to_string();
        let inner = e.into_inner();
        ImportError {
            file: file.to_owned(),
            line: Some(inner.line()),
            field: (path != ".").then_some(path),
            message: format!(
                "{} (column {})",
                strip_position(&inner.to_string()),
                inner.column()
            ),
        }
    })?;
    if let Some(f) = &doc.format
        && f != FORMAT
    {
        return Err(ImportError {
            file: file.to_owned(),
            line: None,
            field: Some("format".into()),
            message: format!("'{f}' is not a Knotenpunkt directory (expected '{FORMAT}')"),
        });
    }
    if let Some(v) = doc.version
        && v != 1
    {
        return Err(ImportError {
            file: file.to_owned(),
            line: None,
            field: Some("version".into()),
            message: format!("version {v} is not supported; this Knotenpunkt reads version 1"),
        });
    }
    let mut dir = DirectoryFile::default();
    // The raw values borrow from `text`, so their offset is their distance
    // from its start.
    let base = text.as_ptr() as usize;
    fn take<T: DeserializeOwned>(
        file: &str,
        text: &str,
        base: usize,
        table: Table,
        raws: &[&RawValue],
        origins: &mut HashMap<(Table, usize), Origin>,
    ) -> Result<Vec<T>, ImportError> {
        take_with(file, text, base, table, raws, origins, |line, raw| {
            parse_item(file, line, raw.get())
        })
    }
    /// Reads each item with `parse`, prefixing the field of an error with
    /// the item's place (`cohorts[2].year`) and recording its origin.
    fn take_with<'a, T>(
        file: &str,
        text: &str,
        base: usize,
        table: Table,
        raws: &[&'a RawValue],
        origins: &mut HashMap<(Table, usize), Origin>,
        parse: impl Fn(usize, &'a RawValue) -> Result<T, ImportError>,
    ) -> Result<Vec<T>, ImportError> {
        let mut out = Vec::with_capacity(raws.len());
        for (i, raw) in raws.iter().enumerate() {
            let line = line_of(text, (raw.get().as_ptr() as usize).saturating_sub(base));
            let item: T = parse(line, raw).map_err(|mut e| {
                e.field = Some(format!(
                    "{}[{i}]{}",
                    table.name(),
                    e.field.map(|f| format!(".{f}")).unwrap_or_default()
                ));
                e
            })?;
            origins.insert(
                (table, i),
                Origin {
                    file: file.to_owned(),
                    line,
                },
            );
            out.push(item);
        }
        Ok(out)
    }
    dir.organizations = take(
        file,
        text,
        base,
        Table::Organizations,
        &doc.organizations,
        &mut dir.origins,
    )?;
    dir.networks = take(
        file,
        text,
        base,
        Table::Networks,
        &doc.networks,
        &mut dir.origins,
    )?;
    dir.cohorts = take(
        file,
        text,
        base,
        Table::Cohorts,
        &doc.cohorts,
        &mut dir.origins,
    )?;
    dir.memberships = take(
        file,
        text,
        base,
        Table::Memberships,
        &doc.memberships,
        &mut dir.origins,
    )?;
    dir.cooperations = take(
        file,
        text,
        base,
        Table::Cooperations,
        &doc.cooperations,
        &mut dir.origins,
    )?;
    dir.projects = take(
        file,
        text,
        base,
        Table::Projects,
        &doc.projects,
        &mut dir.origins,
    )?;
    dir.experiences = take_with(
        file,
        text,
        base,
        Table::Experiences,
        &doc.experiences,
        &mut dir.origins,
        |line, raw| parse_experience(file, text, base, line, raw),
    )?;
    dir.working_groups = take_with(
        file,
        text,
        base,
        Table::WorkingGroups,
        &doc.working_groups,
        &mut dir.origins,
        |line, raw| {
            let item = Item::new(file, text, base, line, raw);
            let (group, mut extra) = item.split::<WorkingGroup>(&["network"])?;
            match item.extra::<Slug>(&mut extra, "network")? {
                Some(network) => Ok(GroupRecord { network, group }),
                None => Err(ImportError {
                    file: file.to_owned(),
                    line: Some(line),
                    field: Some("network".into()),
                    message: "name the network the group belongs to".into(),
                }),
            }
        },
    )?;
    dir.funding_calls = take(
        file,
        text,
        base,
        Table::FundingCalls,
        &doc.funding_calls,
        &mut dir.origins,
    )?;
    dir.applications = take_with(
        file,
        text,
        base,
        Table::Applications,
        &doc.applications,
        &mut dir.origins,
        |line, raw| {
            let item = Item::new(file, text, base, line, raw);
            let (application, mut extra) = item.split::<JointApplication>(&["history", "tasks"])?;
            Ok(ApplicationFileRecord {
                application,
                history: item.extra(&mut extra, "history")?.unwrap_or_default(),
                tasks: item.extra(&mut extra, "tasks")?.unwrap_or_default(),
            })
        },
    )?;
    dir.events = take_with(
        file,
        text,
        base,
        Table::Events,
        &doc.events,
        &mut dir.origins,
        |line, raw| {
            let item = Item::new(file, text, base, line, raw);
            let (event, mut extra) = item.split::<Event>(&["closed"])?;
            Ok(EventRecord {
                event,
                closed: item.extra(&mut extra, "closed")?.unwrap_or_default(),
            })
        },
    )?;
    Ok(dir)
}

/// One item of a JSON list whose type denies unknown fields but which a
/// file extends with fields of its own (a group's `network`, an
/// application's `history`): the extra fields are taken out of the object
/// and the rest is read as the type, so the two never drift apart. Errors
/// still name the field and the line of its value.
struct Item<'a> {
    file: &'a str,
    text: &'a str,
    base: usize,
    line: usize,
    raw: &'a RawValue,
}

impl<'a> Item<'a> {
    fn new(file: &'a str, text: &'a str, base: usize, line: usize, raw: &'a RawValue) -> Self {
        Item {
            file,
            text,
            base,
            line,
            raw,
        }
    }

    /// The line of field `key`'s value, or of the item if it is not there.
    fn line_of_field(&self, key: &str) -> usize {
        serde_json::from_str::<HashMap<String, &RawValue>>(self.raw.get())
            .ok()
            .and_then(|m| m.get(key).map(|v| v.get().as_ptr() as usize))
            .map_or(self.line, |at| {
                line_of(self.text, at.saturating_sub(self.base))
            })
    }

    fn error(&self, path: String, message: String) -> ImportError {
        let key = path.split(['.', '[']).next().unwrap_or_default();
        ImportError {
            file: self.file.to_owned(),
            line: Some(self.line_of_field(key)),
            field: (path != ".").then_some(path.clone()),
            message: strip_position(&message),
        }
    }

    /// The item without `keys`, read as `T`, and the fields taken out.
    fn split<T: DeserializeOwned>(
        &self,
        keys: &[&str],
    ) -> Result<(T, Map<String, Value>), ImportError> {
        let mut fields: Map<String, Value> = parse_item(self.file, self.line, self.raw.get())?;
        let mut extra = Map::new();
        for k in keys {
            if let Some(v) = fields.remove(*k) {
                extra.insert((*k).to_owned(), v);
            }
        }
        let value: T = serde_path_to_error::deserialize(Value::Object(fields))
            .map_err(|e| self.error(e.path().to_string(), e.into_inner().to_string()))?;
        Ok((value, extra))
    }

    /// Extra field `key` read as `U`; `None` when absent or null.
    fn extra<U: DeserializeOwned>(
        &self,
        extra: &mut Map<String, Value>,
        key: &str,
    ) -> Result<Option<U>, ImportError> {
        match extra.remove(key) {
            None | Some(Value::Null) => Ok(None),
            Some(v) => serde_path_to_error::deserialize(v).map(Some).map_err(|e| {
                let inner = e.path().to_string();
                let path = if inner == "." {
                    key.to_owned()
                } else if inner.starts_with('[') {
                    format!("{key}{inner}")
                } else {
                    format!("{key}.{inner}")
                };
                self.error(path, e.into_inner().to_string())
            }),
        }
    }
}

/// Reads one item of `experiences`: an [`Experience`] with an `author`
/// beside its fields (see [`Item`]).
fn parse_experience(
    file: &str,
    text: &str,
    base: usize,
    base_line: usize,
    raw: &RawValue,
) -> Result<ExperienceRecord, ImportError> {
    let item = Item::new(file, text, base, base_line, raw);
    let (experience, mut extra) = item.split::<Experience>(&["author"])?;
    let author = match extra.remove("author") {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(s)) => s,
        Some(other) => {
            return Err(item.error(
                "author".into(),
                format!("invalid type: {other}, expected the author's name as a string"),
            ));
        }
    };
    Ok(ExperienceRecord { experience, author })
}

/// Reads CSV tables; each file's stem names its table (`memberships.csv`).
pub fn parse_csv(files: &[(String, Vec<u8>)]) -> Result<DirectoryFile, ImportError> {
    let mut dir = DirectoryFile::default();
    let mut figures: Vec<(usize, String, usize, NetworkFigure)> = Vec::new();
    let mut seen = Vec::new();
    for (file, bytes) in files {
        let stem = std::path::Path::new(file)
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or_default();
        let table = Table::from_stem(stem).ok_or_else(|| {
            ImportError::file(
                file,
                format!(
                    "the file name does not say which table it holds; name it one of {}",
                    Table::ALL.map(|t| format!("{}.csv", t.name())).join(", ")
                ),
            )
        })?;
        if !table.in_csv() {
            return Err(ImportError::file(
                file,
                format!(
                    "{} travel in the JSON form only (their contacts and texts do not fit flat cells); import them from a JSON directory file",
                    table.name()
                ),
            ));
        }
        if seen.contains(&table) {
            return Err(ImportError::file(
                file,
                format!("a second file for the table '{}'", table.name()),
            ));
        }
        seen.push(table);
        let text = as_text(file, bytes)?;
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(true)
            .from_reader(text.as_bytes());
        let headers = reader
            .headers()
            .map_err(|e| csv_error(file, &e))?
            .iter()
            .map(|h| h.trim().to_owned())
            .collect::<Vec<_>>();
        let mut index = Vec::new();
        for col in table.columns() {
            match headers.iter().position(|h| h == col.name) {
                Some(i) => index.push(i),
                None => {
                    return Err(ImportError {
                        file: file.clone(),
                        line: Some(1),
                        field: Some(col.name.to_owned()),
                        message: format!(
                            "the header lacks the column '{}'; expected columns: {}",
                            col.name,
                            table
                                .columns()
                                .iter()
                                .map(|c| c.name)
                                .collect::<Vec<_>>()
                                .join(",")
                        ),
                    });
                }
            }
        }
        if let Some(extra) = headers
            .iter()
            .find(|h| !table.columns().iter().any(|c| c.name == h.as_str()))
        {
            return Err(ImportError {
                file: file.clone(),
                line: Some(1),
                field: Some(extra.clone()),
                message: format!("unknown column '{extra}'"),
            });
        }
        for (i, record) in reader.records().enumerate() {
            let record = record.map_err(|e| csv_error(file, &e))?;
            let line = record
                .position()
                .map(|p| p.line() as usize)
                .unwrap_or(i + 2);
            let mut obj = Map::new();
            for (col, &at) in table.columns().iter().zip(&index) {
                let raw = record.get(at).unwrap_or_default();
                let value = match col.kind {
                    ColumnKind::Required => Some(Value::String(raw.to_owned())),
                    ColumnKind::Optional => {
                        (!raw.is_empty()).then(|| Value::String(raw.to_owned()))
                    }
                    ColumnKind::Number => {
                        if raw.is_empty() {
                            None
                        } else {
                            let n: i64 = raw.trim().parse().map_err(|_| ImportError {
                                file: file.clone(),
                                line: Some(line),
                                field: Some(col.name.to_owned()),
                                message: format!("'{raw}' is not a whole number"),
                            })?;
                            Some(Value::from(n))
                        }
                    }
                    ColumnKind::List => Some(Value::Array(
                        raw.split(';')
                            .map(str::trim)
                            .filter(|s| !s.is_empty())
                            .map(|s| Value::String(s.to_owned()))
                            .collect(),
                    )),
                };
                if let Some(v) = value {
                    obj.insert(col.name.to_owned(), v);
                }
            }
            let value = Value::Object(obj);
            let located = |e: serde_path_to_error::Error<serde_json::Error>| {
                let path = e.path().to_string();
                ImportError {
                    file: file.clone(),
                    line: Some(line),
                    field: Some(path.split(['.', '[']).next().unwrap_or(&path).to_owned()),
                    message: strip_position(&e.into_inner().to_string()),
                }
            };
            let origin = Origin {
                file: file.clone(),
                line,
            };
            match table {
                Table::Organizations => {
                    dir.origins.insert((table, dir.organizations.len()), origin);
                    dir.organizations
                        .push(serde_path_to_error::deserialize(value).map_err(located)?);
                }
                Table::Networks => {
                    dir.origins.insert((table, dir.networks.len()), origin);
                    dir.networks
                        .push(serde_path_to_error::deserialize(value).map_err(located)?);
                }
                Table::NetworkFigures => {
                    let network = value
                        .get("network")
                        .and_then(Value::as_str)
                        .unwrap_or_default()
                        .to_owned();
                    let mut v = value;
                    if let Value::Object(m) = &mut v {
                        m.remove("network");
                    }
                    figures.push((
                        i,
                        network,
                        line,
                        serde_path_to_error::deserialize(v).map_err(located)?,
                    ));
                    let _ = origin;
                }
                Table::Cohorts => {
                    dir.origins.insert((table, dir.cohorts.len()), origin);
                    dir.cohorts
                        .push(serde_path_to_error::deserialize(value).map_err(located)?);
                }
                Table::Memberships => {
                    dir.origins.insert((table, dir.memberships.len()), origin);
                    dir.memberships
                        .push(serde_path_to_error::deserialize(value).map_err(located)?);
                }
                Table::Cooperations => {
                    dir.origins.insert((table, dir.cooperations.len()), origin);
                    dir.cooperations
                        .push(serde_path_to_error::deserialize(value).map_err(located)?);
                }
                // Refused above, before the file is read.
                _ => {}
            }
        }
    }
    let figures_file = files
        .iter()
        .map(|(f, _)| f)
        .find(|f| f.contains(Table::NetworkFigures.name()))
        .cloned()
        .unwrap_or_default();
    for (_, network, line, figure) in figures {
        let slug: Option<Slug> = network.parse().ok();
        match dir
            .networks
            .iter_mut()
            .find(|n| Some(&n.slug) == slug.as_ref())
        {
            Some(n) => n.figures.push(figure),
            None => {
                return Err(ImportError {
                    file: figures_file,
                    line: Some(line),
                    field: Some("network".into()),
                    message: format!("network '{network}' is not in networks.csv"),
                });
            }
        }
    }
    Ok(dir)
}

fn csv_error(file: &str, e: &csv::Error) -> ImportError {
    let line = e.position().map(|p| p.line() as usize);
    let message = match e.kind() {
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => {
            format!("the row has {len} cells, the header has {expected_len}")
        }
        csv::ErrorKind::Utf8 { .. } => "the file is not valid UTF-8".to_owned(),
        _ => e.to_string(),
    };
    ImportError {
        file: file.to_owned(),
        line,
        field: None,
        message,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = r#"{
  "format": "knotenpunkt-directory",
  "version": 1,
  "organizations": [
    {"slug": "ulm", "name": "Ulm", "kind": "municipality", "states": ["BW"]},
    {"slug": "kiel", "name": "Kiel", "kind": "municipality",
     "states": ["SH"]}
  ]
}"#;

    #[test]
    fn json_keeps_lines() {
        let d = parse_json("d.json", GOOD.as_bytes()).unwrap();
        assert_eq!(d.organizations.len(), 2);
        assert_eq!(d.origins[&(Table::Organizations, 1)].line, 6);
    }

    #[test]
    fn json_field_errors_name_line_and_field() {
        let bad = GOOD.replace("\"SH\"", "\"XX\"");
        let e = parse_json("d.json", bad.as_bytes()).unwrap_err();
        assert_eq!(e.line, Some(7), "{e}");
        assert_eq!(
            e.field.as_deref(),
            Some("organizations[1].states[0]"),
            "{e}"
        );
        assert!(e.message.contains("XX"), "{e}");
    }

    #[test]
    fn malformed_json_names_line() {
        let e = parse_json("d.json", b"{\n \"organizations\": [\n  {,}\n]}").unwrap_err();
        assert_eq!(e.line, Some(3), "{e}");
    }

    #[test]
    fn invalid_utf8_names_line() {
        let mut bytes = b"{\n\"organizations\": [\n".to_vec();
        bytes.extend_from_slice(&[0xff, 0xfe]);
        let e = parse_json("d.json", &bytes).unwrap_err();
        assert_eq!(e.line, Some(3));
        assert!(e.message.contains("UTF-8"));
    }

    #[test]
    fn csv_round_trip_and_missing_column() {
        let d = parse_json("d.json", GOOD.as_bytes()).unwrap();
        let files: Vec<(String, Vec<u8>)> = d
            .to_csv()
            .into_iter()
            .map(|(n, c)| (n, c.into_bytes()))
            .collect();
        let back = parse_csv(&files).unwrap();
        assert_eq!(back.organizations, d.organizations);

        let e = parse_csv(&[(
            "organizations.csv".into(),
            b"slug,name,kind\nulm,Ulm,municipality\n".to_vec(),
        )])
        .unwrap_err();
        assert_eq!(e.line, Some(1));
        assert_eq!(e.field.as_deref(), Some("states"));
    }

    const KNOWLEDGE: &str = r#"{
  "projects": [
    {"slug": "living-lab", "organization": "ulm", "title": "Living Lab",
     "summary": "Ein Labor.", "topics": ["data-infrastructure"]}
  ],
  "experiences": [
    {"organization": "ulm", "project": "living-lab", "title": "Sensoren",
     "text": "Was wir lernten.", "topics": ["mobility"], "author": "Anna"},
    {"organization": "ulm", "title": "Parken",
     "text": "Noch offen.",
     "topics": ["mobility"]}
  ]
}"#;

    #[test]
    fn json_reads_projects_and_experiences_with_authors() {
        let d = parse_json("k.json", KNOWLEDGE.as_bytes()).unwrap();
        assert_eq!(d.projects.len(), 1);
        assert_eq!(d.experiences[0].author, "Anna");
        assert_eq!(d.experiences[1].author_name(), "Knotenpunkt");
        assert_eq!(
            d.experiences[0]
                .experience
                .project
                .as_ref()
                .unwrap()
                .as_str(),
            "living-lab"
        );
        assert_eq!(d.origins[&(Table::Experiences, 1)].line, 9);
        assert_eq!(d.origins[&(Table::Projects, 0)].line, 3);
        let counts = d.counts();
        assert!(counts.contains(&(Table::Projects, 1)));
        assert!(counts.contains(&(Table::Experiences, 2)));
        // What the JSON form writes, it reads back the same.
        let mut sorted = d.clone();
        sorted.sort();
        let again = parse_json("k.json", sorted.to_json().as_bytes()).unwrap();
        assert_eq!(again.to_json(), sorted.to_json());
        assert_eq!(again.experiences, sorted.experiences);
    }

    #[test]
    fn experience_errors_name_line_and_field() {
        let bad = KNOWLEDGE.replace(
            r#""text": "Noch offen.","#,
            r#""text": "Noch offen.", "outcome": "meh","#,
        );
        let e = parse_json("k.json", bad.as_bytes()).unwrap_err();
        assert_eq!(e.line, Some(10), "{e}");
        assert_eq!(e.field.as_deref(), Some("experiences[1].outcome"), "{e}");
        assert!(e.message.contains("meh"), "{e}");

        let bad = KNOWLEDGE.replace(
            r#""topics": ["mobility"]}"#,
            r#""topics": ["mobility"], "mood": 1}"#,
        );
        let e = parse_json("k.json", bad.as_bytes()).unwrap_err();
        assert_eq!(e.line, Some(11), "{e}");
        assert!(
            e.field.as_deref().unwrap().starts_with("experiences[1]"),
            "{e}"
        );
        assert!(e.message.contains("mood"), "{e}");

        let bad = KNOWLEDGE.replace(r#""author": "Anna""#, r#""author": 7"#);
        let e = parse_json("k.json", bad.as_bytes()).unwrap_err();
        assert_eq!(
            (e.line, e.field.as_deref()),
            (Some(8), Some("experiences[0].author")),
            "{e}"
        );

        let bad = KNOWLEDGE.replace(
            r#""topics": ["mobility"]}"#,
            r#""topics": ["mobility", "x"]}"#,
        );
        let e = parse_json("k.json", bad.as_bytes()).unwrap_err();
        assert_eq!(
            (e.line, e.field.as_deref()),
            (Some(11), Some("experiences[1].topics[1]")),
            "{e}"
        );
    }

    #[test]
    fn csv_leaves_projects_and_experiences_to_json() {
        let d = parse_json("k.json", KNOWLEDGE.as_bytes()).unwrap();
        let names: Vec<String> = d.to_csv().into_iter().map(|(n, _)| n).collect();
        assert_eq!(names, Table::ALL.map(|t| format!("{}.csv", t.name())));
        let e = parse_csv(&[("projects.csv".into(), b"slug\nx\n".to_vec())]).unwrap_err();
        assert!(e.message.contains("JSON"), "{e}");
    }

    #[test]
    fn csv_bad_cell_names_line_and_column() {
        let csv = "slug,name,kind,states,ags,population,website,parts,source\nulm,Ulm,municipality,BW,,,,,\nkl,Kaiserslautern,municipality,RP,0731200,,,,\n";
        let e = parse_csv(&[("organizations.csv".into(), csv.as_bytes().to_vec())]).unwrap_err();
        assert_eq!(e.line, Some(3), "{e}");
        assert_eq!(e.field.as_deref(), Some("ags"), "{e}");
        assert!(e.message.contains("exactly 8"), "{e}");
    }
}
