//! The mainland-China working-day calendar behind 公开时效 (disclosure timeliness).
//!
//! Government information must be put online within 20 working days of being formed
//! (7 working days for administrative permits and penalties). "Working day" follows the
//! State Council General Office's annual notices (国务院办公厅关于XXXX年部分节假日安排的通知):
//! public-holiday rest days are not working days, and make-up days (调休上班) that fall on a
//! Saturday or Sunday are. The notices for 2018–2026 are in `data/cn-holidays.tsv`; outside
//! those years a working day is simply Monday to Friday.
//!
//! Everything here is pure: nothing reads the clock, so it runs unchanged in WebAssembly.

use std::collections::BTreeMap;
use std::ops::RangeInclusive;
use std::sync::OnceLock;

use crate::data::{loaded, DataError, Tsv};
use chrono::{Datelike, NaiveDate, Weekday};

/// What the notices say about one special day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// A rest day of an official holiday period.
    Off,
    /// A make-up working day on a weekend.
    Work,
}

/// The parsed table.
#[derive(Debug)]
pub(crate) struct Calendar {
    /// Special days, ordered so that a date range can be scanned.
    days: BTreeMap<NaiveDate, (Kind, &'static str)>,
    /// First and last calendar year with entries.
    years: RangeInclusive<i32>,
}

fn calendar() -> &'static Calendar {
    static CALENDAR: OnceLock<Calendar> = OnceLock::new();
    CALENDAR.get_or_init(|| loaded(load()))
}

const FILE: Tsv = Tsv::new("cn-holidays.tsv", include_str!("../data/cn-holidays.tsv"), 3);

pub(crate) fn load() -> Result<Calendar, DataError> {
    parse(&FILE)
}

/// Parses the table strictly: every data line must be `YYYY-MM-DD<TAB>off|work<TAB>name`,
/// dates are unique, and `work` days fall on a Saturday or Sunday.
fn parse(table: &Tsv) -> Result<Calendar, DataError> {
    let mut days = BTreeMap::new();
    let rows = table.rows()?;
    for row in &rows {
        let date: NaiveDate = row.parse(0, "date")?;
        let kind = row.lookup(1, "kind", "`off` or `work`", |v| match v {
            "off" => Some(Kind::Off),
            "work" => Some(Kind::Work),
            _ => None,
        })?;
        let name = row.required(2, "name")?;
        if kind == Kind::Work && !is_weekend(date) {
            return Err(row.invalid(format!("make-up working day {date} is not a weekend")));
        }
        if days.insert(date, (kind, name)).is_some() {
            return Err(row.invalid(format!("duplicate date {date}")));
        }
    }
    let (Some(first), Some(last)) = (days.keys().next(), days.keys().next_back()) else {
        return Err(DataError { file: "cn-holidays.tsv", line: 0, message: "no data lines".into() });
    };
    let years = first.year()..=last.year();
    Ok(Calendar { days, years })
}

fn is_weekend(d: NaiveDate) -> bool {
    matches!(d.weekday(), Weekday::Sat | Weekday::Sun)
}

/// The calendar years covered by the official notices in the data: `2018..=2026`.
///
/// Outside these years [`is_working_day`] falls back to plain Monday–Friday.
pub fn known_years() -> RangeInclusive<i32> {
    calendar().years.clone()
}

/// Whether the year of `d` is covered by the official notices (see [`known_years`]).
///
/// When it is not, working-day results for `d` ignore public holidays and may be wrong.
pub fn covers(d: NaiveDate) -> bool {
    calendar().years.contains(&d.year())
}

/// Whether `d` is a working day in mainland China.
///
/// A day is a working day if it is Monday–Friday and not a public-holiday rest day, or if it
/// is a weekend make-up working day (调休上班). Outside [`known_years`] it is just Monday–Friday.
pub fn is_working_day(d: NaiveDate) -> bool {
    match calendar().days.get(&d) {
        Some((Kind::Off, _)) => false,
        Some((Kind::Work, _)) => true,
        None => !is_weekend(d),
    }
}

