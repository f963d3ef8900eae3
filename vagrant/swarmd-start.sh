#!/usr/bin/env bash
# systemd's ExecStart for swarmd: the first start creates or joins the cluster as
# /etc/swarmd/swarmd.env says; every later start finds the state directory and just runs.
set -euo pipefail
# shellcheck source=/dev/null
. /etc/swarmd/node.env
# shellcheck source=/dev/null
. /etc/swarmd/swarmd.env

state_dir=/var/lib/swarmd
common=(--state-dir "$state_dir" --listen-addr "$SWARMD_ADDR" --advertise-addr "$SWARMD_ADDR" --executor process)

if [[ -f "$state_dir/node.json" ]]; then
  exec /usr/local/bin/swarmd run --state-dir "$state_dir"
fi
case "${SWARMD_MODE:?init or join}" in
  init) exec /usr/local/bin/swarmd init "${common[@]}" ;;
  join)
    # Through the environment: a token on the command line is readable by every local user.
    export SWARM_JOIN_TOKEN="${SWARMD_TOKEN:?}"
    exec /usr/local/bin/swarmd join "${common[@]}" "${SWARMD_MANAGER:?}"
    ;;
  *) echo "swarmd-start: SWARMD_MODE must be init or join, not ${SWARMD_MODE}" >&2; exit 2 ;;
esac
