//! The bytes of one stored event, and reading them fast: shared by the redb
//! log and the PostgreSQL log, so both store and check exactly the same
//! envelope and checksum.
//!
//! Format versions 1 and 2 store a postcard-encoded [`RecordedEvent`].
//! Version 3 stores the same bytes followed by their CRC-32 (4 bytes,
//! little-endian), checked on every decode: redb verifies its own page
//! checksums only in its integrity check (on a writable open), so without
//! this a bit flipped on disk reached read-only commands as altered data
//! ("General admission" read as "general admission"). The checksum is
//! `crc32fast`'s (already built for the window's PNG support, pure Rust,
//! using the CPU's carry-less multiply on x86_64 and aarch64): it detects
//! every single-bit and every 2-bit error in an envelope (its cost on
//! replay: BENCHMARKS.md).
//!
//! Decoding it through its own serde impl costs, per event, one visitor
//! call per payload byte (serde decodes `Vec<u8>` as a sequence) and a full
//! chrono parse of `recorded_at` (an RFC 3339 string). Replay decodes every
//! event of the log, so [`decode_envelope`] reads the same layout into
//! [`Wire`], which borrows its strings and bytes from the page, and parses
//! the time with a fast path for exactly what chrono writes
//! (`YYYY-MM-DDTHH:MM:SS[.fraction]Z`), falling back to chrono otherwise.

use chrono::{DateTime, NaiveDate, Utc};
use serde::Deserialize;
use uuid::Uuid;

use crate::store::RecordedEvent;
use crate::store::codec::{self, CodecError};

/// [`RecordedEvent`]'s stored layout, field for field, borrowing.
#[derive(Deserialize)]
struct Wire<'a> {
    event_id: Uuid,
    stream_id: &'a str,
    stream_version: u64,
    position: u64,
    event_type: &'a str,
    schema_version: u16,
    recorded_at: &'a str,
    correlation_id: Uuid,
    causation_id: Uuid,
    payload: &'a [u8],
}

/// Bytes of the checksum that follows a format-3 envelope.
const CHECKSUM_BYTES: usize = 4;