/// The number of working days after `formed` up to and including `published`.
///
/// Formed on a Monday and published on the Tuesday is 1; published the same day, or before
/// it was formed, is 0. This is the figure compared against the 20 (or 7) working-day limit.
pub fn working_days_between(formed: NaiveDate, published: NaiveDate) -> u32 {
    if published <= formed {
        return 0;
    }
    // Weekdays in (formed, published]: whole weeks hold 5, then at most 6 leftover days.
    let span = (published - formed).num_days();
    let weeks = span / 7;
    let mut count = weeks * 5;
    let mut d = formed + chrono::Duration::days(weeks * 7);
    while d < published {
        d = d.succ_opt().expect("date before `published` has a successor");
        if !is_weekend(d) {
            count += 1;
        }
    }
    // Then the notices: weekday rest days come off, weekend make-up days go on.
    let start = formed.succ_opt().expect("`formed` is before `published`");
    for (&day, &(kind, _)) in calendar().days.range(start..=published) {
        match (kind, is_weekend(day)) {
            (Kind::Off, false) => count -= 1,
            (Kind::Work, true) => count += 1,
            _ => {}
        }
    }
    u32::try_from(count).expect("working-day count fits in u32")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    /// Day-by-day reference for `working_days_between`.
    fn naive_between(formed: NaiveDate, published: NaiveDate) -> u32 {
        formed.iter_days().skip(1).take_while(|x| *x <= published).filter(|x| is_working_day(*x)).count() as u32
    }

    #[test]
    fn embedded_data_parses_and_spans_2018_to_2026() {
        assert!(load().is_ok(), "{:?}", load().err());
        assert_eq!(known_years(), 2018..=2026);
        assert!(!covers(d(2017, 12, 31)));
        assert!(covers(d(2018, 1, 1)));
        assert!(covers(d(2026, 12, 31)));
        assert!(!covers(d(2027, 1, 1)));
    }

    #[test]
    fn every_year_has_all_seven_holidays() {
        let cal = calendar();
        for year in known_years() {
            let names: Vec<&str> = cal
                .days
                .iter()
                .filter(|(day, (kind, _))| day.year() == year && *kind == Kind::Off)
                .map(|(_, (_, name))| *name)
                .collect();
            for holiday in ["元旦", "春节", "清明", "劳动", "端午", "中秋", "国庆"] {
                assert!(names.iter().any(|n| n.contains(holiday)), "{year} has no {holiday} rest day");
            }
            // National Day: 10-01..10-03 are statutory rest days every year.
            for day in 1..=3 {
                assert!(!is_working_day(d(year, 10, day)), "{year}-10-0{day}");
            }
        }
    }

    #[test]
    fn national_day_2024() {
        for day in 1..=7 {
            assert!(!is_working_day(d(2024, 10, day)), "2024-10-{day:02}");
        }
        // Make-up days: Sunday 2024-09-29 and Saturday 2024-10-12.
        assert!(is_working_day(d(2024, 9, 29)));
        assert!(is_working_day(d(2024, 10, 12)));
        assert!(is_working_day(d(2024, 10, 8)));
        assert!(!is_working_day(d(2024, 10, 13))); // ordinary Sunday
    }

    #[test]
    fn spring_festival_2024() {
        assert!(is_working_day(d(2024, 2, 4))); // Sunday, 调休上班
        assert!(is_working_day(d(2024, 2, 18))); // Sunday, 调休上班
        assert!(is_working_day(d(2024, 2, 9))); // 除夕: only "encouraged" rest in 2024
        for day in 10..=17 {
            assert!(!is_working_day(d(2024, 2, day)), "2024-02-{day}");
        }
        assert!(is_working_day(d(2024, 2, 19)));
    }

    #[test]
    fn spring_festival_2020_extension() {
        assert!(!is_working_day(d(2020, 1, 31))); // Friday, extension
        assert!(!is_working_day(d(2020, 2, 1))); // Saturday: make-up day cancelled
        assert!(!is_working_day(d(2020, 2, 2)));
        assert!(is_working_day(d(2020, 1, 19))); // Sunday make-up day, already worked
        assert!(is_working_day(d(2020, 2, 3)));
    }

    #[test]
    fn new_holidays_from_2025() {
        assert!(!is_working_day(d(2025, 1, 28))); // 除夕, Tuesday
        assert!(!is_working_day(d(2025, 5, 2))); // 5月2日, Friday
        assert!(is_working_day(d(2025, 1, 26))); // Sunday make-up
        assert!(is_working_day(d(2025, 2, 8))); // Saturday make-up
        assert!(!is_working_day(d(2026, 2, 16))); // 2026 除夕, Monday
        assert!(is_working_day(d(2026, 2, 28))); // Saturday make-up
        assert!(is_working_day(d(2026, 1, 4))); // Sunday make-up after 元旦
    }

    #[test]
    fn new_year_across_the_year_boundary() {
        // 2019's 元旦: 2018-12-30..2019-01-01 off, Saturday 2018-12-29 worked.
        assert!(is_working_day(d(2018, 12, 29)));
        assert!(!is_working_day(d(2018, 12, 31)));
        assert!(!is_working_day(d(2019, 1, 1)));
        assert!(is_working_day(d(2019, 1, 2)));
    }

    #[test]
    fn outside_known_years_is_monday_to_friday() {
        assert!(is_working_day(d(2030, 1, 7))); // Monday
        assert!(!is_working_day(d(2030, 1, 5))); // Saturday
        assert!(is_working_day(d(2017, 10, 2))); // a real holiday, but not in the data
    }

    #[test]
    fn count_across_national_day_2024() {
        // After Fri 09-27: Sun 09-29 (make-up), Mon 09-30, [10-01..07 off], Tue 10-08,
        // Wed 10-09, Thu 10-10, Fri 10-11, Sat 10-12 (make-up), Mon 10-14, Tue 10-15 = 9.
        assert_eq!(working_days_between(d(2024, 9, 27), d(2024, 10, 15)), 9);
        // Within the holiday itself nothing accrues.
        assert_eq!(working_days_between(d(2024, 9, 30), d(2024, 10, 7)), 0);
    }

    #[test]
    fn count_in_a_plain_week() {
        let mon = d(2024, 3, 4);
        assert_eq!(working_days_between(mon, d(2024, 3, 5)), 1);
        assert_eq!(working_days_between(mon, d(2024, 3, 8)), 4); // to Friday
        assert_eq!(working_days_between(mon, d(2024, 3, 10)), 4); // to Sunday
        assert_eq!(working_days_between(mon, d(2024, 3, 11)), 5); // next Monday
        assert_eq!(working_days_between(mon, mon), 0);
        assert_eq!(working_days_between(d(2024, 3, 11), mon), 0);
    }

    #[test]
    fn whole_year_totals() {
        // 2024: 262 weekdays − 19 weekday rest days + 8 weekend make-up days = 251.
        assert_eq!(working_days_between(d(2023, 12, 31), d(2024, 12, 31)), 251);
        // 2025: 261 weekdays − 18 weekday rest days + 5 weekend make-up days = 248.
        assert_eq!(working_days_between(d(2024, 12, 31), d(2025, 12, 31)), 248);
    }

    #[test]
    fn fast_count_matches_day_by_day() {
        let starts = [d(2017, 12, 20), d(2019, 4, 26), d(2020, 1, 17), d(2023, 9, 28)];
        for start in starts {
            for len in (0..800).step_by(13) {
                let end = start + chrono::Duration::days(len);
                assert_eq!(working_days_between(start, end), naive_between(start, end), "{start}..{end}");
            }
        }
        let (a, b) = (d(2017, 6, 1), d(2027, 6, 1));
        assert_eq!(working_days_between(a, b), naive_between(a, b));
    }

    #[test]
    fn parse_rejects_bad_lines() {
        assert!(parse(&Tsv::new("test.tsv", "# only a comment\n", 3)).is_err());
        assert!(parse(&Tsv::new("test.tsv", "2024-10-01\toff\n", 3)).is_err());
        assert!(parse(&Tsv::new("test.tsv", "2024-10-01\tholiday\t国庆节\n", 3)).is_err());
        assert!(parse(&Tsv::new("test.tsv", "2024-13-01\toff\t国庆节\n", 3)).is_err());
        assert!(parse(&Tsv::new("test.tsv", "2024-10-01\toff\t国庆节\n2024-10-01\toff\t国庆节\n", 3)).is_err());
        let e = parse(&Tsv::new("test.tsv", "2024-10-01\toff\t国庆节\n2024-10-08\twork\t国庆节\n", 3)).unwrap_err(); // a Tuesday
        assert_eq!(e.line, 2);
        let ok = parse(&Tsv::new("test.tsv", "# c\n\n2024-10-12\twork\t国庆节\n2025-10-01\toff\t国庆节\n", 3)).unwrap();
        assert_eq!(ok.years, 2024..=2025);
    }
}
