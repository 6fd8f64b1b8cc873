//! `knotenpunkt calendar …`: the meeting-series engine on the command line.
//!
//! `expand` needs no database: it parses its flags first (no I/O), builds a series from them and
//! prints the engine's schedule. The JSON shape is defined here, at the edge, by small DTOs; the
//! engine's own types carry no serde.

use std::io::Write as _;

use anyhow::Context;
use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use knotenpunkt_calendar as cal;

/// Calendar commands.
#[derive(Debug, clap::Subcommand)]
pub enum CalendarCommand {
    /// Expand a rule without a database
    Expand {
        /// RFC 5545 rule, e.g. "FREQ=MONTHLY;BYDAY=-1TH"
        #[arg(long)]
        rule: String,
        /// Local start, e.g. 2025-01-30T17:00
        #[arg(long)]
        start: String,
        /// IANA time zone of the start
        #[arg(long, default_value = "Europe/Berlin")]
        tz: String,
        /// Last local date to show, e.g. 2025-12-31
        #[arg(long)]
        until: String,
        /// State (ISO 3166-2:DE code, e.g. RP) whose holidays count besides national ones
        #[arg(long)]
        state: Option<String>,
        /// What to do with meetings on public holidays
        #[arg(long, value_enum, default_value = "keep")]
        holidays: HolidayArg,
        /// Output format
        #[arg(long, value_enum, default_value = "text")]
        format: FormatArg,
    },
    /// Print the iCalendar feed of a series (or of all series of a network) from the database
    Ics {
        /// The series' slug
        #[arg(long, required_unless_present = "network", conflicts_with = "network")]
        series: Option<String>,
        /// A network's slug: one feed of all its series
        #[arg(long)]
        network: Option<String>,
        /// Language of the labels in descriptions
        #[arg(long, value_enum, default_value = "de")]
        lang: LangArg,
        /// Host name of the installation, used in every event's UID (as `serve --public-host`)
        #[arg(long, env = "KNOTENPUNKT_PUBLIC_HOST")]
        public_host: Option<String>,
    },
}

impl CalendarCommand {
    /// Whether the command reads the database.
    pub fn needs_database(&self) -> bool {
        matches!(self, CalendarCommand::Ics { .. })
    }
}

/// Feed language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum LangArg {
    /// Deutsch
    De,
    /// English
    En,
}

/// Runs `calendar ics`: prints the feed exactly as the server serves it.
pub async fn run_ics(dir: &knotenpunkt_app::Directory, cmd: CalendarCommand) -> anyhow::Result<()> {
    let CalendarCommand::Ics {
        series,
        network,
        lang,
        public_host,
    } = cmd
    else {
        anyhow::bail!("not an ics command");
    };
    let settings = knotenpunkt_app::FeedSettings {
        uid_domain: public_host.unwrap_or_else(|| "knotenpunkt.localhost".into()),
        language: match lang {
            LangArg::De => knotenpunkt_app::FeedLanguage::De,
            LangArg::En => knotenpunkt_app::FeedLanguage::En,
        },
        today: dir.app().today(),
        now: dir.app().now(),
    };
    let slug = |flag: &str, raw: &str| -> anyhow::Result<knotenpunkt_app::domain::Slug> {
        raw.parse()
            .map_err(|e: String| anyhow::anyhow!("{flag} {raw:?}: {e}"))
    };
    let text = match (series, network) {
        (Some(s), _) => {
            let s = slug("--series", &s)?;
            dir.series_feed(&s, &settings)
                .await
                .with_context(|| format!("series '{s}'"))?
        }
        (None, Some(n)) => {
            let n = slug("--network", &n)?;
            dir.network_feed(&n, &settings)
                .await
                .with_context(|| format!("network '{n}'"))?
        }
        (None, None) => anyhow::bail!("name --series or --network"),
    };
    let out = std::io::stdout();
    let mut out = out.lock();
    out.write_all(text.as_bytes())?;
    out.flush()?;
    Ok(())
}

/// Holiday policy as spelled on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum HolidayArg {
    /// Same weekday one week earlier
    EarlierWeek,
    /// Next working day
    NextWorkday,
    /// Drop the meeting
    Skip,
    /// Meet anyway
    Keep,
}

/// Output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum FormatArg {
    /// One JSON document
    Json,
    /// One line per meeting
    Text,
}

