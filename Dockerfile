# syntax=docker/dockerfile:1
# One image recipe for the six services and the web app: docker build --build-arg APP=user-service -t shop/user-service .
# (one parameterised file instead of six identical ones in apps/<name>/)

FROM node:24-bookworm-slim AS build
WORKDIR /repo
COPY package.json package-lock.json ./
COPY patches ./patches
# install scripts stay off; the patches (patches/: kafkajs on Node 24, the mongodb driver on closed sockets) are applied explicitly
RUN npm install --no-audit --no-fund --ignore-scripts && npx patch-package
COPY tsconfig.base.json ./
COPY tools ./tools
COPY libs ./libs
COPY apps ./apps
ARG APP
RUN test -n "$APP" && node tools/build-app.mjs "$APP"
# the web app's pages too (React + Vite), into dist/apps/web/public beside its server
RUN if [ "$APP" = web ]; then npx vite build --config apps/web/vite.config.mts --logLevel warn; fi
# the outside systems' stand-ins (node: modules only) ride along: compose and k8s run supplier-simulator
# from order-service's image (`node supplier-simulator.js`), payment-gateway-simulator from payment-service's
RUN npx esbuild libs/devstack/src/simulators/supplier/main.ts --bundle --platform=node --target=node24 \
      --outfile="dist/apps/$APP/supplier-simulator.js" \
 && npx esbuild libs/devstack/src/simulators/payment-gateway/main.ts --bundle --platform=node --target=node24 \
      --outfile="dist/apps/$APP/payment-gateway-simulator.js"

FROM node:24-bookworm-slim AS runtime
ARG APP
ENV NODE_ENV=production SERVICE_NAME=${APP}
WORKDIR /app
COPY package.json package-lock.json ./
COPY patches ./patches
RUN npm install --omit=dev --no-audit --no-fund --ignore-scripts && npx patch-package && npm cache clean --force
COPY --from=build /repo/dist/apps/${APP} ./
# data-pipeline's local object store; a named volume mounted here inherits this ownership
RUN mkdir -p /data/object-store && chown node:node /data/object-store
USER node
# instrument.js first: OpenTelemetry (when OTEL_EXPORTER_OTLP_ENDPOINT is set) patches the libraries before the app loads them
CMD ["node", "--enable-source-maps", "--require", "./instrument.js", "main.js"]
