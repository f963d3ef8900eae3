#!/usr/bin/env bash
# Host side of joining (a Vagrant trigger): mgr1 initialises the cluster; every other node gets the
# token for its role from mgr1 over `vagrant ssh` and joins. Running it again is harmless: a node
# with a state directory just keeps running.
#
#   host-join.sh NAME ROLE FIRST_MANAGER_ADDR
set -euo pipefail

name="${1:?node name}"
role="${2:?manager or worker}"
first="${3:?address of mgr1}"

on() { vagrant ssh "$1" -c "$2" -- -q | tr -d '\r'; }

wait_ready() {
  for _ in $(seq 1 60); do
    if on "$1" 'sudo swarmctl node ls -q >/dev/null 2>&1 && echo ready' | grep -q ready; then return 0; fi
    sleep 2
  done
  echo "host-join: $1 did not become ready" >&2
  return 1
}

if [[ "$name" == mgr1 ]]; then
  on mgr1 'printf "SWARMD_MODE=init\n" | sudo tee /etc/swarmd/swarmd.env >/dev/null && sudo chmod 0600 /etc/swarmd/swarmd.env && sudo systemctl start swarmd'
  wait_ready mgr1
  exit 0
fi

token="$(on mgr1 "sudo swarmctl cluster join-token -q ${role}")"
if [[ "$token" != SWMTKN-1-* ]]; then
  echo "host-join: could not read the ${role} join token from mgr1" >&2
  exit 1
fi
on "$name" "printf 'SWARMD_MODE=join\nSWARMD_TOKEN=%s\nSWARMD_MANAGER=%s\n' '${token}' '${first}' | sudo tee /etc/swarmd/swarmd.env >/dev/null && sudo chmod 0600 /etc/swarmd/swarmd.env && sudo systemctl start swarmd"
if [[ "$role" == manager ]]; then wait_ready "$name"; fi
on mgr1 'sudo swarmctl node ls'
