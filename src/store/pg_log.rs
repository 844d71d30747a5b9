//! [`PgLog`]: the event log in a PostgreSQL database, so that several desks
//! on a venue's network share one conference.
//!
//! Same contract as the redb log ([`super::EventStore`]): one transaction
//! per append over several streams, expected versions checked before
//! anything is written, positions 1, 2, 3… without a gap. Each event is
//! stored as the same envelope + CRC-32 the redb log stores
//! ([`super::wire`]), checked on every read, and nothing read from the
//! server is trusted: an event must claim the position, stream and version
//! of its row, and a scan's positions must follow each other.
//!
//! **Order.** Sequences commit out of order, so a reader could see
//! position N+1 before N commits (the bug of Eventuous #222 and Marten's
//! high-water mark). Here every append first takes one transaction-scoped
//! advisory lock (as message-db does) and writes `last + 1`: appends are
//! serialised and commit in position order, so any snapshot holds a gap-free
//! prefix of the log. Appends run in READ COMMITTED, so the statements after
//! the lock see the append that released it.
//!
//! **Idempotence.** Each event gets its id before the transaction; an
//! append whose COMMIT answer was lost with the connection is retried with
//! the same ids, and a batch already stored returns its stored outcome
//! without writing again (see [`append`]).
//!
//! Layout and opening: [`schema`].

mod append;
mod listen;
mod password;
mod schema;

use std::path::PathBuf;
use std::sync::{Mutex, MutexGuard, PoisonError};

use postgres::{Client, Config, Row};

use super::{
    AppendOutcome, EventStore, OpenMode, RecordedEvent, StorageCheck, StoreError, StreamAppend,
    wire,
};

/// The advisory-lock key every append (and the schema's creation) takes:
/// "confdesk" in ASCII, so it is recognisable in `pg_locks`.
const APPEND_LOCK: i64 = 0x636f_6e66_6465_736b;

/// The advisory-lock key of deciding alone: every append takes it shared
/// (many at once), a desk that lost too many races in a row takes it
/// exclusively for one catch-up, decision and append
/// ([`EventStore::decide_alone`]). "confturn" in ASCII.
const TURN_LOCK: i64 = 0x636f_6e66_7475_726e;

/// Rows fetched per query by [`EventStore::read_all_from`]: the callback
/// runs between pages, with no lock on the connection held.
const PAGE_ROWS: i64 = 2_000;

/// The columns every read selects, in this order (see [`PgLog::event_in`]).
const EVENT_COLUMNS: &str = "position, stream_id, version, envelope";

/// An [`super::EventStore`] kept in a PostgreSQL database.
pub struct PgLog {
    /// What to connect to (kept to reconnect after a lost connection).
    config: Config,
    /// The database's name, for messages.
    database: String,
    /// The one connection; a lost one is replaced on next use.
    client: Mutex<Client>,
    /// Opened with [`OpenMode::ReadOnly`]: appends are refused.
    read_only: bool,
}

impl std::fmt::Debug for PgLog {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PgLog")
            .field("database", &self.database)
            .field("read_only", &self.read_only)
            .finish_non_exhaustive()
    }
}

impl PgLog {
    /// Connects to the database `conninfo` names (`host=… dbname=…` pairs or
    /// a `postgresql://` URL; plain connections, no TLS yet), giving up after
    /// at most 5 seconds ([`StoreError::Unreachable`]).
    ///
    /// [`OpenMode::Create`] creates the schema in an empty database. A
    /// database without it is refused as [`StoreError::NotALog`] in the other
    /// modes, and in every mode when it holds other tables; a log written by
    /// a newer confdesk gives [`StoreError::NewerVersion`]. A refused
    /// database is left as it was.
    pub fn open(conninfo: &str, mode: OpenMode) -> Result<PgLog, StoreError> {
        let mut config = schema::config(conninfo)?;
        if mode == OpenMode::ReadOnly {
            // The server refuses writes too, on this and every later
            // connection: a read-only desk cannot change the log by mistake.
            config.options("-c default_transaction_read_only=on");
        }
        let database = schema::database_name(&config);
        let client = schema::connect(&config, &database)?;
        let log = PgLog {
            config,
            database,
            client: Mutex::new(client),
            read_only: mode == OpenMode::ReadOnly,
        };
        log.check_schema(&mut log.lock_client(), mode)?;
        Ok(log)
    }

