#!/usr/bin/env bash
# Writes Tests/Fixtures/samples/incident/sendmail-rimap.log with real Sendmail, saslauthd
# (rimap), Dovecot IMAP and rsyslog: SMTP AUTH checked by saslauthd logging in to Dovecot on
# 127.0.0.1 for every client, the layout of issue 19's third case. Debian 12, as root, on a
# throw-away machine: it installs Sendmail (which replaces Postfix), sasl2-bin and Dovecot,
# and reconfigures them. make-incident-log.sh reinstalls Postfix for the Postfix sample.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out=${1:-$here/../../../Fixtures/samples/incident/sendmail-rimap.log}
root=/tmp/relay-audit-sendmail
export DEBIAN_FRONTEND=noninteractive
apt-get install -y -qq --no-install-recommends sendmail-bin sendmail-cf m4 sasl2-bin libsasl2-modules \
  dovecot-core dovecot-imapd rsyslog >/dev/null

stop() {
  [ -f "$root/sendmail.pid" ] && kill "$(head -n1 "$root/sendmail.pid")" 2>/dev/null || true
  pkill -x sendmail 2>/dev/null || true
  pkill -x saslauthd 2>/dev/null || true
  pkill -x dovecot 2>/dev/null || true
  [ -f "$root/rsyslog.pid" ] && kill "$(cat "$root/rsyslog.pid")" 2>/dev/null || true
  [ -f "$root/sink.pid" ] && kill "$(cat "$root/sink.pid")" 2>/dev/null || true
  sleep 1
}
stop
rm -rf "$root"
mkdir -p "$root/mail" "$root/rsyslog" "$root/mqueue" /run/saslauthd
chmod 700 "$root/mqueue"
chown mail:mail "$root/mail"
echo "$(date -u +%s.%N) $(date -u -d "2026-11-20 07:00:00" +%s)" > "$root/steps"
cp "$here/service.switch" "$root/service.switch"
sed "s|ROOT|$root|g" "$here/sendmail.mc" > "$root/sendmail.mc"
m4 "$root/sendmail.mc" > "$root/sendmail.cf"
for dir in /etc/sasl2 /usr/lib/sasl2 /etc/mail/sasl; do mkdir -p "$dir"; cp "$here/Sendmail.conf" "$dir/Sendmail.conf"; done
sed "s|ROOT|$root|g" "$here/dovecot.conf" > /etc/dovecot/dovecot.conf
sed "s|ROOT|$root|g; s|mx1|mx2|" "$here/../rsyslog.conf" > "$root/rsyslog.conf"
cp "$here/../users" "$root/users"
chmod 644 "$root/users"

rsyslogd -f "$root/rsyslog.conf" -i "$root/rsyslog.pid"
python3 "$here/../smtp-sink.py" 2525 & echo $! > "$root/sink.pid"
dovecot
saslauthd -a rimap -O 127.0.0.1 -m /run/saslauthd -n 2
# In a UTS namespace of its own named as a fully qualified host: Sendmail otherwise sleeps a
# minute at every start trying to qualify an unqualified host name.
unshare --uts sh -c "hostname mx2.corp.example.test && exec /usr/sbin/sendmail -C '$root/sendmail.cf' -bd -q10s -O PidFile='$root/sendmail.pid'"
sleep 2
python3 "$here/sendmail-driver.py" "$root/steps"
sleep 5
stop
mkdir -p "$(dirname "$out")"
python3 "$here/../retime.py" "$root/raw.log" "$root/steps" > "$out"
echo "wrote $(wc -l < "$out") lines to $out"
