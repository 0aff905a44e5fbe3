//! Instants as day files hold them: RFC 3339 with the local offset, whole
//! seconds. Read back from a quoted string or a bare TOML datetime (what people
//! write by hand), even inside structs that keep unknown keys, where serde hands
//! TOML datetimes over as a map.

use chrono::{DateTime, FixedOffset, Offset, SecondsFormat, TimeZone, Utc};
use serde::{Deserialize, Deserializer, Serializer};

/// An instant in a day file.
pub type Stamp = DateTime<FixedOffset>;

/// The one way an instant becomes a `Stamp`: whole seconds, with the offset
/// `tz` has at that instant.
#[must_use]
pub fn local<Tz: TimeZone>(t: DateTime<Utc>, tz: &Tz) -> Stamp {
    let offset = tz.offset_from_utc_datetime(&t.naive_utc()).fix();
    DateTime::from_timestamp(t.timestamp(), 0)
        .unwrap_or(t)
        .with_timezone(&offset)
}

pub fn serialize<S: Serializer>(t: &Stamp, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&t.to_rfc3339_opts(SecondsFormat::Secs, false))
}

pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Stamp, D::Error> {
    let v = toml::Value::deserialize(d)?;
    let text = match &v {
        toml::Value::String(s) => s.clone(),
        toml::Value::Datetime(dt) => dt.to_string(),
        other => {
            return Err(serde::de::Error::custom(format!(
                "{other} is not a date and time"
            )));
        }
    };
    DateTime::parse_from_rfc3339(text.trim()).map_err(|_| {
        serde::de::Error::custom(format!(
            "{text:?} is not a date and time with an offset, like \"2026-11-23T09:05:00+01:00\""
        ))
    })
}

/// The same for an optional instant (`#[serde(default, with = "stamp::option")]`).
pub mod option {
    use super::Stamp;
    use serde::{Deserializer, Serializer};

    #[allow(clippy::ref_option)]
    pub fn serialize<S: Serializer>(t: &Option<Stamp>, s: S) -> Result<S::Ok, S::Error> {
        match t {
            Some(t) => super::serialize(t, s),
            None => s.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Stamp>, D::Error> {
        super::deserialize(d).map(Some)
    }
}

#[cfg(test)]
mod tests {
    use serde::{Deserialize, Serialize};

    #[derive(Debug, Serialize, Deserialize, PartialEq)]
    struct Holder {
        #[serde(with = "super")]
        at: super::Stamp,
        #[serde(flatten)]
        extra: toml::Table,
    }

    #[test]
    fn reads_strings_and_bare_datetimes_even_with_flatten() {
        for text in [
            "at = \"2026-11-23T09:05:00+01:00\"\n",
            "at = 2026-11-23T09:05:00+01:00\n",
        ] {
            let h: Holder = toml::from_str(text).unwrap();
            assert_eq!(h.at.to_rfc3339(), "2026-11-23T09:05:00+01:00");
            assert_eq!(
                toml::to_string(&h).unwrap(),
                "at = \"2026-11-23T09:05:00+01:00\"\n"
            );
        }
        assert!(toml::from_str::<Holder>("at = 2026-11-23\n").is_err());
    }

    #[test]
    fn local_stamps_have_whole_seconds_and_the_zone_offset_then() {
        use chrono::{DateTime, Utc};
        let zone = chrono_tz::Europe::Brussels;
        let winter: DateTime<Utc> = "2026-11-23T08:05:00.750Z".parse().unwrap();
        assert_eq!(
            super::local(winter, &zone).to_rfc3339(),
            "2026-11-23T09:05:00+01:00"
        );
        let summer: DateTime<Utc> = "2026-07-01T08:05:00Z".parse().unwrap();
        assert_eq!(
            super::local(summer, &zone).to_rfc3339(),
            "2026-07-01T10:05:00+02:00"
        );
    }
}
