//! The end of the workday in the coach: where the day ends (the config's end,
//! earlier under `max_work_minutes`, moved by `kot end`, cut short by a
//! shutdown), the warnings before it, "time to shut down" at it and the
//! nudges after it, as prompts and deadlines of the tick; and the phase of
//! the evening (`EndPhase`) and the day's worked time, from the instants.

use chrono::{DateTime, Duration, TimeZone, Utc};

use super::{Coach, CoachOp, OffReason, Prompt};
use crate::core::breaks::Outcome;
use crate::core::shutdown::{self, Interval, Punctuality, WorkSpan, running_evening};
use crate::core::time::TimeOfDay;
use crate::core::workday::resolve_local;

/// Where the day stands towards its end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EndPhase {
    /// No workday to end today (a day off, sick, no work by the config, or
    /// past the end of a day that saw no work).
    NoEnd,
    /// The workday runs; it ends at `end`.
    Before { end: DateTime<Utc> },
    /// From the wrap-up warning to the end.
    WrapUp { end: DateTime<Utc> },
    /// Past the end, no shutdown yet. `overtime`: past the planned end too;
    /// a day ended early (`kot end`) is past its end before it is overtime.
    Overtime {
        end: DateTime<Utc>,
        over: Duration,
        overtime: bool,
    },
    /// Working again after the shutdown, since `since`.
    Evening { since: DateTime<Utc> },
    /// Off work since `since` (the shutdown, or the end of evening work).
    Off { since: DateTime<Utc> },
}

impl EndPhase {
    /// The name for `kot status --json`'s class, when the phase has one.
    #[must_use]
    pub fn class(self) -> Option<&'static str> {
        match self {
            Self::WrapUp { .. } => Some("wrap-up"),
            Self::Overtime {
                overtime: false, ..
            } => Some("past-end"),
            Self::Overtime { .. } | Self::Evening { .. } => Some("overtime"),
            Self::Off { .. } => Some("off"),
            Self::NoEnd | Self::Before { .. } => None,
        }
    }
}