impl From<HolidayArg> for cal::HolidayPolicy {
    fn from(value: HolidayArg) -> Self {
        match value {
            HolidayArg::EarlierWeek => cal::HolidayPolicy::EarlierWeek,
            HolidayArg::NextWorkday => cal::HolidayPolicy::NextWorkday,
            HolidayArg::Skip => cal::HolidayPolicy::Skip,
            HolidayArg::Keep => cal::HolidayPolicy::Keep,
        }
    }
}

/// Runs `calendar expand` and prints to stdout.
pub fn run_expand(cmd: CalendarCommand) -> anyhow::Result<()> {
    let text = expand(cmd)?;
    let out = std::io::stdout();
    let mut out = out.lock();
    out.write_all(text.as_bytes())?;
    out.flush()?;
    Ok(())
}

/// Everything `run_expand` prints, as text; separate so that tests need no stdout.
fn expand(cmd: CalendarCommand) -> anyhow::Result<String> {
    let CalendarCommand::Expand {
        rule,
        start,
        tz,
        until,
        state,
        holidays,
        format,
    } = cmd
    else {
        anyhow::bail!("not an expand command");
    };

    // Phase 1: read every flag, so that all input errors come before any work.
    let start = cal::parse_local_datetime("--start", &start)?;
    let tz = cal::parse_time_zone(&tz)?;
    let through = parse_date(&until).context("--until")?;
    let state = state.as_deref().map(str::parse::<cal::State>).transpose()?;
    let policy = cal::HolidayPolicy::from(holidays);

    // Phase 2: the engine.
    let recurrence = cal::Recurrence::parse(&rule, start, tz)?;
    let rule_text = recurrence.rule_text().to_owned();
    let mut series = cal::Series::new(recurrence, chrono::Duration::hours(1));
    series.holiday_policy = policy;
    series.coordinator_state = state;
    let schedule = cal::schedule(&series, through)?;

    let mut out = String::new();
    match format {
        FormatArg::Json => {
            let doc = ExpandDto {
                rule: rule_text,
                tz: tz.name(),
                state: state.map(cal::State::code),
                holidays: policy.to_string(),
                until: through.to_string(),
                occurrences: schedule
                    .occurrences
                    .iter()
                    .map(OccurrenceDto::from)
                    .collect(),
            };
            out = serde_json::to_string_pretty(&doc)?;
            out.push('\n');
        }
        FormatArg::Text => {
            let state = state.map_or("national holidays only".to_owned(), |s| {
                format!("holidays of {} ({})", s.name(), s.code())
            });
            out.push_str(&format!(
                "rule {rule_text} in {} — {state}, policy {policy}\n",
                tz.name()
            ));
            for o in &schedule.occurrences {
                out.push_str(&text_line(o));
                out.push('\n');
            }
            out.push_str(&format!("{} occurrence(s)\n", schedule.occurrences.len()));
        }
    }
    Ok(out)
}

fn parse_date(value: &str) -> anyhow::Result<NaiveDate> {
    let value = value.trim();
    NaiveDate::parse_from_str(value, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(value, "%Y%m%d"))
        .or_else(|_| cal::parse_local_datetime("--until", value).map(|at| at.date()))
        .map_err(|_| anyhow::anyhow!("{value:?} is not a date such as 2025-12-31"))
}

fn local<T: TimeZone>(at: &DateTime<T>) -> String
where
    T::Offset: std::fmt::Display,
{
    at.format("%Y-%m-%dT%H:%M:%S%:z").to_string()
}

fn utc<T: TimeZone>(at: &DateTime<T>) -> String {
    at.with_timezone(&Utc)
        .format("%Y-%m-%dT%H:%M:%SZ")
        .to_string()
}

fn text_line(o: &cal::Occurrence) -> String {
    let mut line = format!(
        "{}  {}",
        o.start.format("%Y-%m-%d %a %H:%M %Z"),
        utc(&o.start)
    );
    match &o.status {
        cal::Status::Planned => {}
        cal::Status::Moved(reason) => {
            line.push_str(&format!(
                "  moved from {}",
                o.original_start.format("%Y-%m-%d %a %H:%M")
            ));
            push_reason(&mut line, reason);
        }
        cal::Status::Cancelled(reason) => {
            line = format!(
                "{}  {}  cancelled",
                o.original_start.format("%Y-%m-%d %a %H:%M %Z"),
                utc(&o.original_start)
            );
            push_reason(&mut line, reason);
        }
    }
    line
}

fn push_reason(line: &mut String, reason: &cal::Reason) {
    let text = reason.to_string();
    if !text.is_empty() {
        line.push_str(": ");
        line.push_str(&text);
    }
}

