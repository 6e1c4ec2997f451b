# One image recipe for every service and the gateway. Build from the repository root, naming the project:
#   docker build --build-arg PROJECT_DIR=services/ticketing/Platform.Ticketing --build-arg PROJECT=Platform.Ticketing .
# (docker-compose.yml passes both for each service.)
ARG PROJECT_DIR
ARG PROJECT

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
ARG PROJECT_DIR
ARG PROJECT
WORKDIR /src
COPY global.json Directory.Build.props Directory.Build.targets Directory.Packages.props ./
COPY shared/ shared/
COPY ${PROJECT_DIR}/ ${PROJECT_DIR}/
# A plain publish: ReadyToRun images (Directory.Build.props) are made by the publish itself, so the build-time
# copy into bin/ that local scripts rely on is turned off here.
RUN dotnet publish ${PROJECT_DIR}/${PROJECT}.csproj -c Release -o /app -p:UseAppHost=false -p:PlatformReadyToRun=false \
      -p:PublishReadyToRun=true -r linux-x64 --self-contained false

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
ARG PROJECT
WORKDIR /app
COPY --from=build /app ./
ENV ASPNETCORE_HTTP_PORTS=8080 \
    PLATFORM_ENTRY_ASSEMBLY=${PROJECT}.dll
EXPOSE 8080
USER app
ENTRYPOINT ["sh", "-c", "exec dotnet \"$PLATFORM_ENTRY_ASSEMBLY\" \"$@\"", "--"]
