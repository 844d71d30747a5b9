//! Opening a PostgreSQL log: connecting with a bounded timeout, creating the
//! schema on first use, and refusing a database that is not (or not yet,
//! or no longer) a confdesk log before anything is written to it.
//!
//! A database is ours when its `confdesk_meta` table says so (format name
//! and version). A database holding other tables but no `confdesk_meta` is
//! someone else's: refused, never written. Creating the schema takes the
//! same advisory lock as appends and checks again under it, so two desks
//! starting on an empty database at once create it once.

use postgres::{Client, Config, NoTls};

use super::{APPEND_LOCK, PgLog};
use crate::domain::Message;
use crate::store::{OpenMode, StoreError};

/// The format name stored in `confdesk_meta` under `format`.
const FORMAT_NAME: &str = "confdesk-event-log";
/// The schema version this build writes and reads (`format_version`).
pub(super) const FORMAT_VERSION: u32 = 1;
/// How long a connection attempt may take before it is given up: a server
/// that cannot be reached is an error within seconds, not a hang.
const CONNECT_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(5);

/// The tables, created in one transaction. The envelope is the same bytes
/// the redb log stores (postcard + CRC-32, `store::wire`); the other columns
/// repeat what it holds so the server can index and check them, and every
/// read checks that they agree.
const CREATE_SCHEMA: &str = "
CREATE TABLE confdesk_meta (
    key text PRIMARY KEY,
    value text NOT NULL
);
CREATE TABLE confdesk_events (
    position bigint PRIMARY KEY CHECK (position > 0),
    event_id uuid NOT NULL UNIQUE,
    stream_id text NOT NULL,
    version bigint NOT NULL CHECK (version > 0),
    envelope bytea NOT NULL,
    UNIQUE (stream_id, version)
);
";

/// Parses `conninfo` (`key=value` pairs or a `postgresql://` URL) and sets
/// the connect timeout unless the string sets a shorter one.
pub(super) fn config(conninfo: &str) -> Result<Config, StoreError> {
    let mut config: Config =
        conninfo
            .parse()
            .map_err(|e: postgres::Error| StoreError::BadConnectionString {
                detail: e.to_string(),
            })?;
    if config
        .get_connect_timeout()
        .is_none_or(|t| *t > CONNECT_TIMEOUT)
    {
        config.connect_timeout(CONNECT_TIMEOUT);
    }
    // A server that vanished without closing the connection (a cut cable,
    // a laptop lid) is noticed within about 11 s instead of the system's
    // two hours.
    config
        .keepalives(true)
        .keepalives_idle(std::time::Duration::from_secs(5))
        .keepalives_interval(std::time::Duration::from_secs(2))
        .keepalives_retries(3)
        // And a cable pulled while a query waits for its answer fails that
        // query within 15 s instead of the kernel's quarter of an hour.
        .tcp_user_timeout(std::time::Duration::from_secs(15));
    super::password::fill(&mut config);
    Ok(config)
}

/// The database `config` names, for messages (the server's default is the
/// user's name).
pub(super) fn database_name(config: &Config) -> String {
    config
        .get_dbname()
        .or(config.get_user())
        .unwrap_or("postgres")
        .to_owned()
}

/// Connects with `config`, giving up after its connect timeout even when
/// the server takes the connection and then never answers (a frozen
/// server, another service on that port): the client library bounds only
/// the socket's connect, not the start-up exchange after it. So the attempt
/// runs on a thread of its own; one given up on ends by itself when the
/// server answers or drops it, and its late connection is dropped unused.
pub(super) fn connect(config: &Config, database: &str) -> Result<Client, StoreError> {
    let limit = config
        .get_connect_timeout()
        .copied()
        .unwrap_or(CONNECT_TIMEOUT);
    let (tx, rx) = std::sync::mpsc::sync_channel(1);
    let attempt = config.clone();
    let spawned = std::thread::Builder::new()
        .name("confdesk-connect".to_owned())
        .spawn(move || {
            let _ = tx.send(attempt.connect(NoTls));
        });
    let result = match spawned {
        Ok(_) => match rx.recv_timeout(limit) {
            Ok(result) => result,
            Err(_) => {
                return Err(StoreError::Unreachable {
                    database: database.to_owned(),
                    detail: format!("no answer from the server within {} s", limit.as_secs()),
                });
            }
        },
        // No thread to spare: connect here, bounded as the library bounds it.
        Err(_) => config.connect(NoTls),
    };
    result.map_err(|e| {
        let detail = super::describe(&e);
        // 28000 invalid authorization, 28P01 wrong password; the client
        // says "password missing" when the server asks for one it lacks.
        let refused = e.code().is_some_and(|code| code.code().starts_with("28"))
            || detail.contains("password missing");
        if refused {
            StoreError::Refused {
                database: database.to_owned(),
                user: config.get_user().unwrap_or_default().to_owned(),
                detail,
            }
        } else {
            StoreError::Unreachable {
                database: database.to_owned(),
                detail,
            }
        }
    })
}