/// Why stored bytes are not an envelope.
#[derive(Debug, thiserror::Error)]
pub(crate) enum WireError {
    /// The layout does not match.
    #[error(transparent)]
    Codec(#[from] CodecError),
    /// The checksum stored after the envelope does not match its bytes.
    #[error("its checksum does not match its bytes (stored {stored:08x}, computed {computed:08x})")]
    Checksum {
        /// The checksum read from the file.
        stored: u32,
        /// The checksum of the bytes read.
        computed: u32,
    },
    /// Too short to hold even the checksum.
    #[error("it is {0} bytes long, too short to hold an event and its checksum")]
    TooShort(usize),
    /// `recorded_at` is not an RFC 3339 time.
    #[error("its time '{0}' is not an RFC 3339 time")]
    Time(String),
}

/// The stored bytes of `event` in the current format: the envelope and its
/// checksum.
pub(crate) fn encode_stored(event: &RecordedEvent) -> Result<Vec<u8>, CodecError> {
    let mut bytes = codec::encode(event)?;
    let checksum = crc32fast::hash(&bytes);
    bytes.extend_from_slice(&checksum.to_le_bytes());
    Ok(bytes)
}

/// `envelope` followed by its checksum (the upgrade to format 3).
pub(crate) fn with_checksum(envelope: &[u8]) -> Vec<u8> {
    let mut bytes = Vec::with_capacity(envelope.len() + CHECKSUM_BYTES);
    bytes.extend_from_slice(envelope);
    bytes.extend_from_slice(&crc32fast::hash(envelope).to_le_bytes());
    bytes
}

/// Decodes stored bytes: with `checksummed` (format 3) the checksum is
/// checked before anything is decoded.
pub(crate) fn decode_stored(bytes: &[u8], checksummed: bool) -> Result<RecordedEvent, WireError> {
    if !checksummed {
        return decode_envelope(bytes);
    }
    let split = bytes
        .len()
        .checked_sub(CHECKSUM_BYTES)
        .ok_or(WireError::TooShort(bytes.len()))?;
    let (envelope, tail) = bytes.split_at(split);
    let mut stored = [0_u8; CHECKSUM_BYTES];
    stored.copy_from_slice(tail);
    let (stored, computed) = (u32::from_le_bytes(stored), crc32fast::hash(envelope));
    if stored != computed {
        return Err(WireError::Checksum { stored, computed });
    }
    decode_envelope(envelope)
}

/// Decodes the envelope stored in `bytes` (no checksum).
pub(crate) fn decode_envelope(bytes: &[u8]) -> Result<RecordedEvent, WireError> {
    let wire: Wire<'_> = codec::decode(bytes)?;
    let recorded_at =
        parse_time(wire.recorded_at).ok_or_else(|| WireError::Time(wire.recorded_at.to_owned()))?;
    Ok(RecordedEvent {
        event_id: wire.event_id,
        stream_id: wire.stream_id.to_owned(),
        stream_version: wire.stream_version,
        position: wire.position,
        event_type: wire.event_type.to_owned(),
        schema_version: wire.schema_version,
        recorded_at,
        correlation_id: wire.correlation_id,
        causation_id: wire.causation_id,
        payload: wire.payload.to_vec(),
    })
}

/// Parses a time as chrono's serde reads it.
fn parse_time(text: &str) -> Option<DateTime<Utc>> {
    parse_chrono_output(text).or_else(|| {
        text.parse::<DateTime<chrono::FixedOffset>>()
            .ok()
            .map(|t| t.with_timezone(&Utc))
    })
}

/// The fast path: `YYYY-MM-DDTHH:MM:SS[.1 to 9 digits]Z`, as chrono writes
/// a UTC time. Anything else (other offsets, leap seconds) gives `None`.
fn parse_chrono_output(text: &str) -> Option<DateTime<Utc>> {
    let b = text.as_bytes();
    let (head, rest) = b.split_at_checked(19)?;
    let digits = |range: std::ops::Range<usize>| -> Option<u32> {
        head.get(range)?.iter().try_fold(0_u32, |n, &c| {
            c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0'))
        })
    };
    let separators = [(4, b'-'), (7, b'-'), (10, b'T'), (13, b':'), (16, b':')];
    if separators.iter().any(|&(i, c)| head.get(i) != Some(&c)) {
        return None;
    }
    let (rest, z) = rest.split_at_checked(rest.len().checked_sub(1)?)?;
    if z != b"Z" {
        return None;
    }
    let nanos = match rest {
        [] => 0,
        [b'.', fraction @ ..] if (1..=9).contains(&fraction.len()) => {
            let value = fraction.iter().try_fold(0_u32, |n, &c| {
                c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0'))
            })?;
            value * 10_u32.pow(9 - fraction.len() as u32)
        }
        _ => return None,
    };
    let year = i32::try_from(digits(0..4)?).ok()?;
    let date = NaiveDate::from_ymd_opt(year, digits(5..7)?, digits(8..10)?)?;
    let second = digits(17..19)?;
    if second > 59 {
        return None;
    }
    let time = date.and_hms_nano_opt(digits(11..13)?, digits(14..16)?, second, nanos)?;
    Some(time.and_utc())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(at: DateTime<Utc>) -> RecordedEvent {
        RecordedEvent {
            event_id: Uuid::now_v7(),
            stream_id: "order-김-1".to_owned(),
            stream_version: 300,
            position: 70_000,
            event_type: "OrderPlaced".to_owned(),
            schema_version: 1,
            recorded_at: at,
            correlation_id: Uuid::now_v7(),
            causation_id: Uuid::now_v7(),
            payload: (0..=255).collect(),
        }
    }

    #[test]
    fn reads_what_serde_wrote_at_every_precision() {
        let base = DateTime::from_timestamp(1_800_000_000, 0).unwrap();
        for nanos in [0, 1, 120_000_000, 123_456_000, 123_456_789, 999_999_999] {
            let at = base + chrono::Duration::nanoseconds(nanos);
            let stored = codec::encode(&event(at)).unwrap();
            let fast = decode_envelope(&stored).unwrap();
            let slow: RecordedEvent = codec::decode(&stored).unwrap();
            assert_eq!(fast, slow, "{at}");
            assert_eq!(fast.recorded_at, at);
        }
    }

    #[test]
    fn falls_back_to_chrono_for_other_spellings() {
        let at = parse_time("2026-11-25T10:00:00+01:00").unwrap();
        assert_eq!(at, parse_time("2026-11-25T09:00:00Z").unwrap());
        assert_eq!(
            parse_time("2026-11-25T09:00:00.5Z").unwrap(),
            "2026-11-25T09:00:00.500Z".parse::<DateTime<Utc>>().unwrap()
        );
        assert_eq!(parse_chrono_output("2026-11-25T09:00:60Z"), None);
        for bad in [
            "",
            "2026-11-25",
            "2026-13-25T09:00:00Z",
            "2026-11-25T09:00:00.Z",
        ] {
            assert_eq!(parse_time(bad), None, "{bad}");
        }
    }

    #[test]
    fn a_checksummed_event_reads_back_and_any_flipped_bit_is_refused() {
        let original = event(Utc::now());
        let stored = encode_stored(&original).unwrap();
        assert_eq!(decode_stored(&stored, true).unwrap(), original);
        // Without its checksum check the trailing bytes are refused too.
        assert!(decode_stored(&stored, false).is_err());
        for bit in 0..stored.len() * 8 {
            let mut flipped = stored.clone();
            flipped[bit / 8] ^= 1 << (bit % 8);
            assert!(decode_stored(&flipped, true).is_err(), "bit {bit}");
        }
        assert!(matches!(
            decode_stored(&[1, 2, 3], true),
            Err(WireError::TooShort(3))
        ));
    }

    #[test]
    fn refuses_truncated_bytes_and_trailing_bytes() {
        let mut stored = codec::encode(&event(Utc::now())).unwrap();
        assert!(decode_envelope(&stored[..stored.len() - 1]).is_err());
        stored.push(0);
        assert!(decode_envelope(&stored).is_err());
    }
}
