# The single production container of Cyclades.
#   docker build -t cyclades .
#   docker run -p 3000:3000 -v cyclades-data:/data cyclades
# The build stage runs the same `./cyclades build` as a developer machine: Debian's Rust
# for browsers (rustc-web, -Zbuild-std) for the client, rustup's stable for the server.

FROM rust:1-bookworm AS build
RUN echo "deb http://deb.debian.org/debian-security bookworm-security main" > /etc/apt/sources.list.d/security.list \
 && apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      rustc-web cargo-web rust-web-src lld-19 binaryen brotli \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
ENV CYCLADES_CACHE=/cache CARGO_TARGET_DIR=/cache/target
# The image's rustup toolchain is named by its version, not "stable".
RUN CYCLADES_HOST_TOOLCHAIN="$(rustup default | cut -d' ' -f1)" ./cyclades build \
 && mkdir -p /out \
 && cp target/cyclades-server-release /out/cyclades-server \
 && cp -r target/site /out/site \
 && cp Leptos.toml /out/

FROM debian:bookworm-slim
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends ca-certificates tzdata \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --home /app cyclades \
 && mkdir -p /data && chown cyclades /data
WORKDIR /app
# The migrations are compiled into the server binary and run at start.
COPY --from=build /out/cyclades-server /app/cyclades-server
COPY --from=build /out/site /app/site
COPY --from=build /out/Leptos.toml /app/Leptos.toml
ENV LEPTOS_SITE_ADDR=0.0.0.0:3000 \
    LEPTOS_SITE_ROOT=/app/site \
    DATABASE_URL=sqlite:///data/cyclades.db?mode=rwc \
    CYCLADES_DATA_DIR=/data \
    CYCLADES_DEMO_CATALOG=false \
    CYCLADES_MODE=production
VOLUME ["/data"]
EXPOSE 3000
USER cyclades
HEALTHCHECK --interval=30s --timeout=3s CMD ["/bin/bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/3000 && printf 'GET /health HTTP/1.0\\r\\n\\r\\n' >&3 && grep -q ' 200 ' <&3"]
CMD ["/app/cyclades-server"]
