# HAProxy from Debian's package, with the configuration for docker-compose.yml.
FROM debian:bookworm-slim
RUN apt-get update \
 && apt-get install -y --no-install-recommends haproxy \
 && rm -rf /var/lib/apt/lists/*
COPY haproxy.cfg /etc/haproxy/haproxy.cfg
EXPOSE 8080 8081 8082 8083 8084
CMD ["haproxy", "-W", "-db", "-f", "/etc/haproxy/haproxy.cfg"]
