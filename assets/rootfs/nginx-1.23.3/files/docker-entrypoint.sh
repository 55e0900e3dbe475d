#!/bin/sh
# Entry point of the nginx image (cks-lab's own rendition of the behaviour of nginxinc/docker-nginx's
# script): when the command is nginx, run the scripts in /docker-entrypoint.d/ in name order, then
# exec the command. NGINX_ENTRYPOINT_QUIET_LOGS silences the messages.

set -e

entrypoint_log() {
    if [ -z "${NGINX_ENTRYPOINT_QUIET_LOGS:-}" ]; then
        echo "$@"
    fi
}

if [ "$1" = "nginx" ] || [ "$1" = "nginx-debug" ]; then
    have_files=
    for f in /docker-entrypoint.d/*; do
        if [ -f "$f" ]; then
            have_files=yes
            break
        fi
    done

    if [ -n "$have_files" ]; then
        entrypoint_log "$0: /docker-entrypoint.d/ is not empty, will attempt to perform configuration"

        entrypoint_log "$0: Looking for shell scripts in /docker-entrypoint.d/"
        for f in /docker-entrypoint.d/*; do
            [ -f "$f" ] || continue
            case "$f" in
                *.sh)
                    if [ -x "$f" ]; then
                        entrypoint_log "$0: Launching $f"
                        "$f"
                    else
                        # a script without its exec bit is reported, not run
                        entrypoint_log "$0: Ignoring $f, not executable"
                    fi
                    ;;
                *)
                    entrypoint_log "$0: Ignoring $f"
                    ;;
            esac
        done

        entrypoint_log "$0: Configuration complete; ready for start up"
    else
        entrypoint_log "$0: No files found in /docker-entrypoint.d/, skipping configuration"
    fi
fi

exec "$@"
