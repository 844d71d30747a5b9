//! The one place that knows the binary format of stored values: postcard.
//!
//! Everything the event log writes to disk goes through [`encode`] and comes
//! back through [`decode`], so a change of format touches only this module.

use serde::{Deserialize, Serialize};

/// Why a value could not be encoded or decoded.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum CodecError {
    /// The value could not be turned into bytes.
    #[error("could not encode the value: {0}")]
    Encode(#[source] postcard::Error),
    /// The bytes do not hold a value of the expected type.
    #[error("could not decode the value: {0}")]
    Decode(#[source] postcard::Error),
    /// A whole value was decoded but more bytes followed it.
    #[error("the value is followed by {remaining} unexpected trailing byte(s)")]
    TrailingBytes {
        /// How many bytes were left over after the value.
        remaining: usize,
    },
}

/// Encodes `value` into the stored binary format.
pub fn encode<T: Serialize>(value: &T) -> Result<Vec<u8>, CodecError> {
    postcard::to_allocvec(value).map_err(CodecError::Encode)
}

/// Decodes a value from the stored binary format. The bytes must hold exactly
/// one value: leftover bytes are rejected with [`CodecError::TrailingBytes`].
/// The value may borrow strings and bytes from `bytes`.
pub fn decode<'a, T: Deserialize<'a>>(bytes: &'a [u8]) -> Result<T, CodecError> {
    let (value, rest) = postcard::take_from_bytes::<T>(bytes).map_err(CodecError::Decode)?;
    if rest.is_empty() {
        Ok(value)
    } else {
        Err(CodecError::TrailingBytes {
            remaining: rest.len(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    struct Sample {
        name: String,
        count: u64,
        tags: Vec<String>,
        flag: Option<bool>,
    }

    fn sample() -> Sample {
        Sample {
            name: "Ada Lovelace".to_owned(),
            count: 1_000_000,
            tags: vec!["speaker".to_owned(), "vip".to_owned()],
            flag: Some(true),
        }
    }

    #[test]
    fn round_trips() {
        let bytes = encode(&sample()).unwrap();
        let back: Sample = decode(&bytes).unwrap();
        assert_eq!(back, sample());
    }

    #[test]
    fn round_trips_a_recorded_event() {
        use crate::store::RecordedEvent;
        let event = RecordedEvent {
            event_id: uuid::Uuid::now_v7(),
            stream_id: "order-1".to_owned(),
            stream_version: 3,
            position: 42,
            event_type: "OrderPlaced".to_owned(),
            schema_version: 2,
            recorded_at: chrono::Utc::now(),
            correlation_id: uuid::Uuid::now_v7(),
            causation_id: uuid::Uuid::now_v7(),
            payload: vec![0, 1, 2, 255],
        };
        let back: RecordedEvent = decode(&encode(&event).unwrap()).unwrap();
        assert_eq!(back, event);
    }

    #[test]
    fn rejects_trailing_bytes() {
        let mut bytes = encode(&sample()).unwrap();
        bytes.extend_from_slice(&[7, 7]);
        let err = decode::<Sample>(&bytes).unwrap_err();
        assert!(matches!(err, CodecError::TrailingBytes { remaining: 2 }));
        assert!(err.to_string().contains("2 unexpected trailing byte"));
    }

    #[test]
    fn rejects_truncated_input() {
        let bytes = encode(&sample()).unwrap();
        let err = decode::<Sample>(&bytes[..bytes.len() / 2]).unwrap_err();
        assert!(matches!(err, CodecError::Decode(_)));
        assert!(err.to_string().starts_with("could not decode the value"));
    }

    #[test]
    fn rejects_empty_input() {
        assert!(matches!(
            decode::<Sample>(&[]).unwrap_err(),
            CodecError::Decode(_)
        ));
    }

    #[test]
    fn rejects_invalid_utf8() {
        // A one-byte string whose byte is not UTF-8.
        assert!(matches!(
            decode::<String>(&[1, 0xFF]).unwrap_err(),
            CodecError::Decode(_)
        ));
    }
}
