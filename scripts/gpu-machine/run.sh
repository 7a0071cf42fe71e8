#!/usr/bin/env bash
# Runs the benchmark on a GPU machine with no Node, no browser and no network, from the
# bundle that scripts/gpu-machine/pack.mjs wrote (scripts/gpu-machine/bundle/); see
# README.md beside this file. Unpacks Node, Dawn and the built benchmark into a temporary
# folder, points the Vulkan loader at NVIDIA's driver, checks that Dawn finds an adapter,
# then times our GPU trainer and the adapter's copy and read ceilings on the full-batch
# epoch (d = 8; identity + mse and sigmoid + bce) at each n = 2^k of SIZES, one process per
# size so that a size that runs out of time keeps the others. Writes to $OUT: run.log,
# machine.txt and results-n<k>.json (bench/types.ts, BenchResults).
#
# Environment (all optional):
#   OUT          where results go (default ./gpu-machine-out)
#   SIZES        log2 of n, even numbers from 10 to 26, space-separated (default "24 26")
#   CONTENDERS   bench contenders (default ours-gpu,ours-gpu-tree: subgroup sums against tree sums;
#                in Node the CPU trainer runs on one thread)
#   REPEATS      timed calls per contender and case, at most (default 3)
#   SIZE_TIMEOUT seconds per size (default 200)
#   QUICK=1      the suite's quick options (32 MiB ceilings, 1 repeat; only n = 2^10 and 2^12
#                exist then): for a check on a software adapter
#   VK_DRIVER_FILES / VK_ICD_FILENAMES  a Vulkan driver file, instead of searching for NVIDIA's
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
BUNDLE=$HERE/bundle
OUT=${OUT:-$PWD/gpu-machine-out}
SIZES=${SIZES:-24 26}
CONTENDERS=${CONTENDERS:-ours-gpu,ours-gpu-tree}
REPEATS=${REPEATS:-3}
SIZE_TIMEOUT=${SIZE_TIMEOUT:-200}
mkdir -p "$OUT"
exec > >(tee -a "$OUT/run.log") 2>&1
started=$(date +%s)
say() { echo "[$(( $(date +%s) - started )) s] $*"; }

