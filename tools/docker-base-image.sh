#!/usr/bin/env bash
# Makes a local Java base image, standin-base:local, from this machine's JDK (21+), the libraries it
# loads and busybox (when /bin/busybox exists: Debian's busybox-static), for a Docker daemon that
# cannot pull images (no registry reachable): the Testcontainers module's test then builds its
# Standin image on it (STANDIN_TEST_BASE_IMAGE=standin-base:local), and it also stands in for
# Testcontainers' helper image alpine:3.17. Run Testcontainers with TESTCONTAINERS_RYUK_DISABLED=true
# there (its Ryuk image cannot be pulled either).
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=find-jdk.sh
. tools/find-jdk.sh
root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
mkdir -p "$root/opt" "$root/tmp" "$root/etc"
chmod 1777 "$root/tmp"
cp -a "$JAVA_HOME" "$root/opt/java"
libs=$(ldd "$JAVA_HOME/bin/java" "$JAVA_HOME"/lib/server/libjvm.so "$JAVA_HOME"/lib/*.so 2>/dev/null \
  | awk '/=>/ && $3 ~ /^\// {print $3} /^\t\/lib/ {print $1}' | sort -u)
for f in $libs /lib/x86_64-linux-gnu/libnss_files.so.2 /lib/x86_64-linux-gnu/libnss_dns.so.2 /lib/x86_64-linux-gnu/libresolv.so.2; do
  if [ -f "$f" ]; then mkdir -p "$root$(dirname "$f")"; cp -L "$f" "$root$f"; fi
done
# a shell and the usual tools (Testcontainers runs `sh -c ...` in its helper image; this one stands in for it)
if [ -x /bin/busybox ]; then
  mkdir -p "$root/bin"
  cp /bin/busybox "$root/bin/busybox"
  for applet in $("$root/bin/busybox" --list); do [ "$applet" = busybox ] || ln -sf busybox "$root/bin/$applet"; done
fi
printf 'root:x:0:0:root:/root:/bin/sh\n' > "$root/etc/passwd"
printf 'hosts: files dns\n' > "$root/etc/nsswitch.conf"
tar -C "$root" -c . | docker import -c 'ENV PATH=/opt/java/bin:/usr/bin:/bin' - standin-base:local >/dev/null
# Testcontainers' own helper image, when no registry can give it: the same base (busybox-static gives it a shell)
docker image inspect alpine:3.17 >/dev/null 2>&1 || docker tag standin-base:local alpine:3.17
echo "docker-base-image.sh: standin-base:local made from $JAVA_HOME"
