//! The domain: plan, day, calendar rules. No terminal, no files, no clock reads:
//! every function takes the instant it needs, so a whole day can be simulated.

pub mod agreements;
pub mod breaks;
pub mod coach;
pub mod countdown;
pub mod day;
pub mod days_off;
pub mod journal;
pub mod markdown;
pub mod meetings;
pub mod nudges;
pub mod plan;
pub mod review;
pub mod shutdown;
pub mod stamp;
pub mod text;
pub mod time;
pub mod week;
pub mod workday;
