#!/usr/bin/env bash
# Builds relay-audit for a machine without Swift: a Debian package and a tarball.
#
#   Tests/Scripts/package.sh [OUTDIR]     (default OUTDIR: .build/package)
#
# Writes OUTDIR/relay-audit_<version>_<arch>.deb and OUTDIR/relay-audit-<version>-linux-<arch>.tar.gz:
#   - the release binary, linked with --static-swift-stdlib (nothing loaded from the toolchain),
#     stripped; it links only Debian's shared libraries (libldap, libsasl2, zlib, libcrypto,
#     libxcrypt, glibc), and the package's Depends are computed from them by dpkg-shlibdeps;
#   - the manual relay-audit(1), generated from the ArgumentParser definitions by
#     swift-argument-parser's generate-manual plugin (so help and manual cannot drift apart);
#   - bash, zsh and fish completions, written by the binary itself;
#   - Policies/ under /usr/share/relay-audit/ (the defaults stay embedded in the binary);
#   - copyright and changelog (Tests/Scripts/package/).
# Needs Swift, dpkg-dev and binutils (`Tests/Scripts/install-deps.sh --package`). Runs as any user.
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
here="$repo/Tests/Scripts/package"
cd "$repo"
export PATH="/opt/swift/usr/bin:$PATH"
out=${1:-"$repo/.build/package"}
mkdir -p "$out"
out=$(cd "$out" && pwd)

for tool in swift dpkg-deb dpkg-shlibdeps dpkg-architecture strip gzip; do
  command -v "$tool" >/dev/null || {
    echo "package.sh: $tool not found (Tests/Scripts/install-deps.sh --package installs dpkg-dev and binutils)" >&2
    exit 2
  }
done

# The manual first: the plugin builds the package in release mode its own way (dynamic Swift
# libraries); the static link below then replaces that binary.
date=$(git log -1 --format=%cs 2>/dev/null || date -u +%F)
echo "package.sh: generating the manual"
swift package generate-manual --date "$date" --authors "the relay-audit developers" > "$out/generate-manual.log" 2>&1 \
  || { tail -20 "$out/generate-manual.log" >&2; exit 1; }
manual=$(find .build/plugins/GenerateManual/outputs -name relay-audit.1 | head -n1)
[ -n "$manual" ] || { echo "package.sh: the generate-manual plugin wrote no relay-audit.1" >&2; exit 1; }

echo "package.sh: building the release binary with --static-swift-stdlib"
# --disable-local-rpath: no RUNPATH of $ORIGIN, so nothing is ever loaded from /usr/bin;
# -z now: the dynamic relocations are resolved at start and made read-only (full RELRO).
swift build -c release --product relay-audit --static-swift-stdlib --disable-local-rpath \
  -Xlinker -z -Xlinker now > "$out/build.log" 2>&1 \
  || { tail -20 "$out/build.log" >&2; exit 1; }
binary="$(swift build -c release --show-bin-path)/relay-audit"

version=$("$binary" --version | cut -d' ' -f1)
changelog_version=$(sed -n '1s/^relay-audit (\([^)]*\)).*/\1/p' "$here/changelog")
[ "$version" = "$changelog_version" ] || {
  echo "package.sh: the binary says $version but Tests/Scripts/package/changelog's first entry is $changelog_version" >&2
  exit 1
}
arch=$(dpkg-architecture -qDEB_HOST_ARCH)

# The tree both artifacts are made from, laid out as Debian's FHS.
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
root="$stage/root"
install -d "$root/usr/bin" "$root/usr/share/man/man1" "$root/usr/share/doc/relay-audit" \
  "$root/usr/share/relay-audit/Policies" "$root/usr/share/bash-completion/completions" \
  "$root/usr/share/zsh/vendor-completions" "$root/usr/share/fish/vendor_completions.d"
