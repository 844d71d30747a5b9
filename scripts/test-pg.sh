#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for confdesk's tests (issue 15.7).
#
# Why: the shared event log runs on PostgreSQL, and its tests need a real
# server. This script makes one in a temporary folder — unix socket only, no
# TCP port, trust authentication for the `postgres` superuser on that socket,
# fsync on (the tests measure and rely on real durability) — and removes it
# afterwards. One more role, `confdesk_pw`, must give a password
# (scram-sha-256 on the same socket), so the tests can check a wrong or
# missing password. Nothing outside that folder is touched, except installing
# Debian's `postgresql` package when no `initdb` is found.
#
# Usage:
#   scripts/test-pg.sh start DIR   start a cluster in the empty folder DIR and
#                                  print its connection string on stdout
#   scripts/test-pg.sh restart DIR restart that cluster (fast: connections
#                                  are cut), for tests of a server restart
#   scripts/test-pg.sh stop DIR    stop that cluster and remove DIR
#   scripts/test-pg.sh COMMAND...  start a cluster, run COMMAND with
#                                  CONFDESK_TEST_PG set, then stop it, e.g.
#                                  `scripts/test-pg.sh cargo test --test store`
#
# COMMAND also gets CONFDESK_TEST_PG_RESTART (the command line that restarts
# this cluster), CONFDESK_TEST_PG_PW_USER (the role that needs a password) and
# CONFDESK_TEST_PG_PASSWORD (its password).
#
# initdb refuses to run as root, so as root the cluster is made and run by the
# `postgres` user (Debian's package creates it), and DIR is handed to it.
set -euo pipefail

# The role that must give a password, and its password: a throwaway value
# for a cluster reachable only through a socket in a folder only its owner
# may enter.
PW_USER=confdesk_pw
PW_PASSWORD=confdesk-test-password

say() { printf 'test-pg: %s\n' "$*" >&2; }
die() { say "$*"; exit 1; }

# The folder holding initdb/pg_ctl: CONFDESK_PG_BIN, else the newest Debian
# install, else whatever is on PATH.
find_bin() {
    if [[ -n "${CONFDESK_PG_BIN:-}" ]]; then
        printf '%s\n' "$CONFDESK_PG_BIN"
        return 0
    fi
    local dir
    dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
    if [[ -n "$dir" && -x "$dir/initdb" ]]; then
        printf '%s\n' "$dir"
        return 0
    fi
    if command -v initdb >/dev/null 2>&1; then
        dirname "$(command -v initdb)"
        return 0
    fi
    return 1
}

# A fresh CI machine may lack PostgreSQL: install Debian's, without questions.
install_postgres() {
    command -v apt-get >/dev/null 2>&1 ||
        die "no initdb found and no apt-get to install PostgreSQL; install PostgreSQL or set CONFDESK_PG_BIN"
    [[ $(id -u) -eq 0 ]] ||
        die "no initdb found; install PostgreSQL (as root: apt-get install postgresql) or set CONFDESK_PG_BIN"
    say "initdb not found: installing PostgreSQL with apt-get"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq </dev/null >&2
    apt-get install -y -q --no-install-recommends postgresql </dev/null >&2
}

# Runs a command as the cluster's owner: `postgres` when we are root (from /,
# as the caller's folder may be closed to that user).
as_owner() {
    if [[ $(id -u) -eq 0 ]]; then
        (cd / && runuser -u postgres -- "$@")
    else
        "$@"
    fi
}

