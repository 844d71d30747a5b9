//! Time as an injected dependency: the system clock in the app, a fixed or
//! advanceable clock in tests and demos (`CONFDESK_NOW`), so expiry is
//! tested without sleeping.

use chrono::{
    DateTime, Duration, FixedOffset, Local, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc,
};
use std::sync::{Arc, Mutex};

/// Where the app reads "now" from.
pub trait Clock: Send + Sync {
    /// The current instant.
    fn now(&self) -> DateTime<Utc>;
}

/// The machine's clock.
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> DateTime<Utc> {
        Utc::now()
    }
}

/// A clock that only moves when told to; clones share the same time.
#[derive(Debug, Clone)]
pub struct ManualClock(Arc<Mutex<DateTime<Utc>>>);

impl ManualClock {
    /// A clock standing at `at`.
    pub fn new(at: DateTime<Utc>) -> Self {
        Self(Arc::new(Mutex::new(at)))
    }

    /// Moves the clock forward (or back, with a negative duration).
    pub fn advance(&self, by: Duration) {
        let mut t = self
            .0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        *t += by;
    }

    /// Sets the clock.
    pub fn set(&self, at: DateTime<Utc>) {
        *self
            .0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner) = at;
    }
}

impl Clock for ManualClock {
    fn now(&self) -> DateTime<Utc> {
        *self
            .0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

/// Which calendar turns instants into days and clock times for the
/// per-day figures (the Dashboard's days, its check-in chart's labels,
/// "no-shows so far" from the first day's midnight). The log records UTC;
/// a conference has dates but no time zone, so each desk counts days in
/// its own zone, as the people at that desk read a calendar.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum DayZone {
    /// UTC: the same days on every machine (the CLI, tests).
    #[default]
    Utc,
    /// A fixed offset from UTC.
    Fixed(FixedOffset),
    /// The machine's time zone, daylight saving included (the window).
    Local,
}

impl DayZone {
    /// `at` on this zone's wall clock.
    pub fn wall_clock(self, at: DateTime<Utc>) -> NaiveDateTime {
        match self {
            Self::Utc => at.naive_utc(),
            Self::Fixed(offset) => at.with_timezone(&offset).naive_local(),
            Self::Local => at.with_timezone(&Local).naive_local(),
        }
    }

    /// The day `at` falls on in this zone.
    pub fn day_of(self, at: DateTime<Utc>) -> NaiveDate {
        self.wall_clock(at).date()
    }

    /// The first instant of `day` in this zone. Where a daylight-saving
    /// jump skips midnight, the day starts at the first hour that exists.
    pub fn start_of(self, day: NaiveDate) -> DateTime<Utc> {
        let midnight = day.and_time(NaiveTime::MIN);
        match self {
            Self::Utc => midnight.and_utc(),
            Self::Fixed(offset) => {
                let shift = Duration::seconds(i64::from(offset.local_minus_utc()));
                // Out of chrono's range only at its very ends.
                (midnight.checked_sub_signed(shift).unwrap_or(midnight)).and_utc()
            }
            Self::Local => (0..=3)
                .filter_map(|h| midnight.checked_add_signed(Duration::hours(h)))
                .find_map(|t| Local.from_local_datetime(&t).earliest())
                .map_or_else(|| midnight.and_utc(), |t| t.with_timezone(&Utc)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn manual_clock_moves_only_when_told_and_clones_share_time() {
        let start = DateTime::from_timestamp(1_800_000_000, 0).unwrap();
        let c = ManualClock::new(start);
        let other = c.clone();
        assert_eq!(c.now(), start);
        other.advance(Duration::minutes(15));
        assert_eq!(c.now(), start + Duration::minutes(15));
    }

    fn at(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    #[test]
    fn a_zone_east_of_utc_puts_early_morning_on_its_own_day() {
        let seoul = DayZone::Fixed(FixedOffset::east_opt(9 * 3600).unwrap());
        let t = at("2026-11-30T16:30:00Z");
        assert_eq!(DayZone::Utc.day_of(t).to_string(), "2026-11-30");
        assert_eq!(seoul.day_of(t).to_string(), "2026-12-01");
        assert_eq!(seoul.wall_clock(t).time().to_string(), "01:30:00");
    }

    #[test]
    fn a_day_starts_at_midnight_of_its_zone() {
        let day = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
        let seoul = DayZone::Fixed(FixedOffset::east_opt(9 * 3600).unwrap());
        let new_york = DayZone::Fixed(FixedOffset::west_opt(5 * 3600).unwrap());
        assert_eq!(DayZone::Utc.start_of(day), at("2026-12-01T00:00:00Z"));
        assert_eq!(seoul.start_of(day), at("2026-11-30T15:00:00Z"));
        assert_eq!(new_york.start_of(day), at("2026-12-01T05:00:00Z"));
        for zone in [DayZone::Utc, seoul, new_york, DayZone::Local] {
            let start = zone.start_of(day);
            assert_eq!(zone.day_of(start), day, "{zone:?}");
            assert_ne!(zone.day_of(start - Duration::seconds(1)), day, "{zone:?}");
        }
    }
}
