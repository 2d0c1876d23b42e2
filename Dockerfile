# pipgate's two images, built with BuildKit (Docker 25 or later: ADD --checksum, RUN --mount):
#
#   docker build --target gate .   the action's image: a jlink runtime and the jar on a distroless
#                                  base (the default, as the last stage: `image: Dockerfile` in
#                                  action.yml builds this one)
#   docker build --target tf29 .   the same runtime and jar in a TensorFlow 2.9 conda environment,
#                                  so that env-check inspects the very stack it protects
#
# Every input is pinned: base images by digest (the tag beside each digest says which image it
# is; Docker pulls the digest), the name mapping by commit and checksum, Maven's dependencies in a
# layer of their own. The release checks that each digest still resolves and records it.
#
# MAVEN_IMAGE: the official image's multi-platform index (docker-library/repo-info, 2026-09-16).
# GATE_BASE: distroless java-base for Debian 12, its `nonroot` variant; the gate stage sets
#   USER 0 (root), the user Docker actions must run as (the workspace belongs to the runner).
# TF_BASE: Miniforge 25.3.1-0's multi-platform index.
# To use your own TensorFlow 2.9 conda image for tf29:
#   --build-arg TF_BASE=<your image> --build-arg TF_ENV= --build-arg ENV_PREFIX=<its prefix>
ARG MAVEN_IMAGE=maven:3.9-eclipse-temurin-17@sha256:42a3ac393abbc64dae6c96703e5ead2e921fe9103371ac58b5b404b0d6a26502
ARG GATE_BASE=gcr.io/distroless/java-base-debian12:nonroot@sha256:a9930cad62d02853d7f3dede7281c4b916cbf74493c2d8d38564121aad92bf6c
ARG TF_BASE=condaforge/miniforge3:25.3.1-0@sha256:1e65803d646bf8503728001dddb5756f3e8235e0883c19b5a5ad1da85cff0905

# 1. Maven's dependencies and plugins, downloaded once: a change under src/ reuses this layer.
FROM ${MAVEN_IMAGE} AS deps
WORKDIR /src
COPY pom.xml .
RUN mvn -B -q -ntp dependency:go-offline

# 2. The jar. There is no .git here, so the commit `pipgate --version` names comes from COMMIT.
FROM deps AS jar
ARG COMMIT=unknown
COPY src src
RUN mvn -B -q -ntp package -DskipTests -Dspotless.check.skip=true -Dpipgate.commit="${COMMIT}"

# 3. The Java runtime for the jar (jlink) and bin/pipgate's JVM flags as a java argument file.
FROM jar AS runtime
COPY bin/pipgate bin/pipgate
COPY docker/runtime.sh docker/runtime.sh
RUN docker/runtime.sh target/pipgate.jar /opt/pipgate && cp target/pipgate.jar /opt/pipgate/

# 4. What both images carry under /opt/pipgate: runtime, jar, flags, and the conda-forge -> PyPI
#    name mapping (prefix-dev/parselmouth, BSD-3-Clause) for the conda-forge-available rule.
FROM scratch AS pipgate
COPY --from=runtime /opt/pipgate /opt/pipgate
ADD --checksum=sha256:1d8b9dd81db390b2139319237d028817f75de1c20d81003a4f002efccc08a508 \
    https://raw.githubusercontent.com/prefix-dev/parselmouth/345e9bfbd11d932d63df2bc1146511337f7ba5dd/files/compressed_mapping.json \
    /opt/pipgate/conda-forge-mapping.json

# 5. The TensorFlow 2.9 image: conda-forge's GPU build of TensorFlow 2.9 needs CUDA 11.2 (no GPU
#    is present at build time), then pipgate, then its AppCDS archive (the classes an env-check of
#    this environment loads, pre-parsed for a faster start).
FROM ${TF_BASE} AS tf29
ARG TF_ENV="python=3.9 tensorflow=2.9.1 cudatoolkit=11.2 pip"
ARG ENV_PREFIX=/opt/tf29
ENV CONDA_OVERRIDE_CUDA=11.2
RUN if [ -n "$TF_ENV" ]; then \
      conda create -y -p "$ENV_PREFIX" -c conda-forge $TF_ENV && conda clean -afy; \
    fi
ENV CONDA_PREFIX=${ENV_PREFIX}
COPY --from=pipgate /opt/pipgate /opt/pipgate
ENV PIPGATE_MAPPING_FILE=/opt/pipgate/conda-forge-mapping.json
RUN /opt/pipgate/jre/bin/java @/opt/pipgate/jvm.args -Xlog:cds*=error:stderr \
      -XX:ArchiveClassesAtExit=/opt/pipgate/pipgate.jsa -jar /opt/pipgate/pipgate.jar \
      env-check --prefix "$CONDA_PREFIX" --fail-on never >/dev/null \
 && test -s /opt/pipgate/pipgate.jsa
ENTRYPOINT ["/opt/pipgate/jre/bin/java", "-XX:SharedArchiveFile=/opt/pipgate/pipgate.jsa", "@/opt/pipgate/jvm.args", "-jar", "/opt/pipgate/pipgate.jar"]
CMD ["action"]

# 6. The gate image (no shell): pipgate, then its AppCDS archive from a review of the example.
FROM ${GATE_BASE} AS gate
USER 0
COPY --from=pipgate /opt/pipgate /opt/pipgate
ENV PIPGATE_MAPPING_FILE=/opt/pipgate/conda-forge-mapping.json
RUN --mount=type=bind,source=examples/tf29,target=/tmp/tf29 \
    ["/opt/pipgate/jre/bin/java", "@/opt/pipgate/jvm.args", "-Xlog:cds*=error:stderr", \
     "-XX:ArchiveClassesAtExit=/opt/pipgate/pipgate.jsa", "-jar", "/opt/pipgate/pipgate.jar", \
     "review", "--base-dir", "/tmp/tf29/base", "--head-dir", "/tmp/tf29/head", "--fail-on", "never"]
ENTRYPOINT ["/opt/pipgate/jre/bin/java", "-XX:SharedArchiveFile=/opt/pipgate/pipgate.jsa", "@/opt/pipgate/jvm.args", "-jar", "/opt/pipgate/pipgate.jar"]
CMD ["action"]