    /// Where `conninfo` points, without its password: the database and the
    /// server's host (`host` or `host:port` for TCP, the socket's folder
    /// for a local socket). Nothing is connected to.
    pub fn target(conninfo: &str) -> Result<(String, String), StoreError> {
        let config = schema::config(conninfo)?;
        let port = config.get_ports().first().copied().unwrap_or(5432);
        let host = match config.get_hosts().first() {
            Some(postgres::config::Host::Tcp(name)) if port == 5432 => name.clone(),
            Some(postgres::config::Host::Tcp(name)) => format!("{name}:{port}"),
            #[cfg(unix)]
            Some(postgres::config::Host::Unix(path)) => path.display().to_string(),
            None => "localhost".to_owned(),
        };
        Ok((schema::database_name(&config), host))
    }

    /// The database this log lives in.
    pub fn database(&self) -> &str {
        &self.database
    }

    /// The log's name in messages, where the redb log names its file.
    fn place(&self) -> PathBuf {
        PathBuf::from(format!("PostgreSQL database {}", self.database))
    }

    /// The connection, reconnected first if it was lost.
    fn client(&self) -> Result<MutexGuard<'_, Client>, StoreError> {
        let mut client = self.lock_client();
        if client.is_closed() {
            *client = schema::connect(&self.config, &self.database)?;
        }
        Ok(client)
    }

    /// Runs the read `query` on the connection; when the connection turns
    /// out to have been lost (the server restarted, the network dropped),
    /// it is replaced and `query` run once more: reads change nothing, so
    /// a second try is always safe.
    fn read<T>(
        &self,
        query: impl Fn(&mut Client) -> Result<T, postgres::Error>,
    ) -> Result<T, StoreError> {
        let mut client = self.client()?;
        match query(&mut client) {
            Err(error) if connection_lost(&client, &error) => {
                *client = schema::connect(&self.config, &self.database)?;
                query(&mut client).map_err(|e| self.server(e))
            }
            result => result.map_err(|e| self.server(e)),
        }
    }

    /// The connection as it is; a panic while it was held left nothing to
    /// undo (an open transaction is rolled back when dropped).
    fn lock_client(&self) -> MutexGuard<'_, Client> {
        self.client.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// A server error met while using the log.
    fn server(&self, error: postgres::Error) -> StoreError {
        StoreError::Server {
            database: self.database.clone(),
            detail: describe(&error),
        }
    }

    /// Replaces the connection with a new one (after a failure that may
    /// have left it half-closed).
    fn reconnect(&self) -> Result<(), StoreError> {
        let fresh = schema::connect(&self.config, &self.database)?;
        *self.lock_client() = fresh;
        Ok(())
    }

    /// Damage found in the stored rows.
    fn corrupt(&self, detail: String) -> StoreError {
        StoreError::Corrupt {
            path: self.place(),
            detail,
        }
    }

    /// The event in `row` (selected as [`EVENT_COLUMNS`]): its checksum
    /// checked, and it must claim its row's position, stream and version.
    fn event_in(&self, row: &Row) -> Result<RecordedEvent, StoreError> {
        let position: i64 = row.try_get(0).map_err(|e| self.server(e))?;
        let stream_id: String = row.try_get(1).map_err(|e| self.server(e))?;
        let version: i64 = row.try_get(2).map_err(|e| self.server(e))?;
        let bytes: &[u8] = row.try_get(3).map_err(|e| self.server(e))?;
        let event = wire::decode_stored(bytes, true).map_err(|e| {
            self.corrupt(format!(
                "the event at position {position} cannot be read: {e}"
            ))
        })?;
        let claimed = (
            i64::try_from(event.position).ok(),
            event.stream_id.as_str(),
            i64::try_from(event.stream_version).ok(),
        );
        if claimed != (Some(position), stream_id.as_str(), Some(version)) {
            return Err(self.corrupt(format!(
                "the event stored at position {position} (version {version} of stream {stream_id}) claims position {} (version {} of stream {})",
                event.position, event.stream_version, event.stream_id
            )));
        }
        Ok(event)
    }

    /// Decodes `rows` (in position order) that must hold exactly the
    /// positions `from`, `from + 1`, ….
    fn events_from(&self, from: u64, rows: &[Row]) -> Result<Vec<RecordedEvent>, StoreError> {
        let mut out = Vec::with_capacity(rows.len());
        for (expected, row) in (from..).zip(rows) {
            let event = self.event_in(row)?;
            if event.position != expected {
                return Err(self.corrupt(format!(
                    "position {expected} was expected next but the log holds position {} there",
                    event.position
                )));
            }
            out.push(event);
        }
        Ok(out)
    }
}

