//! Turns domain events into store payloads and back, by (type name, schema
//! version). Old schema versions are upcast here, so the domain only ever
//! sees the current shape of each event. Every version ever written must
//! keep decoding: the fixture log in `tests/fixtures/` checks it.

use crate::domain::Event;
use crate::domain::events::{EVENT_TYPES, PayloadCodec};
use crate::store::{self, CodecError};

mod upcast;

/// The store's binary codec, lent to the domain's event macro.
struct StoreCodec;

impl PayloadCodec for StoreCodec {
    type Error = CodecError;
    fn encode<T: serde::Serialize>(&self, value: &T) -> Result<Vec<u8>, CodecError> {
        store::encode(value)
    }
    fn decode<T: serde::de::DeserializeOwned>(&self, bytes: &[u8]) -> Result<T, CodecError> {
        store::decode(bytes)
    }
}

/// Why a stored event could not be turned back into a domain event.
#[derive(Debug, thiserror::Error)]
pub enum DecodeError {
    /// A type name this version does not know (written by a newer confdesk?).
    #[error("unknown event type '{0}' (written by a newer confdesk?)")]
    UnknownType(String),
    /// A schema version newer than this build knows.
    #[error(
        "event type '{event_type}' has schema version {found}; this confdesk reads up to {supported} (written by a newer confdesk?)"
    )]
    NewerSchema {
        /// The type.
        event_type: String,
        /// Version in the log.
        found: u16,
        /// Newest this build knows.
        supported: u16,
    },
    /// The bytes do not match the type's layout.
    #[error("event type '{event_type}' v{version}: {source}")]
    Payload {
        /// The type.
        event_type: String,
        /// Its version.
        version: u16,
        /// The codec's complaint.
        source: CodecError,
    },
}

/// Encodes an event's payload; returns (type name, schema version, bytes).
pub fn encode_event(event: &Event) -> Result<(&'static str, u16, Vec<u8>), CodecError> {
    Ok((
        event.type_name(),
        event.schema_version(),
        event.encode_payload(&StoreCodec)?,
    ))
}

