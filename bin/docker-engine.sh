# Sourced by bin/test and bin/test-containers: a Docker engine for the container tests, on machines
# without systemd. start_docker_engine installs Debian's docker.io when missing (as root) and starts
# dockerd by hand when none answers, and arranges (trap) that Testcontainers' leftovers are removed
# and a dockerd started here is stopped when the calling script exits. Without Ryuk (no registry to
# pull it from) a killed test JVM leaves containers behind, hence the removal before and after.
started_dockerd=""

remove_test_containers() {
  docker ps -aq --filter label=org.testcontainers=true | xargs -r docker rm -f >/dev/null 2>&1 || true
  docker network ls -q --filter label=org.testcontainers=true | xargs -r docker network rm >/dev/null 2>&1 || true
}

stop_docker_engine() {
  remove_test_containers
  if [ -n "$started_dockerd" ]; then
    kill "$started_dockerd" 2>/dev/null || true
  fi
}

start_docker_engine() {
  if ! docker version >/dev/null 2>&1; then
    if [ "$(id -u)" -ne 0 ]; then
      echo "chainlightning: no Docker engine answers; start one (or run this as root)" >&2
      return 1
    fi
    if ! PATH="$PATH:/usr/sbin:/sbin" command -v dockerd >/dev/null 2>&1; then
      echo "chainlightning: installing docker.io" >&2
      DEBIAN_FRONTEND=noninteractive apt-get update -qq
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq docker.io >/dev/null
    fi
    echo "chainlightning: starting dockerd (log in /var/log/dockerd.log)" >&2
    nohup "$(PATH="$PATH:/usr/sbin:/sbin" command -v dockerd)" >/var/log/dockerd.log 2>&1 &
    started_dockerd=$!
    for _ in $(seq 120); do
      docker version >/dev/null 2>&1 && break
      sleep 0.5
    done
    if ! docker version >/dev/null 2>&1; then
      tail -20 /var/log/dockerd.log >&2
      return 1
    fi
  fi
  trap stop_docker_engine EXIT
  remove_test_containers
}
