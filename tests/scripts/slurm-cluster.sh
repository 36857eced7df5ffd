#!/usr/bin/env bash
# A private one-node Slurm cluster for tests, from Debian's slurm-wlm and munge packages: this host (`hostname -s`,
# on 127.0.0.1) is the controller and the only compute node, with every file in DIR. Needs root.
#   slurm-cluster.sh start DIR [CTLD_PORT SLURMD_PORT]  a munge key and munged, slurm.conf, slurmctld and slurmd;
#                                                      returns once sinfo shows the node idle (does nothing when
#                                                      DIR's cluster already runs)
#   slurm-cluster.sh stop DIR                          kills the daemons (SIGTERM, then SIGKILL); jobs die with slurmd
#   slurm-cluster.sh env DIR                           prints SLURM_CONF=DIR/slurm.conf for the client commands
# Client commands (sbatch, squeue, scontrol, sinfo) find this cluster through SLURM_CONF=DIR/slurm.conf.
set -euo pipefail
for tool in /usr/sbin/slurmctld /usr/sbin/slurmd /usr/sbin/munged; do
  [ -x "$tool" ] || { echo "Slurm is not installed: apt-get install slurm-wlm munge" >&2; exit 1; }
done
[ "$(id -u)" = 0 ] || { echo "slurm-cluster.sh needs root (slurmd runs jobs as their user)" >&2; exit 1; }

running() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

stop_daemon() {
  local pidfile=$1 pid
  [ -f "$pidfile" ] || return 0
  pid=$(cat "$pidfile")
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$pidfile"
}

hosts_mark="# slurm-cluster.sh"

start() {
  local dir ctld_port slurmd_port host
  dir=$(realpath -m "$1") ctld_port=${2:-6817} slurmd_port=${3:-6818}
  host=$(hostname -s)
  if running "$dir/slurmctld.pid" && running "$dir/slurmd.pid"; then return 0; fi
  mkdir -p "$dir"/{munge,state,spool,log}
  # The batch script's nodes advertise their Slurm node name, so it must resolve; a machine whose own name does not
  # gets a line in /etc/hosts for as long as this cluster runs (stop removes it).
  if ! getent hosts "$host" >/dev/null; then
    echo "127.0.0.1 $host $hosts_mark $dir" >>/etc/hosts
  fi
  # munged checks that nobody else can write where its key, socket and logs live.
  chmod 0700 "$dir" "$dir/munge"
  if ! running "$dir/munge/munged.pid"; then
    [ -f "$dir/munge/munge.key" ] || { dd if=/dev/urandom of="$dir/munge/munge.key" bs=1024 count=1 status=none; chmod 0400 "$dir/munge/munge.key"; }
    /usr/sbin/munged --force --key-file="$dir/munge/munge.key" --socket="$dir/munge/munge.socket" \
      --pid-file="$dir/munge/munged.pid" --log-file="$dir/munge/munged.log" --seed-file="$dir/munge/munged.seed"
  fi
  cat >"$dir/slurm.conf" <<EOF
ClusterName=sweeptest
SlurmctldHost=$host(127.0.0.1)
SlurmctldPort=$ctld_port
SlurmdPort=$slurmd_port
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$dir/munge/munge.socket
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool
SlurmctldPidFile=$dir/slurmctld.pid
SlurmdPidFile=$dir/slurmd.pid
SlurmctldLogFile=$dir/log/slurmctld.log
SlurmdLogFile=$dir/log/slurmd.log
SlurmctldDebug=info
SlurmdDebug=info
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SwitchType=switch/none
MpiDefault=none
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
SchedulerType=sched/builtin
AccountingStorageType=accounting_storage/none
JobAcctGatherType=jobacct_gather/none
JobCompType=jobcomp/none
ReturnToService=2
JobRequeue=1
KillWait=30
MinJobAge=3600
NodeName=$host NodeAddr=127.0.0.1 CPUs=$(nproc) State=UNKNOWN
PartitionName=test Nodes=$host Default=YES MaxTime=INFINITE State=UP
EOF
  export SLURM_CONF=$dir/slurm.conf
  running "$dir/slurmctld.pid" || /usr/sbin/slurmctld -i -c
  running "$dir/slurmd.pid" || /usr/sbin/slurmd -N "$host"
  for _ in $(seq 1 120); do
    # "idle" (or "mix"/"alloc" when a job from an earlier start runs again): the node answers.
    if sinfo -h -n "$host" -o %T 2>/dev/null | grep -Eq '^(idle|mixed|allocated)$'; then return 0; fi
    sleep 0.5
  done
  echo "the node $host did not become idle within 60 s:" >&2
  sinfo -N -l >&2 || true
  tail -n 20 "$dir/log/slurmctld.log" "$dir/log/slurmd.log" >&2 || true
  exit 1
}

stop() {
  local dir
  dir=$(realpath -m "$1")
  # The jobs first: their processes (slurmstepd and its tasks) would outlive slurmd.
  if running "$dir/slurmctld.pid" && running "$dir/slurmd.pid"; then
    export SLURM_CONF=$dir/slurm.conf
    scancel --full --signal=KILL --partition=test >/dev/null 2>&1 || true
    scancel --partition=test >/dev/null 2>&1 || true
    for _ in $(seq 1 100); do
      [ -z "$(squeue -h -t running,completing -o %i 2>/dev/null)" ] && break
      sleep 0.2
    done
  fi
  stop_daemon "$dir/slurmd.pid"
  stop_daemon "$dir/slurmctld.pid"
  stop_daemon "$dir/munge/munged.pid"
  if grep -qF "$hosts_mark $dir" /etc/hosts; then
    grep -vF "$hosts_mark $dir" /etc/hosts >"$dir/hosts.kept" && cat "$dir/hosts.kept" >/etc/hosts
  fi
}

case "${1:-}" in
  start) [ $# -ge 2 ] || { echo "usage: $0 start DIR [CTLD_PORT SLURMD_PORT]" >&2; exit 2; }; start "$2" "${3:-}" "${4:-}" ;;
  stop) [ $# -ge 2 ] || { echo "usage: $0 stop DIR" >&2; exit 2; }; stop "$2" ;;
  env) echo "SLURM_CONF=$(realpath -m "$2")/slurm.conf" ;;
  *) echo "usage: $0 start DIR [CTLD_PORT SLURMD_PORT] | stop DIR | env DIR" >&2; exit 2 ;;
esac