/// Decodes a stored payload, upcasting older schema versions.
pub fn decode_event(event_type: &str, version: u16, payload: &[u8]) -> Result<Event, DecodeError> {
    let current = EVENT_TYPES
        .iter()
        .find(|(name, _)| *name == event_type)
        .map(|(_, v)| *v)
        .ok_or_else(|| DecodeError::UnknownType(event_type.to_string()))?;
    if version > current {
        return Err(DecodeError::NewerSchema {
            event_type: event_type.to_string(),
            found: version,
            supported: current,
        });
    }
    // An older version is decoded in its own shape and converted
    // (`upcast.rs`); the current one straight into the domain's struct.
    let payload_error = |source| DecodeError::Payload {
        event_type: event_type.to_string(),
        version,
        source,
    };
    if version < current
        && let Some(upcast) = upcast::upcast(event_type, version, payload)
    {
        return upcast.map_err(payload_error);
    }
    // OrderCancelled v1 has v2's layout (v2 only added a reason at the
    // end of the enum), so it decodes as the current struct.
    match Event::decode_current(event_type, payload, &StoreCodec) {
        Some(Ok(e)) => Ok(e),
        Some(Err(source)) => Err(payload_error(source)),
        None => Err(DecodeError::UnknownType(event_type.to_string())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::events::{OrderConfirmed, PersonalInfo};
    use crate::domain::{OrderId, PaymentId};
    use serde::{Deserialize, Serialize};
    use uuid::Uuid;

    #[test]
    fn round_trips_and_refuses_unknown_or_newer() {
        let e: Event = OrderConfirmed {
            order_id: OrderId(Uuid::from_u128(3)),
        }
        .into();
        let (name, v, bytes) = encode_event(&e).unwrap();
        assert_eq!((name, v), ("OrderConfirmed", 1));
        assert_eq!(decode_event(name, v, &bytes).unwrap(), e);
        assert!(matches!(
            decode_event("Nope", 1, &bytes),
            Err(DecodeError::UnknownType(_))
        ));
        assert!(matches!(
            decode_event(name, 2, &bytes),
            Err(DecodeError::NewerSchema { found: 2, .. })
        ));
        assert!(matches!(
            decode_event("OrderConfirmed", 1, &[1, 2]),
            Err(DecodeError::Payload { .. })
        ));
    }

    #[test]
    fn order_totals_v1_upcast_as_no_discount() {
        use crate::domain::events::{OrderLine, OrderTotalsCalculated};
        use crate::domain::{Currency, SeatTypeId};
        #[derive(Serialize)]
        struct V1 {
            order_id: OrderId,
            lines: Vec<OrderLine>,
            total: i64,
            currency: Currency,
        }
        let lines = vec![OrderLine {
            seat_type: SeatTypeId(Uuid::from_u128(5)),
            unit_price: 1000,
            quantity: 2,
            line_total: 2000,
        }];
        let old = store::encode(&V1 {
            order_id: OrderId(Uuid::from_u128(4)),
            lines: lines.clone(),
            total: 2000,
            currency: Currency::EUR,
        })
        .unwrap();
        let expected: Event = OrderTotalsCalculated {
            order_id: OrderId(Uuid::from_u128(4)),
            lines,
            total: 2000,
            currency: Currency::EUR,
            discount: None,
        }
        .into();
        assert_eq!(
            decode_event("OrderTotalsCalculated", 1, &old).unwrap(),
            expected
        );
        let (name, v, now) = encode_event(&expected).unwrap();
        assert_eq!((name, v), ("OrderTotalsCalculated", 2));
        assert_eq!(decode_event(name, v, &now).unwrap(), expected);
        assert!(decode_event(name, 1, &now).is_err());
    }

    /// The upcasting pattern: v1 of an event lacked a field that v2 has; the
    /// old bytes decode as the v1 struct and convert with a default.
    #[test]
    fn a_struct_that_gained_a_field_upcasts_from_old_bytes() {
        #[derive(Serialize, Deserialize)]
        struct PaymentNoteV1 {
            payment_id: PaymentId,
            payer: PersonalInfo,
        }
        #[derive(Debug, PartialEq, Serialize, Deserialize)]
        struct PaymentNoteV2 {
            payment_id: PaymentId,
            payer: PersonalInfo,
            receipt_number: Option<String>,
        }
        fn decode(version: u16, bytes: &[u8]) -> PaymentNoteV2 {
            match version {
                1 => {
                    let v1: PaymentNoteV1 = store::decode(bytes).unwrap();
                    PaymentNoteV2 {
                        payment_id: v1.payment_id,
                        payer: v1.payer,
                        receipt_number: None,
                    }
                }
                _ => store::decode(bytes).unwrap(),
            }
        }
        let payer = PersonalInfo {
            first_name: "민준".into(),
            last_name: "김".into(),
            email: "mj@example.kr".into(),
        };
        let old = store::encode(&PaymentNoteV1 {
            payment_id: PaymentId(Uuid::from_u128(9)),
            payer: payer.clone(),
        })
        .unwrap();
        // Postcard is not self-describing: the old bytes do NOT decode as v2 directly…
        assert!(store::decode::<PaymentNoteV2>(&old).is_err());
        // …so the version number routes them through the upcaster.
        assert_eq!(
            decode(1, &old),
            PaymentNoteV2 {
                payment_id: PaymentId(Uuid::from_u128(9)),
                payer,
                receipt_number: None
            }
        );
    }

    #[test]
    fn a_payment_completed_before_methods_were_asked_upcasts_as_unknown() {
        use crate::domain::events::{
            CancelReason, OrderCancelled, PaymentCompleted, PaymentMethod,
        };
        let v1 =
            store::encode(&(PaymentId(Uuid::from_u128(4)), OrderId(Uuid::from_u128(5)))).unwrap();
        assert_eq!(
            decode_event("PaymentCompleted", 1, &v1).unwrap(),
            PaymentCompleted {
                payment_id: PaymentId(Uuid::from_u128(4)),
                order_id: OrderId(Uuid::from_u128(5)),
                method: PaymentMethod::Unknown,
            }
            .into()
        );
        let v2: Event = PaymentCompleted {
            payment_id: PaymentId(Uuid::from_u128(4)),
            order_id: OrderId(Uuid::from_u128(5)),
            method: PaymentMethod::BankTransfer,
        }
        .into();
        let (name, version, bytes) = encode_event(&v2).unwrap();
        assert_eq!((name, version), ("PaymentCompleted", 2));
        assert_eq!(decode_event(name, version, &bytes).unwrap(), v2);
        // OrderCancelled v1 (only ever AtTheDesk) reads as it was written.
        let cancelled: Event = OrderCancelled {
            order_id: OrderId(Uuid::from_u128(5)),
            conference_id: crate::domain::ConferenceId(Uuid::from_u128(6)),
            reason: CancelReason::AtTheDesk,
        }
        .into();
        let (_, version, bytes) = encode_event(&cancelled).unwrap();
        assert_eq!(version, 2);
        assert_eq!(
            decode_event("OrderCancelled", 1, &bytes).unwrap(),
            cancelled
        );
    }
}
