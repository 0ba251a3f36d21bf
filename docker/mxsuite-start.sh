#!/bin/sh
# Entrypoint of the MX Suite image: the stock image's own start (java with James's JVM flags and the JPA product's
# main class, as the jib build of apache/james:jpa-3.8.1 declares them), after three steps of every container's own:
#
# - James's working directory is /var/store/james-home, rebuilt at every start: its conf/ and extensions-jars/ are
#   copied from this image (/opt/mxsuite), then the administrator's own configuration files (/etc/mxsuite/conf, a
#   bind mount) over conf/; its var/ is the /root/var volume. The base image's /root/conf and /root/extensions-jars
#   are VOLUMEs: a container re-created from a newer image would keep their old contents (docker compose re-attaches
#   anonymous volumes), so James is not run on them. James keeps its Lucene search index in its working directory
#   itself: here it is in the /var/store volume, with Derby, and survives the container.
# - The TLS keystore is made at the container's first start, not at image build: a self-signed certificate and a
#   random password, in the data volume (/root/var/tls/keystore.p12 and keystore.secret, owner-only), so that no
#   two containers share a private key and the password is nobody's default. Replace both files to use your own
#   certificate (docs/deployment.md).
# - Secrets reach James as system properties through a properties file that James loads at start (extra.props),
#   never on a command line, which `ps` shows to every user: the keystore password, then the lines of the Docker
#   secret /run/secrets/mxsuite.properties if there is one (e.g. mxsuite.state.postgresql.password=...).
#
# JAMES_ROOT, JAMES_MAIN_CLASS, MXSUITE_IMAGE_DIR, MXSUITE_HOME, MXSUITE_CONF_OVERRIDES and MXSUITE_SECRETS_FILE exist
# for the tests of this script (DockerStartScriptTest, ImageConfigurationTest).
set -eu
# what James writes (keystore, spool, state, logs) is the owner's only
umask 077

root=${JAMES_ROOT:-/root}
main=${JAMES_MAIN_CLASS:-org.apache.james.JPAJamesServerMain}
image=${MXSUITE_IMAGE_DIR:-/opt/mxsuite}
home=${MXSUITE_HOME:-/var/store/james-home}
overrides=${MXSUITE_CONF_OVERRIDES:-/etc/mxsuite/conf}
secrets=${MXSUITE_SECRETS_FILE:-/run/secrets/mxsuite.properties}
tls="$root/var/tls"

# James's working directory: this image's configuration and plugin, whatever an earlier image left
mkdir -p "$home" "$root/var"
rm -rf "$home/conf" "$home/extensions-jars"
mkdir "$home/conf" "$home/extensions-jars"
cp -R "$image/conf/." "$home/conf/"
if [ -d "$overrides" ]; then
  cp -R "$overrides/." "$home/conf/"
fi
cp -R "$image/extensions-jars/." "$home/extensions-jars/"
# WebAdmin's JWT public key, when the administrator gives one: the image's webadmin.properties names none (the base
# image's sample conf/jwt_publickey is James's test key, whose private half is public)
if [ -f "$overrides/jwt_publickey" ] && ! grep -q '^jwt.publickeypem.url' "$home/conf/webadmin.properties"; then
  printf '\njwt.publickeypem.url=file://conf/jwt_publickey\n' >> "$home/conf/webadmin.properties"
fi
if [ ! -L "$home/var" ]; then
  rmdir "$home/var" 2>/dev/null || true
fi
ln -sfn "$root/var" "$home/var"

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
  if [ -f "$home/conf/jvm.properties" ]; then
    cat "$home/conf/jvm.properties"
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
echo "MX Suite: James runs in $home with the configuration and plugin of this image$( [ -d "$overrides" ] && echo ", and $overrides over its configuration")"
exec java -Dlogback.configurationFile="$home/conf/logback.xml" -Dworking.directory="$home/" \
  -Djdk.tls.ephemeralDHKeySize=2048 -Dextra.props="$props" -cp "$classpath" "$main" "$@"