install -m 755 "$binary" "$root/usr/bin/relay-audit"
strip --strip-unneeded --remove-section=.comment --remove-section=.note "$root/usr/bin/relay-audit"
# The generator copies discussion paragraphs' blank lines into the page, which mdoc warns
# about ("Empty input line"); a blank line there means a new paragraph, .Pp.
sed 's/^$/.Pp/' "$manual" | gzip -9n > "$root/usr/share/man/man1/relay-audit.1.gz"
# bash-completion sources its files: a "#!/bin/bash" line there means nothing (lintian says so).
"$binary" --generate-completion-script bash | sed '1{/^#!/d}' > "$root/usr/share/bash-completion/completions/relay-audit"
"$binary" --generate-completion-script zsh > "$root/usr/share/zsh/vendor-completions/_relay-audit"
"$binary" --generate-completion-script fish > "$root/usr/share/fish/vendor_completions.d/relay-audit.fish"
install -m 644 Policies/*.yaml "$root/usr/share/relay-audit/Policies/"
install -m 644 "$here/copyright" "$root/usr/share/doc/relay-audit/copyright"
install -d "$root/usr/share/lintian/overrides"
install -m 644 "$here/lintian-overrides" "$root/usr/share/lintian/overrides/relay-audit"
gzip -9nc "$here/changelog" > "$root/usr/share/doc/relay-audit/changelog.gz"
chmod 644 "$root"/usr/share/*/*/* "$root"/usr/share/*/*/*/* 2>/dev/null || true
find "$root" -type d -exec chmod 755 {} +

# Depends: the packages of the shared libraries the binary links, as dpkg-shlibdeps finds them.
mkdir -p "$stage/debian"
printf 'Source: relay-audit\n\nPackage: relay-audit\nArchitecture: any\n' > "$stage/debian/control"
depends=$(cd "$stage" && dpkg-shlibdeps -O root/usr/bin/relay-audit 2>/dev/null | sed -n 's/^shlibs:Depends=//p')
[ -n "$depends" ] || { echo "package.sh: dpkg-shlibdeps found no dependencies" >&2; exit 1; }
installed_size=$(du -sk --apparent-size "$root" | cut -f1)

install -d "$root/DEBIAN"
cat > "$root/DEBIAN/control" <<EOF
Package: relay-audit
Version: $version
Architecture: $arch
Maintainer: relay-audit developers <relay-audit@example.org>
Installed-Size: $installed_size
Depends: $depends
Section: admin
Priority: optional
Homepage: https://example.org/relay-audit
Description: audit a directory and mail logs after spam was relayed with SMTP AUTH
 For the morning after a mail server was used to relay spam because a spammer
 guessed a soft password (or used an enabled Guest account) and authenticated
 with SMTP AUTH. relay-audit reads the directory (Active Directory, Samba AD,
 OpenLDAP, 389-ds, FreeIPA or an LDIF export) and the mail logs (Postfix, Exim,
 Sendmail, Dovecot, Courier, Exchange, IIS SMTP and others), says which
 accounts are weak, which were used for spam and whether they are still open,
 with the evidence, and writes an ordered lockdown plan with the commands for
 the directory and the MTA. It never writes to the directory.
EOF
(cd "$root" && find usr -type f -print0 | sort -z | xargs -0 md5sum) > "$root/DEBIAN/md5sums"
chmod 644 "$root/DEBIAN/control" "$root/DEBIAN/md5sums"

deb="$out/relay-audit_${version}_${arch}.deb"
rm -f "$deb"
dpkg-deb --root-owner-group -Zxz --build "$root" "$deb" >/dev/null
echo "package.sh: wrote $deb (Depends: $depends)"

# The tarball, for hosts without dpkg: the same files under one directory, bin/ and share/.
name="relay-audit-$version-linux-$arch"
mkdir -p "$stage/$name"
cp -a "$root/usr/bin" "$root/usr/share" "$stage/$name/"
rm -f "$out/$name.tar.gz"
tar -C "$stage" --owner=0 --group=0 --numeric-owner --sort=name -czf "$out/$name.tar.gz" "$name"
echo "package.sh: wrote $out/$name.tar.gz (run bin/relay-audit; it needs: $depends)"
