#!/usr/bin/env bash
# Runs a command with a throwaway PostgreSQL cluster: initdb in a temp folder as the postgres user
# (C.UTF-8: code-point order as on SQLite, Chinese kept by tsvector), durable commits as in
# production, a free local port; HUIYIN_TEST_DATABASE_URL points at it; removed on exit.
# Needs Debian's postgresql (apt-get install postgresql) and root (to run as postgres).
#   test/support/with-postgres.sh npx vitest run --project api
set -uo pipefail
initdb=$(ls -d /usr/lib/postgresql/*/bin/initdb 2>/dev/null | sort -V | tail -n 1)
if [ -z "$initdb" ]; then
  echo "PostgreSQL is not installed: apt-get install postgresql postgresql-contrib" >&2
  exit 1
fi
pgbin=$(dirname "$initdb")
pgdir=$(mktemp -d /tmp/huiyin-pg.XXXXXX)
chown postgres "$pgdir"
pgport=$(node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
stop_pg() {
  runuser -u postgres -- "$pgbin/pg_ctl" -D "$pgdir/data" -m fast stop >/dev/null 2>&1
  rm -rf "$pgdir"
}
trap stop_pg EXIT
runuser -u postgres -- "$pgbin/initdb" -D "$pgdir/data" --locale=C.UTF-8 -E UTF8 -A trust >/dev/null || exit 1
runuser -u postgres -- "$pgbin/pg_ctl" -D "$pgdir/data" -w -l "$pgdir/log" \
  -o "-p $pgport -k $pgdir -c listen_addresses=127.0.0.1 -c fsync=on -c synchronous_commit=on -c max_connections=300" \
  start >/dev/null || { cat "$pgdir/log"; exit 1; }
export HUIYIN_TEST_DATABASE_URL="postgres://postgres@127.0.0.1:$pgport/postgres"
"$@"
