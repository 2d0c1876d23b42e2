# pipgate's GitHub Action image.
#
# Stage 1 builds the jar with Maven and a small Java runtime with jlink.
# Stage 2 is a TensorFlow 2.9 conda environment, so that `env-check` inspects the very stack it
# protects. BASE_IMAGE defaults to Miniforge, into which TF_ENV is installed with conda; to use
# your own TensorFlow 2.9 conda image, build with
#   --build-arg BASE_IMAGE=<your image> --build-arg TF_ENV= --build-arg ENV_PREFIX=<its prefix>
ARG BASE_IMAGE=condaforge/miniforge3:25.3.0-1

FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml .
RUN mvn -B -q -ntp dependency:go-offline
COPY src src
RUN mvn -B -q -ntp package -DskipTests -Dspotless.check.skip=true
# A runtime with just the modules the jar uses.
RUN jdeps --multi-release 17 --ignore-missing-deps --print-module-deps target/pipgate.jar > modules \
 && jlink --add-modules "$(cat modules),jdk.crypto.ec" --strip-debug --no-man-pages \
      --no-header-files --compress=2 --output /opt/jre

FROM ${BASE_IMAGE}
ARG TF_ENV="python=3.9 tensorflow=2.9.1 cudatoolkit=11.2 pip"
ARG ENV_PREFIX=/opt/tf29
# conda-forge's GPU build of TensorFlow 2.9 needs CUDA 11.2; no GPU is present at build time.
ENV CONDA_OVERRIDE_CUDA=11.2
RUN if [ -n "$TF_ENV" ]; then \
      conda create -y -p "$ENV_PREFIX" -c conda-forge $TF_ENV && conda clean -afy; \
    fi
ENV CONDA_PREFIX=${ENV_PREFIX}

COPY --from=build /opt/jre /opt/pipgate/jre
COPY --from=build /src/target/pipgate.jar /opt/pipgate/pipgate.jar
COPY bin/pipgate /opt/pipgate/bin/pipgate
ENV PIPGATE_JAR=/opt/pipgate/pipgate.jar JAVA=/opt/pipgate/jre/bin/java
# conda-forge -> PyPI names (prefix-dev/parselmouth, BSD-3-Clause) for the conda-forge-available rule.
ADD https://raw.githubusercontent.com/prefix-dev/parselmouth/main/files/compressed_mapping.json /opt/pipgate/conda-forge-mapping.json
ENV PIPGATE_MAPPING_FILE=/opt/pipgate/conda-forge-mapping.json

# The launcher's AppCDS archive (classes pre-parsed for a faster start), written once here.
RUN PIPGATE_CDS=create /opt/pipgate/bin/pipgate env-check --prefix "$CONDA_PREFIX" --fail-on never \
      >/dev/null; test -s /opt/pipgate/pipgate.jsa

ENTRYPOINT ["/opt/pipgate/bin/pipgate"]
CMD ["action"]
