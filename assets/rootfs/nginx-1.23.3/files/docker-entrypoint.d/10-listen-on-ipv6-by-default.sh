#!/bin/sh
# Adds an IPv6 listen directive to the packaged default.conf. Leaves the file alone when it cannot
# be written (read-only root file system), was already changed (container restart) or is not the
# packaged version (mounted from a ConfigMap, edited by hand).

set -e

entrypoint_log() {
    if [ -z "${NGINX_ENTRYPOINT_QUIET_LOGS:-}" ]; then
        echo "$@"
    fi
}

ME=$(basename "$0")
DEFAULT_CONF_FILE="/etc/nginx/conf.d/default.conf"
# md5sum of default.conf as the nginx 1.23.3-1~bullseye package installs it
PACKAGED_MD5="bb2319ccc9d490890dfbc2a552fd87b7"

if [ ! -f "$DEFAULT_CONF_FILE" ]; then
    entrypoint_log "$ME: info: $DEFAULT_CONF_FILE is not a file or does not exist"
    exit 0
fi

# a read-only file system makes this fail
touch "$DEFAULT_CONF_FILE" 2>/dev/null || { entrypoint_log "$ME: info: can not modify $DEFAULT_CONF_FILE (read-only file system?)"; exit 0; }

# on a container restart the file has been changed already
grep -q "listen  \[::]:80;" "$DEFAULT_CONF_FILE" && { entrypoint_log "$ME: info: IPv6 listen already enabled"; exit 0; }

entrypoint_log "$ME: info: Getting the checksum of $DEFAULT_CONF_FILE"
CHECKSUM=$(md5sum "$DEFAULT_CONF_FILE" | cut -d' ' -f1)
if [ "$CHECKSUM" != "$PACKAGED_MD5" ]; then
    entrypoint_log "$ME: info: $DEFAULT_CONF_FILE differs from the packaged version"
    exit 0
fi

sed -i -E 's,listen       80;,listen       80;\n    listen  [::]:80;,' "$DEFAULT_CONF_FILE"

entrypoint_log "$ME: info: Enabled listen on IPv6 in $DEFAULT_CONF_FILE"

exit 0
