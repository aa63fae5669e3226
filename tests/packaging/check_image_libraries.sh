#!/usr/bin/env bash
# Checks that the runtime stage of the Dockerfile installs every shared library the built binary
# links against directly (its ELF NEEDED entries), so a new dependency cannot silently break the
# image. Each library is resolved with ldd and mapped to its Debian package with dpkg -S; that
# package must be named in an `apt-get install` of the last stage, or be part of debian:12-slim.
# Usage: check_image_libraries.sh DOCKERFILE BINARY
set -euo pipefail
dockerfile=$1
binary=$2

# A sanitizer build links the sanitizer runtimes, which no image ships: nothing to check (77 = skip).
# (ldd's output is taken whole first: with pipefail, `ldd | grep -q` fails whenever grep quits
# before ldd has written everything.)
linked=$(ldd "$binary")
if grep -q -e 'libasan' -e 'libubsan' -e 'libtsan' <<<"$linked"; then
  echo "skipped: $binary is a sanitizer build"
  exit 77
fi

# Packages every debian:12-slim image already has (the C and C++ runtimes).
base_packages=(libc6 libgcc-s1 libstdc++6)

# The package names in the `apt-get install` lines of the last stage (after the last FROM).
listed=$(awk '
  toupper($1) == "FROM" { stage = "" ; next }
  { stage = stage "\n" $0 }
  END { print stage }' "$dockerfile" |
  sed -e 's/\\$//' | tr '\n' ' ' | tr '&;' '\n\n' |
  sed -n 's/.*apt-get install\(.*\)/\1/p' | tr ' ' '\n' | grep -v -e '^-' -e '^$' | sort -u)
if [[ -z $listed ]]; then
  echo "no apt-get install found in the last stage of $dockerfile" >&2
  exit 1
fi

provided() {  # provided PACKAGE
  local p=$1
  for b in "${base_packages[@]}" $listed; do [[ $p == "$b" ]] && return 0; done
  return 1
}

status=0
needed=$(readelf -d "$binary" | sed -n 's/.*(NEEDED).*\[\(.*\)\].*/\1/p')
for lib in $needed; do
  path=$(ldd "$binary" | awk -v lib="$lib" '$1 == lib && $2 == "=>" { print $3 }')
  if [[ -z $path || $path == "not" ]]; then
    echo "MISSING  $lib: not found on this machine either" >&2
    status=1
    continue
  fi
  # dpkg records a library under /lib or /usr/lib depending on the package (merged /usr).
  package=""
  for candidate in "$path" "$(realpath "$path")" "/usr$path" "${path#/usr}"; do
    package=$(dpkg -S "$candidate" 2>/dev/null | head -n1 | cut -d: -f1) && [[ -n $package ]] && break
  done
  if [[ -z $package ]]; then
    echo "UNKNOWN  $lib ($path): no Debian package owns it" >&2
    status=1
  elif provided "$package"; then
    echo "ok       $lib <- $package"
  else
    echo "MISSING  $lib <- $package: add it to the runtime stage of $dockerfile" >&2
    status=1
  fi
done
exit $status