#[derive(serde::Serialize)]
struct ExpandDto {
    rule: String,
    tz: &'static str,
    state: Option<&'static str>,
    holidays: String,
    until: String,
    occurrences: Vec<OccurrenceDto>,
}

#[derive(serde::Serialize)]
struct OccurrenceDto {
    /// The date the rule gave the meeting; the key of exceptions.
    recurrence_id: String,
    status: &'static str,
    start_local: String,
    start_utc: String,
    original_local: String,
    original_utc: String,
    reason: Option<String>,
    holiday: Option<&'static str>,
}

impl From<&cal::Occurrence> for OccurrenceDto {
    fn from(o: &cal::Occurrence) -> Self {
        let (status, reason) = match &o.status {
            cal::Status::Planned => ("planned", None),
            cal::Status::Moved(reason) => ("moved", Some(reason)),
            cal::Status::Cancelled(reason) => ("cancelled", Some(reason)),
        };
        OccurrenceDto {
            recurrence_id: o.recurrence_id.to_string(),
            status,
            start_local: local(&o.start),
            start_utc: utc(&o.start),
            original_local: local(&o.original_start),
            original_utc: utc(&o.original_start),
            reason: reason.map(ToString::to_string).filter(|r| !r.is_empty()),
            holiday: reason.and_then(|r| match r {
                cal::Reason::Holiday(h) => Some(h.name),
                cal::Reason::Manual(_) => None,
            }),
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;

    fn cmd(
        rule: &str,
        state: Option<&str>,
        holidays: HolidayArg,
        format: FormatArg,
    ) -> CalendarCommand {
        CalendarCommand::Expand {
            rule: rule.into(),
            start: "2025-01-30T17:00".into(),
            tz: "Europe/Berlin".into(),
            until: "2025-12-31".into(),
            state: state.map(Into::into),
            holidays,
            format,
        }
    }

    #[test]
    fn text_shows_local_utc_and_moves_with_reason() {
        let text = expand(cmd(
            "FREQ=MONTHLY;BYDAY=-1TH",
            Some("RP"),
            HolidayArg::EarlierWeek,
            FormatArg::Text,
        ))
        .unwrap();
        assert!(
            text.contains("2025-01-30 Thu 17:00 CET  2025-01-30T16:00:00Z\n"),
            "{text}"
        );
        assert!(
            text.contains(
                "2025-05-22 Thu 17:00 CEST  2025-05-22T15:00:00Z  moved from 2025-05-29 Thu 17:00: Christi Himmelfahrt\n"
            ),
            "{text}"
        );
        assert!(text.ends_with("12 occurrence(s)\n"), "{text}");
    }

    #[test]
    fn json_carries_status_and_holiday() {
        let text = expand(cmd(
            "FREQ=MONTHLY;BYDAY=-1TH",
            None,
            HolidayArg::Skip,
            FormatArg::Json,
        ))
        .unwrap();
        let doc: serde_json::Value = serde_json::from_str(&text).unwrap();
        let may = doc["occurrences"]
            .as_array()
            .unwrap()
            .iter()
            .find(|o| o["recurrence_id"] == "2025-05-29")
            .unwrap();
        assert_eq!(may["status"], "cancelled");
        assert_eq!(may["holiday"], "Christi Himmelfahrt");
        assert_eq!(may["original_utc"], "2025-05-29T15:00:00Z");
        assert_eq!(doc["holidays"], "skip");
    }

    #[test]
    fn bad_input_names_the_culprit() {
        let err = expand(cmd(
            "FREQ=WEEKLY",
            Some("XY"),
            HolidayArg::Keep,
            FormatArg::Text,
        ))
        .unwrap_err();
        assert!(err.to_string().contains("XY"), "{err}");
        let err = expand(cmd(
            "FREQ=WEEKLY;BYDAY=TX",
            None,
            HolidayArg::Keep,
            FormatArg::Text,
        ))
        .unwrap_err();
        assert!(err.to_string().contains("BYDAY"), "{err}");
        let err = expand(cmd(
            "FREQ=WEEKLY;UNTIL=20240101",
            None,
            HolidayArg::Keep,
            FormatArg::Text,
        ))
        .unwrap_err();
        assert!(err.to_string().contains("UNTIL"), "{err}");
    }

    #[test]
    fn until_accepts_the_usual_spellings() {
        let expected = NaiveDate::from_ymd_opt(2025, 12, 31).unwrap();
        for value in ["2025-12-31", "20251231", "2025-12-31T23:59"] {
            assert_eq!(parse_date(value).unwrap(), expected, "{value}");
        }
        assert!(parse_date("31.12.2025").is_err());
    }
}