start() {
    local dir=$1 bin
    [[ -d "$dir" ]] || die "start: $dir is not a folder"
    [[ -z "$(ls -A "$dir")" ]] || die "start: $dir is not empty"
    # DIR goes into the server's option string, which splits at white space.
    [[ "$dir" == /* && "$dir" != *[[:space:]\'\"]* ]] ||
        die "start: $dir must be an absolute path without spaces or quotes"
    bin=$(find_bin) || { install_postgres; bin=$(find_bin) || die "PostgreSQL installed but initdb still not found"; }
    # A unix socket path is limited to 107 bytes, ".s.PGSQL.5432" included.
    (( ${#dir} <= 80 )) || die "start: $dir is too long for a socket path (keep it under 80 characters)"

    if [[ $(id -u) -eq 0 ]]; then
        id postgres >/dev/null 2>&1 ||
            useradd --system --home-dir "$dir" --shell /usr/sbin/nologin postgres
        # mktemp makes DIR 0700 root: the postgres user must reach its files.
        chown postgres: "$dir"
        chmod 0700 "$dir"
    fi
    as_owner mkdir -m 0700 "$dir/data" "$dir/socket"
    as_owner "$bin/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --locale=C \
        --no-sync >"$dir/initdb.log" 2>&1 </dev/null ||
        { cat "$dir/initdb.log" >&2; die "initdb failed (log above)"; }
    # The first matching line wins: this one comes before initdb's trust lines.
    as_owner sed -i "1i local all $PW_USER scram-sha-256" "$dir/data/pg_hba.conf"
    as_owner "$bin/pg_ctl" -w -t 60 -D "$dir/data" -l "$dir/data/server.log" \
        -o "-k $dir/socket -c listen_addresses='' -c fsync=on" start >&2 </dev/null ||
        { cat "$dir/data/server.log" >&2; die "the server did not start (log above)"; }
    as_owner "$bin/psql" -X -q -v ON_ERROR_STOP=1 -h "$dir/socket" -U postgres -d postgres \
        -c "CREATE ROLE $PW_USER LOGIN PASSWORD '$PW_PASSWORD'" >&2 </dev/null ||
        die "could not create the role $PW_USER"
    # The socket folder sits in DIR, which only the owner may enter: the
    # tests run as the invoking user (root, or the owner themselves).
    printf 'postgresql://postgres@/postgres?host=%s\n' "$dir/socket"
}

# Restarts the cluster in DIR the way a crash-free server restart goes: every
# connection is cut, the server comes back with the same options and socket.
restart() {
    local dir=$1 bin
    [[ -f "$dir/data/postmaster.pid" ]] || die "restart: no running cluster in $dir"
    bin=$(find_bin) || die "restart: initdb/pg_ctl not found"
    as_owner "$bin/pg_ctl" -w -t 60 -D "$dir/data" -l "$dir/data/server.log" -m fast \
        restart >&2 </dev/null ||
        { tail -20 "$dir/data/server.log" >&2; die "the server did not restart (log above)"; }
}

stop() {
    local dir=$1 bin entry
    [[ -d "$dir" ]] || return 0
    if [[ -f "$dir/data/postmaster.pid" ]]; then
        bin=$(find_bin) || die "stop: initdb/pg_ctl not found"
        as_owner "$bin/pg_ctl" -w -D "$dir/data" -m fast stop >&2 </dev/null ||
            say "stop: pg_ctl stop failed; removing $dir anyway"
    fi
    # Remove only what start made: a mistyped DIR must never be wiped.
    for entry in "$dir"/* "$dir"/.[!.]*; do
        [[ -e "$entry" ]] || continue
        case "${entry##*/}" in
            data | socket | initdb.log) ;;
            *) die "stop: $dir holds ${entry##*/}, not made by this script; left alone" ;;
        esac
    done
    rm -rf -- "$dir"
}

# Start, run the command with the variable set, stop whatever happens.
# The folder is global: the EXIT trap runs after run() has returned.
cluster_dir=
run() {
    local url
    cluster_dir=$(mktemp -d /tmp/confdesk-pg.XXXXXX)
    trap 'stop "$cluster_dir"' EXIT
    url=$(start "$cluster_dir")
    say "PostgreSQL ready: CONFDESK_TEST_PG=$url"
    CONFDESK_TEST_PG=$url \
        CONFDESK_TEST_PG_RESTART="$script restart $cluster_dir" \
        CONFDESK_TEST_PG_PW_USER=$PW_USER \
        CONFDESK_TEST_PG_PASSWORD=$PW_PASSWORD \
        "$@"
}

# This script's absolute path, for the restart command line handed to tests.
script="$(cd "$(dirname "$0")" && pwd)/$(basename "$0")"
[[ "$script" != *[[:space:]\'\"]* ]] || die "the path $script must not hold spaces or quotes"


case "${1:-}" in
    start) [[ $# -eq 2 ]] || die "usage: $0 start DIR"; start "$2" ;;
    restart) [[ $# -eq 2 ]] || die "usage: $0 restart DIR"; restart "$2" ;;
    stop) [[ $# -eq 2 ]] || die "usage: $0 stop DIR"; stop "$2" ;;
    "" | -h | --help) sed -n '2,28p' "$0" >&2; exit 2 ;;
    *) run "$@" ;;
esac