/// Whether `error` means the connection is gone (closed, or the server
/// ending it: SQLSTATE classes 08 "connection exception" and 57P
/// "operator intervention", e.g. a restart), so that a new one may succeed.
fn connection_lost(client: &Client, error: &postgres::Error) -> bool {
    client.is_closed()
        || error.is_closed()
        || error
            .code()
            .is_some_and(|code| code.code().starts_with("08") || code.code().starts_with("57P"))
}

/// The words of a client error: a server error's own message (the
/// client's `Display` says only "db error"), else the error and its cause.
fn describe(error: &postgres::Error) -> String {
    if let Some(db) = error.as_db_error() {
        return format!("{}: {}", db.severity(), db.message());
    }
    match std::error::Error::source(error) {
        Some(cause) => format!("{error}: {cause}"),
        None => error.to_string(),
    }
}

/// `value` as a stored bigint (positions and versions fit: they count
/// events).
fn to_i64(value: u64) -> i64 {
    i64::try_from(value).unwrap_or(i64::MAX)
}

/// A stored bigint as a position or version; a negative one is damage.
fn to_u64(log: &PgLog, value: i64, what: &str) -> Result<u64, StoreError> {
    u64::try_from(value).map_err(|_| log.corrupt(format!("{what} {value} is negative")))
}

impl EventStore for PgLog {
    fn is_read_only(&self) -> bool {
        self.read_only
    }

    /// The same words as [`PgLog::place`] (which gives them as the `path`
    /// of the store's errors).
    fn place(&self) -> String {
        PgLog::place(self).display().to_string()
    }

    /// As [`super::RedbLog`]: a stream named twice in a batch is checked
    /// against the version its first entry leaves; a batch without events
    /// writes and checks nothing.
    fn append(&self, batch: &[StreamAppend]) -> Result<AppendOutcome, StoreError> {
        self.append_retrying(batch)
    }

    fn read_stream(&self, stream_id: &str) -> Result<Vec<RecordedEvent>, StoreError> {
        let rows = self.read(|client| client.query(
                &format!(
                    "SELECT {EVENT_COLUMNS} FROM confdesk_events WHERE stream_id = $1 ORDER BY version"
                ),
                &[&stream_id],
            )
            )?;
        let mut out = Vec::with_capacity(rows.len());
        for (next, row) in (1_u64..).zip(&rows) {
            let event = self.event_in(row)?;
            if event.stream_version != next {
                return Err(self.corrupt(format!(
                    "stream {stream_id} holds version {} where version {next} was expected",
                    event.stream_version
                )));
            }
            out.push(event);
        }
        Ok(out)
    }

    /// Reads in pages up to the last position at the start of the scan, so
    /// that `f` may use the log and the scan ends even while desks append.
    fn read_all_from(
        &self,
        from: u64,
        f: &mut dyn FnMut(RecordedEvent) -> Result<(), StoreError>,
    ) -> Result<(), StoreError> {
        let end = self.last_position()?;
        let mut next = from.max(1);
        while next <= end {
            let rows = self.read(|client| client.query(
                    &format!(
                        "SELECT {EVENT_COLUMNS} FROM confdesk_events WHERE position BETWEEN $1 AND $2 ORDER BY position LIMIT $3"
                    ),
                    &[&to_i64(next), &to_i64(end), &PAGE_ROWS],
                )
                )?;
            if rows.is_empty() {
                return Err(self.corrupt(format!(
                    "position {next} was expected next but the log holds no event there"
                )));
            }
            for event in self.events_from(next, &rows)? {
                next = event.position + 1;
                f(event)?;
            }
        }
        Ok(())
    }

