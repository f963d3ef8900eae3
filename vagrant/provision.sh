#!/usr/bin/env bash
# Guest provisioning (runs as root on every node): Node.js, Docker Engine, Redis (the demo runs it as
# a task), this project built under /opt/swarm-ts, and a systemd unit that starts swarmd once the
# node has been told whether to init or join (/etc/swarmd/swarmd.env, written by host-join.sh).
#
#   provision.sh NAME ADDR MANAGER_PORT
set -euo pipefail

name="${1:?node name}"
addr="${2:?node address}"
port="${3:?manager port}"
node_version="20.18.1"

export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends ca-certificates curl xz-utils rsync docker.io redis-server redis-tools
# Redis runs as a swarm task, not as the distribution's service.
systemctl disable --now redis-server >/dev/null 2>&1 || true
systemctl enable --now docker

if ! command -v node >/dev/null 2>&1 || [[ "$(node -p 'process.versions.node.split(".")[0]')" -lt 20 ]]; then
  curl -fsSL "https://nodejs.org/dist/v${node_version}/node-v${node_version}-linux-x64.tar.xz" -o /tmp/node.tar.xz
  tar -xJf /tmp/node.tar.xz -C /usr/local --strip-components=1
  rm -f /tmp/node.tar.xz
fi

rsync -a --delete --exclude node_modules --exclude dist /vagrant/ /opt/swarm-ts/
(cd /opt/swarm-ts && npm ci --no-audit --no-fund && npm run build)

for bin in swarmd swarmctl; do
  printf '#!/bin/sh\nexec /usr/local/bin/node /opt/swarm-ts/dist/cli/%s.js "$@"\n' "$bin" >"/usr/local/bin/${bin}"
  chmod 0755 "/usr/local/bin/${bin}"
done
install -m 0755 /vagrant/vagrant/swarmd-start.sh /usr/local/bin/swarmd-start

mkdir -p /etc/swarmd
chmod 0700 /etc/swarmd
cat >/etc/swarmd/node.env <<ENV
SWARMD_NAME=${name}
SWARMD_ADDR=${addr}:${port}
ENV

cat >/etc/systemd/system/swarmd.service <<'UNIT'
[Unit]
Description=swarm-ts node (swarmd)
After=network-online.target docker.service
Wants=network-online.target
ConditionPathExists=/etc/swarmd/swarmd.env

[Service]
ExecStart=/usr/local/bin/swarmd-start
# Workers keep their tasks running across a restart of swarmd; systemd must not kill them.
KillMode=process
Restart=on-failure
RestartSec=2

[Install]
WantedBy=multi-user.target
UNIT
systemctl daemon-reload
systemctl enable swarmd >/dev/null 2>&1
