# The grader as a container image: Node 20 (slim), util-linux for the sandbox's setpriv, unshare
# and prlimit, and dlgrade installed from its packed tarball, never from a registry by name.
#
#   docker build -t registry.example.edu/course/dlgrade:0.2.0 .
#   docker run --rm -v "$PWD:/data" registry.example.edu/course/dlgrade:0.2.0 \
#     grade --spec /data/specs/dl-hw --submissions /data/submissions/dl-hw --out /data/reports

# Stage 1: pack the grader as a course would release it (npm pack runs the build). No install
# script runs: every dependency works without one.
FROM node:20-bookworm-slim AS pack
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund --ignore-scripts
COPY . .
RUN npm pack --pack-destination /tmp/pack --silent && mv /tmp/pack/*.tgz /tmp/dlgrade.tgz

# Stage 2: the runtime, with only the tarball's install.
FROM node:20-bookworm-slim
RUN apt-get update \
 && apt-get install -y --no-install-recommends util-linux \
 && rm -rf /var/lib/apt/lists/*
COPY --from=pack /tmp/dlgrade.tgz /opt/dlgrade/dlgrade.tgz
RUN npm install --global --no-audit --no-fund --ignore-scripts /opt/dlgrade/dlgrade.tgz && npm cache clean --force
# Root, so the sandbox can give every student's code its own uid (setpriv); see docs/scale.md for
# the network namespace, which also needs the capability to create one.
WORKDIR /data
ENTRYPOINT ["dlgrade"]
CMD ["--help"]
