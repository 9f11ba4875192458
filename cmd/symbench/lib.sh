# lib.sh: the start that e2e.sh and codegen_ginac.sh share; they source it
# with their arguments. It goes to the top of the repository and sets
# anchors (the shared anchors' folder, $1, default ../shared/anchors), work
# (a temporary folder, removed at exit) and need (the Debian packages of
# g++, pkg-config and GiNaC that are missing, to which a script adds its
# own); install_needed installs need with apt-get (as root).
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
anchors=${1:-../shared/anchors}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

need=()
command -v g++ >/dev/null || need+=(g++)
command -v pkg-config >/dev/null || need+=(pkg-config)
pkg-config --exists ginac 2>/dev/null || need+=(libginac-dev)

install_needed() {
  if [ ${#need[@]} -gt 0 ]; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
  fi
}
