#!/usr/bin/env bash
# Makes sure a Docker engine answers on this machine, for the e2e tests (run as root on Debian; .ci/run calls it).
#
#   - an engine already answers (`docker info`): nothing to do;
#   - else Debian's docker.io is installed if dockerd is missing, and dockerd is started in the background, first
#     with its default storage driver (overlay2), then, if that fails, with --storage-driver=vfs, then also without
#     iptables; each attempt waits up to 30 s for `docker info`.
#
# Exits non-zero with the reason (and dockerd's last log lines) when no engine can be started: the e2e tests are
# never skipped silently. Prints the engine's version and storage driver. dockerd's log: $QBDSIM_DOCKERD_LOG
# (default /tmp/qbd-sim-dockerd.log); its pid: /var/run/docker.pid.
set -euo pipefail

LOG=${QBDSIM_DOCKERD_LOG:-/tmp/qbd-sim-dockerd.log}

report() {
  echo "docker engine: $(docker info --format '{{.ServerVersion}}, storage driver {{.Driver}}, cgroup {{.CgroupVersion}}')"
}

if command -v docker >/dev/null 2>&1 && docker info >/dev/null 2>&1; then
  report
  exit 0
fi

if ! command -v dockerd >/dev/null 2>&1; then
  if [[ $(id -u) != 0 ]]; then
    echo "error: no Docker engine runs and dockerd is not installed; as root: apt-get install docker.io" >&2
    exit 1
  fi
  echo "docker engine: installing Debian's docker.io"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq docker.io >/dev/null
fi
if [[ $(id -u) != 0 ]]; then
  echo "error: no Docker engine answers and starting dockerd needs root (run as root, or start the engine first)" >&2
  exit 1
fi

# A stale pid file from a dockerd that is gone stops a new one from starting.
if [[ -f /var/run/docker.pid ]] && ! kill -0 "$(cat /var/run/docker.pid)" 2>/dev/null; then
  rm -f /var/run/docker.pid
fi

attempt() {
  echo "docker engine: starting dockerd $* (log: $LOG)"
  echo "=== dockerd $*" >>"$LOG"
  # Its own session: it outlives this script (and the stage timeout's process group).
  setsid dockerd "$@" >>"$LOG" 2>&1 </dev/null &
  local pid=$!
  for _ in $(seq 1 60); do
    if docker info >/dev/null 2>&1; then
      echo "docker engine: dockerd (pid $pid) is up"
      return 0
    fi
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "docker engine: dockerd $* exited:"
      tail -n 5 "$LOG" | sed 's/^/    /'
      return 1
    fi
    sleep 0.5
  done
  echo "docker engine: dockerd $* did not answer within 30 s; stopping it"
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  return 1
}

if attempt || attempt --storage-driver=vfs || attempt --storage-driver=vfs --iptables=false; then
  report
  exit 0
fi
echo "error: no Docker engine could be started here (tried overlay2, vfs, vfs without iptables); the e2e tests need one." >&2
echo "       dockerd's last log lines ($LOG):" >&2
tail -n 20 "$LOG" | sed 's/^/    /' >&2
exit 1
