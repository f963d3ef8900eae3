#!/usr/bin/env bash
# Host side of the demo (a Vagrant trigger after the last node): deploys examples/counter/stack.yml
# from a manager and shows the services.
#
#   host-deploy-demo.sh MANAGER
set -euo pipefail

manager="${1:?manager name}"
vagrant ssh "$manager" -c 'cd /opt/swarm-ts && sudo COUNTER_APP=/opt/swarm-ts/dist/examples/counter/web.js swarmctl stack deploy -c examples/counter/stack.yml counter && sudo swarmctl service ls' -- -q
