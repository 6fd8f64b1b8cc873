//! How a recurrence reads in words: "am letzten Donnerstag jedes Monats", "every 2 weeks on
//! Tuesday, 10 meetings in all".
//!
//! The words are this crate's because the rule is: whoever changes what a rule may say changes
//! here how it reads, in German and in English, with the tests beside it. Only the shapes people
//! write for meeting series are put into words (weekly on some weekdays, monthly on the n-th
//! weekday, an interval, an end); for any other rule [`Recurrence::describe`] answers `None`
//! and a page shows the rule as written.
//!
//! The description follows the rule as the coordinator wrote it, not the rule as expanded: a
//! plain `FREQ=WEEKLY` takes its weekday from the start, which a reader of the words would not
//! see, so it is not described.
//!
//! [`Recurrence::describe`]: crate::Recurrence::describe

use chrono::{Datelike, NaiveDate, Weekday};

/// A language a rule can be described in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Language {
    /// German, the platform's first language.
    German,
    /// English.
    English,
}

/// The shape of a rule that reads well in words, taken from the rule as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Rhythm {
    /// Every how many weeks or months (`INTERVAL`, 1 when not given).
    interval: u32,
    pattern: Pattern,
    end: End,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Pattern {
    /// `FREQ=WEEKLY;BYDAY=MO,WE`: on these weekdays, in the order written.
    Weekly(Vec<Weekday>),
    /// `FREQ=MONTHLY;BYDAY=-1TH`: on the n-th (1 to 5) or the last or second-to-last
    /// (-1, -2) weekday of the month.
    Monthly(i8, Weekday),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum End {
    Open,
    /// The local date of the last possible meeting (`UNTIL`).
    Until(NaiveDate),
    /// `COUNT`.
    After(u32),
}

/// The parts of a rule as written, gathered while it is parsed.
#[derive(Debug, Default)]
pub(crate) struct Written {
    freq: Option<String>,
    interval: Option<u32>,
    days: Option<Vec<(i8, Weekday)>>,
    count: Option<u32>,
    until: Option<NaiveDate>,
    /// A part no description covers (`BYMONTHDAY`, `BYSETPOS`, …) or a value it cannot read.
    other: bool,
}

impl Written {
    /// Notes one `NAME=VALUE` part (upper case, as [`crate::Recurrence::parse`] keeps them).
    pub(crate) fn part(&mut self, name: &str, value: &str) {
        match name {
            "FREQ" => self.freq = Some(value.to_owned()),
            "INTERVAL" => match value.parse() {
                Ok(n) if n > 0 => self.interval = Some(n),
                _ => self.other = true,
            },
            "BYDAY" => match value.split(',').map(weekday_part).collect() {
                Some(days) => self.days = Some(days),
                None => self.other = true,
            },
            "COUNT" => match value.parse() {
                Ok(n) => self.count = Some(n),
                Err(_) => self.other = true,
            },
            // The week start changes no rule a description covers; UNTIL comes as a date.
            "WKST" | "UNTIL" => {}
            _ => self.other = true,
        }
    }

    /// The local date of the last possible meeting, from `UNTIL`.
    pub(crate) fn until(&mut self, last_day: NaiveDate) {
        self.until = Some(last_day);
    }

    /// The rhythm, when the rule has a shape that reads well in words.
    pub(crate) fn rhythm(self) -> Option<Rhythm> {
        if self.other {
            return None;
        }
        let days = self.days.unwrap_or_default();
        let pattern = match (self.freq.as_deref()?, days.as_slice()) {
            ("WEEKLY", [_, ..]) if days.iter().all(|(n, _)| *n == 0) => {
                Pattern::Weekly(days.iter().map(|(_, d)| *d).collect())
            }
            ("MONTHLY", [(n @ (1..=5 | -1 | -2), day)]) => Pattern::Monthly(*n, *day),
            _ => return None,
        };
        let end = match (self.until, self.count) {
            (Some(d), _) => End::Until(d),
            (None, Some(n)) => End::After(n),
            (None, None) => End::Open,
        };
        Some(Rhythm {
            interval: self.interval.unwrap_or(1),
            pattern,
            end,
        })
    }
}

/// `-1TH` as (-1, Thursday), `WE` as (0, Wednesday).
fn weekday_part(s: &str) -> Option<(i8, Weekday)> {
    let s = s.trim();
    let split = s.len().checked_sub(2)?;
    let (n, day) = (s.get(..split)?, s.get(split..)?);
    let n = if n.is_empty() {
        0
    } else {
        n.trim_start_matches('+').parse().ok()?
    };
    let day = match day {
        "MO" => Weekday::Mon,
        "TU" => Weekday::Tue,
        "WE" => Weekday::Wed,
        "TH" => Weekday::Thu,
        "FR" => Weekday::Fri,
        "SA" => Weekday::Sat,
        "SU" => Weekday::Sun,
        _ => return None,
    };
    Some((n, day))
}

impl Rhythm {
    /// The rhythm as a phrase in `language`.
    pub(crate) fn words(&self, language: Language) -> String {
        let w = Words::of(language);
        let n = self.interval;
        let rhythm = match (&self.pattern, language) {
            (Pattern::Weekly(days), Language::German) => {
                let days = w.list(days);
                if n == 1 {
                    format!("jeden {days}")
                } else {
                    format!("alle {n} Wochen am {days}")
                }
            }
            (Pattern::Weekly(days), Language::English) => {
                let days = w.list(days);
                if n == 1 {
                    format!("every {days}")
                } else {
                    format!("every {n} weeks on {days}")
                }
            }
            (Pattern::Monthly(nth, day), Language::German) => {
                let (nth, day) = (w.ordinal(*nth), w.weekday(*day));
                if n == 1 {
                    format!("am {nth} {day} jedes Monats")
                } else {
                    format!("alle {n} Monate am {nth} {day}")
                }
            }
            (Pattern::Monthly(nth, day), Language::English) => {
                let (nth, day) = (w.ordinal(*nth), w.weekday(*day));
                if n == 1 {
                    format!("on the {nth} {day} of every month")
                } else {
                    format!("every {n} months on the {nth} {day}")
                }
            }
        };
        match (self.end, language) {
            (End::Open, _) => rhythm,
            (End::Until(d), Language::German) => format!("{rhythm}, bis {}", w.date(d)),
            (End::Until(d), Language::English) => format!("{rhythm}, until {}", w.date(d)),
            (End::After(c), Language::German) => format!("{rhythm}, insgesamt {c} Termine"),
            (End::After(c), Language::English) => format!("{rhythm}, {c} meetings in all"),
        }
    }
}

/// The words of one language.
struct Words {
    language: Language,
    weekdays: [&'static str; 7],
    ordinals: [&'static str; 5],
    last: &'static str,
    second_to_last: &'static str,
    and: &'static str,
}

impl Words {
    fn of(language: Language) -> Words {
        match language {
            Language::German => Words {
                language,
                weekdays: [
                    "Montag",
                    "Dienstag",
                    "Mittwoch",
                    "Donnerstag",
                    "Freitag",
                    "Samstag",
                    "Sonntag",
                ],
                ordinals: ["ersten", "zweiten", "dritten", "vierten", "fünften"],
                last: "letzten",
                second_to_last: "vorletzten",
                and: "und",
            },
            Language::English => Words {
                language,
                weekdays: [
                    "Monday",
                    "Tuesday",
                    "Wednesday",
                    "Thursday",
                    "Friday",
                    "Saturday",
                    "Sunday",
                ],
                ordinals: ["first", "second", "third", "fourth", "fifth"],
                last: "last",
                second_to_last: "second-to-last",
                and: "and",
            },
        }
    }

    fn weekday(&self, d: Weekday) -> &'static str {
        self.weekdays[d.num_days_from_monday() as usize]
    }

    /// Only the ordinals [`Written::rhythm`] lets through are asked for.
    fn ordinal(&self, n: i8) -> &'static str {
        match n {
            -1 => self.last,
            -2 => self.second_to_last,
            n => usize::try_from(n - 1)
                .ok()
                .and_then(|i| self.ordinals.get(i))
                .copied()
                .unwrap_or(self.last),
        }
    }

    /// "Montag, Mittwoch und Freitag".
    fn list(&self, days: &[Weekday]) -> String {
        let names: Vec<&str> = days.iter().map(|d| self.weekday(*d)).collect();
        match names.as_slice() {
            [] => String::new(),
            [one] => (*one).to_owned(),
            [init @ .., last] => format!("{} {} {last}", init.join(", "), self.and),
        }
    }

    /// "31.12.2026" in German, "31 December 2026" in English, as the pages write days.
    fn date(&self, d: NaiveDate) -> String {
        const MONTHS: [&str; 12] = [
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ];
        match self.language {
            Language::German => d.format("%d.%m.%Y").to_string(),
            Language::English => {
                format!("{} {} {}", d.day(), MONTHS[d.month0() as usize], d.year())
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDateTime;
    use chrono_tz::Europe::Berlin;

    use super::*;
    use crate::{Recurrence, parse_local_datetime};

    fn start() -> NaiveDateTime {
        parse_local_datetime("start", "2025-01-30T17:00").unwrap()
    }

    fn de(rule: &str) -> Option<String> {
        Recurrence::parse(rule, start(), Berlin)
            .unwrap()
            .describe(Language::German)
    }

    fn en(rule: &str) -> Option<String> {
        Recurrence::parse(rule, start(), Berlin)
            .unwrap()
            .describe(Language::English)
    }

    #[test]
    fn monthly_rules_read_as_the_nth_weekday() {
        assert_eq!(
            de("FREQ=MONTHLY;BYDAY=-1TH").as_deref(),
            Some("am letzten Donnerstag jedes Monats")
        );
        assert_eq!(
            en("FREQ=MONTHLY;BYDAY=-1TH").as_deref(),
            Some("on the last Thursday of every month")
        );
        assert_eq!(
            de("FREQ=MONTHLY;INTERVAL=2;BYDAY=1TH").as_deref(),
            Some("alle 2 Monate am ersten Donnerstag")
        );
        assert_eq!(
            en("FREQ=MONTHLY;INTERVAL=3;BYDAY=+2TU").as_deref(),
            Some("every 3 months on the second Tuesday")
        );
        assert_eq!(
            de("FREQ=MONTHLY;BYDAY=-2FR").as_deref(),
            Some("am vorletzten Freitag jedes Monats")
        );
        assert_eq!(
            en("FREQ=MONTHLY;BYDAY=5SU").as_deref(),
            Some("on the fifth Sunday of every month")
        );
    }

    #[test]
    fn weekly_rules_list_their_days() {
        assert_eq!(
            de("FREQ=WEEKLY;BYDAY=WE").as_deref(),
            Some("jeden Mittwoch")
        );
        assert_eq!(
            en("rrule:freq=weekly;byday=we").as_deref(),
            Some("every Wednesday")
        );
        assert_eq!(
            de("FREQ=WEEKLY;BYDAY=MO,WE,FR").as_deref(),
            Some("jeden Montag, Mittwoch und Freitag")
        );
        assert_eq!(
            en("FREQ=WEEKLY;BYDAY=FR,MO").as_deref(),
            Some("every Friday and Monday")
        );
        assert_eq!(
            en("FREQ=WEEKLY;INTERVAL=2;BYDAY=TU;WKST=MO").as_deref(),
            Some("every 2 weeks on Tuesday")
        );
    }

    #[test]
    fn an_end_is_named_by_its_last_day_or_its_count() {
        assert_eq!(
            en("FREQ=WEEKLY;BYDAY=MO,WE,FR;UNTIL=20261231T000000Z").as_deref(),
            Some("every Monday, Wednesday and Friday, until 31 December 2026")
        );
        // A plain date means through that day, in the series' own time zone.
        assert_eq!(
            de("FREQ=MONTHLY;BYDAY=-1TH;UNTIL=20251231").as_deref(),
            Some("am letzten Donnerstag jedes Monats, bis 31.12.2025")
        );
        assert_eq!(
            de("FREQ=WEEKLY;BYDAY=TH;UNTIL=20250306T170000").as_deref(),
            Some("jeden Donnerstag, bis 06.03.2025")
        );
        assert_eq!(
            de("FREQ=WEEKLY;INTERVAL=2;BYDAY=TU;COUNT=10").as_deref(),
            Some("alle 2 Wochen am Dienstag, insgesamt 10 Termine")
        );
        assert_eq!(
            en("FREQ=WEEKLY;INTERVAL=2;BYDAY=TU;COUNT=10").as_deref(),
            Some("every 2 weeks on Tuesday, 10 meetings in all")
        );
        // The canonical text of a rule reads as the rule did.
        let r = Recurrence::parse("FREQ=WEEKLY;BYDAY=TH;UNTIL=20250313", start(), Berlin).unwrap();
        let again = Recurrence::parse(r.rule_text(), start(), Berlin).unwrap();
        assert_eq!(
            again.describe(Language::German),
            r.describe(Language::German)
        );
    }

    #[test]
    fn other_shapes_are_left_as_written() {
        for rule in [
            "FREQ=MONTHLY;BYMONTHDAY=15",
            "FREQ=MONTHLY;BYDAY=MO,TU",
            "FREQ=MONTHLY;BYDAY=TH",
            "FREQ=MONTHLY;BYDAY=-1TH;BYMONTH=3",
            "FREQ=MONTHLY;BYDAY=1TH;BYSETPOS=1",
            "FREQ=YEARLY;BYDAY=-1TH",
            "FREQ=DAILY",
            // The weekday comes from the start, which the words would not show.
            "FREQ=WEEKLY",
        ] {
            assert_eq!(de(rule), None, "{rule}");
            assert_eq!(en(rule), None, "{rule}");
        }
    }

    #[test]
    fn weekday_parts_take_ordinals() {
        assert_eq!(weekday_part("-1TH"), Some((-1, Weekday::Thu)));
        assert_eq!(weekday_part("+2TU"), Some((2, Weekday::Tue)));
        assert_eq!(weekday_part("WE"), Some((0, Weekday::Wed)));
        assert_eq!(weekday_part("X"), None);
        assert_eq!(weekday_part("1XX"), None);
    }
}
