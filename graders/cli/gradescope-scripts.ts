/**
 * The two scripts of a Gradescope autograder zip. Gradescope builds an image from its Ubuntu base
 * (network available), unzips the upload into /autograder/source, runs setup.sh there and copies
 * run_autograder to /autograder/run_autograder; at grading time it puts the student's files in
 * /autograder/submission and reads /autograder/results/results.json. `AUTOGRADER_ROOT` moves
 * /autograder elsewhere, for tests.
 */

/** The Node release setup.sh installs when the image has no Node 20. */
export const DEFAULT_NODE_VERSION = '20.20.2';

export function setupScript(nodeVersion: string): string {
  return `#!/usr/bin/env bash
# Gradescope runs this once, when it builds the autograder's image (network is available then,
# never needed at grading time). It installs Node ${nodeVersion} if the image has no Node 20, the
# sandbox's tools (util-linux), and the grader from the tarball in this zip: never from a
# registry by name.
set -euo pipefail
SOURCE="$(cd "$(dirname "\${BASH_SOURCE[0]}")" && pwd)"
ROOT="\${AUTOGRADER_ROOT:-/autograder}"
NODE_VERSION="${nodeVersion}"

has_node20() { command -v node >/dev/null 2>&1 && [ "$(node -p 'process.versions.node.split(".")[0]')" = "20" ]; }

if ! has_node20 || ! command -v setpriv >/dev/null 2>&1 || ! command -v unshare >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update
  apt-get install -y --no-install-recommends ca-certificates curl xz-utils util-linux
fi

if ! has_node20; then
  case "$(uname -m)" in
    x86_64) ARCH=x64 ;;
    aarch64 | arm64) ARCH=arm64 ;;
    *) echo "setup.sh: no Node $NODE_VERSION build for $(uname -m)" >&2; exit 1 ;;
  esac
  TARBALL="node-v$NODE_VERSION-linux-$ARCH.tar.xz"
  WORK="$(mktemp -d)"
  curl -fsSL "https://nodejs.org/dist/v$NODE_VERSION/$TARBALL" -o "$WORK/$TARBALL"
  curl -fsSL "https://nodejs.org/dist/v$NODE_VERSION/SHASUMS256.txt" -o "$WORK/SHASUMS256.txt"
  (cd "$WORK" && grep " $TARBALL\\$" SHASUMS256.txt | sha256sum -c -)
  tar -xJf "$WORK/$TARBALL" -C /usr/local --strip-components=1 --no-same-owner
  rm -rf "$WORK"
fi

# The grader and its dependencies, installed now: grading needs no network. No install script runs.
mkdir -p "$ROOT/dlgrade"
npm install --prefix "$ROOT/dlgrade" --no-audit --no-fund --no-save --ignore-scripts "$SOURCE/dlgrade.tgz"
"$ROOT/dlgrade/node_modules/.bin/dlgrade" validate "$SOURCE/pack"
`;
}

export function runAutograderScript(): string {
  return `#!/usr/bin/env bash
# Gradescope runs this for every submission: grades /autograder/submission as one submission of
# the pack in /autograder/source/pack and writes /autograder/results/results.json.
set -euo pipefail
ROOT="\${AUTOGRADER_ROOT:-/autograder}"
exec "$ROOT/dlgrade/node_modules/.bin/dlgrade" autograde --root "$ROOT"
`;
}
