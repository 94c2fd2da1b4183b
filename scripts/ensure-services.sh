#!/usr/bin/env bash
# Make sure a real Redis and PostgreSQL are running on loopback before the tests.
#
# The gateway's tests talk to real servers (MANTLET_TEST_REDIS_URL, default
# redis://127.0.0.1:6379/0; MANTLET_TEST_POSTGRES_DSN, default
# postgresql://postgres@127.0.0.1:5432/test). If a local server is not answering,
# this starts it, installing the Debian package first on a machine that lacks it.
# A server given by one of those variables is only checked, never started.
# In CI (CI=true) a server that cannot be brought up fails this script; elsewhere
# it warns and the tests that need the server are skipped with the reason.
set -uo pipefail

in_ci() { [[ "${CI:-}" =~ ^(1|true|yes)$ ]]; }
say() { echo "ensure-services: $*" >&2; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo -n "$@"; else return 1; fi; }

APT_UPDATED=0
apt_install() {
    command -v apt-get >/dev/null || { say "no apt-get: install $* by hand"; return 1; }
    if [ "$APT_UPDATED" = 0 ]; then
        as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null || return 1
        APT_UPDATED=1
    fi
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

wait_for() {  # wait_for SECONDS COMMAND...
    local deadline=$((SECONDS + $1)); shift
    until "$@" >/dev/null 2>&1; do
        [ "$SECONDS" -ge "$deadline" ] && return 1
        sleep 0.3
    done
}

redis_answers() {  # a real PING/PONG, not just an open port
    local reply
    exec 3<>/dev/tcp/127.0.0.1/6379 || return 1
    printf 'PING\r\n' >&3
    read -r -t 2 reply <&3
    exec 3<&- 3>&-
    [[ "$reply" == +PONG* ]]
}

ensure_redis() {
    if [ -n "${MANTLET_TEST_REDIS_URL:-}" ]; then
        say "Redis given by MANTLET_TEST_REDIS_URL: not managed here"
        return 0
    fi
    redis_answers 2>/dev/null && { say "Redis is running"; return 0; }
    if ! command -v redis-server >/dev/null; then
        say "installing redis-server"
        apt_install redis-server || return 1
    fi
    say "starting Redis on 127.0.0.1:6379"
    as_root mkdir -p /var/lib/redis /var/log/redis
    as_root redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" \
        --appendonly no --dir /var/lib/redis --logfile /var/log/redis/ci.log || return 1
    wait_for 15 redis_answers
}

postgres_answers() { pg_isready -q -h 127.0.0.1 -p 5432; }

ensure_postgres() {
    if [ -n "${MANTLET_TEST_POSTGRES_DSN:-}" ]; then
        say "PostgreSQL given by MANTLET_TEST_POSTGRES_DSN: not managed here"
        return 0
    fi
    local fresh=0 version
    if ! command -v pg_ctlcluster >/dev/null; then
        say "installing postgresql"
        apt_install postgresql || return 1
        fresh=1
    fi
    version=$(ls /etc/postgresql 2>/dev/null | sort -V | tail -n 1)
    [ -n "$version" ] || { say "no PostgreSQL cluster found"; return 1; }
    if [ "$fresh" = 1 ]; then
        # A cluster we just installed: let local tests in without a password.
        as_root sed -i '1i host all all 127.0.0.1/32 trust\nlocal all all trust' \
            "/etc/postgresql/$version/main/pg_hba.conf"
    fi
    if postgres_answers; then
        say "PostgreSQL is running"
        [ "$fresh" = 1 ] && as_root pg_ctlcluster --skip-systemctl-redirect "$version" main reload
    else
        say "starting PostgreSQL $version"
        as_root pg_ctlcluster --skip-systemctl-redirect "$version" main start || return 1
        wait_for 30 postgres_answers || return 1
    fi
    # The tests use the database `test`: create it if this server lacks it.
    if ! psql -h 127.0.0.1 -U postgres -d test -Atqc 'select 1' >/dev/null 2>&1; then
        psql -h 127.0.0.1 -U postgres -d postgres -qc 'CREATE DATABASE test' >/dev/null 2>&1 \
            || as_root su postgres -c "createdb test" >/dev/null 2>&1 || true
    fi
    psql -h 127.0.0.1 -U postgres -d test -Atqc 'select 1' >/dev/null 2>&1
}

status=0
ensure_redis || { say "Redis is NOT available"; status=1; }
ensure_postgres || { say "PostgreSQL is NOT available"; status=1; }
if [ "$status" != 0 ]; then
    if in_ci; then
        say "CI needs both servers: failing"
        exit 1
    fi
    say "tests that need the missing server will be skipped"
fi
exit 0
