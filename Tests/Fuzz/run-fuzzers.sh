#!/usr/bin/env bash
# Builds the libFuzzer targets (Tests/Fuzz/Fuzz*) and runs each for RUNS executions, seeded
# from the test fixtures. Any crash, leak-free timeout or out-of-memory stops with status 1 and
# leaves the input in fuzz-out/artifacts/TARGET/; turn it into a regression test.
#
#   Tests/Fuzz/run-fuzzers.sh [RUNS]     default 1000000; .ci/run uses a short run
#
# FuzzLogs: bytes as a mail log (first byte: 0 auto = the file-format sniffer, then syslog
#           routing by daemon; 1 Exchange protocol, 2 Exchange tracking, 3 IIS W3C, 4 Microsoft
#           365, 5 Windows event XML, 6 Samba's JSON audit; modulo 7) → reader, aggregation, analysis, reports; auto input is also read
#           by the one-thread and the parallel reader, which must agree
# FuzzLDIF: bytes as an LDIF export → parser, mapping, privileges, rules, reports
# FuzzPolicy: bytes as a policy file and as command templates → YAML, validation, diagnostics
# FuzzEVTX: bytes as the first chunk of a Windows event log → chunk, records, binary XML,
#           templates, values, the Security event mapper
set -euo pipefail
cd "$(dirname "$0")/../.."
export PATH="/opt/swift/usr/bin:$PATH"
# Swift's own crash backtracer would exit before libFuzzer saves the crashing input.
export SWIFT_BACKTRACE=enable=no
runs=${1:-1000000}
out=fuzz-out
mkdir -p "$out"

RELAY_AUDIT_FUZZ=1 swift build --build-path .build-fuzz --product FuzzLogs >/dev/null
RELAY_AUDIT_FUZZ=1 swift build --build-path .build-fuzz --product FuzzLDIF >/dev/null
RELAY_AUDIT_FUZZ=1 swift build --build-path .build-fuzz --product FuzzPolicy >/dev/null
RELAY_AUDIT_FUZZ=1 swift build --build-path .build-fuzz --product FuzzEVTX >/dev/null

seed() {  # seed TARGET SELECTOR-BYTE FILE: the file's first 64 KiB, behind the selector byte
  local dir="$out/corpus/$1"; mkdir -p "$dir"
  { [ -n "$2" ] && printf "\\x$2"; head -c 4096 "$3"; } > "$dir/$(basename "$3").$2seed"
}
for f in Tests/Fixtures/samples/incident/mail.log Tests/Fixtures/hostile/mail.log Tests/Fixtures/samples/vpopmail/maillog \
         Tests/Fixtures/samples/zimbra/audit.log Tests/Fixtures/samples/zimbra/mailbox.log Tests/Fixtures/samples/nginx/mail-error.log \
         Tests/Fixtures/windows/wazuh-4625.xml; do
  seed FuzzLogs 00 "$f"
done
seed FuzzLogs 01 Tests/Fixtures/microsoft/RECV2026112800-1.LOG
seed FuzzLogs 01 Tests/Fixtures/microsoft/public/exchange-smtp-receive.log
seed FuzzLogs 01 Tests/Fixtures/microsoft/public/exchange-imap4.log
seed FuzzLogs 02 Tests/Fixtures/microsoft/MSGTRK2026112800-1.LOG
seed FuzzLogs 03 Tests/Fixtures/microsoft/ex261128.log
seed FuzzLogs 03 Tests/Fixtures/microsoft/public/iis-smtp-w3c.log
seed FuzzLogs 04 Tests/Fixtures/microsoft/messagetrace.csv
seed FuzzLogs 05 Tests/Fixtures/windows/wazuh-4625.xml
for f in Tests/Fixtures/samba/*.json Tests/Fixtures/samples/incident/dc1/*.json; do seed FuzzLogs 06 "$f"; done
for f in Tests/Fixtures/microsoft/*.LOG Tests/Fixtures/microsoft/*.log Tests/Fixtures/microsoft/*.csv; do seed FuzzLogs 00 "$f"; done
for f in /usr/lib/python3/dist-packages/fail2ban/tests/files/logs/{postfix,exim,sendmail-auth,dovecot,courier-smtp}; do
  [ -f "$f" ] && seed FuzzLogs 00 "$f"
done
for f in Tests/Fixtures/hostile/*.ldif; do seed FuzzLDIF "" "$f"; done
seed FuzzLDIF "" Tests/Fixtures/samples/corp-example-test.ldif
for f in Policies/*.yaml; do seed FuzzPolicy "" "$f"; done
# The first 8 KiB of each real .evtx sample's first chunk (../shared/samples/evtx), when present.
mkdir -p "$out/corpus/FuzzEVTX"
for f in ../shared/samples/evtx/*.evtx; do
  [ -f "$f" ] && dd if="$f" of="$out/corpus/FuzzEVTX/$(basename "$f").seed" bs=4096 skip=1 count=2 status=none
done

status=0
for target in FuzzLogs FuzzLDIF FuzzPolicy FuzzEVTX; do
  mkdir -p "$out/artifacts/$target"
  start=$(date +%s)
  if .build-fuzz/debug/$target "$out/corpus/$target" -runs="$runs" -max_len=8192 -timeout=20 -rss_limit_mb=2048 \
       -artifact_prefix="$out/artifacts/$target/" -print_final_stats=1 > "$out/$target.log" 2>&1; then
    result="no crash"
  else
    result="FAILED (see $out/$target.log and $out/artifacts/$target/)"
    status=1
  fi
  executed=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$out/$target.log" | grep -o '[0-9]*$' || echo "?")
  echo "fuzz: $target: $executed executions in $(( $(date +%s) - start )) s, $result"
done
exit $status
