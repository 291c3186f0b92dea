# syntax=docker/dockerfile:1
# Multi-stage build: Maven + Node build the production frontend bundle into the jar; a JRE 17 image
# runs it as a non-root user. Build: docker build -t socketboard .   Run: docker run -p 8080:8080 -v socketboard-data:/app/data socketboard

FROM eclipse-temurin:17-jdk AS build
# The Vaadin production build needs Node.js and npm (it installs the frontend packages from npm).
RUN apt-get update \
 && apt-get install -y --no-install-recommends nodejs npm \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /build
COPY .mvn/ .mvn/
COPY mvnw pom.xml ./
RUN ./mvnw -B -ntp dependency:go-offline -Pproduction
COPY frontend/ frontend/
COPY src/ src/
RUN ./mvnw -B -ntp -Pproduction -DskipTests package

FROM eclipse-temurin:17-jre
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --system socketboard \
 && useradd --system --gid socketboard --home-dir /app socketboard \
 && mkdir -p /app/data \
 && chown -R socketboard:socketboard /app
WORKDIR /app
COPY --from=build --chown=socketboard:socketboard /build/target/socketboard.jar /app/socketboard.jar
USER socketboard
# The H2 database (embedded default) and the generated secret key live here.
VOLUME ["/app/data"]
EXPOSE 8080
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75"
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD curl -fsS http://localhost:8080/actuator/health || exit 1
ENTRYPOINT ["java", "-jar", "/app/socketboard.jar"]
