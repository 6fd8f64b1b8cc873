use std::cmp::Ordering;
use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

/// A date known to a year, a month or a day: `2020`, `2019-04`, `2019-07-15`.
///
/// Public sources often say only "2020" or "April 2019". Storing such a fact
/// as 2020-01-01 would invent a day nobody reported; a partial date keeps the
/// precision the source had, and still sorts and compares.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct PartialDate {
    year: i32,
    month: Option<u32>,
    day: Option<u32>,
}

impl PartialDate {
    /// A full date.
    pub fn from_naive(d: NaiveDate) -> Self {
        PartialDate {
            year: d.year(),
            month: Some(d.month()),
            day: Some(d.day()),
        }
    }

    /// The first day the date can mean: where a chart must put a point.
    pub fn earliest(&self) -> NaiveDate {
        let m = self.month.unwrap_or(1);
        let d = self.day.unwrap_or(1);
        NaiveDate::from_ymd_opt(self.year, m, d).unwrap_or(NaiveDate::MIN)
    }

    /// The last day the date can mean.
    pub fn latest(&self) -> NaiveDate {
        match (self.month, self.day) {
            (Some(m), Some(d)) => NaiveDate::from_ymd_opt(self.year, m, d),
            (Some(m), None) => {
                let (y, m) = if m == 12 {
                    (self.year + 1, 1)
                } else {
                    (self.year, m + 1)
                };
                NaiveDate::from_ymd_opt(y, m, 1).and_then(|d| d.pred_opt())
            }
            _ => NaiveDate::from_ymd_opt(self.year, 12, 31),
        }
        .unwrap_or(NaiveDate::MAX)
    }

    /// True when every day this date can mean lies before every day `other`
    /// can mean — the only case in which "left before joining" is certain.
    pub fn surely_before(&self, other: &PartialDate) -> bool {
        self.latest() < other.earliest()
    }

    /// The year.
    pub fn year(&self) -> i32 {
        self.year
    }
}

#[cfg(feature = "openapi")]
crate::openapi::schema!(
    PartialDate,
    crate::openapi::string(
        crate::openapi::PARTIAL_DATE,
        None,
        "A date to the precision known: YYYY, YYYY-MM or YYYY-MM-DD, years 1800–2200.",
        "2019-04",
    )
);

impl PartialOrd for PartialDate {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for PartialDate {
    fn cmp(&self, other: &Self) -> Ordering {
        (self.year, self.month, self.day).cmp(&(other.year, other.month, other.day))
    }
}

impl FromStr for PartialDate {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = || format!("'{s}' is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD");
        let parts: Vec<&str> = s.split('-').collect();
        let num = |p: &str, len: usize| -> Result<u32, String> {
            if p.len() != len || !p.bytes().all(|b| b.is_ascii_digit()) {
                return Err(bad());
            }
            p.parse::<u32>().map_err(|_| bad())
        };
        let year = num(parts.first().copied().unwrap_or(""), 4)? as i32;
        if !(1800..=2200).contains(&year) {
            return Err(format!("'{s}': the year must lie between 1800 and 2200"));
        }
        let month = match parts.get(1) {
            Some(p) => {
                let m = num(p, 2)?;
                if !(1..=12).contains(&m) {
                    return Err(format!("'{s}': there is no month {m}"));
                }
                Some(m)
            }
            None => None,
        };
        let day = match parts.get(2) {
            Some(p) => {
                let d = num(p, 2)?;
                if NaiveDate::from_ymd_opt(year, month.unwrap_or(1), d).is_none() {
                    return Err(format!("'{s}': that day does not exist"));
                }
                Some(d)
            }
            None => None,
        };
        if parts.len() > 3 {
            return Err(bad());
        }
        Ok(PartialDate { year, month, day })
    }
}

impl TryFrom<String> for PartialDate {
    type Error = String;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        value.parse()
    }
}

impl From<PartialDate> for String {
    fn from(d: PartialDate) -> String {
        d.to_string()
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
            if let Some(d) = self.day {
                write!(f, "-{d:02}")?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn parses_three_precisions() {
        assert_eq!("2020".parse::<PartialDate>().unwrap().to_string(), "2020");
        assert_eq!(
            "2019-04".parse::<PartialDate>().unwrap().to_string(),
            "2019-04"
        );
        assert_eq!(
            "2024-02-29".parse::<PartialDate>().unwrap().to_string(),
            "2024-02-29"
        );
        assert!(
            "2023-02-29"
                .parse::<PartialDate>()
                .unwrap_err()
                .contains("does not exist")
        );
        assert!(
            "2019-13"
                .parse::<PartialDate>()
                .unwrap_err()
                .contains("month 13")
        );
        assert!("19-04".parse::<PartialDate>().is_err());
        assert!("2019-4".parse::<PartialDate>().is_err());
        assert!("2019-04-01-01".parse::<PartialDate>().is_err());
    }

    #[test]
    fn ranges_and_order() {
        let apr: PartialDate = "2019-04".parse().unwrap();
        assert_eq!(apr.earliest().to_string(), "2019-04-01");
        assert_eq!(apr.latest().to_string(), "2019-04-30");
        let y: PartialDate = "2019".parse().unwrap();
        let d: PartialDate = "2019-04-15".parse().unwrap();
        assert!(!y.surely_before(&d), "a year overlaps its days");
        assert!(
            "2018-12-31"
                .parse::<PartialDate>()
                .unwrap()
                .surely_before(&y)
        );
    }

    proptest! {
        #[test]
        fn display_round_trips(y in 1800i32..2200, m in 1u32..=12, d in 1u32..=28, prec in 0..3) {
            let s = match prec {
                0 => format!("{y:04}"),
                1 => format!("{y:04}-{m:02}"),
                _ => format!("{y:04}-{m:02}-{d:02}"),
            };
            let p: PartialDate = s.parse().unwrap();
            prop_assert_eq!(p.to_string(), s);
            prop_assert!(p.earliest() <= p.latest());
        }
    }
}
