#!/usr/bin/env bash
# Install the Debian packages relgraph's browser and plot tests use, when possible.
#   chromium        headless browser for the HTML-map tests (driven by Playwright's Python package)
#   fonts-noto-cjk  CJK font so plots show Chinese names (matplotlib falls back to it)
#   libreoffice-calc-nogui  `soffice --headless --convert-to` for the planning-workbook test
#                   (the smallest Debian package with the Calc import filters; no GUI)
#   a Java runtime  for the Spark tests (pyspark 4 needs Java 17 or later): openjdk-17-jre-headless,
#                   or the release's current headless JRE where 17 is no longer packaged
# As root, missing packages are installed with apt-get; otherwise this only reports them.
set -u
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
fc-list 2>/dev/null | grep -qi "Noto Sans CJK" || need+=(fonts-noto-cjk)
command -v fc-list >/dev/null 2>&1 || need+=(fontconfig)
command -v soffice >/dev/null 2>&1 || need+=(libreoffice-calc-nogui)
command -v java >/dev/null 2>&1 || need+=(JAVA)
if [ ${#need[@]} -eq 0 ]; then
  echo "system packages: all present"
  exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  if [[ " ${need[*]} " == *" JAVA "* ]]; then
    java_pkg=default-jre-headless
    for p in openjdk-17-jre-headless openjdk-21-jre-headless; do
      if apt-cache show "$p" >/dev/null 2>&1; then java_pkg=$p; break; fi
    done
    need=("${need[@]/JAVA/$java_pkg}")
    mkdir -p /usr/share/man/man1  # slim images lack it; the JRE's postinst needs it
  fi
  echo "installing system packages: ${need[*]}"
  apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null \
    || { echo "apt-get failed; the browser/CJK/LibreOffice tests will skip and say why" >&2; exit 0; }
  # matplotlib caches the font list: drop it so the new fonts are found.
  rm -rf "${HOME:-/root}/.cache/matplotlib" 2>/dev/null || true
else
  echo "missing system packages (install as root: apt-get install ${need[*]/JAVA/openjdk-17-jre-headless});"
  echo "the tests that need them will skip and say why."
fi
exit 0
