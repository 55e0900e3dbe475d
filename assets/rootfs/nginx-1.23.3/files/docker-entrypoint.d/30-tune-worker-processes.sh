#!/bin/sh
# Sets worker_processes in nginx.conf to the number of CPUs available to the container, only when
# NGINX_ENTRYPOINT_WORKER_PROCESSES_AUTOTUNE is set; otherwise it does nothing.

set -eu

ME=$(basename "$0")

[ "${NGINX_ENTRYPOINT_WORKER_PROCESSES_AUTOTUNE:-}" ] || exit 0

touch /etc/nginx/nginx.conf 2>/dev/null || { echo >&2 "$ME: error: can not modify /etc/nginx/nginx.conf (read-only file system?)"; exit 0; }

ncpu=$(nproc)
sed -i "s/^worker_processes .*/worker_processes  $ncpu;/" /etc/nginx/nginx.conf

exit 0
