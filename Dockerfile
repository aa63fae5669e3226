# wgbot: multi-stage build on Debian 12, using the same install script as the README.
FROM debian:12 AS build
WORKDIR /src
COPY . .
RUN scripts/dev deps && scripts/dev build wgbot && strip build/release/wgbot

# The runtime stage installs the shared libraries the binary links against, by hand: the test
# packaging.image_libraries fails when `ldd wgbot` needs a library no package below provides.
FROM debian:12-slim
RUN apt-get update \
 && apt-get install -y --no-install-recommends ca-certificates tzdata curl \
      libsqlite3-0 libssl3 libspdlog1.10 libfmt9 libutf8proc2 libdate-tz3 libjemalloc2 \
      libcairo2 fonts-dejavu-core \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --home /data --shell /usr/sbin/nologin wgbot \
 && mkdir -p /data && chown wgbot:wgbot /data
COPY --from=build /src/build/release/wgbot /usr/local/bin/wgbot
USER wgbot
WORKDIR /data
ENV WGBOT_DB=/data/wgbot.db \
    WGBOT_LISTEN=0.0.0.0:8080 \
    WGBOT_DEMO=false
VOLUME ["/data"]
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=3s --start-period=10s \
  CMD curl -fsS http://127.0.0.1:8080/healthz || exit 1
# SIGTERM drains in-flight requests and exits 0.
STOPSIGNAL SIGTERM
ENTRYPOINT ["/usr/local/bin/wgbot"]
CMD ["serve"]