[ -f "$BUNDLE/app.tar.xz" ] && [ -f "$BUNDLE/node.xz" ] || { say "no bundle in $BUNDLE: run 'node scripts/gpu-machine/pack.mjs' first (and carry scripts/gpu-machine/bundle)"; exit 2; }
WORK=$(mktemp -d "${TMPDIR:-/tmp}/neuron-gpu.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

# Unpacks with the machine's xz, else the one in the bundle, else Python's lzma.
unxz_to() { # file.xz, output file
  if command -v xz >/dev/null; then xz -dc "$1" > "$2"
  elif LD_LIBRARY_PATH=$BUNDLE "$BUNDLE/xz" -dc "$1" > "$2" 2>/dev/null; then :
  elif command -v python3 >/dev/null; then python3 -c 'import lzma, shutil, sys; shutil.copyfileobj(lzma.open(sys.argv[1]), open(sys.argv[2], "wb"))' "$1" "$2"
  else say "cannot unpack $1: no xz or python3 here, and the bundled xz does not run"; exit 2
  fi
}
unxz_to "$BUNDLE/node.xz" "$WORK/node"
chmod +x "$WORK/node"
unxz_to "$BUNDLE/app.tar.xz" "$WORK/app.tar"
tar -xf "$WORK/app.tar" -C "$WORK" && rm "$WORK/app.tar"
NODE=$WORK/node
APP=$WORK/app
say "unpacked to $WORK"

# The C++ runtime: dawn.node needs GCC 12's libstdc++ (GLIBCXX_3.4.30) and Node needs
# libatomic; where the machine's are missing or older, the bundle's (Debian 12's) are used.
find_lib() { (ldconfig -p 2>/dev/null | awk -v n="$1" '$1 == n && /x86-64/ { print $NF; exit }') || true; ls /usr/lib/x86_64-linux-gnu/"$1" /usr/lib64/"$1" /lib/x86_64-linux-gnu/"$1" 2>/dev/null | head -1 || true; }
cxx=$(find_lib libstdc++.so.6 | head -1)
if [ -z "$cxx" ] || ! grep -qa GLIBCXX_3.4.30 "$cxx" || [ -z "$(find_lib libatomic.so.1 | head -1)" ]; then
  export LD_LIBRARY_PATH=$WORK/lib-cxx${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}
  say "C++ runtime: the bundle's (the machine's libstdc++ ${cxx:-is missing} lacks GLIBCXX_3.4.30, or libatomic is missing)"
fi

# NVIDIA's Vulkan driver file, unless the caller named one. Containers given the graphics
# capability have nvidia_icd.json; where only the library is there, a driver file is written.
if [ -z "${VK_DRIVER_FILES:-}${VK_ICD_FILENAMES:-}" ]; then
  icd=""
  for f in /usr/share/vulkan/icd.d/nvidia_icd*.json /etc/vulkan/icd.d/nvidia_icd*.json /usr/local/share/vulkan/icd.d/nvidia_icd*.json /usr/share/vulkan/icd.d/nvidia*.json /etc/vulkan/icd.d/nvidia*.json; do
    if [ -f "$f" ]; then icd=$f; break; fi
  done
  if [ -z "$icd" ]; then
    lib=$( (ldconfig -p 2>/dev/null | awk '/libGLX_nvidia\.so\.0/ { print $NF; exit }') || true)
    [ -n "$lib" ] || lib=$(ls /usr/lib/x86_64-linux-gnu/libGLX_nvidia.so.0 /usr/lib64/libGLX_nvidia.so.0 /usr/lib/libGLX_nvidia.so.0 2>/dev/null | head -1 || true)
    if [ -n "$lib" ]; then
      icd=$WORK/nvidia_icd.json
      printf '{ "file_format_version": "1.0.1", "ICD": { "library_path": "%s", "api_version": "1.3.0" } }\n' "$lib" > "$icd"
      say "no nvidia_icd.json; wrote $icd for $lib"
    fi
  fi
  if [ -z "$icd" ]; then say "no NVIDIA Vulkan driver found (nvidia_icd.json, libGLX_nvidia.so.0); the loader will search its defaults"
  else export VK_DRIVER_FILES=$icd VK_ICD_FILENAMES=$icd; fi
fi
say "Vulkan driver file: ${VK_DRIVER_FILES:-${VK_ICD_FILENAMES:-none}}"
say "Node $("$NODE" --version) ($(ldd --version 2>&1 | head -1); dawn.node needs glibc 2.34 or later)"

# The Vulkan loader: the machine's, else Debian's from the bundle.
if ldconfig -p 2>/dev/null | grep -q 'libvulkan\.so\.1 ' || ls /usr/lib/x86_64-linux-gnu/libvulkan.so.1 /usr/lib64/libvulkan.so.1 >/dev/null 2>&1; then
  say "Vulkan loader: the machine's"
else
  export LD_LIBRARY_PATH=$WORK/lib${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}
  say "Vulkan loader: the bundle's (Debian libvulkan1)"
fi

{
  echo "date: $(date -u +%FT%TZ)"; uname -a; echo "cores: $(nproc)"; free -g 2>/dev/null | head -2 || true
  command -v nvidia-smi >/dev/null && nvidia-smi --query-gpu=name,driver_version,memory.total,clocks.max.memory,pcie.link.gen.max --format=csv || echo "no nvidia-smi"
  command -v vulkaninfo >/dev/null && vulkaninfo --summary 2>&1 | head -40 || echo "no vulkaninfo"
} > "$OUT/machine.txt" 2>&1 || true

if ! timeout 120 "$NODE" "$HERE/probe.mjs" "$APP"; then
  say "Dawn found no adapter; the loader's own account follows"
  VK_LOADER_DEBUG=error,warn,driver timeout 120 "$NODE" "$HERE/probe.mjs" "$APP" || true
  exit 1
fi

commit=$(git -C "$HERE" rev-parse --short HEAD 2>/dev/null || echo unknown)
status=0
for k in $SIZES; do
  # The suite's full-batch sizes are 2^10, 2^12, ... 2^26 (bench/cases.ts).
  if ! [[ $k =~ ^[0-9]+$ ]] || (( k < 10 || k > 26 || k % 2 )); then say "SIZES: $k is not an even number from 10 to 26; skipped"; status=1; continue; fi
  n=$((1 << k))
  query="${QUICK:+quick&}max=$k&cases=d8-n$n-full&contenders=$CONTENDERS&repeats=$REPEATS"
  file=$OUT/results-n$k.json
  say "n = 2^$k: $query"
  load=$(awk '{ print $1 "," $2 "," $3 }' /proc/loadavg)
  if timeout "$SIZE_TIMEOUT" "$NODE" --expose-gc "$APP/bench-node.mjs" "$query" "$file"; then
    "$NODE" "$HERE/finish.mjs" "$APP" "$file" "$load" "$commit"
  else
    rc=$?; status=1
    say "n = 2^$k ended with status $rc$([ "$rc" = 124 ] && echo " (over SIZE_TIMEOUT = $SIZE_TIMEOUT s)")"
  fi
done
say "done; results in $OUT"
exit $status
