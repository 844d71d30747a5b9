//! Hostile and broken input for the decoders and the log opener, as
//! property tests over bytes: never a panic, always an error (or, for a
//! damaged log that still opens, a log that verifies) — and a refused file
//! is left byte-for-byte as it was. The default run is short; for a long
//! run: `CONFDESK_FUZZ_CASES=20000 cargo test --release --test fuzz`
//! (the file-opening properties run a tenth of that).

mod common;

use confdesk::app::event_codec::decode_event;
use confdesk::app::{Desk, ManualClock, Settings};
use confdesk::domain::events::EVENT_TYPES;
use confdesk::store::{self, OpenMode, RecordedEvent, RedbLog};
use proptest::prelude::*;
use std::sync::{Arc, OnceLock};

/// Cases per property: `CONFDESK_FUZZ_CASES` or the short default.
fn cases(default: u32) -> u32 {
    std::env::var("CONFDESK_FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// A small real log (the v1 fixture), the base for damaged copies.
fn fixture_bytes() -> &'static [u8] {
    static BYTES: OnceLock<Vec<u8>> = OnceLock::new();
    BYTES.get_or_init(|| {
        std::fs::read(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/v1.redb"
        ))
        .unwrap_or_default()
    })
}

/// Opens `bytes` as a log in a temp dir (read-write and, if that fails,
/// read-only); checks the file is untouched whenever the open is refused.
fn open_must_not_panic(bytes: &[u8]) -> Result<(), TestCaseError> {
    let dir = tempfile::tempdir().map_err(|e| TestCaseError::fail(e.to_string()))?;
    let path = dir.path().join("log.redb");
    std::fs::write(&path, bytes).map_err(|e| TestCaseError::fail(e.to_string()))?;
    for mode in [OpenMode::ReadOnly, OpenMode::ReadWrite] {
        let clock = Arc::new(ManualClock::new(common::start()));
        match Desk::open_path(&path, mode, clock, Settings::default()) {
            Ok(desk) => {
                // It opened: whatever it holds must replay into sane models.
                let report = desk
                    .verify()
                    .map_err(|e| TestCaseError::fail(e.to_string()))?;
                prop_assert!(report.events <= 1_000_000);
            }
            Err(e) => {
                let msg = e.to_string();
                prop_assert!(!msg.is_empty());
                if bytes.is_empty() {
                    continue;
                }
                let after = std::fs::read(&path).map_err(|e| TestCaseError::fail(e.to_string()))?;
                prop_assert_eq!(
                    after.as_slice(),
                    bytes,
                    "a refused file was changed ({})",
                    msg
                );
            }
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(512), ..ProptestConfig::default() })]

    #[test]
    fn event_payloads_never_panic(index in 0..EVENT_TYPES.len(), version in 0u16..4, bytes in prop::collection::vec(any::<u8>(), 0..256)) {
        let (name, _) = EVENT_TYPES[index];
        // Either an error or a value; never a panic.
        let _ = decode_event(name, version, &bytes);
    }

    #[test]
    fn unknown_type_names_are_errors(name in "\\PC{0,40}", bytes in prop::collection::vec(any::<u8>(), 0..64)) {
        prop_assume!(!EVENT_TYPES.iter().any(|(n, _)| *n == name));
        prop_assert!(decode_event(&name, 1, &bytes).is_err());
    }

    #[test]
    fn envelopes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        let _ = store::decode::<RecordedEvent>(&bytes);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(480) / 10, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_files_are_refused_untouched(mut bytes in prop::collection::vec(any::<u8>(), 0..20_000), redb_magic in any::<bool>()) {
        if redb_magic && bytes.len() >= 9 {
            bytes[..9].copy_from_slice(&[b'r', b'e', b'd', b'b', 0x1A, 0x0A, 0xA9, 0x0D, 0x0A]);
        }
        open_must_not_panic(&bytes)?;
    }

    #[test]
    fn damaged_real_logs_never_panic(flips in prop::collection::vec((any::<prop::sample::Index>(), 1u8..=255), 1..4), cut in prop::option::of(any::<prop::sample::Index>())) {
        let mut bytes = fixture_bytes().to_vec();
        prop_assume!(!bytes.is_empty());
        for (at, xor) in flips {
            let i = at.index(bytes.len());
            bytes[i] ^= xor;
        }
        if let Some(cut) = cut {
            bytes.truncate(cut.index(bytes.len()));
        }
        open_must_not_panic(&bytes)?;
    }
}

#[test]
fn a_newer_schema_version_is_a_clear_error_and_leaves_the_file_alone() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("newer.redb");
    {
        let log = RedbLog::open(&path, OpenMode::Create).unwrap();
        let e = confdesk::store::NewEvent {
            event_id: uuid::Uuid::now_v7(),
            event_type: "OrderConfirmed".into(),
            schema_version: 99,
            correlation_id: uuid::Uuid::nil(),
            causation_id: uuid::Uuid::nil(),
            recorded_at: common::start(),
            payload: vec![0; 16],
        };
        use confdesk::store::EventStore as _;
        log.append(&[confdesk::store::StreamAppend {
            stream_id: "order-x".into(),
            expected_version: 0,
            events: vec![e],
        }])
        .unwrap();
    }
    let before = std::fs::read(&path).unwrap();
    let clock = Arc::new(ManualClock::new(common::start()));
    let err = Desk::open_path(&path, OpenMode::ReadOnly, clock, Settings::default())
        .err()
        .expect("refused");
    let msg = err.to_string();
    assert!(
        msg.contains("schema version 99") && msg.contains("newer confdesk"),
        "{msg}"
    );
    assert_eq!(std::fs::read(&path).unwrap(), before);
}
