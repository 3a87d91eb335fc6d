# A throwaway PostgreSQL server for tests and benchmarks (sourced, not run): Debian's postgresql,
# initdb into a temporary folder, pg_ctl on a free loopback port, trust logins for user punchcard,
# stopped and removed on exit.
#
#   start_throwaway_postgres    sets $server (postgres://punchcard@127.0.0.1:PORT), $port, $serverdir
#
# The server offers TLS (a self-signed certificate made here), as production servers do: clients
# with the default sslmode=prefer connect encrypted.
#   sql -d DATABASE -c …        psql against it

start_throwaway_postgres() {
  pgbin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
  port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  serverdir=$(mktemp -d /tmp/punchcard-postgres.XXXXXX)
  chmod 755 "$serverdir"
  # initdb refuses to run as root: as root, the server runs as Debian's postgres user.
  [ "$(id -u)" = 0 ] && chown postgres "$serverdir"
  as_server_owner "$pgbin/initdb" -D "$serverdir/data" -A trust -U punchcard --no-sync >"$serverdir/initdb.log" 2>&1 \
    || { cat "$serverdir/initdb.log"; return 1; }
  # One role logs in with a password (SCRAM), for the credential checks; everyone else is trusted.
  sed -i '0,/^host/s//host all password_user 127.0.0.1\/32 scram-sha-256\nhost/' "$serverdir/data/pg_hba.conf"
  openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=punchcard-test" \
    -keyout "$serverdir/server.key" -out "$serverdir/server.crt" >/dev/null 2>&1
  chmod 600 "$serverdir/server.key"
  [ "$(id -u)" = 0 ] && chown postgres "$serverdir/server.key" "$serverdir/server.crt"
  start_server_again
  trap stop_throwaway_postgres EXIT
  server=postgres://punchcard@127.0.0.1:$port
}

# Starts the server (again, after a test stopped it), on the same port and with the same settings.
start_server_again() {
  as_server_owner "$pgbin/pg_ctl" -D "$serverdir/data" -l "$serverdir/log" -w \
    -o "-p $port -k $serverdir -c listen_addresses=127.0.0.1 -c log_connections=on -c ssl=on -c ssl_cert_file=$serverdir/server.crt -c ssl_key_file=$serverdir/server.key" \
    start >/dev/null
}

# Stops the server at once, as a crash would (a test of clients that lose it mid-run).
stop_server_now() { as_server_owner "$pgbin/pg_ctl" -D "$serverdir/data" -m immediate stop >/dev/null; }

stop_throwaway_postgres() {
  as_server_owner "$pgbin/pg_ctl" -D "$serverdir/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$serverdir"
}

# From /: the postgres user may not enter the caller's folder (a private temporary clone).
as_server_owner() { if [ "$(id -u)" = 0 ]; then (cd / && runuser -u postgres -- "$@"); else "$@"; fi; }

sql() { psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$port" -U punchcard "$@"; }
