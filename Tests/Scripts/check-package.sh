#!/usr/bin/env bash
# Checks what Tests/Scripts/package.sh built, as an admin would meet it on a mail server, and
# removes it again: the .deb installs with apt-get; lintian finds no error; the installed
# /usr/bin/relay-audit loads nothing from the Swift toolchain and, run with an empty
# environment, writes the same report of the sample incident as the build tree's binary did;
# the manual renders without warnings; the bash completion registers; the tarball's binary
# writes the same report too.
#
#   Tests/Scripts/check-package.sh DEB TARBALL EXPECTED_TEXT EXPECTED_HTML
#
# EXPECTED_*: the sample audit's text report and report.html as the build tree wrote them
# (the README's first command). Needs root (or sudo) for apt-get; lintian and man-db
# (install-deps.sh --test). Leaves relay-audit uninstalled, whatever happens.
set -euo pipefail
deb=$(readlink -f "$1"); tarball=$(readlink -f "$2"); expected_text=$(readlink -f "$3"); expected_html=$(readlink -f "$4")
repo=$(cd "$(dirname "$0")/../.." && pwd)
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
fail() { echo "check-package: $*" >&2; exit 1; }
work=$(mktemp -d)
cleanup() {
  as_root env DEBIAN_FRONTEND=noninteractive apt-get purge -y -qq relay-audit >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

# lintian: errors fail; warnings are printed. (It says root is "not recommended": run as
# nobody when we are root.)
lint=(lintian --fail-on error "$deb")
if [ "$(id -u)" -eq 0 ] && command -v runuser >/dev/null; then
  cp "$deb" "$work/" && chmod 755 "$work" && chmod 644 "$work/$(basename "$deb")"
  lint=(runuser -u nobody -- lintian --fail-on error "$work/$(basename "$deb")")
fi
"${lint[@]}" || fail "lintian reported errors"
echo "check-package: lintian: no error"

as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$deb" >/dev/null
[ -x /usr/bin/relay-audit ] || fail "/usr/bin/relay-audit not installed"
version=$(/usr/bin/relay-audit --version)
echo "check-package: installed $(dpkg-query -W -f '${Package} ${Version}' relay-audit): $version"
# It names the commit it was built from: this checkout's.
head=$(git -C "$repo" rev-parse HEAD 2>/dev/null || echo unknown)
[ "$version" = "$(dpkg-query -W -f '${Version}' relay-audit) (commit $head)" ] \
  || fail "--version says '$version', expected this checkout's commit $head"

# Nothing from the toolchain: every library ldd resolves must be outside Swift's directory.
toolchain=$(dirname "$(dirname "$(readlink -f "$(command -v swift || echo /opt/swift/usr/bin/swift)")")")
ldd /usr/bin/relay-audit > "$work/ldd"
if grep -F "$toolchain" "$work/ldd" || grep -q "not found" "$work/ldd"; then
  fail "ldd /usr/bin/relay-audit names the toolchain ($toolchain) or a missing library"
fi
echo "check-package: ldd: no library from $toolchain"

# The sample incident, with an empty environment, from a directory of its own.
sample() {  # BINARY DIR: the README's sample audit (its paths as the README gives them); the
            # text report on stdout, report.html in DIR
  local status=0
  (cd "$repo" && env -i PATH=/usr/bin:/bin "$1" audit --ldif Tests/Fixtures/samples/corp-example-test.ldif \
    --logs Tests/Fixtures/samples/incident/mail.log --security-logs Tests/Fixtures/samples/incident/dc1/*.json \
    --as-of 2026-11-29T01:45:58Z --timezone UTC \
    --output text -o - -o "$2/report.html") || status=$?
  [ "$status" -eq 1 ] || fail "$1 exited $status on the sample (expected 1: findings)"
}
mkdir "$work/deb"
sample /usr/bin/relay-audit "$work/deb" > "$work/deb/report.txt"
cmp "$expected_text" "$work/deb/report.txt" || fail "the installed binary's text report differs from the build tree's"
cmp "$expected_html" "$work/deb/report.html" || fail "the installed binary's report.html differs from the build tree's"
echo "check-package: the installed binary's report equals the build tree's (text and HTML)"

# The manual renders, and groff has nothing to say about it.
MANWIDTH=80 man --warnings -l /usr/share/man/man1/relay-audit.1.gz > "$work/man.txt" 2> "$work/man.err"
[ ! -s "$work/man.err" ] || { cat "$work/man.err" >&2; fail "man -l warned"; }
grep -q "relay-audit audit" "$work/man.txt" || fail "the manual has no audit section"
echo "check-package: man -l: $(wc -l < "$work/man.txt") lines, no warning"

bash --norc --noprofile -c 'source /usr/share/bash-completion/completions/relay-audit && complete -p relay-audit' \
  || fail "the bash completion did not register"
[ -s /usr/share/zsh/vendor-completions/_relay-audit ] && [ -s /usr/share/fish/vendor_completions.d/relay-audit.fish ] \
  || fail "zsh or fish completion missing"
[ -f /usr/share/relay-audit/Policies/default.yaml ] || fail "Policies not installed"

# The tarball, for hosts without dpkg.
mkdir "$work/tar"
tar -C "$work/tar" -xzf "$tarball"
bin=$(find "$work/tar" -path '*/bin/relay-audit' | head -n1)
[ -n "$bin" ] || fail "no bin/relay-audit in $tarball"
sample "$bin" "$work/tar" > "$work/tar/report.txt"
cmp "$expected_text" "$work/tar/report.txt" || fail "the tarball's binary's report differs from the build tree's"
echo "check-package: the tarball's binary's report equals the build tree's"

as_root env DEBIAN_FRONTEND=noninteractive apt-get purge -y -qq relay-audit >/dev/null
[ ! -e /usr/bin/relay-audit ] || fail "relay-audit still installed after purge"
echo "check-package: removed again"