    fn read_range(&self, from: u64, to: u64) -> Result<Vec<RecordedEvent>, StoreError> {
        if from > to {
            return Ok(Vec::new());
        }
        let rows = self.read(|client| client.query(
                &format!(
                    "SELECT {EVENT_COLUMNS} FROM confdesk_events WHERE position BETWEEN $1 AND $2 ORDER BY position"
                ),
                &[&to_i64(from), &to_i64(to)],
            )
            )?;
        self.events_from(from.max(1), &rows)
    }

    /// The last event must claim its position: a damaged row is never
    /// trusted as the size of the log.
    fn last_position(&self) -> Result<u64, StoreError> {
        let row = self.read(|client| {
            client.query_opt(
                &format!(
                    "SELECT {EVENT_COLUMNS} FROM confdesk_events ORDER BY position DESC LIMIT 1"
                ),
                &[],
            )
        })?;
        match row {
            Some(row) => Ok(self.event_in(&row)?.position),
            None => Ok(0),
        }
    }

    fn stream_version(&self, stream_id: &str) -> Result<u64, StoreError> {
        let version: i64 = self.read(|client| {
            client
                .query_one(
                    "SELECT coalesce(max(version), 0) FROM confdesk_events WHERE stream_id = $1",
                    &[&stream_id],
                )
                .and_then(|row| row.try_get(0))
        })?;
        to_u64(self, version, "stream version")
    }

    /// A session-level lock on this log's one connection: the appends of
    /// this desk (same session) still take it shared; every other desk's
    /// append waits until it is released. Released by the server too if
    /// the connection is lost, so a desk that dies never blocks the others.
    fn decide_alone(&self, on: bool) -> Result<(), StoreError> {
        let statement = if on {
            "SELECT pg_advisory_lock($1)"
        } else {
            "SELECT pg_advisory_unlock($1)"
        };
        let result = self.client().and_then(|mut client| {
            client
                .execute(statement, &[&TURN_LOCK])
                .map_err(|e| self.server(e))
        });
        match result {
            Ok(_) => Ok(()),
            // A lock that could not be released must not outlive this
            // call: a new session drops the old one, and its lock with it.
            Err(error) if !on => self.reconnect().and(Err(error)),
            Err(error) => Err(error),
        }
    }

    fn watch(&self, from: u64, wake: super::Wake) -> Option<super::Watch> {
        self.start_watch(from, wake)
    }

    fn check_storage(&self) -> Result<StorageCheck, StoreError> {
        Ok(StorageCheck {
            how: format!(
                "the PostgreSQL server keeps database {} (its own checks are the server's); every event's checksum is checked as it is read",
                self.database
            ),
            problem: None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn log_is_send_and_sync() {
        fn check<T: Send + Sync>() {}
        check::<PgLog>();
    }

    #[test]
    fn a_bad_connection_string_is_refused_before_connecting() {
        let error = PgLog::open("host=/tmp port=notaport", OpenMode::ReadOnly).unwrap_err();
        assert!(
            matches!(error, StoreError::BadConnectionString { .. }),
            "{error}"
        );
    }

    #[test]
    fn urls_and_key_value_strings_name_their_database_and_get_a_timeout() {
        for (conninfo, database) in [
            (
                "postgresql://postgres@/summit?host=/run/postgresql",
                "summit",
            ),
            ("postgres://confdesk@192.168.1.20/summit", "summit"),
            ("host=/tmp user=desk", "desk"),
            ("host=/tmp user=desk dbname=door connect_timeout=60", "door"),
        ] {
            let config = schema::config(conninfo).unwrap();
            assert_eq!(schema::database_name(&config), database, "{conninfo}");
            assert!(
                config
                    .get_connect_timeout()
                    .is_some_and(|t| t.as_secs() <= 5),
                "{conninfo}"
            );
        }
    }
}
