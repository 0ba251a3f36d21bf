#!/bin/sh
# Entrypoint of the MX Suite image: the stock image's own start (java with James's JVM flags and the JPA product's
# main class, as the jib build of apache/james:jpa-3.8.1 declares them), after two steps of every container's own:
#
# - The TLS keystore is made at the container's first start, not at image build: a self-signed certificate and a
#   random password, in the data volume (/root/var/tls/keystore.p12 and keystore.secret, owner-only), so that no
#   two containers share a private key and the password is nobody's default. Replace both files to use your own
#   certificate (docs/deployment.md).
# - Secrets reach James as system properties through a properties file that James loads at start (extra.props),
#   never on a command line, which `ps` shows to every user: the keystore password, then the lines of the Docker
#   secret /run/secrets/mxsuite.properties if there is one (e.g. mxsuite.state.postgresql.password=...).
#
# JAMES_ROOT, JAMES_MAIN_CLASS and MXSUITE_SECRETS_FILE exist for the test of this script (DockerStartScriptTest).
set -eu
# what James writes (keystore, spool, state, logs) is the owner's only
umask 077

root=${JAMES_ROOT:-/root}
main=${JAMES_MAIN_CLASS:-org.apache.james.JPAJamesServerMain}
secrets=${MXSUITE_SECRETS_FILE:-/run/secrets/mxsuite.properties}
tls="$root/var/tls"

mkdir -p "$tls"
chmod 700 "$tls"
if [ ! -s "$tls/keystore.p12" ] || [ ! -s "$tls/keystore.secret" ]; then
  rm -f "$tls/keystore.p12" "$tls/keystore.secret" "$tls/keystore.secret.new"
  # 24 random bytes in URL-safe base64: nothing a properties file or keytool would read otherwise
  head -c 24 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n' > "$tls/keystore.secret.new"
  name=$(cat /proc/sys/kernel/hostname 2>/dev/null || echo localhost)
  case "$name" in
    ''|*[!A-Za-z0-9.-]*) name=localhost ;;
  esac
  # the password from the file (keytool's -storepass:file): a -storepass argument would show in ps
  keytool -genkeypair -noprompt -alias mxsuite -keyalg RSA -keysize 2048 -validity 825 \
    -dname "CN=$name" -ext "SAN=dns:$name,dns:localhost,ip:127.0.0.1" \
    -storetype PKCS12 -keystore "$tls/keystore.p12" -storepass:file "$tls/keystore.secret.new" >/dev/null
  mv "$tls/keystore.secret.new" "$tls/keystore.secret"
fi

# James loads one extra.props file: the image's conf/jvm.properties, then the keystore, then the operator's secrets
# (which may name another keystore). Out of the volume: the Docker secret is not copied into backups of the data.
props=$(mktemp "${TMPDIR:-/tmp}/mxsuite-jvm.XXXXXX")
{
  if [ -f "$root/conf/jvm.properties" ]; then
    cat "$root/conf/jvm.properties"
    echo
  fi
  echo "mxsuite.tls.keystore=file://$tls/keystore.p12"
  # echo is the shell's own: the password is on no command line
  echo "mxsuite.tls.secret=$(cat "$tls/keystore.secret")"
  if [ -f "$secrets" ]; then
    cat "$secrets"
    echo
  fi
} > "$props"

# jib 3 lists the classpath in a file (Java 9 and later); older layouts have the directories
if [ -f "$root/jib-classpath-file" ]; then
  classpath="@$root/jib-classpath-file"
else
  classpath="$root/resources:$root/classes:$root/libs/*"
fi
exec java -Dlogback.configurationFile="$root/conf/logback.xml" -Dworking.directory="$root/" \
  -Djdk.tls.ephemeralDHKeySize=2048 -Dextra.props="$props" -cp "$classpath" "$main" "$@"
