#!/bin/sh
# bench/c_bench/run.sh - the C benchmark of libanycom (c_bench.c): a Rust object vs a C++ object
# through the C vtable, and warm CoCreateInstance of registered classes.
#
# Builds libanycom, the anycom tool and the Rust sample servers with `cargo build --release`,
# the C++ sample server and the benchmark with the system compilers at -O2, registers the
# servers (each module's own DllRegisterServer, run by `anycom register`) into a temporary
# registry, and runs the benchmark. Uses CARGO_TARGET_DIR when set (default: target/).
#
# usage: bench/c_bench/run.sh
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
target=${CARGO_TARGET_DIR:-$root/target}
case $target in /*) ;; *) target=$root/$target ;; esac
release=$target/release
out=$release/c_bench
mkdir -p "$out"

cargo build --release --quiet --manifest-path "$root/Cargo.toml" \
    -p anycom-capi -p anycom-tool -p anycom-sample-stuff -p anycom-sample-licensed -p anycom-sample-aggregation

CC=${CC:-cc}
CXX=${CXX:-c++}
$CXX -std=c++17 -O2 -shared -fPIC -fvisibility=hidden -I "$root/include" -I "$root/samples/cpp_server/include" \
    "$root"/samples/cpp_server/src/*.cpp -L "$release" -lanycom -Wl,-rpath,"$release" -o "$out/libanycom_cpp_server.so"
$CC -std=c11 -O2 -I "$root/include" -I "$root/samples/cpp_server/include" "$root/bench/c_bench/c_bench.c" \
    -L "$release" -lanycom -Wl,-rpath,"$release" -o "$out/c_bench"

registry=$(mktemp -d)
trap 'rm -rf "$registry"' EXIT
for module in "$release/libanycom_sample_stuff.so" "$release/libanycom_sample_licensed.so" \
              "$release/libanycom_sample_aggregation.so" "$out/libanycom_cpp_server.so"; do
    "$release/anycom" register --registry "$registry" "$module" >/dev/null
done

ANYCOM_REGISTRY=$registry "$out/c_bench"
