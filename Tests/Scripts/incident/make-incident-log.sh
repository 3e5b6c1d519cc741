#!/usr/bin/env bash
# Regenerates Tests/Fixtures/samples/incident/mail.log with real Postfix, Dovecot and rsyslog
# (see README.md). Debian 12, as root, on a throw-away machine: it installs and reconfigures
# the system's postfix, dovecot and rsyslog.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out=${1:-$here/../../Fixtures/samples/incident/mail.log}
root=/tmp/relay-audit-incident
export DEBIAN_FRONTEND=noninteractive
apt-get install -y -qq postfix dovecot-core dovecot-lmtpd rsyslog >/dev/null

stop() {
  postfix stop >/dev/null 2>&1 || true
  pkill -x dovecot 2>/dev/null || true
  [ -f "$root/rsyslog.pid" ] && kill "$(cat "$root/rsyslog.pid")" 2>/dev/null || true
  [ -f "$root/sink.pid" ] && kill "$(cat "$root/sink.pid")" 2>/dev/null || true
  sleep 1
  postsuper -d ALL >/dev/null 2>&1 || true
}
stop
rm -rf "$root"
mkdir -p "$root/mail" "$root/rsyslog"
chown mail:mail "$root/mail"
echo "$(date -u +%s.%N) $(date -u -d "2026-11-10 07:00:00" +%s)" > "$root/steps"
cp "$here/main.cf" "$here/master.cf" /etc/postfix/
sed "s|ROOT|$root|g" "$here/dovecot.conf" > /etc/dovecot/dovecot.conf
sed "s|ROOT|$root|g" "$here/rsyslog.conf" > "$root/rsyslog.conf"
cp "$here/users" "$root/users"
chmod 644 "$root/users"

rsyslogd -f "$root/rsyslog.conf" -i "$root/rsyslog.pid"
python3 "$here/smtp-sink.py" 2525 & echo $! > "$root/sink.pid"
dovecot
postfix start >/dev/null 2>&1
sleep 2
python3 "$here/incident-driver.py" "$root/steps"
sleep 3
stop
mkdir -p "$(dirname "$out")"
python3 "$here/retime.py" "$root/raw.log" "$root/steps" > "$out"
echo "wrote $(wc -l < "$out") lines to $out"