impl<Tz: TimeZone> Coach<'_, Tz> {
    /// Work out the day's end from the hours, the policy and the day: the
    /// planned end, the end the coach works to, and the work span it cuts.
    pub(super) fn settle_end(&mut self) {
        let hours = self.hours.filter(|_| self.off.is_none());
        let Some(h) = hours else {
            (self.work, self.planned_end, self.end) = (None, None, None);
            return;
        };
        let date = self.day.date;
        let start = resolve_local(&self.tz, date, h.start);
        let config_end = resolve_local(&self.tz, date, h.end);
        let max_work = self
            .shutdown
            .max_work_minutes
            .filter(|_| self.shutdown.enabled);
        let planned = match (max_work, self.first_work()) {
            (Some(m), Some(first)) => {
                let gaps = self.gaps(None);
                config_end.min(shutdown::work_reaches(first, m, &gaps))
            }
            _ => config_end,
        };
        // A moved end before the start is after midnight: the kot day runs
        // on until `day_starts`, which is never after a work day's start.
        let moved = self.day.shutdown.end.map(|t| self.end_at(Some(h.start), t));
        let end = moved.unwrap_or(planned);
        let cut = self.shut_down_at().map_or(end, |at| end.min(at));
        self.work = Some((start, cut));
        self.planned_end = Some(planned);
        self.end = Some(end);
    }

    /// The end the coach works to today: a moved end, else the planned one.
    #[must_use]
    pub fn end(&self) -> Option<DateTime<Utc>> {
        self.end
    }

    /// The workday as the coach works it: from the start of the hours to
    /// `end` (a moved end included); `None` on a day without work.
    #[must_use]
    pub fn workday(&self) -> Option<(DateTime<Utc>, DateTime<Utc>)> {
        Some((self.work?.0, self.end?))
    }

    /// The end by the plan, which overtime counts from.
    #[must_use]
    pub fn planned_end(&self) -> Option<DateTime<Utc>> {
        self.planned_end
    }

    #[must_use]
    pub fn shut_down_at(&self) -> Option<DateTime<Utc>> {
        self.day.shutdown.at.map(|t| t.to_utc())
    }

    /// When the wrap-up begins: the first warning before the end.
    #[must_use]
    pub fn wrap_up_at(&self) -> Option<DateTime<Utc>> {
        let minutes = self.shutdown.wrap_up_minutes()?;
        Some(self.end? - Duration::minutes(i64::from(minutes)))
    }

    /// When the day's work began: the one rule of it, which worked time,
    /// overtime, `max_work_minutes` and the review all read.
    ///
    /// A start corrected afterwards (`kot day --start`) is the start.
    /// Work starts at the later of the check-in and the planned start (a
    /// 07:00 check-in at breakfast is not work), or earlier only on a sign of
    /// work: a focus block started, a break, a task done or edited by hand
    /// (`[coach] first_sign`). With no check-in the first sign starts it. On
    /// a day without work hours (sick, off) the check-in counts as it is.
    #[must_use]
    pub fn first_work(&self) -> Option<DateTime<Utc>> {
        if let Some(start) = self.corrected_start() {
            return Some(start);
        }
        let d = self.day;
        let log = &d.coach;
        let start = self.hours.map(|h| resolve_local(&self.tz, d.date, h.start));
        let checkin = d
            .checkin
            .as_ref()
            .map(|c| c.at.to_utc().max(start.unwrap_or(DateTime::<Utc>::MIN_UTC)));
        [
            checkin,
            log.focus_since.map(|t| t.to_utc()),
            log.on_break.as_ref().map(|b| b.start.to_utc()),
            d.breaks.iter().map(|b| b.start.to_utc()).min(),
            log.first_sign.map(|t| t.to_utc()),
        ]
        .into_iter()
        .flatten()
        .min()
    }

    /// Whether a sign of work at `at` (a task done or edited by hand)
    /// starts the day's work earlier: before the planned start and before
    /// any work known so far. Only then is it worth recording
    /// (`CoachOp::SignOfWork`): a later one changes nothing, so an edit and
    /// its undo leave the file as it was.
    #[must_use]
    pub fn sign_starts_work(&self, at: DateTime<Utc>) -> bool {
        let start = self
            .hours
            .map(|h| resolve_local(&self.tz, self.day.date, h.start));
        start.is_some_and(|s| at < s) && self.first_work().is_none_or(|f| at < f)
    }

    /// Whether the morning check-in opens by itself at `now`: not past the
    /// planned end of a work day. kot opened in the evening (to write the
    /// journal, to plan tomorrow) is no start of work: it opens on the
    /// evening instead, and a check-in then would count the evening as
    /// overtime.
    #[must_use]
    pub fn checkin_opens_by_itself(&self, now: DateTime<Utc>) -> bool {
        self.planned_end.is_none_or(|end| now < end)
    }

    /// Whether a sign of the user at `at` (a task done or edited by hand, a
    /// key on Today) says the work went on past the planned end: after it,
    /// on a day whose work began, with no shutdown and no later sign
    /// recorded. Only then is it worth recording (`CoachOp::LastSign`), read
    /// by `last_work`.
    #[must_use]
    pub fn sign_ends_work_later(&self, at: DateTime<Utc>) -> bool {
        self.shut_down_at().is_none()
            && self.first_work().is_some()
            && self.planned_end.is_some_and(|end| at > end)
            && self.log().last_sign.is_none_or(|t| at > t.to_utc())
    }

    /// Whether a task done or edited by hand at `at` is news of the user:
    /// past the planned end (`sign_ends_work_later`), or later than the last
    /// time a coach ran, when no kot was watching (a `kot plan done` with kot
    /// closed). Time away then counts only from it (`away`), so the hours
    /// the user worked from the command line never become a break.
    #[must_use]
    pub fn sign_is_news(&self, at: DateTime<Utc>) -> bool {
        self.sign_ends_work_later(at)
            || (self.shut_down_at().is_none()
                && self.first_work().is_some()
                && self.log().seen_at.is_some_and(|s| at > s.to_utc())
                && self.log().last_sign.is_none_or(|t| at > t.to_utc()))
    }

    /// The last sign of the user in the day: the check-in, a break answered
    /// (its end), a task done or edited by hand (`[coach] first_sign`,
    /// `last_sign`). A coach running (`seen_at`) is none.
    #[must_use]
    pub fn last_sign(&self) -> Option<DateTime<Utc>> {
        let d = self.day;
        let log = &d.coach;
        [
            d.checkin.as_ref().map(|c| c.at.to_utc()),
            d.breaks.iter().map(|b| b.end.to_utc()).max(),
            log.on_break.as_ref().map(|b| b.start.to_utc()),
            log.first_sign.map(|t| t.to_utc()),
            log.last_sign.map(|t| t.to_utc()),
        ]
        .into_iter()
        .flatten()
        .max()
    }

    /// Breaks taken and personal blocks; a break under way up to `now`
    /// (`None`: to its planned end).
    fn gaps(&self, now: Option<DateTime<Utc>>) -> Vec<Interval> {
        let mut gaps: Vec<Interval> = self
            .day
            .breaks
            .iter()
            .filter(|b| b.outcome == Outcome::Taken)
            .map(|b| (b.start.to_utc(), b.end.to_utc()))
            .collect();
        if let Some(b) = &self.log().on_break {
            let start = b.start.to_utc();
            gaps.push((start, now.map_or(b.end(), |n| n.max(start))));
        }
        gaps.extend(self.personal.iter().map(|p| (p.start, p.end)));
        gaps
    }

    /// Why the coach is quiet past the end of work hours.
    pub(super) fn after_work(&self, now: DateTime<Utc>) -> OffReason {
        let off =
            self.shut_down_at().is_some_and(|at| now >= at) && running_evening(self.day).is_none();
        if off {
            OffReason::ShutDown
        } else {
            OffReason::AfterWork
        }
    }

    /// Where the day stands towards its end at `now`.
    #[must_use]
    pub fn end_phase(&self, now: DateTime<Utc>) -> EndPhase {
        if let Some(e) = running_evening(self.day) {
            return EndPhase::Evening {
                since: e.start.to_utc(),
            };
        }
        if let Some(at) = self.shut_down_at().filter(|at| now >= *at) {
            let evening_end = self.day.evening.iter().filter_map(|e| e.end).max();
            let since = evening_end.map_or(at, |e| at.max(e.to_utc()));
            return EndPhase::Off { since };
        }
        let Some(end) = self.end.filter(|_| self.off.is_none()) else {
            return EndPhase::NoEnd;
        };
        if now >= end {
            if self.first_work().is_none() {
                return EndPhase::NoEnd;
            }
            return EndPhase::Overtime {
                end,
                over: now - end,
                overtime: self.planned_end.is_none_or(|p| now > p),
            };
        }
        if self.wrap_up_at().is_some_and(|w| now >= w) {
            return EndPhase::WrapUp { end };
        }
        EndPhase::Before { end }
    }

    /// Past the end with no shutdown, on a coached day: the user may still
    /// be at it.
    pub(super) fn still_at_it(&self, now: DateTime<Utc>) -> bool {
        self.shutdown.enabled && matches!(self.end_phase(now), EndPhase::Overtime { .. })
    }

    /// Whether an end-of-day notice may stay up: from the wrap-up until
    /// the shutdown.
    pub(super) fn shutdown_standing(&self, now: DateTime<Utc>) -> bool {
        self.shutdown.enabled
            && matches!(
                self.end_phase(now),
                EndPhase::WrapUp { .. } | EndPhase::Overtime { .. }
            )
    }

    /// What worked time is computed from, with the work ending at `last`
    /// and evening work under way counted up to `now`; `None` on a day
    /// without work (no hours, or neither work in the day nor evening work).
    ///
    /// This is the one rule of worked time and overtime every front end
    /// reads (`kot shutdown`, `kot work`, `kot status`, Today, the review):
    /// the day's work runs from `first_work` to `last` (a corrected end
    /// instead, whatever the caller saw); evening work is
    /// overtime whatever else the day holds, so a day with evening work
    /// alone (no check-in, no coach) counts it, with an empty day before it.
    #[must_use]
    pub fn work_span(&self, last: DateTime<Utc>, now: DateTime<Utc>) -> Option<WorkSpan> {
        let planned_end = self.planned_end.or_else(|| {
            // Sick or off, a shutdown still counts: against the usual end.
            self.hours
                .map(|h| resolve_local(&self.tz, self.day.date, h.end))
        })?;
        let evenings: Vec<Interval> = self
            .day
            .evening
            .iter()
            .map(|e| (e.start.to_utc(), e.end.map_or(now, |t| t.to_utc())))
            .collect();
        let last = self.corrected_end().unwrap_or(last);
        let (first, last) = match self.first_work() {
            Some(first) => (first, last.max(first)),
            None => {
                let start = evenings.iter().map(|e| e.0).min()?;
                (start, start)
            }
        };
        // Whole minutes, as every time is shown and told: a check-in at
        // 09:10:35 and a start corrected to 09:10 are one start, and the
        // same day never counts 8h04 one way and 8h05 the other.
        let minute = |t: DateTime<Utc>| {
            use chrono::DurationRound;
            t.duration_trunc(Duration::minutes(1)).unwrap_or(t)
        };
        Some(WorkSpan {
            first: minute(first),
            last: minute(last),
            planned_end,
            gaps: self.gaps(Some(now)),
            evenings,
        })
    }

    /// Where the day's work ended: the one rule of it, which a forgotten
    /// shutdown's worked time and overtime (`kot watch`, the check-in, the
    /// review and reports, through the recorded totals) all read.
    ///
    /// An end corrected afterwards (`kot day --end`), else the shutdown,
    /// else the later of the last time a coach ran (`seen_at`)
    /// and the last sign of the user (`last_sign`), never later than the
    /// planned end unless such a sign says so: a coach running in the
    /// background all night is no evidence of work.
    #[must_use]
    pub fn last_work(&self) -> Option<DateTime<Utc>> {
        self.corrected_end()
            .or_else(|| self.shut_down_at())
            .or_else(|| {
                let seen = self.log().seen_at.map(|t| t.to_utc());
                let sign = self.last_sign();
                let ran = seen.max(sign).or_else(|| self.first_work())?;
                let capped = self.planned_end.map_or(ran, |end| ran.min(end));
                Some(sign.map_or(capped, |s| capped.max(s)))
            })
    }

    /// The instant of a time the user tells for the day (the next morning's
    /// "When did you stop yesterday?", the evening's "from when to when"):
    /// on the day, or after midnight when `t` comes before `day_starts` (the
    /// kot day runs on).
    #[must_use]
    pub fn at_on_the_day(&self, t: TimeOfDay, day_starts: TimeOfDay) -> DateTime<Utc> {
        crate::core::workday::on_kot_day(&self.tz, self.day.date, t, day_starts)
    }

    /// How the day ended, against the end the coach worked to.
    #[must_use]
    pub fn punctuality(&self) -> Option<Punctuality> {
        Some(shutdown::punctuality(self.end?, self.shut_down_at()))
    }

    /// The end-of-day prompts due at `now`: the latest warning passed (the
    /// first said is the wrap-up), "time to shut down" at the end, the latest
    /// nudge passed after it. Warnings and nudges passed by unsaid are
    /// recorded with the one said, so a late start says one thing, not three.
    pub(super) fn poll_shutdown(
        &self,
        now: DateTime<Utc>,
        out: &mut Vec<(Option<Prompt>, CoachOp)>,
    ) {
        if !self.shutdown.enabled || self.off.is_some() || self.shut_down_at().is_some() {
            return;
        }
        let (Some(end), Some(_)) = (self.end, self.first_work()) else {
            return;
        };
        let log = self.log();
        let mins = |m: u16| Duration::minutes(i64::from(m));
        let warns: Vec<u16> = self
            .shutdown
            .warn_minutes
            .iter()
            .copied()
            .filter(|w| now >= end - mins(*w) && !log.shutdown_warned.contains(w))
            .collect();
        let nudges: Vec<u16> = self
            .shutdown
            .nudge_after_minutes
            .iter()
            .copied()
            .filter(|n| now >= end + mins(*n) && !log.shutdown_nudged.contains(n))
            .collect();
        if !warns.is_empty() {
            let said = (now < end).then(|| {
                let secs = (end - now).num_seconds();
                Prompt::ShutdownWarning {
                    minutes_left: u32::try_from((secs + 59) / 60).unwrap_or(0),
                    wrap_up: log.shutdown_warned.is_empty(),
                    end,
                }
            });
            out.push((said, CoachOp::ShutdownWarned { minutes: warns }));
        }
        if now >= end && !log.shutdown_due {
            let said = nudges.is_empty().then_some(Prompt::ShutdownDue { end });
            out.push((said, CoachOp::ShutdownDue));
        }
        if !nudges.is_empty() {
            let overtime = self
                .work_span(now, now)
                .map_or(0, |s| s.worked().overtime_minutes);
            let over = u32::try_from((now - end).num_minutes()).unwrap_or(0);
            let prompt = Prompt::ShutdownNudge {
                over_minutes: over,
                overtime_minutes: overtime,
            };
            out.push((Some(prompt), CoachOp::ShutdownNudged { minutes: nudges }));
        }
    }

    /// The instants an end-of-day prompt may fall due.
    pub(super) fn shutdown_deadlines(&self) -> Vec<DateTime<Utc>> {
        let Some(end) = self.end.filter(|_| {
            self.shutdown.enabled && self.off.is_none() && self.shut_down_at().is_none()
        }) else {
            return Vec::new();
        };
        let mins = |m: u16| Duration::minutes(i64::from(m));
        let p = &self.shutdown;
        let mut v = vec![end];
        v.extend(p.warn_minutes.iter().map(|w| end - mins(*w)));
        v.extend(p.nudge_after_minutes.iter().map(|n| end + mins(*n)));
        v
    }
}