impl PgLog {
    /// Checks that the connected database is a confdesk log of a version
    /// this build reads, creating the schema first when `mode` allows it
    /// and the database is empty.
    pub(super) fn check_schema(
        &self,
        client: &mut Client,
        mode: OpenMode,
    ) -> Result<(), StoreError> {
        if self.has_meta(client)? {
            return self.check_meta(client);
        }
        if self.table_count(client)? > 0 {
            // Another desk may have created the log since the first look.
            if self.has_meta(client)? {
                return self.check_meta(client);
            }
            return Err(self.not_a_log(Message::new(
                "it holds other tables but no confdesk event log; nothing was written",
            )));
        }
        if mode != OpenMode::Create {
            return Err(self.not_a_log(Message::new(
                "it holds no confdesk event log yet; nothing was written",
            )));
        }
        let mut txn = client.transaction().map_err(|e| self.server(e))?;
        txn.execute("SELECT pg_advisory_xact_lock($1)", &[&APPEND_LOCK])
            .map_err(|e| self.server(e))?;
        // Another desk may have created it while this one waited. Asked of
        // pg_tables, not with to_regclass: this transaction began before
        // that desk committed, and to_regclass answers from this session's
        // catalog cache, which still says "no such table" (then CREATE
        // TABLE failed: "relation confdesk_meta already exists"); a query
        // reads the committed rows.
        let exists: bool = txn
            .query_one(
                "SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_tables WHERE schemaname = current_schema() AND tablename = 'confdesk_meta')",
                &[],
            )
            .and_then(|row| row.try_get(0))
            .map_err(|e| self.server(e))?;
        if !exists {
            txn.batch_execute(CREATE_SCHEMA)
                .map_err(|e| self.server(e))?;
            txn.execute(
                "INSERT INTO confdesk_meta (key, value) VALUES ('format', $1), ('format_version', $2)",
                &[&FORMAT_NAME, &FORMAT_VERSION.to_string()],
            )
            .map_err(|e| self.server(e))?;
        }
        txn.commit().map_err(|e| self.server(e))?;
        self.check_meta(client)
    }

    /// Whether the database has a `confdesk_meta` table in its search path.
    fn has_meta(&self, client: &mut Client) -> Result<bool, StoreError> {
        client
            .query_one("SELECT to_regclass('confdesk_meta') IS NOT NULL", &[])
            .and_then(|row| row.try_get(0))
            .map_err(|e| self.server(e))
    }

    /// How many tables the current schema holds.
    fn table_count(&self, client: &mut Client) -> Result<i64, StoreError> {
        client
            .query_one(
                "SELECT count(*) FROM pg_catalog.pg_tables WHERE schemaname = current_schema()",
                &[],
            )
            .and_then(|row| row.try_get(0))
            .map_err(|e| self.server(e))
    }

    /// Reads the format row and version; refuses a foreign table or a
    /// newer version.
    fn check_meta(&self, client: &mut Client) -> Result<(), StoreError> {
        let rows = client
            .query(
                "SELECT key::text, value::text FROM confdesk_meta WHERE key IN ('format', 'format_version')",
                &[],
            )
            .map_err(|_| {
                self.not_a_log(Message::new(
                    "its table confdesk_meta is not the one confdesk writes",
                ))
            })?;
        let value = |key: &str| -> Option<String> {
            rows.iter()
                .find(|row| row.try_get::<_, String>(0).ok().as_deref() == Some(key))
                .and_then(|row| row.try_get::<_, String>(1).ok())
        };
        if value("format").as_deref() != Some(FORMAT_NAME) {
            return Err(self.not_a_log(Message::new(
                "its table confdesk_meta does not name the confdesk event log format",
            )));
        }
        let found = value("format_version")
            .and_then(|v| v.parse::<u32>().ok())
            .ok_or_else(|| {
                self.not_a_log(Message::new(
                    "its format version is missing or not a number",
                ))
            })?;
        if found > FORMAT_VERSION {
            return Err(StoreError::NewerVersion {
                path: self.place(),
                found,
                supported: FORMAT_VERSION,
            });
        }
        let has_events: bool = client
            .query_one("SELECT to_regclass('confdesk_events') IS NOT NULL", &[])
            .and_then(|row| row.try_get(0))
            .map_err(|e| self.server(e))?;
        if !has_events {
            return Err(self.not_a_log(Message::new("its table confdesk_events is missing")));
        }
        Ok(())
    }

    /// A [`StoreError::NotALog`] naming this database.
    fn not_a_log(&self, reason: Message) -> StoreError {
        StoreError::NotALog {
            path: self.place(),
            reason,
        }
    }
}
