//! Typed identifiers, so an order id can never be passed where a seat type id
//! is expected. Ids are generated outside the domain and arrive in commands.

use serde::{Deserialize, Serialize};
use std::fmt;
use uuid::Uuid;

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        pub struct $name(pub Uuid);

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }
    };
}

id_type!(
    /// A conference (and its SeatsAvailability aggregate).
    ConferenceId
);
id_type!(
    /// A seat type of one conference.
    SeatTypeId
);
id_type!(
    /// An order; also the reservation id and the seat-assignments id.
    OrderId
);
id_type!(
    /// One payment attempt for an order.
    PaymentId
);
